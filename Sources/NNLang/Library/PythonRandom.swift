import Foundation

/// Python's own `random` module: a Mersenne Twister seeded as CPython seeds it (`init_by_array` on the
/// seed's 32-bit words), so `random.seed(1); random.random()` gives Python's numbers.
final class PythonRandom {
    private var twister: MersenneTwister
    /// The second normal value of the last pair `gauss` made, as CPython keeps it.
    private var nextGauss: Double?

    init(seed: UInt64) { twister = PythonRandom.twister(for: seed) }

    static func twister(for seed: UInt64) -> MersenneTwister {
        var words: [UInt32] = [UInt32(truncatingIfNeeded: seed)]
        if seed >> 32 != 0 { words.append(UInt32(truncatingIfNeeded: seed >> 32)) }
        return MersenneTwister(words: words)
    }

    func seed(_ value: UInt64) {
        twister = PythonRandom.twister(for: value)
        nextGauss = nil
    }

    /// `random()`: 53 random bits, as CPython's `genrand_res53`.
    func random() -> Double { twister.nextDouble() }

    /// `getrandbits(k)` for k up to 64: the lowest word first, the last one shifted down.
    func bits(_ k: Int) -> UInt64 {
        var result: UInt64 = 0
        var remaining = k
        var shift: UInt64 = 0
        while remaining > 0 {
            var word = UInt64(twister.next32())
            if remaining < 32 { word >>= UInt64(32 - remaining) }
            result |= word << shift
            shift += 32
            remaining -= 32
        }
        return result
    }

    /// `_randbelow(n)`: rejection sampling on `n.bit_length()` bits.
    func below(_ n: Int) -> Int {
        guard n > 0 else { return 0 }
        let k = Int.bitWidth - n.leadingZeroBitCount
        var r = bits(k)
        while r >= UInt64(n) { r = bits(k) }
        return Int(r)
    }

    func gauss(mu: Double, sigma: Double) -> Double {
        if let z = nextGauss {
            nextGauss = nil
            return mu + z * sigma
        }
        let angle = random() * 2 * Double.pi
        let radius = (-2 * Foundation.log(1 - random())).squareRoot()
        nextGauss = Foundation.sin(angle) * radius
        return mu + Foundation.cos(angle) * radius * sigma
    }
}

