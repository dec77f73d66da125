import NNEngine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension BoundArguments {
    /// The argument as an array, converted as `np.asarray` would.
    func tensor(_ name: String, dtype: DType? = nil) throws(Diagnostic) -> Tensor {
        guard let value = values[name]?.value else {
            throw Diagnostic("\(function)() needs the argument '\(name)'", at: callRange)
        }
        return try ArrayConversion.tensor(value, dtype: dtype, range: range(name))
    }

    /// A shape given as an int or a tuple/list of ints.
    func shape(_ name: String) throws(Diagnostic) -> [Int] {
        guard let value = values[name]?.value else { throw Diagnostic("\(function)() needs a shape", at: callRange) }
        return try shapeValue(value, range: range(name))
    }

    func shapeValue(_ value: Value, range: SourceRange) throws(Diagnostic) -> [Int] {
        var items: [Value]
        switch value {
        case .tuple(let t): items = t.items
        case .list(let l): items = l.items
        case .object(let shape as TensorShapeObject): items = shape.items
        default: items = [value]
        }
        var shape: [Int] = []
        for item in items {
            guard let dimension = item.exactInteger else {
                throw Diagnostic(
                    "a shape must be made of integers; got \(item.typeName)", at: range,
                    hint: item.typeName == "float" ? "use int(...) to make a whole number" : nil)
            }
            shape.append(dimension)
        }
        try ArrayConversion.checkSize(shape, range: range)
        return shape
    }

    func optionalDType(_ name: String) throws(Diagnostic) -> DType? {
        guard let value = self[name] else { return nil }
        return try ArrayConversion.dtype(value, range: range(name))
    }

    func optionalAxis() throws(Diagnostic) -> Int? { try optionalInt("axis") }
}

/// The `numpy` module: array creation, math, reductions and files, with NumPy's names and defaults.
enum NumPyLibrary {
    static func array(_ tensor: Tensor) -> Value { .array(NDArray(tensor)) }

