#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// NumPy's legacy random generator (`np.random.RandomState`, and the global one behind `np.random.*`):
/// MT19937 with NumPy's seeding, its polar Gaussian with the cached second value, masked rejection
/// for bounded integers and its Fisher-Yates shuffle, so a seeded program draws NumPy's numbers.
///
/// Use it from Swift as scikit-learn uses `check_random_state(int)`:
///
///     let state = NumPyRandomState.randomState(seed: 30)
///     let x = state.normal(loc: 0, scale: 1)         // np.random.RandomState(30).normal()
///     let k = state.randint(low: 0, high: 10)        // .randint(0, 10)
///     let order = state.permutation(5)               // .permutation(5)
///
/// It is separate from the engine's `RandomSource` (initial weights, `fit`'s shuffling).
public final class NumPyRandomState {
    private var twister: MersenneTwister
    private var cachedGauss: Double?

    /// A generator seeded as `np.random.RandomState(seed)` (seed in 0 ..< 2**32).
    public init(seed: UInt32) { twister = MersenneTwister(seed: seed) }

    /// `np.random.RandomState(seed)`.
    public static func randomState(seed: UInt32) -> NumPyRandomState { NumPyRandomState(seed: seed) }

    /// `seed(n)`: restarts from an integer seed and forgets the cached Gaussian.
    public func seed(_ seed: UInt32) {
        twister = MersenneTwister(seed: seed)
        cachedGauss = nil
    }

    /// `seed([a, b, …])`: restarts from a sequence of 32-bit words (`init_by_array`).
    public func seed(words: [UInt32]) {
        twister = MersenneTwister(words: words)
        cachedGauss = nil
    }

    /// `random_sample()` / `rand()`: a double in [0, 1).
    public func randomSample() -> Double { twister.nextDouble() }

