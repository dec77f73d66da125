import NNEngine

/// `np.random`: NumPy's legacy functions on one global `NumPyRandomState` per session (seeded from the
/// session's seed until `np.random.seed`), `np.random.RandomState(seed)` objects with the same methods,
/// and `np.random.default_rng(seed)`.
enum NumPyRandom {
    static func module(_ interpreter: Interpreter) -> ModuleObject {
        var members = legacyFunctions(interpreter.modules.numpyRandomState(interpreter))
        members["RandomState"] = function("RandomState", "seed=None") { a, interpreter throws(Diagnostic) in
            let state = NumPyRandomState(seed: UInt32(truncatingIfNeeded: interpreter.options.seed))
            try seed(state, a)
            return .object(RandomStateObject(state))
        }
        members["default_rng"] = function("default_rng", "seed=None") { a, interpreter throws(Diagnostic) in
            try GeneratorObject.make(a, interpreter)
        }
        return ModuleObject("numpy.random", members)
    }

    /// Reseeds `state` from the `seed` argument: an int, a sequence of ints, or None (the session's seed).
    static func seed(_ state: NumPyRandomState, _ a: BoundArguments, session: UInt64? = nil) throws(Diagnostic) {
        let message = "Seed must be between 0 and 2**32 - 1"
        guard let value = a["seed"] else {
            if let session { state.seed(UInt32(truncatingIfNeeded: session)) }
            return
        }
        if let integer = value.exactInteger {
            guard integer >= 0, integer <= Int(UInt32.max) else { throw Diagnostic(message, at: a.range("seed")) }
            state.seed(UInt32(integer))
            return
        }
        // A list of Python ints is read exactly; an array through its (float32) storage.
        var integers: [Int] = []
        switch value {
        case .list(let list): integers = list.items.compactMap(\.exactInteger)
        case .tuple(let items): integers = items.compactMap(\.exactInteger)
        default:
            let tensor = try a.tensor("seed")
            if tensor.rank == 1, tensor.dtype != .float32, tensor.dtype != .float64 {
                integers = tensor.scalars.map { $0.isFinite && abs($0) < 9e18 ? Int($0) : -1 }
            }
        }
        guard !integers.isEmpty, integers.count == (try a.tensor("seed")).count else {
            throw Diagnostic("a seed must be an integer or a non-empty 1-d sequence of integers", at: a.range("seed"))
        }
        guard integers.allSatisfy({ $0 >= 0 && $0 <= Int(UInt32.max) }) else {
            throw Diagnostic(message, at: a.range("seed"))
        }
        state.seed(words: integers.map { UInt32($0) })
    }

    /// The `size` argument as a shape, or nil for a single value.
    static func size(_ a: BoundArguments, _ name: String = "size") throws(Diagnostic) -> [Int]? {
        guard a[name] != nil else { return nil }
        let shape = try a.shape(name)
        try ExactValues.reserve(shape, .float64, range: a.callRange)
        return shape
    }

    /// A two-parameter distribution (`normal(loc, scale)`, `uniform(low, high)`): with numbers, `size`
    /// draws; with arrays, one draw per element of their broadcast shape (or `size`), in order, as NumPy does.
    static func drawn(
        _ a: BoundArguments, _ first: (String, Double), _ second: (String, Double),
        check: (Double, Double, BoundArguments) throws(Diagnostic) -> Void, _ draw: (Double, Double) -> Double
    ) throws(Diagnostic) -> Value {
        let shape = try size(a)
        let isArray = { (name: String) -> Bool in
            switch a[name] {
            case .array?, .list?, .tuple?: return true
            default: return false
            }
        }
        guard isArray(first.0) || isArray(second.0) else {
            let p = try a.double(first.0, default: first.1)
            let q = try a.double(second.0, default: second.1)
            try check(p, q, a)
            return floats(shape) { draw(p, q) }
        }
        let p = try parameter(a, first)
        let q = try parameter(a, second)
        var target = try ArrayMath.broadcastShape(p.shape, q.shape, range: a.callRange)
        if let shape { target = shape }
        guard (try? ArrayMath.broadcastShape(p.shape, target, range: a.callRange)) == target,
            (try? ArrayMath.broadcastShape(q.shape, target, range: a.callRange)) == target
        else {
            throw Diagnostic(
                "shape mismatch: objects cannot be broadcast to the size \(formatShape(target))", at: a.callRange)
        }
        let (pv, qv) = (p.knownValues, q.knownValues)
        let ps = ExactValues.broadcastOffsets(from: p.shape, to: target).map { pv[$0] }
        let qs = ExactValues.broadcastOffsets(from: q.shape, to: target).map { qv[$0] }
        for i in 0..<ps.count { try check(ps[i], qs[i], a) }
        return .array(NDArray(Tensor.exactly(shape: target, dtype: .float64) { draw(ps[$0], qs[$0]) }))
    }