extension PythonRandom {
    /// The `random` module, drawing from `stream`.
    static func module(_ stream: PythonRandom) -> ModuleObject {
        ModuleObject(
            "random",
            [
                "seed": function("seed", "a=None") { a, _ throws(Diagnostic) in
                    switch a["a"] {
                    case nil: stream.seed(UInt64(TimeLibrary.wallClock() * 1e6))
                    case .int(let n)?: stream.seed(UInt64(n.magnitude))
                    case .bool(let b)?: stream.seed(b ? 1 : 0)
                    case let value?:
                        throw Diagnostic(
                            "random.seed() takes an integer in NNLab, not \(value.typeName)", at: a.range("a"))
                    }
                    return .none
                },
                "random": function("random", "") { _, _ in .float(stream.random()) },
                "uniform": function("uniform", "a, b") { a, _ throws(Diagnostic) in
                    let (low, high) = (try a.double("a"), try a.double("b"))
                    return .float(low + (high - low) * stream.random())
                },
                "randint": function("randint", "a, b") { a, _ throws(Diagnostic) in
                    let (low, high) = (try a.int("a"), try a.int("b"))
                    guard high >= low else {
                        throw Diagnostic("ValueError: empty range in randint(\(low), \(high))", at: a.callRange)
                    }
                    return .int(low + stream.below(high - low + 1))
                },
                "randrange": function("randrange", "start, stop=None, step=1") { a, _ throws(Diagnostic) in
                    let (start, stop) =
                        a["stop"] == nil ? (0, try a.int("start")) : (try a.int("start"), try a.int("stop"))
                    let step = try a.int("step", default: 1)
                    let count =
                        step > 0 ? (stop - start + step - 1) / step : (step < 0 ? (start - stop - step - 1) / -step : 0)
                    guard count > 0 else {
                        throw Diagnostic("ValueError: empty range for randrange()", at: a.callRange)
                    }
                    return .int(start + step * stream.below(count))
                },
                "gauss": function("gauss", "mu=0.0, sigma=1.0") { a, _ throws(Diagnostic) in
                    .float(stream.gauss(mu: try a.double("mu", default: 0), sigma: try a.double("sigma", default: 1)))
                },
                "choice": function("choice", "seq") { a, interpreter throws(Diagnostic) in
                    let items = try interpreter.iterate(a.values["seq"]?.value ?? .none, range: a.range("seq"))
                    guard !items.isEmpty else {
                        throw Diagnostic("IndexError: Cannot choose from an empty sequence", at: a.callRange)
                    }
                    return items[stream.below(items.count)]
                },
                "sample": function("sample", "population, k") { a, interpreter throws(Diagnostic) in
                    // CPython's Random.sample: a pool for small populations, else a set of drawn indices.
                    let population = a.values["population"]?.value ?? .none
                    if case .object(let object) = population, object is SetObject {
                        throw Diagnostic(
                            "Population must be a sequence.  For dicts or sets, use sorted(d).",
                            at: a.range("population"),
                            exception: "TypeError")
                    }
                    let items = try interpreter.iterate(population, range: a.range("population"))
                    let n = items.count
                    let k = try a.int("k")
                    guard k >= 0, k <= n else {
                        throw Diagnostic(
                            "Sample larger than population or is negative", at: a.callRange, exception: "ValueError")
                    }
                    var setSize = 21
                    if k > 5 { setSize += Int(pow(4.0, (log(Double(k * 3)) / log(4.0)).rounded(.up))) }
                    var result: [Value] = []
                    if n <= setSize {
                        var pool = items
                        for i in 0..<k {
                            let j = stream.below(n - i)
                            result.append(pool[j])
                            pool[j] = pool[n - i - 1]
                        }
                    } else {
                        var selected = Set<Int>()
                        for _ in 0..<k {
                            var j = stream.below(n)
                            while selected.contains(j) { j = stream.below(n) }
                            selected.insert(j)
                            result.append(items[j])
                        }
                    }
                    return .list(result)
                },
                "choices": function("choices", "population, weights=None, *, cum_weights=None, k=1") {
                    a, interpreter throws(Diagnostic) in
                    let items = try interpreter.iterate(
                        a.values["population"]?.value ?? .none, range: a.range("population"))
                    let k = try a.int("k", default: 1)
                    let range = a.callRange
                    func weight(_ value: Value) throws(Diagnostic) -> Double {
                        guard let number = value.numericValue else {
                            throw Diagnostic(
                                "unsupported operand type(s) for +: 'float' and '\(value.typeName)'", at: range,
                                exception: "TypeError")
                        }
                        return number
                    }
                    var cumulative: [Double]?
                    if let given = a["cum_weights"], !given.isNone {
                        cumulative = try interpreter.iterate(given, range: a.range("cum_weights")).map {
                            value throws(Diagnostic) in try weight(value)
                        }
                    } else if let weights = a["weights"], !weights.isNone {
                        var total = 0.0
                        cumulative = try interpreter.iterate(weights, range: a.range("weights")).map {
                            value throws(Diagnostic) in
                            total += try weight(value)
                            return total
                        }
                    }
                    guard let cumulative else {
                        guard !items.isEmpty || k == 0 else {
                            throw Diagnostic(
                                "Cannot choose from an empty population", at: a.callRange, exception: "IndexError")
                        }
                        return .list(
                            (0..<max(k, 0)).map { _ in
                                items[Int((stream.random() * Double(items.count)).rounded(.down))]
                            })
                    }
                    guard cumulative.count == items.count else {
                        throw Diagnostic(
                            "The number of weights does not match the population", at: a.callRange,
                            exception: "ValueError")
                    }
                    guard let total = cumulative.last, total > 0, total.isFinite else {
                        throw Diagnostic(
                            "Total of weights must be greater than zero", at: a.callRange, exception: "ValueError")
                    }
                    return .list(
                        (0..<max(k, 0)).map { _ in
                            // bisect_right over the cumulative weights, as CPython does (hi = n - 1).
                            let x = stream.random() * total
                            var low = 0
                            var high = items.count - 1
                            while low < high {
                                let middle = (low + high) / 2
                                if x < cumulative[middle] { high = middle } else { low = middle + 1 }
                            }
                            return items[low]
                        })
                },
                "shuffle": function("shuffle", "x") { a, _ throws(Diagnostic) in
                    guard case .list(let list)? = a["x"] else {
                        throw Diagnostic("random.shuffle() shuffles a list in place", at: a.range("x"))
                    }
                    for i in stride(from: list.items.count - 1, to: 0, by: -1) {
                        list.items.swapAt(i, stream.below(i + 1))
                    }
                    return .none
                },
            ])
    }
}
