import NNEngine

/// `np.random`: NumPy's legacy global-state functions, drawing from the session's seeded stream
/// (so a lesson prints the same numbers every run; the numbers are NNLab's, not NumPy's).
enum NumPyRandom {
    static func size(_ a: BoundArguments, _ name: String = "size") throws(Diagnostic) -> [Int]? {
        guard a[name] != nil else { return nil }
        return try a.shape(name)
    }

    static func fill(_ shape: [Int]?, dtype: DType = .float64, _ interpreter: Interpreter, _ draw: @escaping (inout RandomGenerator) -> Float) -> Value {
        guard let shape else { return interpreter.random.draw { g in dtype == .int64 ? .int(Int(draw(&g))) : .float(Double(draw(&g))) } }
        return .array(NDArray(interpreter.random.draw { g in Tensor(shape: shape, dtype: dtype) { _ in draw(&g) } }))
    }

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
        return shape
    }

    static func module(_ interpreter: Interpreter) -> ModuleObject {
        ModuleObject("numpy.random", [
            "seed": function("seed", "seed=None") { a, interpreter throws(Diagnostic) in
                let seed = try a.int("seed", default: Int(RandomGenerator.defaultSeed))
                guard seed >= 0 else { throw Diagnostic("a seed must be non-negative; got \(seed)", at: a.range("seed")) }
                interpreter.random.reseed(UInt64(seed))
                return .none
            },
            "rand": function("rand", "*d") { a, interpreter throws(Diagnostic) in fill(try dimensions(a), interpreter) { $0.nextFloat() } },
            "randn": function("randn", "*d") { a, interpreter throws(Diagnostic) in fill(try dimensions(a), interpreter) { Float($0.nextNormal()) } },
            "random": function("random", "size=None") { a, interpreter throws(Diagnostic) in fill(try size(a), interpreter) { $0.nextFloat() } },
            "normal": function("normal", "loc=0.0, scale=1.0, size=None") { a, interpreter throws(Diagnostic) in
                let loc = try a.double("loc", default: 0), scale = try a.double("scale", default: 1)
                return fill(try size(a), interpreter) { Float(loc + scale * $0.nextNormal()) }
            },
            "uniform": function("uniform", "low=0.0, high=1.0, size=None") { a, interpreter throws(Diagnostic) in
                let low = try a.double("low", default: 0), high = try a.double("high", default: 1)
                return fill(try size(a), interpreter) { Float(low + (high - low) * $0.nextDouble()) }
            },
            "randint": function("randint", "low, high=None, size=None") { a, interpreter throws(Diagnostic) in
                var low = try a.int("low"), high = 0
                if a["high"] == nil { (low, high) = (0, low) } else { high = try a.int("high") }
                guard high > low else { throw Diagnostic("randint: low >= high (\(low) >= \(high))", at: a.callRange) }
                let (span, overflow) = high.subtractingReportingOverflow(low)
                guard !overflow else { throw Diagnostic("randint: the range from \(low) to \(high) is too wide", at: a.callRange) }
                return fill(try size(a), dtype: .int64, interpreter) { Float(low + $0.nextInt(below: span)) }
            },
            "permutation": function("permutation", "x") { a, interpreter throws(Diagnostic) in
                let x = a.values["x"]?.value ?? .none
                if let n = x.exactInteger {
                    var order = Array(0..<max(n, 0))
                    interpreter.random.draw { $0.shuffle(&order) }
                    return .array(NDArray(Tensor(order.map(Float.init), dtype: .int64)))
                }
                let tensor = try a.tensor("x")
                guard tensor.rank >= 1 else { throw Diagnostic("permutation needs an array or an integer", at: a.callRange) }
                var order = Array(0..<tensor.shape[0])
                interpreter.random.draw { $0.shuffle(&order) }
                return .array(NDArray(gatherRows(tensor, order)))
            },
            "shuffle": function("shuffle", "x") { a, interpreter throws(Diagnostic) in
                guard case .array(let array) = a.values["x"]?.value ?? .none, array.tensor.rank >= 1 else {
                    throw Diagnostic("np.random.shuffle needs an array (it shuffles in place)", at: a.range("x"))
                }
                var order = Array(0..<array.tensor.shape[0])
                interpreter.random.draw { $0.shuffle(&order) }
                array.tensor = gatherRows(array.tensor, order)
                return .none
            },
            "choice": function("choice", "a, size=None, replace=True") { a, interpreter throws(Diagnostic) in
                let source = a.values["a"]?.value ?? .none
                let pool: Tensor
                if let n = source.exactInteger { pool = Tensor((0..<max(n, 0)).map(Float.init), dtype: .int64) } else { pool = try a.tensor("a") }
                guard pool.count > 0 else { throw Diagnostic("choice: a must be non-empty", at: a.range("a")) }
                return fill(try size(a), dtype: pool.dtype, interpreter) { pool[flat: $0.nextInt(below: pool.count)] }
            },
        ])
    }

    static func gatherRows(_ tensor: Tensor, _ order: [Int]) -> Tensor {
        let width = tensor.rowWidth
        return Tensor(shape: tensor.shape, dtype: tensor.dtype) { tensor[flat: order[$0 / width] * width + $0 % width] }
    }
}
