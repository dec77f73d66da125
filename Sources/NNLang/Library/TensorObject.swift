import NNEngine

/// A TensorFlow tensor (`tf.constant`, `tf.convert_to_tensor`): our array underneath, printed as
/// TensorFlow prints it, with `.numpy()`, `.shape`, `.dtype`; NumPy functions take it as an array.
/// A `tf.Variable` is one too, with a name and `assign`; arithmetic on it gives plain tensors.
final class TensorObject: ArrayConvertible, SubscriptableObject, IterableObject {
    private(set) var array: NDArray
    /// TensorFlow's dtype name: Python ints make int32 tensors, Python floats float32.
    let dtypeName: String
    /// The variable's name (`'Variable:0'`) for a `tf.Variable`, nil for a tensor.
    let variableName: String?

    init(_ array: NDArray, dtypeName: String, variableName: String? = nil) {
        self.array = array
        self.dtypeName = dtypeName
        self.variableName = variableName
    }

    var arrayValue: Tensor { array.tensor }
    var typeName: String { variableName == nil ? "EagerTensor" : "ResourceVariable" }
    var attributeNames: [String] {
        ["dtype", "ndim", "numpy", "shape"]
            + (variableName == nil ? [] : ["assign", "assign_add", "assign_sub", "name"])
    }

    private var shapeText: String { TensorObject.shapeText(array.shape) }

    static func shapeText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "shape": return .object(TensorShapeObject(array.shape))
        case "ndim": return .int(array.shape.count)
        case "dtype": return .object(TensorDType(dtypeName))
        case "numpy": return function("numpy", "") { _, _ in .array(NDArray(self.array.tensor)) }
        case "name" where variableName != nil: return .string(variableName ?? "")
        case "assign", "assign_add", "assign_sub":
            guard variableName != nil else { return nil }
            return function(name, "value, use_locking=None, name=None, read_value=True") {
                a, interpreter throws(Diagnostic) in
                try self.assign(name, a, interpreter)
            }
        default: return nil
        }
    }

    /// `v.assign(value)`, `v.assign_add(delta)`, `v.assign_sub(delta)`: a new value of the same shape, kept
    /// in the variable's dtype; returns the variable, as TensorFlow does.
    private func assign(_ method: String, _ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        var value = a.values["value"]?.value ?? .none
        if method != "assign" {
            value = try interpreter.binary(
                method == "assign_add" ? .add : .subtract, .array(array), value,
                range: a.range("value"))
        }
        let new = try ArrayConversion.tensor(value, dtype: array.tensor.dtype, range: a.range("value"))
        guard new.shape == array.shape else {
            throw Diagnostic(
                "Cannot assign value to variable ' \(variableName ?? "")': Shape mismatch. The variable shape "
                    + "\(shapeText), and the assigned value shape \(TensorObject.shapeText(new.shape)) are incompatible.",
                at: a.range("value"), exception: "ValueError")
        }
        array = NDArray(new)
        return .object(self)
    }

    func str(_ interpreter: Interpreter) -> String {
        if variableName != nil { return repr(interpreter) }
        let values = interpreter.str(.array(array))
        return "tf.Tensor(" + (values.contains("\n") ? "\n" : "") + values + ", shape=\(shapeText), dtype=\(dtypeName))"
    }

    func repr(_ interpreter: Interpreter) -> String {
        // A scalar shows its value as NumPy's str prints it (`numpy=0.5`), an array its repr.
        var values = array.isScalar ? interpreter.str(.array(array)) : interpreter.repr(.array(array))
        if dtypeName == "int32", array.tensor.dtype == .int64, values.hasSuffix(")") {
            values = String(values.dropLast()) + ", dtype=int32)"
        }
        if let variableName {
            return "<tf.Variable '\(variableName)' shape=\(shapeText) dtype=\(dtypeName), numpy=\(values)>"
        }
        return "<tf.Tensor: shape=\(shapeText), dtype=\(dtypeName), numpy=\(values)>"
    }

    /// `for row in t`, `len(t)`: the tensors along the first axis.
    var items: [Value] {
        let tensor = array.tensor
        guard tensor.rank > 0, tensor.shape[0] > 0 else { return [] }
        let rowShape = Array(tensor.shape.dropFirst())
        let width = tensor.rowWidth
        return (0..<tensor.shape[0]).map { row in
            let part = Tensor(shape: rowShape, dtype: tensor.dtype) { tensor[flat: row * width + $0] }
            return .object(TensorObject(NDArray(part), dtypeName: dtypeName))
        }
    }

    /// `t[0]`, `t[:, 1]`: indexed as its array, a tensor again.
    func subscriptItem(_ index: [IndexItem], _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> Value
    {
        let item = try interpreter.subscriptValue(.array(array), index, range: range)
        guard case .array(let part) = item else { return item }
        let sameType = part.tensor.dtype == array.tensor.dtype
        return .object(TensorObject(part, dtypeName: sameType ? dtypeName : part.tensor.dtype.rawValue))
    }

    /// Arithmetic or a comparison with a tensor on either side: computed on the arrays, a tensor again,
    /// as TensorFlow gives (nil when neither side is a tensor).
    static func lifted(
        _ left: Value, _ right: Value,
        _ compute: (Value, Value) throws(Diagnostic) -> Value
    ) throws(Diagnostic) -> Value? {
        var tensor: TensorObject?
        func unwrap(_ value: Value) -> Value {
            guard case .object(let object as TensorObject) = value else { return value }
            tensor = tensor ?? object
            return .array(object.array)
        }
        let (l, r) = (unwrap(left), unwrap(right))
        guard let tensor else { return nil }
        guard case .array(var result) = try compute(l, r) else { return nil }
        let own = tensor.array.tensor.dtype
        // TensorFlow converts the other operand to a float tensor's dtype: float32 + a float64 array is float32.
        if own == .float32 || own == .float64, result.tensor.dtype != own, result.tensor.dtype != .bool {
            result = NDArray(ArrayConversion.cast(result.tensor, to: own))
        }
        let sameKind = result.tensor.dtype == own
        return .object(TensorObject(result, dtypeName: sameKind ? tensor.dtypeName : result.tensor.dtype.rawValue))
    }

    /// `tf.constant(value, dtype=None)`: Python numbers and lists as TensorFlow types them.
    static func make(_ a: BoundArguments, _ name: String) throws(Diagnostic) -> Value {
        let value = a.values["value"]?.value ?? .none
        var dtype: String?
        if let requested = a["dtype"], !requested.isNone {
            dtype = try TensorDType.named(requested, range: a.range("dtype"))
        }
        return .object(try converting(value, dtype: dtype, range: a.range("value")))
    }

    /// A value as TensorFlow converts it: a tensor as it is, an array keeping its dtype, Python floats
    /// float32 and Python ints int32; `dtype` (a TensorFlow dtype name) casts.
    static func converting(_ value: Value, dtype: String? = nil, range: SourceRange?) throws(Diagnostic) -> TensorObject
    {
        if case .object(let tensor as TensorObject) = value, dtype == nil || dtype == tensor.dtypeName,
            tensor.variableName == nil
        {
            return tensor
        }
        let storage = dtype.map(TensorDType.storage)
        let tensor = try ArrayConversion.tensor(value, dtype: storage, range: range)
        if let dtype { return TensorObject(NDArray(tensor), dtypeName: dtype) }
        if case .object(let given as TensorObject) = value {
            return TensorObject(NDArray(tensor), dtypeName: given.dtypeName)
        }
        if case .array = value { return TensorObject(NDArray(tensor), dtypeName: tensor.dtype.rawValue) }
        if case .object(let object) = value, object is ArrayConvertible {
            return TensorObject(
                NDArray(tensor), dtypeName: tensor.dtype == .float64 ? "float32" : tensor.dtype.rawValue)
        }
        // TensorFlow makes Python floats float32 and Python ints int32.
        switch tensor.dtype {
        case .float64: return TensorObject(NDArray(ArrayConversion.cast(tensor, to: .float32)), dtypeName: "float32")
        case .int64: return TensorObject(NDArray(tensor), dtypeName: "int32")
        default: return TensorObject(NDArray(tensor), dtypeName: tensor.dtype.rawValue)
        }
    }
}