    /// `standard_normal()` / `randn()`: the polar method; each accepted pair gives two values.
    public func standardNormal() -> Double {
        if let cached = cachedGauss {
            cachedGauss = nil
            return cached
        }
        var x1 = 0.0
        var x2 = 0.0
        var r2 = 0.0
        repeat {
            x1 = 2 * twister.nextDouble() - 1
            x2 = 2 * twister.nextDouble() - 1
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1 || r2 == 0
        let f = (-2 * log(r2) / r2).squareRoot()
        cachedGauss = f * x1
        return f * x2
    }

    /// `normal(loc, scale)`.
    public func normal(loc: Double, scale: Double) -> Double { loc + scale * standardNormal() }

    /// `uniform(low, high)`.
    public func uniform(low: Double, high: Double) -> Double { low + (high - low) * twister.nextDouble() }

    /// `randint(low, high)`: an integer in [low, high), by masked rejection as NumPy's int64 `randint`.
    /// The caller checks `low < high`.
    public func randint(low: Int, high: Int) -> Int {
        let range = UInt64(bitPattern: Int64(high &- 1)) &- UInt64(bitPattern: Int64(low))
        return low &+ Int(truncatingIfNeeded: bounded(range))
    }

    /// A value in [0, range] (inclusive) as `random_bounded_uint64_fill` with the mask.
    private func bounded(_ range: UInt64) -> UInt64 {
        if range == 0 { return 0 }
        if range == 0xffff_ffff { return UInt64(twister.next32()) }
        if range == .max { return twister.next64() }
        let mask = Self.mask(range)
        if range < 0xffff_ffff {
            while true {
                let value = UInt64(twister.next32()) & mask
                if value <= range { return value }
            }
        }
        while true {
            let value = twister.next64() & mask
            if value <= range { return value }
        }
    }

    /// The smallest all-ones mask covering `value`.
    static func mask(_ value: UInt64) -> UInt64 {
        var mask = value
        for shift in [1, 2, 4, 8, 16, 32] as [UInt64] { mask |= mask >> shift }
        return mask
    }

    /// `binomial(n, p)` by NumPy's inversion method (`random_binomial_inversion`), which it uses when the
    /// smaller of `n * p` and `n * (1 - p)` is at most 30; nil beyond that (NumPy's BTPE is not here).
    public func binomial(n: Int, p: Double) -> Int? {
        if n == 0 || p == 0 { return 0 }
        let flipped = p > 0.5
        let probability = flipped ? 1 - p : p
        guard probability * Double(n) <= 30 else { return nil }
        let q = 1 - probability
        let qn = exp(Double(n) * log(q))
        let mean = Double(n) * probability
        let bound = Int(min(Double(n), mean + 10 * (mean * q + 1).squareRoot()))
        var x = 0
        var px = qn
        var u = twister.nextDouble()
        while u > px {
            x += 1
            if x > bound {
                x = 0
                px = qn
                u = twister.nextDouble()
            } else {
                u -= px
                px = (Double(n - x + 1) * probability * px) / (Double(x) * q)
            }
        }
        return flipped ? n - x : x
    }

    /// `random_interval(max)`: an integer in [0, max], as the legacy shuffle draws it.
    func interval(_ max: Int) -> Int {
        if max <= 0 { return 0 }
        let limit = UInt64(max)
        let mask = Self.mask(limit)
        while true {
            let value = limit <= 0xffff_ffff ? UInt64(twister.next32()) & mask : twister.next64() & mask
            if value <= limit { return Int(value) }
        }
    }

    /// `shuffle(x)`: the legacy Fisher-Yates from the end.
    public func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, through: 1, by: -1) {
            let j = interval(i)
            if i != j { items.swapAt(i, j) }
        }
    }

    /// `permutation(n)`: a shuffled `arange(n)`.
    public func permutation(_ n: Int) -> [Int] {
        var order = Array(0..<max(n, 0))
        shuffle(&order)
        return order
    }

    /// Why a `choice` cannot be drawn, in NumPy's words.
    public struct ChoiceError: Error { public let message: String }

    /// `choice(n, size, replace, p)` as indices into the population, NumPy's way for each case.
    public func choiceIndices(population n: Int, count: Int, replace: Bool, p: [Double]?) throws(ChoiceError) -> [Int] {
        if n <= 0, count != 0 { throw ChoiceError(message: "a must be greater than 0 unless no samples are taken") }
        if let p { try Self.checkProbabilities(p, population: n) }
        if replace {
            guard let p else { return (0..<count).map { _ in randint(low: 0, high: n) } }
            let cdf = Self.normalizedCumulative(p)
            return (0..<count).map { _ in Self.searchRight(cdf, randomSample()) }
        }
        guard count <= n else {
            throw ChoiceError(message: "Cannot take a larger sample than population when 'replace=False'")
        }
        guard let p else { return Array(permutation(n).prefix(count)) }
        return try Self.choiceWithoutReplacement(weights: p, count: count, draw: randomSample)
    }

    /// NumPy's checks of `p` in `choice`.
    static func checkProbabilities(_ p: [Double], population n: Int) throws(ChoiceError) {
        guard p.count == n else { throw ChoiceError(message: "'a' and 'p' must have same size") }
        let total = p.reduce(0, +)
        if total.isNaN { throw ChoiceError(message: "probabilities contain NaN") }
        if p.contains(where: { $0 < 0 }) { throw ChoiceError(message: "probabilities are not non-negative") }
        if abs(total - 1) > Double.ulpOfOne.squareRoot() { throw ChoiceError(message: "probabilities do not sum to 1") }
    }

    /// Weighted sampling without replacement: draw, keep the new indices in order of first
    /// appearance, zero their weights, repeat (both generators do it this way).
    static func choiceWithoutReplacement(weights p: [Double], count: Int, draw: () -> Double) throws(ChoiceError)
        -> [Int]
    {
        guard p.filter({ $0 > 0 }).count >= count else {
            throw ChoiceError(message: "Fewer non-zero entries in p than size")
        }
        var weights = p
        var found: [Int] = []
        while found.count < count {
            let draws = (0..<(count - found.count)).map { _ in draw() }
            for index in found { weights[index] = 0 }
            let cdf = normalizedCumulative(weights)
            var seen = Set<Int>()
            for u in draws {
                let index = searchRight(cdf, u)
                if seen.insert(index).inserted { found.append(index) }
            }
        }
        return found
    }

    /// `cumsum(p) / cumsum(p)[-1]`, summed left to right as NumPy's `cumsum`.
    static func normalizedCumulative(_ p: [Double]) -> [Double] {
        var running = 0.0
        let sums = p.map {
            running += $0
            return running
        }
        let last = sums.last ?? 1
        return sums.map { $0 / last }
    }

    /// `searchsorted(cdf, u, side='right')`: the number of entries not above `u`.
    static func searchRight(_ cdf: [Double], _ u: Double) -> Int {
        var low = 0
        var high = cdf.count
        while low < high {
            let middle = (low + high) / 2
            if cdf[middle] <= u { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
