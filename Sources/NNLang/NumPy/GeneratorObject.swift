import NNEngine

/// `np.random.default_rng(seed)`: a `Generator` object with NumPy's methods, drawing from a `NumPyGenerator`.
final class GeneratorObject: PyObject {
    let generator: NumPyGenerator
    private var methods: [String: Value] = [:]

    init(_ generator: NumPyGenerator) {
        self.generator = generator
        methods = GeneratorObject.methods(generator)
    }

    var typeName: String { "Generator" }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? { methods[name] }
    var attributeNames: [String] { methods.keys.sorted() }
    func repr(_ interpreter: Interpreter) -> String { "Generator(PCG64)" }

    /// `default_rng(seed=None)`: an int, a list of ints, or None for the session's seed.
    static func make(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        guard let seed = a["seed"] else {
            return .object(GeneratorObject(NumPyGenerator(seed: interpreter.options.seed)))
        }
        if case .object(let object as GeneratorObject) = seed { return .object(object) }
        let values: [Value]
        switch seed {
        case .list(let list): values = list.items
        case .tuple(let tuple): values = tuple.items
        default: values = [seed]
        }
        var words: [UInt32] = []
        for value in values {
            guard let integer = value.exactInteger else {
                throw Diagnostic(
                    "SeedSequence expects int or sequence of ints for entropy not \(value.typeName)",
                    at: a.range("seed"))
            }
            guard integer >= 0 else { throw Diagnostic("expected non-negative integer", at: a.range("seed")) }
            words += PCG64.words(of: UInt64(integer))
        }
        return .object(GeneratorObject(NumPyGenerator(entropy: words)))
    }

    static func methods(_ g: NumPyGenerator) -> [String: Value] {
        [
            "random": function("random", "size=None") { a, _ throws(Diagnostic) in
                NumPyRandom.floats(try NumPyRandom.size(a), g.random)
            },
            "standard_normal": function("standard_normal", "size=None") { a, _ throws(Diagnostic) in
                NumPyRandom.floats(try NumPyRandom.size(a), g.standardNormal)
            },
            "normal": function("normal", "loc=0.0, scale=1.0, size=None") { a, _ throws(Diagnostic) in
                try NumPyRandom.drawn(a, ("loc", 0), ("scale", 1), check: NumPyRandom.checkScale) {
                    g.normal(loc: $0, scale: $1)
                }
            },
            "uniform": function("uniform", "low=0.0, high=1.0, size=None") { a, _ throws(Diagnostic) in
                try NumPyRandom.drawn(a, ("low", 0), ("high", 1), check: NumPyRandom.checkRange) {
                    g.uniform(low: $0, high: $1)
                }
            },
            "integers": function("integers", "low, high=None, size=None, dtype=None, endpoint=False") {
                a, _ throws(Diagnostic) in
                guard try a.optionalDType("dtype").map({ $0 == .int64 }) ?? true else {
                    throw Diagnostic(
                        "integers draws int64 (or int32) numbers here; drop dtype= or use .astype()",
                        at: a.range("dtype"))
                }
                var low = try a.int("low")
                var high = 0
                if a["high"] == nil { (low, high) = (0, low) } else { high = try a.int("high") }
                if try a.bool("endpoint", default: false) {
                    guard high < Int.max else { throw Diagnostic("high is out of bounds for int64", at: a.callRange) }
                    high += 1
                }
                guard high > low else {
                    throw Diagnostic(high == 0 && a["high"] == nil ? "high <= 0" : "low >= high", at: a.callRange)
                }
                return NumPyRandom.integers(try NumPyRandom.size(a)) { g.integers(low: low, high: high) }
            },
            "permutation": function("permutation", "x") { a, _ throws(Diagnostic) in
                if let n = (a.values["x"]?.value ?? .none).exactInteger {
                    try ArrayConversion.checkSize([max(n, 0)], range: a.range("x"))
                    let order = g.permutation(n)
                    return .array(NDArray(Tensor.exactly(shape: [order.count], dtype: .int64) { Double(order[$0]) }))
                }
                let tensor = try a.tensor("x")
                guard tensor.rank >= 1 else {
                    throw Diagnostic("x must be an integer or at least 1-dimensional", at: a.range("x"))
                }
                return .array(NDArray(NumPyRandom.gatherRows(tensor, g.permutation(tensor.shape[0]))))
            },
            "shuffle": function("shuffle", "x") { a, _ throws(Diagnostic) in
                switch a.values["x"]?.value ?? .none {
                case .list(let list): g.shuffle(&list.items)
                case .array(let array) where array.tensor.rank >= 1:
                    array.tensor = NumPyRandom.gatherRows(array.tensor, g.permutation(array.tensor.shape[0]))
                default: throw Diagnostic("shuffle needs a list or an array (it shuffles in place)", at: a.range("x"))
                }
                return .none
            },
            "choice": function("choice", "a, size=None, replace=True, p=None") { a, _ throws(Diagnostic) in
                try NumPyRandom.choice(a, g.choiceIndices)
            },
        ]
    }
}