/// `tensor.dtype`, `tf.float32`, `tf.int32`: printed `<dtype: 'float32'>`, shown `tf.float32`.
final class TensorDType: PyObject {
    let name: String
    init(_ name: String) { self.name = name }
    var typeName: String { "DType" }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "name": .string(self.name)
        case "is_floating": .bool(self.name.hasPrefix("float"))
        case "is_integer": .bool(self.name.hasPrefix("int") || self.name.hasPrefix("uint"))
        default: nil
        }
    }

    /// TensorFlow's dtypes that NNLab's arrays can hold (int32 is held as int64, printed int32).
    static let names = ["float32", "float64", "int32", "int64", "uint8", "bool"]

    /// The array dtype that holds a TensorFlow dtype.
    static func storage(_ name: String) -> DType {
        switch name {
        case "float64": .float64
        case "int32", "int64": .int64
        case "uint8": .uint8
        case "bool": .bool
        default: .float32
        }
    }

    /// `tf.float32`, `np.float32`, `'float32'` as a TensorFlow dtype name.
    static func named(_ value: Value, range: SourceRange) throws(Diagnostic) -> String {
        switch value {
        case .object(let dtype as TensorDType): return dtype.name
        case .object(let dtype as DTypeObject): return dtype.dtype.rawValue
        case .string(let text) where names.contains(text): return text
        default:
            let dtype = try ArrayConversion.dtype(value, range: range)
            return dtype.rawValue
        }
    }
    func repr(_ interpreter: Interpreter) -> String { "tf.\(name)" }
    func str(_ interpreter: Interpreter) -> String { "<dtype: '\(name)'>" }
}
