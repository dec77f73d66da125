import NNEngine

/// The attributes and methods of an ndarray: `.shape`, `.T`, `.reshape(...)`, `.mean()`, ….
enum ArrayAttributes {
    static let names = [
        "shape", "T", "ndim", "size", "dtype", "reshape", "astype", "mean", "sum", "max", "min", "argmax", "argmin",
        "std", "any", "all", "tolist", "flatten", "ravel", "copy", "item", "transpose", "squeeze", "argsort", "sort",
        "nonzero", "clip", "var", "prod", "cumsum", "round", "dot",
    ]

    static func method(
        _ name: String, _ parameters: [Parameter],
        _ body: @escaping (BoundArguments, Interpreter) throws(Diagnostic) -> Value
    ) -> Value {
        .object(
            BuiltinFunction(
                name, Signature(parameters), repr: "<built-in method \(name) of numpy.ndarray object>", body: body))
    }

    static func attribute(_ name: String, of array: NDArray, _ interpreter: Interpreter, range: SourceRange)
        throws(Diagnostic) -> Value?
    {
        let tensor = array.tensor
        switch name {
        case "shape": return .tuple(tensor.shape.map { .int($0) })
        case "ndim": return .int(tensor.rank)
        case "size": return .int(tensor.count)
        case "dtype": return .object(DTypeValue(tensor.dtype))
        case "T": return .array(NDArray(transpose(tensor)))
        case "transpose": return method(name, []) { _, _ in .array(NDArray(transpose(array.tensor))) }
        case "reshape":
            return method(name, [.variadic("shape")]) { a, _ throws(Diagnostic) in
                .array(NDArray(try reshape(array.tensor, a.rest, range: a.callRange)))
            }
        case "astype":
            return method(name, [Parameter("dtype")]) { a, interpreter throws(Diagnostic) in
                let dtype = try ArrayConversion.dtype(a.values["dtype"]?.value ?? .none, range: a.range("dtype"))
                try ArrayConversion.checkSize(array.shape, range: a.callRange)
                return .array(
                    NDArray(
                        ArrayConversion.cast(array.tensor, to: dtype) {
                            interpreter.warn("RuntimeWarning: invalid value encountered in cast", at: a.callRange)
                        }))
            }
        case "tolist": return method(name, []) { _, _ in ArrayConversion.pythonList(array.tensor) }
        case "argsort", "nonzero", "clip", "cumsum":
            guard
                case .object(let function as BuiltinFunction)? = ArraySorting.members()[name]
                    ?? ArrayComparison.members()[name] ?? ArrayShaping.members()[name]
            else { return nil }
            return .object(ArrayMethod(function, array))
        case "ptp":
            var removed = Diagnostic(
                "'numpy.ndarray' object has no attribute 'ptp'", at: range,
                hint: "NumPy 2.0 removed the ptp method; use the function np.ptp(a)")
            removed.exception = "AttributeError"
            throw removed
        case "round", "dot":
            // The module's own functions, so `a.dot(b)` is `np.dot(a, b)` and `a.round(2)` `np.round(a, 2)`.
            guard
                case .object(let function as BuiltinFunction) =
                    name == "dot" ? NumPyMath.dotFunction() : NumPyMath.rounding("round")
            else { return nil }
            return .object(ArrayMethod(function, array))
        case "sort":
            return method(name, [Parameter("axis", "-1")]) { a, _ throws(Diagnostic) in
                let requested = try a.int("axis", default: -1)
                let rank = array.tensor.rank
                let axis = requested < 0 ? requested + rank : requested
                guard axis >= 0, axis < rank else {
                    throw Diagnostic(
                        "axis \(requested) is out of bounds for array of dimension \(rank)", at: a.range("axis"))
                }
                array.tensor = ArraySorting.sorted(array.tensor, axis)
                return .none
            }
        case "flatten", "ravel", "copy":
            return method(name, []) { a, _ throws(Diagnostic) in
                try ArrayConversion.checkSize(array.shape, range: a.callRange)
                var copy = array.tensor.copied()
                copy.isColumnMajor = false  // ndarray.copy() is C-ordered (np.copy keeps the layout)
                return .array(NDArray(name == "copy" ? copy : ((try? copy.reshaped([copy.count])) ?? copy)))
            }
        case "squeeze":
            return method(name, []) { _, _ in
                .array(
                    NDArray(
                        (try? array.tensor.copied().reshaped(array.tensor.shape.filter { $0 != 1 })) ?? array.tensor))
            }
        case "item":
            return method(name, [.variadic("args")]) { a, _ throws(Diagnostic) in
                if !a.rest.isEmpty { return try item(array.tensor, a) }
                guard array.tensor.count == 1 else {
                    throw Diagnostic("can only convert an array of size 1 to a Python scalar", at: a.callRange)
                }
                if case .list(let list) = ArrayConversion.pythonList((try? array.tensor.reshaped([1])) ?? array.tensor)
                {
                    return list.items[0]
                }
                return .none
            }
        default:
            if let reduction = Reduction(rawValue: name), reduction != .median {
                return method(name, [Parameter("axis", "None"), .keywordOnly("keepdims", "False")]) {
                    a, _ throws(Diagnostic) in
                    try reduction.apply(
                        array.tensor, axis: try a.optionalInt("axis"), keepdims: try a.bool("keepdims", default: false),
                        range: a.callRange)
                }
            }
            return nil
        }
    }