    /// A distribution's parameter given as an array (or its default), exactly.
    static func parameter(_ a: BoundArguments, _ parameter: (String, Double)) throws(Diagnostic) -> Tensor {
        guard a[parameter.0] != nil else { return Tensor.exactly(shape: [], dtype: .float64) { _ in parameter.1 } }
        return try a.tensor(parameter.0)
    }

    /// `binomial(n, p, size=None)`: a Python int for numbers, else an int64 array (one draw per element
    /// of the broadcast `n` and `p`, or of `size`), by NumPy's inversion method.
    static func binomial(_ state: NumPyRandomState, _ a: BoundArguments) throws(Diagnostic) -> Value {
        let n = try a.tensor("n")
        let p = try a.tensor("p")
        guard n.dtype != .float32 && n.dtype != .float64 || n.knownValues.allSatisfy({ $0.rounded() == $0 }) else {
            throw Diagnostic(
                "Cannot cast array data from dtype('float64') to dtype('int64') according to the rule "
                    + "'safe'", at: a.range("n"))
        }
        let shape = try size(a)
        var target = try ArrayMath.broadcastShape(n.shape, p.shape, range: a.callRange)
        if let shape { target = shape }
        guard (try? ArrayMath.broadcastShape(n.shape, target, range: a.callRange)) == target,
            (try? ArrayMath.broadcastShape(p.shape, target, range: a.callRange)) == target
        else {
            throw Diagnostic(
                "shape mismatch: objects cannot be broadcast to the size \(formatShape(target))", at: a.callRange)
        }
        let (nv, pv) = (n.knownValues, p.knownValues)
        let ns = ExactValues.broadcastOffsets(from: n.shape, to: target).map { Int(nv[$0]) }
        let ps = ExactValues.broadcastOffsets(from: p.shape, to: target).map { pv[$0] }
        if ns.contains(where: { $0 < 0 }) { throw Diagnostic("n < 0", at: a.range("n")) }
        if ps.contains(where: { !($0 >= 0 && $0 <= 1) }) {
            throw Diagnostic("p < 0, p > 1 or p is NaN", at: a.range("p"))
        }
        var draws: [Double] = []
        for (count, probability) in zip(ns, ps) {
            guard let x = state.binomial(n: count, p: probability) else {
                throw Diagnostic(
                    "binomial with n * min(p, 1 - p) above 30 needs NumPy's BTPE method, which NNLab does not have",
                    at: a.callRange)
            }
            draws.append(Double(x))
        }
        if target.isEmpty && shape == nil && n.rank == 0 && p.rank == 0 { return .int(Int(draws[0])) }
        return .array(NDArray(Tensor.exactly(shape: target, dtype: .int64) { draws[$0] }))
    }

    static func checkScale(_ loc: Double, _ scale: Double, _ a: BoundArguments) throws(Diagnostic) {
        guard scale >= 0 else { throw Diagnostic("scale < 0", at: a.range("scale")) }
    }

    static func checkRange(_ low: Double, _ high: Double, _ a: BoundArguments) throws(Diagnostic) {
        guard (high - low).isFinite else { throw Diagnostic("Range exceeds valid bounds", at: a.callRange) }
    }

    /// `rand(2, 3)`'s dimensions, or nil when none are given.
    static func dimensions(_ a: BoundArguments) throws(Diagnostic) -> [Int]? {
        if a.rest.isEmpty { return nil }
        var shape: [Int] = []
        for (index, value) in a.rest.enumerated() {
            guard let dimension = value.exactInteger else {
                throw Diagnostic("dimensions must be integers; got \(value.typeName)", at: a.restRange(index))
            }
            shape.append(dimension)
        }
        try ArrayConversion.checkSize(shape, range: a.callRange)
        try ExactValues.reserve(shape, .float64, range: a.callRange)
        return shape
    }

