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
