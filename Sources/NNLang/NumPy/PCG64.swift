/// NumPy's `SeedSequence` (entropy hashed into a pool of four words) and the PCG64 (XSL-RR) bit
/// generator it seeds, as `np.random.default_rng(seed)` makes them.
struct PCG64 {
    private var state: UInt128 = 0
    private var increment: UInt128 = 0
    /// The upper half of the last 64-bit output, kept for the next 32-bit draw (NumPy buffers it).
    private var pendingWord: UInt32?
    private static let multiplier: UInt128 = 0x2360_ED05_1FC6_5DA4_4385_DF64_9FCC_F645

    /// `PCG64(SeedSequence(entropy))`, entropy given as 32-bit words (least significant first).
    init(entropy: [UInt32]) {
        let words = PCG64.generateState(pool: PCG64.pool(entropy), count: 8)
        func combine(_ low: UInt32, _ high: UInt32) -> UInt64 { UInt64(high) << 32 | UInt64(low) }
        let seed = UInt128(combine(words[0], words[1])) << 64 | UInt128(combine(words[2], words[3]))
        let sequence = UInt128(combine(words[4], words[5])) << 64 | UInt128(combine(words[6], words[7]))
        increment = sequence << 1 | 1
        step()
        state &+= seed
        step()
    }

    /// The 32-bit words of a non-negative integer seed, as `SeedSequence` reads it.
    static func words(of seed: UInt64) -> [UInt32] {
        var words: [UInt32] = []
        var rest = seed
        repeat {
            words.append(UInt32(truncatingIfNeeded: rest))
            rest >>= 32
        } while rest > 0
        return words
    }

    private static let initA: UInt32 = 0x43b0_d7e5, multiplyA: UInt32 = 0x931e_8875
    private static let initB: UInt32 = 0x8b51_f9dd, multiplyB: UInt32 = 0x58f3_8ded
    private static let mixLeft: UInt32 = 0xca01_f9dd, mixRight: UInt32 = 0x4973_f715

    /// `SeedSequence.mix_entropy`: the pool of four words.
    static func pool(_ entropy: [UInt32]) -> [UInt32] {
        var hashConstant = initA
        func hashmix(_ input: UInt32) -> UInt32 {
            var value = input ^ hashConstant
            hashConstant = hashConstant &* multiplyA
            value = value &* hashConstant
            return value ^ (value >> 16)
        }
        func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
            let result = mixLeft &* x &- mixRight &* y
            return result ^ (result >> 16)
        }
        var pool = (0..<4).map { hashmix($0 < entropy.count ? entropy[$0] : 0) }
        for source in 0..<4 {
            for destination in 0..<4 where source != destination {
                pool[destination] = mix(pool[destination], hashmix(pool[source]))
            }
        }
        for source in entropy.indices.dropFirst(4) {
            for destination in 0..<4 { pool[destination] = mix(pool[destination], hashmix(entropy[source])) }
        }
        return pool
    }

    /// `SeedSequence.generate_state`: `count` 32-bit words drawn from the pool.
    static func generateState(pool: [UInt32], count: Int) -> [UInt32] {
        var hashConstant = initB
        return (0..<count).map { index in
            var value = pool[index % pool.count] ^ hashConstant
            hashConstant = hashConstant &* multiplyB
            value = value &* hashConstant
            return value ^ (value >> 16)
        }
    }

    private mutating func step() { state = state &* PCG64.multiplier &+ increment }

    mutating func next64() -> UInt64 {
        step()
        let high = UInt64(truncatingIfNeeded: state >> 64)
        let low = UInt64(truncatingIfNeeded: state)
        let rotation = UInt64(truncatingIfNeeded: state >> 122)
        let value = high ^ low
        return value >> rotation | value << ((64 &- rotation) & 63)
    }

    mutating func next32() -> UInt32 {
        if let word = pendingWord {
            pendingWord = nil
            return word
        }
        let value = next64()
        pendingWord = UInt32(truncatingIfNeeded: value >> 32)
        return UInt32(truncatingIfNeeded: value)
    }

    /// A double in [0, 1) from the top 53 bits.
    mutating func nextDouble() -> Double { Double(next64() >> 11) * (1.0 / 9_007_199_254_740_992.0) }
}