    static func module(_ interpreter: Interpreter, random: ModuleObject?, linalg: ModuleObject?) -> ModuleObject {
        var members: [String: Value] = [
            "float32": .object(DTypeObject(.float32)), "float64": .object(DTypeObject(.float64)),
            "int64": .object(DTypeObject(.int64)), "int32": .object(DTypeObject(.int64)),
            "longdouble": .object(DTypeObject(.float64)), "ndarray": .object(TypeObject("ndarray")),
            "uint8": .object(DTypeObject(.uint8)),
            "bool_": .object(DTypeObject(.bool)), "pi": .float(Double.pi), "e": .float(M_E), "nan": .float(.nan),
            "inf": .float(.infinity), "newaxis": .none, "__version__": .string("2.4.6"),
            "array": function("array", "object, dtype=None") { a, _ throws(Diagnostic) in
                if let objects = try ObjectArray.make(a, "object") { return .object(objects) }
                if a["dtype"] == nil,
                    let strings = try StringArrayObject.make(
                        a.values["object"]?.value ?? .none,
                        range: a.range("object"))
                {
                    return .object(strings)
                }
                return array(try a.tensor("object", dtype: a.optionalDType("dtype")).copied())
            },
            "asarray": function("asarray", "a, dtype=None") { a, _ throws(Diagnostic) in
                if let objects = try ObjectArray.make(a, "a") { return .object(objects) }
                if a["dtype"] == nil,
                    let strings = try StringArrayObject.make(a.values["a"]?.value ?? .none, range: a.range("a"))
                {
                    return .object(strings)
                }
                return array(try a.tensor("a", dtype: a.optionalDType("dtype")))
            },
            "fromiter": function("fromiter", "iter, dtype, count=-1") { a, interpreter throws(Diagnostic) in
                try fromIterable(a, interpreter)
            },
            "zeros": function("zeros", "shape, dtype=float") { a, _ throws(Diagnostic) in
                try filled(try a.shape("shape"), 0, try a.optionalDType("dtype") ?? .float64, a)
            },
            "ones": function("ones", "shape, dtype=float") { a, _ throws(Diagnostic) in
                try filled(try a.shape("shape"), 1, try a.optionalDType("dtype") ?? .float64, a)
            },
            "full": function("full", "shape, fill_value, dtype=None") { a, _ throws(Diagnostic) in
                let fill = a.values["fill_value"]?.value ?? .none
                let dtype: DType = try a.optionalDType("dtype") ?? (fill.typeName == "int" ? .int64 : .float64)
                return try filled(try a.shape("shape"), try ExactValues.fill(a, "fill_value", dtype: dtype), dtype, a)
            },
            "zeros_like": function("zeros_like", "a, dtype=None") { a, _ throws(Diagnostic) in
                let t = try a.tensor("a")
                return try filled(t.shape, 0, try a.optionalDType("dtype") ?? t.dtype, a)
            },
            "ones_like": function("ones_like", "a, dtype=None") { a, _ throws(Diagnostic) in
                let t = try a.tensor("a")
                return try filled(t.shape, 1, try a.optionalDType("dtype") ?? t.dtype, a)
            },
            "arange": function("arange", "start, stop=None, step=None, dtype=None") { a, _ throws(Diagnostic) in
                try arange(a)
            },
            "linspace": function("linspace", "start, stop, num=50, endpoint=True, dtype=None") {
                a, _ throws(Diagnostic) in
                let start = try a.double("start")
                let stop = try a.double("stop")
                let count = try a.int("num", default: 50)
                guard count >= 0 else {
                    throw Diagnostic("linspace: num must be non-negative, got \(count)", at: a.range("num"))
                }
                try ArrayConversion.checkSize([count], range: a.range("num"))
                let endpoint = try a.bool("endpoint", default: true)
                let divisions = Double(endpoint ? max(count - 1, 1) : max(count, 1))
                let step = (stop - start) / divisions
                // NumPy's order of operations: i * step + start, the last one `stop` itself.
                let values = Tensor.exactly(shape: [count], dtype: .float64) { (i: Int) -> Double in
                    endpoint && count > 1 && i == count - 1 ? stop : Double(i) * step + start
                }
                let dtype = try a.optionalDType("dtype") ?? .float64
                return array(dtype == .float64 ? values : ArrayConversion.cast(values, to: dtype))
            },
            "eye": function("eye", "N, M=None, dtype=float") { a, _ throws(Diagnostic) in
                let n = try a.int("N")
                let m = try a.int("M", default: n)
                try ArrayConversion.checkSize([n, m], range: a.callRange)
                return array(
                    Tensor.exactly(shape: [n, m], dtype: try a.optionalDType("dtype") ?? .float64) {
                        (i: Int) -> Double in
                        (i / m == i % m) ? 1 : 0
                    })
            },
            "where": function("where", "condition, x=None, y=None") { a, _ throws(Diagnostic) in try whereFunction(a) },
            "reshape": function("reshape", "a, newshape") { a, _ throws(Diagnostic) in
                array(
                    try ArrayAttributes.resolvedReshape(try a.tensor("a"), try a.shape("newshape"), range: a.callRange))
            },
            "transpose": function("transpose", "a") { a, _ throws(Diagnostic) in
                array(ArrayAttributes.transpose(try a.tensor("a")))
            },
            "meshgrid": function("meshgrid", "*xi, indexing='xy'") { a, _ throws(Diagnostic) in try meshgrid(a) },
            "tile": function("tile", "A, reps") { a, _ throws(Diagnostic) in
                array(try tile(try a.tensor("A"), try a.shape("reps"), range: a.callRange))
            },
            "concatenate": function("concatenate", "arrays, axis=0") { a, interpreter throws(Diagnostic) in
                array(
                    try concatenate(
                        try tensors(a, "arrays", interpreter), axis: try a.int("axis", default: 0), range: a.callRange))
            },
            "vstack": function("vstack", "tup") { a, interpreter throws(Diagnostic) in
                let parts = try tensors(a, "tup", interpreter).map { t in
                    t.rank == 1 ? ((try? t.reshaped([1, t.count])) ?? t) : t
                }
                return array(try concatenate(parts, axis: 0, range: a.callRange))
            },
            "hstack": function("hstack", "tup") { a, interpreter throws(Diagnostic) in
                let parts = try tensors(a, "tup", interpreter)
                return array(try concatenate(parts, axis: parts.first?.rank == 1 ? 0 : 1, range: a.callRange))
            },
            "load": function("load", "file, mmap_mode=None, allow_pickle=False") { a, interpreter throws(Diagnostic) in
                try NPZFile.load(a, interpreter)
            },
            "r_": .object(IndexConcatenator(columns: false)), "c_": .object(IndexConcatenator(columns: true)),
            "savez": .object(SavezFunction(compressed: false)),
            "savez_compressed": .object(SavezFunction(compressed: true)),
            "save": function("save", "file, arr") { a, _ throws(Diagnostic) in
                try NPYFile.save(try a.tensor("arr"), to: try a.string("file"), range: a.callRange)
                return .none
            },
            "shape": function("shape", "a") { a, _ throws(Diagnostic) in
                .tuple(try a.tensor("a").shape.map { .int($0) })
            },
            "copy": function("copy", "a") { a, _ throws(Diagnostic) in array(try a.tensor("a").copied()) },
            "count_nonzero": function("count_nonzero", "a") { a, _ throws(Diagnostic) in
                .int(try a.tensor("a").scalars.filter { $0 != 0 }.count)
            },
            "expand_dims": function("expand_dims", "a, axis") { a, _ throws(Diagnostic) in
                let t = try a.tensor("a")
                var axis = try a.int("axis")
                if axis < 0 { axis += t.rank + 1 }
                guard axis >= 0, axis <= t.rank else {
                    throw Diagnostic("axis \(axis) is out of bounds", at: a.range("axis"))
                }
                var shape = t.shape
                shape.insert(1, at: axis)
                return array((try? t.copied().reshaped(shape)) ?? t)
            },
        ]
        members.merge(ArraySorting.members()) { old, _ in old }
        members.merge(ArrayComparison.members()) { old, _ in old }
        members.merge(TextFiles.members()) { old, _ in old }
        members.merge(ArrayShaping.members()) { old, _ in old }
        let operators: [(String, BinaryOperator)] = [
            ("add", .add), ("subtract", .subtract), ("multiply", .multiply), ("divide", .divide),
            ("true_divide", .divide),
            ("floor_divide", .floorDivide), ("mod", .modulo), ("remainder", .modulo),
        ]
        for (name, op) in operators {
            members[name] = function(name, "x1, x2") { a, interpreter throws(Diagnostic) in
                try ArrayMath.binary(
                    op, a.values["x1"]?.value ?? .none, a.values["x2"]?.value ?? .none, interpreter, range: a.callRange)
            }
        }
        members["set_printoptions"] = PrintOptions.setter()
        members["get_printoptions"] = PrintOptions.getter()
        members["printoptions"] = PrintOptions.context()
        members.merge(NumPyMath.members()) { _, new in new }
        if let random { members["random"] = .object(random) }
        if let linalg { members["linalg"] = .object(linalg) }
        return ModuleObject("numpy", members)
    }

