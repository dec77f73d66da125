/// The MT19937 Mersenne Twister as NumPy's legacy `RandomState` runs it: seeded by `init_genrand`
/// for an integer seed or `init_by_array` for a sequence, giving the same 32-bit words as NumPy.
struct MersenneTwister {
    static let stateLength = 624
    private static let shift = 397
    private var key = [UInt32](repeating: 0, count: stateLength)
    private var position = stateLength

    /// `init_genrand(seed)`: what `np.random.seed(n)` does for an integer n.
    init(seed: UInt32) {
        var value = seed
        for index in 0..<Self.stateLength {
            key[index] = value
            value = 1_812_433_253 &* (value ^ (value >> 30)) &+ UInt32(index + 1)
        }
        position = Self.stateLength
    }

    /// `init_by_array(words)`: what `np.random.seed([a, b, …])` does.
    init(words: [UInt32]) {
        self.init(seed: 19_650_218)
        let n = Self.stateLength
        var i = 1
        var j = 0
        for _ in 0..<max(n, words.count) {
            let previous = key[i - 1] ^ (key[i - 1] >> 30)
            key[i] = (key[i] ^ (previous &* 1_664_525)) &+ (words.isEmpty ? 0 : words[j]) &+ UInt32(j)
            i += 1
            j += 1
            if i >= n {
                key[0] = key[n - 1]
                i = 1
            }
            if j >= words.count { j = 0 }
        }
        for _ in 0..<(n - 1) {
            let previous = key[i - 1] ^ (key[i - 1] >> 30)
            key[i] = (key[i] ^ (previous &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= n {
                key[0] = key[n - 1]
                i = 1
            }
        }
        key[0] = 0x8000_0000
        position = n
    }

    private mutating func regenerate() {
        let n = Self.stateLength
        let m = Self.shift
        func twist(_ upper: UInt32, _ lower: UInt32, _ far: UInt32) -> UInt32 {
            let y = (upper & 0x8000_0000) | (lower & 0x7fff_ffff)
            return far ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : 0x9908_b0df)
        }
        for k in 0..<(n - m) { key[k] = twist(key[k], key[k + 1], key[k + m]) }
        for k in (n - m)..<(n - 1) { key[k] = twist(key[k], key[k + 1], key[k + m - n]) }
        key[n - 1] = twist(key[n - 1], key[0], key[m - 1])
        position = 0
    }

    /// The next tempered 32-bit word.
    mutating func next32() -> UInt32 {
        if position >= Self.stateLength { regenerate() }
        var y = key[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// Two words, high first, as NumPy's `next_uint64` for MT19937.
    mutating func next64() -> UInt64 { UInt64(next32()) << 32 | UInt64(next32()) }

    /// A double in [0, 1) with 53 random bits (`random_sample`).
    mutating func nextDouble() -> Double {
        let a = Double(next32() >> 5)
        let b = Double(next32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }
}
