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
    /// `tf.Variable(..., trainable=False)` is not watched by gradient tapes.
    var trainable = true
    /// The recorded op that made this tensor while a `tf.GradientTape` was recording.
    var producer: TapeNode?
    /// Whether a tape was told to `watch` it.
    var watchedByTape = false
    /// `v[0, 0]` of a variable: the variable and the index, so `v[0, 0].assign(3.)` writes into it.
    private var sliceOf: (variable: TensorObject, index: [IndexItem])?

    init(_ array: NDArray, dtypeName: String, variableName: String? = nil) {
        self.array = array
        self.dtypeName = dtypeName
        self.variableName = variableName
    }

    var isVariable: Bool { variableName != nil }

    /// The engine parameter an optimizer keeps its state for (`optimizer.apply_gradients`).
    private(set) lazy var optimizerParameter = NNEngine.Parameter(
        name: variableName ?? "Variable", value: array.tensor.copied(dtype: .float32))

    /// A variable's new value (an optimizer's step).
    func replace(_ tensor: Tensor) { array = NDArray(tensor) }

    var arrayValue: Tensor { array.tensor }
    var typeName: String { variableName == nil ? "EagerTensor" : "ResourceVariable" }
    var attributeNames: [String] {
        ["dtype", "ndim", "numpy", "shape"]
            + (variableName == nil ? [] : ["assign", "assign_add", "assign_sub", "name", "trainable"])
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
        case "trainable" where variableName != nil: return .bool(trainable)
        case "assign", "assign_add", "assign_sub":
            guard variableName != nil || sliceOf != nil else { return nil }
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
        if let (variable, index) = sliceOf {
            // TensorFlow's strided-slice assign: the value broadcast into the slice, the variable returned.
            let updated = NDArray(variable.array.tensor)
            try interpreter.setSubscript(.array(updated), index, to: .array(NDArray(new)), range: a.callRange)
            variable.array = updated
            array = NDArray(new.shape == array.shape ? new : array.tensor)
            return .object(variable)
        }
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
        // TensorFlow starts a value of several lines on a line of its own.
        if values.contains("\n") { values = "\n" + values }
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
        let part: NDArray
        switch item {
        case .array(let array): part = array
        default:
            // A single element is a scalar tensor, as TensorFlow gives it.
            guard let made = try? ArrayConversion.tensor(item, dtype: array.tensor.dtype, range: range) else {
                return item
            }
            part = NDArray(made)
        }
        let sameType = part.tensor.dtype == array.tensor.dtype
        let result = TensorObject(part, dtypeName: sameType ? dtypeName : part.tensor.dtype.rawValue)
        if isVariable { result.sliceOf = (self, index) }
        if TapeMath.recording(interpreter) {
            GradientTapeObject.recordUnsupported(
                "indexing a tensor", result, inputs: [self], interpreter, range: range)
        }
        return .object(result)
    }

    /// Arithmetic or a comparison with a tensor on either side: computed on the arrays, a tensor again,
    /// as TensorFlow gives (nil when neither side is a tensor).
    static func lifted(
        _ left: Value, _ right: Value, op: BinaryOperator? = nil, interpreter: Interpreter? = nil,
        range: SourceRange? = nil,
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
        let made = TensorObject(result, dtypeName: sameKind ? tensor.dtypeName : result.tensor.dtype.rawValue)
        if let op, let interpreter, let range, TapeMath.recording(interpreter) {
            TapeMath.recordBinary(op, left, right, made, interpreter, range: range)
        }
        return .object(made)
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

    /// An op's input: a tensor or variable itself (so a gradient tape can follow it), anything else
    /// converted as `converting` does.
    static func operand(_ value: Value, range: SourceRange?) throws(Diagnostic) -> TensorObject {
        if case .object(let tensor as TensorObject) = value { return tensor }
        return try converting(value, range: range)
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