    /// `zeros`, `ones`, `full`: every element `value` (exact in float64 and int64 arrays).
    /// `np.fromiter(iter, dtype, count=-1)`: a 1-D array of the numbers an iterable gives (the first
    /// `count` of them when `count` is given).
    static func fromIterable(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let dtype = try ArrayConversion.dtype(a.values["dtype"]?.value ?? .none, range: a.range("dtype"))
        let count = try a.int("count", default: -1)
        var items = try interpreter.iterate(a.values["iter"]?.value ?? .none, range: a.range("iter"))
        if count >= 0 {
            guard items.count >= count else {
                throw Diagnostic(
                    python: "ValueError",
                    "iterator too short: Expected \(count) but iterator had only \(items.count) items.",
                    at: a.callRange)
            }
            items = Array(items.prefix(count))
        }
        for item in items {
            switch item {
            case .list, .tuple, .object(is RangeObject):
                throw Diagnostic(
                    python: "ValueError", "setting an array element with a sequence.", at: a.range("iter"))
            case .array(let element) where !element.isScalar:
                throw Diagnostic(
                    python: "ValueError", "setting an array element with a sequence.", at: a.range("iter"))
            default: continue
            }
        }
        return array(try ArrayConversion.tensor(.list(ListBox(items)), dtype: dtype, range: a.range("iter")))
    }

    static func filled(_ shape: [Int], _ value: Double, _ dtype: DType, _ a: BoundArguments) throws(Diagnostic)
        -> Value
    {
        try ExactValues.reserve(shape, dtype, range: a.callRange)
        return array(Tensor.exactly(shape: shape, dtype: dtype) { _ in value })
    }

    static func arange(_ a: BoundArguments) throws(Diagnostic) -> Value {
        var start = try a.double("start")
        var stop = 0.0
        if a["stop"] == nil { (start, stop) = (0, start) } else { stop = try a.double("stop") }
        let step = try a.double("step", default: 1)
        guard step != 0 else { throw Diagnostic("arange: the step cannot be zero", at: a.range("step")) }
        let span = ((stop - start) / step).rounded(.up)
        guard span.isFinite, span < Double(ArrayConversion.maximumElements) else {
            throw Diagnostic("arange(\(start), \(stop), \(step)) would hold too many numbers", at: a.callRange)
        }
        let count = span > 0 ? Int(span) : 0
        let allIntegers = ["start", "stop", "step"].allSatisfy { a[$0] == nil || a[$0]?.exactInteger != nil }
        let dtype = try a.optionalDType("dtype") ?? (allIntegers ? .int64 : .float64)
        // NumPy fills from the first two values: start + i * ((start + step) - start).
        let delta = allIntegers ? step : (start + step) - start
        let values = Tensor.exactly(shape: [count], dtype: allIntegers ? .int64 : .float64) { (i: Int) -> Double in
            start + Double(i) * delta
        }
        return array(values.dtype == dtype ? values : ArrayConversion.cast(values, to: dtype))
    }
}