    /// Floats drawn in order: a Python float when `shape` is nil, else a float64 array.
    static func floats(_ shape: [Int]?, _ draw: () -> Double) -> Value {
        guard let shape else { return .float(draw()) }
        return .array(NDArray(Tensor.exactly(shape: shape, dtype: .float64) { _ in draw() }))
    }

    /// Integers drawn in order: a NumPy int64 scalar when `shape` is nil, else an int64 array.
    static func integers(_ shape: [Int]?, _ draw: () -> Int) -> Value {
        .array(NDArray(Tensor.exactly(shape: shape ?? [], dtype: .int64) { _ in Double(draw()) }))
    }

    static func legacyFunctions(_ state: NumPyRandomState) -> [String: Value] {
        var members: [String: Value] = [
            "seed": function("seed", "seed=None") { a, interpreter throws(Diagnostic) in
                try seed(state, a, session: interpreter.options.seed)
                return .none
            },
            "rand": function("rand", "*d") { a, _ throws(Diagnostic) in floats(try dimensions(a), state.randomSample) },
            "randn": function("randn", "*d") { a, _ throws(Diagnostic) in
                floats(try dimensions(a), state.standardNormal)
            },
            "standard_normal": function("standard_normal", "size=None") { a, _ throws(Diagnostic) in
                floats(try size(a), state.standardNormal)
            },
            "normal": function("normal", "loc=0.0, scale=1.0, size=None") { a, _ throws(Diagnostic) in
                try drawn(a, ("loc", 0), ("scale", 1), check: checkScale) { state.normal(loc: $0, scale: $1) }
            },
            "uniform": function("uniform", "low=0.0, high=1.0, size=None") { a, _ throws(Diagnostic) in
                try drawn(a, ("low", 0), ("high", 1), check: checkRange) { state.uniform(low: $0, high: $1) }
            },
            "randint": function("randint", "low, high=None, size=None, dtype=int") { a, _ throws(Diagnostic) in
                // Narrower integer types draw from NumPy's stream in other ways (8- and 16-bit buffers).
                guard try a.optionalDType("dtype").map({ $0 == .int64 }) ?? true else {
                    throw Diagnostic(
                        "randint draws int64 (or int32) numbers here; drop dtype= or use .astype()",
                        at: a.range("dtype"))
                }
                var low = try a.int("low")
                var high = 0
                if a["high"] == nil {
                    guard low > 0 else { throw Diagnostic("high <= 0", at: a.range("low")) }
                    (low, high) = (0, low)
                } else {
                    high = try a.int("high")
                }
                guard high > low else { throw Diagnostic("low >= high", at: a.callRange) }
                return integers(try size(a)) { state.randint(low: low, high: high) }
            },
            "permutation": function("permutation", "x") { a, _ throws(Diagnostic) in
                let x = a.values["x"]?.value ?? .none
                if let n = x.exactInteger {
                    try ArrayConversion.checkSize([max(n, 0)], range: a.range("x"))
                    let order = state.permutation(n)
                    return .array(NDArray(Tensor.exactly(shape: [order.count], dtype: .int64) { Double(order[$0]) }))
                }
                let tensor = try a.tensor("x")
                guard tensor.rank >= 1 else {
                    throw Diagnostic("x must be an integer or at least 1-dimensional", at: a.range("x"))
                }
                return .array(NDArray(gatherRows(tensor, state.permutation(tensor.shape[0]))))
            },
            "shuffle": function("shuffle", "x") { a, _ throws(Diagnostic) in
                switch a.values["x"]?.value ?? .none {
                case .list(let list):
                    state.shuffle(&list.items)
                case .array(let array) where array.tensor.rank >= 1:
                    array.tensor = gatherRows(array.tensor, state.permutation(array.tensor.shape[0]))
                default:
                    throw Diagnostic(
                        "np.random.shuffle needs a list or an array (it shuffles in place)", at: a.range("x"))
                }
                return .none
            },
            "choice": function("choice", "a, size=None, replace=True, p=None") { a, _ throws(Diagnostic) in
                try choice(a, state.choiceIndices)
            },
            "binomial": function("binomial", "n, p, size=None") { a, _ throws(Diagnostic) in try binomial(state, a) },
            "multivariate_normal": function(
                "multivariate_normal", "mean, cov, size=None, check_valid='warn', tol=1e-8"
            ) { a, interpreter throws(Diagnostic) in try multivariateNormal(state, a, interpreter) },
        ]
        for name in ["random", "random_sample", "ranf", "sample"] {
            members[name] = function(name, "size=None") { a, _ throws(Diagnostic) in
                floats(try size(a), state.randomSample)
            }
        }
        return members
    }

