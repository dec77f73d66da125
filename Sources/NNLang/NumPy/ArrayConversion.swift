import NNEngine

/// Converting language values to arrays as `np.array` / `np.asarray` do, and back.
enum ArrayConversion {
    /// Most elements one array may hold (2 GB of float32), so `np.zeros((10**6, 10**6))` fails cleanly.
    static let maximumElements = 500_000_000

    /// Checks the shape of an array about to be made: its size, and (when it `allocates`) the memory budget.
    static func checkSize(_ shape: [Int], range: SourceRange?, allocates: Bool = true) throws(Diagnostic) {
        var count = 1
        for dimension in shape {
            guard dimension >= 0 else {
                throw Diagnostic("negative dimensions are not allowed: \(formatShape(shape))", at: range)
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow, product <= maximumElements else {
                throw Diagnostic(
                    "an array of shape \(formatShape(shape)) is too large: "
                        + "NNLab arrays hold up to 500 million elements",
                    at: range)
            }
            count = product
        }
        if allocates { try MemoryCheck.reserve(count, of: MemoryLayout<Float>.stride, range: range) }
    }

    /// The array NumPy would make from `value` (a number, a nested list/tuple, or an array).
    static func tensor(_ value: Value, dtype: DType? = nil, range: SourceRange?) throws(Diagnostic) -> Tensor {
        if case .array(let array) = value {
            guard let dtype, dtype != array.tensor.dtype else { return array.tensor }
            try checkSize(array.shape, range: range)
            return cast(array.tensor, to: dtype)
        }
        if case .object(let view as DictView) = value {
            return try tensor(.list(view.items), dtype: dtype, range: range)
        }
        if case .object(let object) = value, let convertible = object as? ArrayConvertible {
            return try tensor(.array(NDArray(convertible.arrayValue)), dtype: dtype, range: range)
        }
        var shape: [Int]?
        // The values exactly as given (Python floats and ints are doubles and 64-bit integers here).
        var values: [Double] = []
        var kind: DType = .bool
        func visit(_ item: Value, depth: Int, into dimensions: inout [Int]) throws(Diagnostic) {
            switch item {
            case .list, .tuple, .object(is RangeObject):
                guard depth < 64 else {
                    throw Diagnostic(
                        "the lists are nested too deeply for an array: NumPy arrays have at most "
                            + "64 dimensions", at: range)
                }
                let items: [Value]
                switch item {
                case .list(let list): items = list.items
                case .tuple(let tuple): items = tuple.items
                case .object(let sequence as RangeObject):
                    // A range is a sequence to NumPy (`np.array(range(10))`); its size is checked before
                    // its items are made.
                    guard sequence.count <= maximumElements else {
                        throw Diagnostic("the array is too large", at: range)
                    }
                    items = sequence.items
                default: items = []
                }
                if dimensions.count == depth { dimensions.append(items.count) }
                guard dimensions[depth] == items.count else {
                    throw Diagnostic(
                        "setting an array element with a sequence: the nested lists have different lengths "
                            + "(an inhomogeneous shape after \(depth) dimension\(depth == 1 ? "" : "s"))", at: range)
                }
                for element in items { try visit(element, depth: depth + 1, into: &dimensions) }
            case .array(let array):
                let inner = array.tensor.shape
                if dimensions.count == depth { dimensions += inner }
                guard Array(dimensions[depth...]) == inner else {
                    throw Diagnostic("setting an array element with a sequence: shapes do not match", at: range)
                }
                values += array.tensor.knownValues
                kind = promote(kind, array.tensor.dtype)
            case .bool(let b):
                guard dimensions.count == depth else { throw inhomogeneous(range) }
                values.append(b ? 1 : 0)
            case .int(let i):
                guard dimensions.count == depth else { throw inhomogeneous(range) }
                values.append(Double(i))
                kind = promote(kind, .int64)
            case .float(let f):
                guard dimensions.count == depth else { throw inhomogeneous(range) }
                values.append(f)
                kind = promote(kind, .float64)
            default:
                throw Diagnostic("cannot make an array from a \(item.typeName)", at: range)
            }
            if values.count > maximumElements { throw Diagnostic("the array is too large", at: range) }
        }
        var dimensions: [Int] = []
        try visit(value, depth: 0, into: &dimensions)
        shape = dimensions
        if values.isEmpty, case .list = value { kind = .float64 }
        if values.isEmpty, case .tuple = value { kind = .float64 }
        if values.isEmpty, case .object(is RangeObject) = value { kind = .float64 }
        let finalShape = shape ?? []
        guard values.count == finalShape.reduce(1, *) else { throw inhomogeneous(range) }
        var result = Tensor.exactly(shape: finalShape, dtype: kind) { values[$0] }
        if let dtype, dtype != result.dtype { result = cast(result, to: dtype) }
        return result
    }

    static func inhomogeneous(_ range: SourceRange?) -> Diagnostic {
        Diagnostic("setting an array element with a sequence: the nested lists have an inhomogeneous shape", at: range)
    }

    /// The dtype NumPy gives an operation between two arrays of these dtypes.
    static func promote(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        let order: [DType] = [.bool, .uint8, .int64, .float32, .float64]
        let (low, high) = (order.firstIndex(of: a) ?? 0) < (order.firstIndex(of: b) ?? 0) ? (a, b) : (b, a)
        if high == .float32 && low == .int64 { return .float64 }
        return high
    }

    /// A copy with `dtype`, converting values as `astype` does (truncation toward zero for integers).
    /// `tensor.astype(dtype)`. As NumPy 2 on x86, NaN, infinities and numbers out of the int64 range
    /// become the smallest int64 (and NaN becomes 0 in uint8); `invalid` is told when any did.
    static func cast(_ tensor: Tensor, to dtype: DType, invalid: (() -> Void)? = nil) -> Tensor {
        if let exact = tensor.wide ?? (dtype.isWide && tensor.isExactlyKnown ? tensor.knownValues : nil) {
            return castExactly(exact, shape: tensor.shape, to: dtype, invalid: invalid)
        }
        var result = tensor.copied(dtype: dtype)
        var sawInvalid = false
        switch dtype {
        case .int64:
            result.withUnsafeMutableBufferPointer { b in
                for i in b.indices {
                    guard b[i].isFinite, abs(b[i]) < int64Bound else {
                        b[i] = -int64Bound
                        sawInvalid = true
                        continue
                    }
                    b[i] = b[i].rounded(.towardZero)
                }
            }
        case .uint8:
            result.withUnsafeMutableBufferPointer { b in
                for i in b.indices {
                    guard b[i].isFinite, let v = Int(exactly: b[i].rounded(.towardZero)) else {
                        b[i] = 0
                        sawInvalid = true
                        continue
                    }
                    b[i] = Float(((v % 256) + 256) % 256)
                }
            }
        case .bool:
            result.withUnsafeMutableBufferPointer { b in for i in b.indices { b[i] = b[i] != 0 ? 1 : 0 } }
        case .float32, .float64:
            break
        }
        if sawInvalid { invalid?() }
        return result
    }

    /// `cast` of exact values (a float64 or int64 source, or any source becoming float64 or int64):
    /// the same rules, worked on the doubles, so `0.1` stays `0.1` and 2**24 + 1 stays odd.
    static func castExactly(_ values: [Double], shape: [Int], to dtype: DType, invalid: (() -> Void)?) -> Tensor {
        var sawInvalid = false
        let bound = 9_223_372_036_854_775_808.0
        let result = Tensor.exactly(shape: shape, dtype: dtype) { i -> Double in
            let x = values[i]
            switch dtype {
            case .int64:
                guard x.isFinite, abs(x) < bound else {
                    sawInvalid = true
                    return -bound
                }
                return x.rounded(.towardZero)
            case .uint8:
                guard x.isFinite, abs(x) < bound else {
                    sawInvalid = true
                    return 0
                }
                let v = Int(x.rounded(.towardZero))
                return Double(((v % 256) + 256) % 256)
            case .bool: return x != 0 ? 1 : 0
            case .float32, .float64: return x
            }
        }
        if sawInvalid { invalid?() }
        return result
    }

    /// 2^63: float32 values of int arrays lie in [-2^63, 2^63).
    static let int64Bound: Float = 9_223_372_036_854_775_808

    /// An element of an int64 array as an integer (never traps: anything invalid is the smallest int64).
    static func int64(_ value: Float) -> Int64 {
        value.isFinite && abs(value) < int64Bound ? Int64(value) : .min
    }

    /// An element of an int64 array, given as a Double, as an integer (never traps).
    static func int64(_ value: Double) -> Int64 {
        value.isFinite && abs(value) < 9_223_372_036_854_775_808 ? Int64(value) : .min
    }

    /// A dtype named by a value: `'float32'`, `np.float32`, `float`, `int`, `bool`.
    static func dtype(_ value: Value, range: SourceRange) throws(Diagnostic) -> DType {
        var name: String?
        switch value {
        case .string(let s): name = s
        case .object(let object):
            if let type = object as? DTypeObject { return type.dtype }
            if let type = object as? TensorDType { return TensorDType.storage(type.name) }
            if let function = object as? BuiltinFunction { name = function.name }
        default: break
        }
        switch name {
        case "float32", "single", "f4": return .float32
        case "float64", "float", "double", "f8", "longdouble": return .float64
        case "int64", "int", "int32", "i8", "i4", "long": return .int64
        case "uint8", "u1": return .uint8
        case "bool", "bool_", "?": return .bool
        default:
            throw Diagnostic(
                "unsupported dtype \(name.map { "'\($0)'" } ?? value.typeName)", at: range,
                hint: "NNLab arrays are float32, float64, int64, uint8 or bool")
        }
    }

    /// A Python value for one element of `tensor`: a NumPy scalar (0-d array).
    static func scalar(_ value: Float, dtype: DType) -> Value {
        .array(NDArray(Tensor(shape: [], repeating: value, dtype: dtype)))
    }

    /// The element at `index` of `tensor` as a NumPy scalar, exact when the array carries exact values.
    static func scalar(_ tensor: Tensor, flat index: Int) -> Value {
        .array(NDArray(tensor.gathered(shape: [], offsets: [index])))
    }

    /// A Python float for an element. float32 elements convert exactly, as NumPy's do; float64
    /// elements known only as float32 become the double their shortest digits name, so the 0.0157
    /// a program wrote comes back as 0.0157.
    static func pythonFloat(_ value: Float, dtype: DType) -> Double {
        dtype == .float64 && value.isFinite ? (Double(value.description) ?? Double(value)) : Double(value)
    }

    /// A Python float for the element at `index`: its exact value when the array carries it.
    static func pythonFloat(_ tensor: Tensor, flat index: Int) -> Double {
        if let wide = tensor.wide { return wide[index] }
        return pythonFloat(tensor[flat: index], dtype: tensor.dtype)
    }

    /// Python values for `tolist()`.
    static func pythonList(_ tensor: Tensor) -> Value {
        func element(_ index: Int) -> Value {
            switch tensor.dtype {
            case .bool: .bool(tensor[flat: index] != 0)
            case .int64, .uint8: .int(Int(ArrayConversion.int64(tensor.double(flat: index))))
            case .float32, .float64: .float(pythonFloat(tensor, flat: index))
            }
        }
        if tensor.rank == 0 { return element(0) }
        func build(_ axis: Int, _ offset: Int) -> Value {
            let stride = tensor.shape[(axis + 1)...].reduce(1, *)
            if axis == tensor.rank - 1 {
                return .list((0..<tensor.shape[axis]).map { element(offset + $0) })
            }
            return .list((0..<tensor.shape[axis]).map { build(axis + 1, offset + $0 * stride) })
        }
        return build(0, 0)
    }
}

/// Objects NumPy functions accept as arrays (Keras variables, for instance).
protocol ArrayConvertible: PyObject {
    var arrayValue: Tensor { get }
}

/// `np.float32`, `np.int64`, …: usable as dtype arguments and callable to convert.
final class DTypeObject: CallableObject {
    let dtype: DType
    init(_ dtype: DType) { self.dtype = dtype }
    var typeName: String { "type" }
    func repr(_ interpreter: Interpreter) -> String { "<class 'numpy.\(dtype.rawValue)'>" }
    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        guard arguments.positional.count == 1, arguments.keywords.isEmpty else {
            throw Diagnostic("np.\(dtype.rawValue)() takes one value", at: arguments.range)
        }
        let converted = try ArrayConversion.tensor(arguments.positional[0], dtype: dtype, range: arguments.range)
        return .array(NDArray(converted))
    }
}

extension RangeObject {
    /// How many items the range has, without making them (so `np.array(range(10**12))` fails cleanly).
    var count: Int {
        guard step != 0 else { return 0 }
        let (span, overflow) =
            step > 0 ? stop.subtractingReportingOverflow(start) : start.subtractingReportingOverflow(stop)
        if overflow { return .max }
        return span <= 0 ? 0 : (span - 1) / Int(clamping: step.magnitude) + 1
    }
}