    /// `a.item(i)` (a flat position) or `a.item(i, j)` (one index per axis): that element as a Python number.
    static func item(_ tensor: Tensor, _ a: BoundArguments) throws(Diagnostic) -> Value {
        var indices: [Int] = []
        for (k, value) in a.rest.enumerated() {
            guard let index = value.exactInteger else {
                throw Diagnostic("'\(value.typeName)' object cannot be interpreted as an integer", at: a.restRange(k))
            }
            indices.append(index)
        }
        if indices.count == 1, case .tuple(let items)? = a.rest.first {
            indices = items.compactMap(\.exactInteger)
        }
        var flat = 0
        if indices.count == 1 {
            flat = indices[0] < 0 ? indices[0] + tensor.count : indices[0]
            guard flat >= 0, flat < tensor.count else {
                throw Diagnostic(
                    python: "IndexError", "index \(indices[0]) is out of bounds for size \(tensor.count)",
                    at: a.callRange)
            }
        } else {
            guard indices.count == tensor.rank else {
                throw Diagnostic("incorrect number of indices for array", at: a.callRange)
            }
            for (axis, index) in indices.enumerated() {
                let position = index < 0 ? index + tensor.shape[axis] : index
                guard position >= 0, position < tensor.shape[axis] else {
                    throw Diagnostic(
                        python: "IndexError",
                        "index \(index) is out of bounds for axis \(axis) with size \(tensor.shape[axis])",
                        at: a.callRange)
                }
                flat = flat * tensor.shape[axis] + position
            }
        }
        let element = tensor.gathered(shape: [], offsets: [flat])
        return ArrayConversion.pythonList(element)
    }

    static func transpose(_ tensor: Tensor) -> Tensor {
        guard tensor.rank == 2 else { return tensor.rank < 2 ? tensor : reversedAxes(tensor) }
        let rows = tensor.shape[0]
        let columns = tensor.shape[1]
        var result = tensor.gathering(shape: [columns, rows]) { i in (i % rows) * columns + i / rows }
        // NumPy's transpose is a view of the same buffer, column-major when the source was row-major.
        result.isColumnMajor = !tensor.isColumnMajor
        return result
    }

    static func reversedAxes(_ tensor: Tensor) -> Tensor {
        let shape = Array(tensor.shape.reversed())
        var strides = [Int](repeating: 1, count: tensor.rank)
        for axis in stride(from: tensor.rank - 2, through: 0, by: -1) {
            strides[axis] = strides[axis + 1] * tensor.shape[axis + 1]
        }
        let reversedStrides = Array(strides.reversed())
        return tensor.gathering(shape: shape) { flat in
            var remainder = flat
            var offset = 0
            for axis in stride(from: shape.count - 1, through: 0, by: -1) {
                offset += (remainder % shape[axis]) * reversedStrides[axis]
                remainder /= shape[axis]
            }
            return offset
        }
    }

    /// `reshape(2, 3)`, `reshape((2, 3))`, `reshape(-1, 1)`.
    static func reshape(_ tensor: Tensor, _ arguments: [Value], range: SourceRange) throws(Diagnostic) -> Tensor {
        var dimensions: [Value] = arguments
        if arguments.count == 1 {
            switch arguments[0] {
            case .tuple(let items): dimensions = items.items
            case .list(let list): dimensions = list.items
            case .object(let shape as TensorShapeObject): dimensions = shape.items
            default: break
            }
        }
        var shape: [Int] = []
        for dimension in dimensions {
            guard let value = dimension.exactInteger else {
                throw Diagnostic("reshape needs integers; got \(dimension.typeName)", at: range)
            }
            shape.append(value)
        }
        return try resolvedReshape(tensor, shape, range: range)
    }

    static func resolvedReshape(_ tensor: Tensor, _ requested: [Int], range: SourceRange) throws(Diagnostic) -> Tensor {
        var shape = requested
        let unknown = shape.indices.filter { shape[$0] == -1 }
        guard unknown.count <= 1, shape.allSatisfy({ $0 >= -1 }) else {
            throw Diagnostic("can only specify one unknown dimension (-1) in a reshape", at: range)
        }
        try ArrayConversion.checkSize(shape.filter { $0 != -1 }, range: range, allocates: false)
        let known = shape.filter { $0 != -1 }.reduce(1, *)
        if let index = unknown.first {
            guard known > 0, tensor.count % known == 0 else {
                throw Diagnostic(
                    "cannot reshape an array of size \(tensor.count) into shape "
                        + formatShape(requested).replacingOccurrences(of: "-1", with: "?"),
                    at: range)
            }
            shape[index] = tensor.count / known
        }
        do {
            return try tensor.copied().reshaped(shape)
        } catch {
            throw Diagnostic(
                "cannot reshape an array of size \(tensor.count) into shape \(formatShape(requested))", at: range,
                hint: "the new shape must hold the same number of elements (\(tensor.count))")
        }
    }
}

/// What `array.dtype` returns: prints as `float32`, compares equal to `'float32'` and `np.float32`.
final class DTypeValue: PyObject {
    let dtype: DType
    init(_ dtype: DType) { self.dtype = dtype }
    var typeName: String { "dtype" }
    func repr(_ interpreter: Interpreter) -> String { "dtype('\(dtype.rawValue)')" }
    func str(_ interpreter: Interpreter) -> String { dtype.rawValue }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        name == "name" ? .string(dtype.rawValue) : nil
    }
}

/// `x.argsort(...)`, `x.clip(...)`: the module's function called with the array first.
final class ArrayMethod: CallableObject {
    let function: BuiltinFunction
    let array: NDArray

    init(_ function: BuiltinFunction, _ array: NDArray) {
        self.function = function
        self.array = array
    }

    var typeName: String { "builtin_function_or_method" }
    func repr(_ interpreter: Interpreter) -> String { "<built-in method \(function.name) of numpy.ndarray object>" }

    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        var forwarded = arguments
        forwarded.positional.insert(.array(array), at: 0)
        forwarded.positionalRanges.insert(arguments.range, at: 0)
        return try function.call(forwarded, interpreter)
    }
}