    /// `choice(a, size, replace, p)`, with the generator's own way of picking indices.
    static func choice(
        _ a: BoundArguments,
        _ pick: (Int, Int, Bool, [Double]?) throws(NumPyRandomState.ChoiceError) -> [Int]
    ) throws(Diagnostic) -> Value {
        let source = a.values["a"]?.value ?? .none
        let pool: Tensor
        if let n = source.exactInteger {
            try ArrayConversion.checkSize([max(n, 0)], range: a.range("a"))
            pool = Tensor.exactly(shape: [max(n, 0)], dtype: .int64) { Double($0) }
            if n <= 0 { throw Diagnostic("a must be greater than 0 unless no samples are taken", at: a.range("a")) }
        } else {
            pool = try a.tensor("a")
            guard pool.rank == 1 else { throw Diagnostic("a must be 1-dimensional", at: a.range("a")) }
        }
        let shape = try size(a)
        let count = (shape ?? []).reduce(1, *)
        if pool.count == 0, count != 0 {
            throw Diagnostic("'a' cannot be empty unless no samples are taken", at: a.range("a"))
        }
        var p: [Double]?
        if let weights = a["p"] {
            p = try doubles(weights, range: a.range("p"))
        }
        let replace = try a.bool("replace", default: true)
        let indices: [Int]
        do {
            indices = try pick(pool.count, count, replace, p)
        } catch {
            throw Diagnostic(error.message, at: a.callRange)
        }
        return .array(NDArray(pool.gathered(shape: shape ?? [], offsets: indices)))
    }

    /// Numbers as doubles: a list's Python floats exactly, an array's elements as stored.
    static func doubles(_ value: Value, range: SourceRange) throws(Diagnostic) -> [Double] {
        if case .list(let list) = value, list.items.allSatisfy({ $0.numericValue != nil }) {
            return list.items.compactMap(\.numericValue)
        }
        if case .tuple(let items) = value, items.allSatisfy({ $0.numericValue != nil }) {
            return items.compactMap(\.numericValue)
        }
        let tensor = try ArrayConversion.tensor(value, range: range)
        guard tensor.rank == 1 else { throw Diagnostic("'p' must be 1-dimensional", at: range) }
        return tensor.knownValues
    }

    static func gatherRows(_ tensor: Tensor, _ order: [Int]) -> Tensor {
        let width = tensor.rowWidth
        return tensor.gathering(shape: tensor.shape) { order[$0 / width] * width + $0 % width }
    }
}

/// `np.random.RandomState(seed)`: a legacy generator of its own, with the module's functions as methods.
final class RandomStateObject: PyObject {
    let state: NumPyRandomState
    private let methods: [String: Value]

    init(_ state: NumPyRandomState) {
        self.state = state
        methods = NumPyRandom.legacyFunctions(state)
    }

    var typeName: String { "RandomState" }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? { methods[name] }
    var attributeNames: [String] { methods.keys.sorted() }
    func repr(_ interpreter: Interpreter) -> String { "RandomState(MT19937)" }
}

extension Interpreter {
    /// The session's global legacy generator, the one behind `np.random.seed` and `np.random.rand`.
    public var numpyRandomState: NumPyRandomState { modules.numpyRandomState(self) }

    /// scikit-learn's `check_random_state(random_state)`: None gives the global `np.random` generator,
    /// an int a new `RandomState(int)`, and a `RandomState` object itself.
    public func checkRandomState(_ value: Value?, range: SourceRange?) throws(Diagnostic) -> NumPyRandomState {
        switch value {
        case nil, .some(.none): return numpyRandomState
        case .some(.object(let object as RandomStateObject)): return object.state
        case .some(let value):
            guard let seed = value.exactInteger else {
                throw Diagnostic(
                    "\(value.typeName) cannot be used to seed a numpy.random.RandomState instance", at: range)
            }
            guard seed >= 0, seed <= Int(UInt32.max) else {
                throw Diagnostic("Seed must be between 0 and 2**32 - 1", at: range)
            }
            return NumPyRandomState(seed: UInt32(seed))
        }
    }
}
