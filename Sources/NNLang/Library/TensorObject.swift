import NNEngine

/// A TensorFlow tensor (`tf.constant`, `tf.convert_to_tensor`): our array underneath, printed as
/// TensorFlow prints it, with `.numpy()`, `.shape`, `.dtype`; NumPy functions take it as an array.
final class TensorObject: ArrayConvertible, SubscriptableObject {
    let array: NDArray
    /// TensorFlow's dtype name: Python ints make int32 tensors, Python floats float32.
    let dtypeName: String

    init(_ array: NDArray, dtypeName: String) {
        self.array = array
        self.dtypeName = dtypeName
    }

    var arrayValue: Tensor { array.tensor }
    var typeName: String { "EagerTensor" }
    var attributeNames: [String] { ["dtype", "ndim", "numpy", "shape"] }

    private var shapeText: String {
        let shape = array.shape
        return shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "shape": return .tuple(array.shape.map { .int($0) })
        case "ndim": return .int(array.shape.count)
        case "dtype": return .object(TensorDType(dtypeName))
        case "numpy": return function("numpy", "") { _, _ in .array(self.array) }
        default: return nil
        }
    }

    func str(_ interpreter: Interpreter) -> String {
        let values = interpreter.str(.array(array))
        return "tf.Tensor(" + (values.contains("\n") ? "\n" : "") + values + ", shape=\(shapeText), dtype=\(dtypeName))"
    }

    func repr(_ interpreter: Interpreter) -> String {
        var values = interpreter.repr(.array(array))
        if dtypeName == "int32", array.tensor.dtype == .int64, values.hasSuffix(")") {
            values = String(values.dropLast()) + ", dtype=int32)"
        }
        return "<tf.Tensor: shape=\(shapeText), dtype=\(dtypeName), numpy=\(values)>"
    }

    /// `t[0]`, `t[:, 1]`: indexed as its array, a tensor again.
    func subscriptItem(_ index: [IndexItem], _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> Value {
        let item = try interpreter.subscriptValue(.array(array), index, range: range)
        guard case .array(let part) = item else { return item }
        let sameType = part.tensor.dtype == array.tensor.dtype
        return .object(TensorObject(part, dtypeName: sameType ? dtypeName : part.tensor.dtype.rawValue))
    }

    /// Arithmetic or a comparison with a tensor on either side: computed on the arrays, a tensor again,
    /// as TensorFlow gives (nil when neither side is a tensor).
    static func lifted(_ left: Value, _ right: Value,
                       _ compute: (Value, Value) throws(Diagnostic) -> Value) throws(Diagnostic) -> Value? {
        var tensor: TensorObject?
        func unwrap(_ value: Value) -> Value {
            guard case .object(let object as TensorObject) = value else { return value }
            tensor = tensor ?? object
            return .array(object.array)
        }
        let (l, r) = (unwrap(left), unwrap(right))
        guard let tensor else { return nil }
        guard case .array(let result) = try compute(l, r) else { return nil }
        let sameKind = result.tensor.dtype == tensor.array.tensor.dtype
        return .object(TensorObject(result, dtypeName: sameKind ? tensor.dtypeName : result.tensor.dtype.rawValue))
    }

    /// `tf.constant(value, dtype=None)`: Python numbers and lists as TensorFlow types them.
    static func make(_ a: BoundArguments, _ name: String) throws(Diagnostic) -> Value {
        let value = a.values["value"]?.value ?? .none
        if case .object(let tensor as TensorObject) = value, a["dtype"] == nil { return .object(tensor) }
        var dtype: DType?
        if case .object(let requested as DTypeObject)? = a["dtype"] { dtype = requested.dtype }
        let tensor = try ArrayConversion.tensor(value, dtype: dtype, range: a.range("value"))
        var dtypeName = tensor.dtype.rawValue
        if case .array = value {} else if dtype == nil {
            // TensorFlow makes Python floats float32 and Python ints int32.
            if tensor.dtype == .float64 { return .object(TensorObject(NDArray(ArrayConversion.cast(tensor, to: .float32)),
                                                                      dtypeName: "float32")) }
            if tensor.dtype == .int64 { dtypeName = "int32" }
        }
        return .object(TensorObject(NDArray(tensor), dtypeName: dtypeName))
    }
}

/// `tensor.dtype`: printed `<dtype: 'float32'>`, shown `tf.float32`.
final class TensorDType: PyObject {
    let name: String
    init(_ name: String) { self.name = name }
    var typeName: String { "DType" }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        name == "name" ? .string(self.name) : nil
    }
    func repr(_ interpreter: Interpreter) -> String { "tf.\(name)" }
    func str(_ interpreter: Interpreter) -> String { "<dtype: '\(name)'>" }
}

/// A TensorFlow function over arrays (`tf.nn.softmax`, …): the array it computes, as a tensor of the
/// input's float type (float64 in, float64 out, as TensorFlow keeps it).
final class TensorFunction: CallableObject {
    let inner: any CallableObject
    let name: String

    init(_ inner: any CallableObject, name: String) {
        self.inner = inner
        self.name = name
    }

    var typeName: String { "function" }
    func repr(_ interpreter: Interpreter) -> String { "<function \(name)>" }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        try inner.attribute(name, interpreter)
    }

    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let result = try inner.call(arguments, interpreter)
        guard case .array(let array) = result else { return result }
        let input = arguments.positional.first
        var wide = false
        if case .array(let given)? = input { wide = given.tensor.dtype == .float64 }
        if case .object(let given as TensorObject)? = input { wide = given.dtypeName == "float64" }
        guard wide else { return .object(TensorObject(array, dtypeName: array.tensor.dtype.rawValue)) }
        return .object(TensorObject(NDArray(ArrayConversion.cast(array.tensor, to: .float64)), dtypeName: "float64"))
    }
}
