/// NumPy's modern generator, `np.random.default_rng(seed)`: PCG64 seeded through `SeedSequence`,
/// Lemire's bounded integers, and the `Generator` methods' own algorithms, so a seeded
/// `default_rng` draws NumPy's numbers.
public final class NumPyGenerator {
    private var bits: PCG64

    /// `np.random.default_rng(seed)` for a non-negative integer seed.
    public init(seed: UInt64) { bits = PCG64(entropy: PCG64.words(of: seed)) }

    /// `np.random.default_rng([a, b, …])`: the words of each integer, in order.
    public init(entropy: [UInt32]) { bits = PCG64(entropy: entropy) }

    /// `random()`: a double in [0, 1).
    public func random() -> Double { bits.nextDouble() }

    /// `uniform(low, high)`.
    public func uniform(low: Double, high: Double) -> Double { low + (high - low) * bits.nextDouble() }

    /// `standard_normal()`: the ziggurat (see `Ziggurat` for how close to NumPy's values).
    public func standardNormal() -> Double { Ziggurat.shared.normal({ bits.next64() }, { bits.nextDouble() }) }

    /// `normal(loc, scale)`.
    public func normal(loc: Double, scale: Double) -> Double { loc + scale * standardNormal() }

    /// `integers(low, high)`: an integer in [low, high) by Lemire's method; the caller checks low < high.
    public func integers(low: Int, high: Int) -> Int {
        let range = UInt64(bitPattern: Int64(high &- 1)) &- UInt64(bitPattern: Int64(low))
        return low &+ Int(truncatingIfNeeded: bounded(range))
    }

    /// A value in [0, range] (inclusive), as `random_bounded_uint64` without the mask.
    func bounded(_ range: UInt64) -> UInt64 {
        if range == 0 { return 0 }
        if range == 0xffff_ffff { return UInt64(bits.next32()) }
        if range == .max { return bits.next64() }
        if range < 0xffff_ffff {
            let exclusive = UInt32(range) + 1
            var product = UInt64(bits.next32()) * UInt64(exclusive)
            if UInt32(truncatingIfNeeded: product) < exclusive {
                let threshold = (UInt32.max - UInt32(range)) % exclusive
                while UInt32(truncatingIfNeeded: product) < threshold {
                    product = UInt64(bits.next32()) * UInt64(exclusive)
                }
            }
            return product >> 32
        }
        let exclusive = range + 1
        var product = bits.next64().multipliedFullWidth(by: exclusive)
        if product.low < exclusive {
            let threshold = (UInt64.max - range) % exclusive
            while product.low < threshold { product = bits.next64().multipliedFullWidth(by: exclusive) }
        }
        return product.high
    }

    /// `shuffle(x)`: Fisher-Yates from the end, each position drawn by masked rejection (`random_interval`).
    public func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, through: 1, by: -1) { items.swapAt(i, interval(i)) }
    }

    /// `random_interval(max)`: an integer in [0, max] by masked rejection.
    func interval(_ max: Int) -> Int {
        let limit = UInt64(max)
        let mask = NumPyRandomState.mask(limit)
        while true {
            let value = limit <= 0xffff_ffff ? UInt64(bits.next32()) & mask : bits.next64() & mask
            if value <= limit { return Int(value) }
        }
    }

    /// `permutation(n)`.
    public func permutation(_ n: Int) -> [Int] {
        var order = Array(0..<max(n, 0))
        shuffle(&order)
        return order
    }

    /// `choice(n, size, replace, p)` as indices, with `Generator.choice`'s algorithms (Floyd's
    /// sampling then a shuffle when drawing without replacement).
    public func choiceIndices(population n: Int, count: Int, replace: Bool, p: [Double]?) throws(NumPyRandomState
        .ChoiceError) -> [Int]
    {
        if n <= 0, count != 0 { throw .init(message: "a cannot be empty unless no samples are taken") }
        if let p { try NumPyRandomState.checkProbabilities(p, population: n) }
        if replace {
            guard let p else { return (0..<count).map { _ in integers(low: 0, high: n) } }
            let cdf = NumPyRandomState.normalizedCumulative(p)
            return (0..<count).map { _ in NumPyRandomState.searchRight(cdf, random()) }
        }
        guard count <= n else {
            throw .init(message: "Cannot take a larger sample than population when replace is False")
        }
        if let p {
            return try NumPyRandomState.choiceWithoutReplacement(weights: p, count: count, draw: random)
        }
        if n > 10000, count > n / 50 {
            // Tail shuffle: the last `count` items of a partly shuffled range.
            var order = Array(0..<n)
            for i in stride(from: n - 1, through: max(n - count, 1), by: -1) {
                order.swapAt(i, Int(bounded(UInt64(i))))
            }
            return Array(order[(n - count)...])
        }
        var chosen = Set<Int>()
        var result: [Int] = []
        for j in (n - count)..<n {
            let value = Int(bounded(UInt64(j)))
            let pick = chosen.contains(value) ? j : value
            chosen.insert(pick)
            result.append(pick)
        }
        if result.count > 1 {
            for i in stride(from: result.count - 1, through: 1, by: -1) { result.swapAt(i, Int(bounded(UInt64(i)))) }
        }
        return result
    }
}
