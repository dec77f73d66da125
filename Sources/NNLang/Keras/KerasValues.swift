import NNEngine

/// Converts engine errors into located diagnostics.
func engine<T>(_ range: SourceRange, _ body: () throws(EngineError) -> T) throws(Diagnostic) -> T {
    do { return try body() } catch { throw Diagnostic(error.kerasMessage, at: range) }
}

/// `Input(shape=(400,))` or `Input(shape=(28, 28))`: Keras's symbolic tensor, which fixes a Sequential
/// model's per-example input shape; a layer called on one gives another (the functional API), which
/// remembers the layer and the tensor it came from.
final class InputObject: PyObject {
    let shape: [Int]
    let name: String
    /// The name of the `InputLayer` an `Input(...)` stands for (`input_layer`), or of the tensor.
    let layerName: String
    /// The layer or model whose output this is, and its input; nil for an `Input(...)`.
    let producer: PyObject?
    let parent: InputObject?
    init(shape: [Int], name: String, layerName: String? = nil, producer: PyObject? = nil, parent: InputObject? = nil) {
        self.shape = shape
        self.name = name
        self.layerName = layerName ?? name
        self.producer = producer
        self.parent = parent
    }
    var typeName: String { "KerasTensor" }
    /// `(None, 28, 28)` as Keras prints a batch shape.
    var batchShapeText: String { "(" + (["None"] + shape.map(String.init)).joined(separator: ", ") + ")" }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "shape": .tuple([.none] + shape.map { .int($0) })
        case "name": .string(self.name)
        case "dtype": .string("float32")
        default: nil
        }
    }
    var attributeNames: [String] { ["shape", "name", "dtype"] }
    func repr(_ interpreter: Interpreter) -> String {
        "<KerasTensor shape=\(batchShapeText), dtype=float32, sparse=False, ragged=False, name=\(name)>"
    }
}

/// An activation function (`sigmoid`, `tf.nn.relu`, `keras.activations.tanh`): accepted by `Dense`
/// and callable on arrays, giving a tensor of the input's float type as TensorFlow does.
final class ActivationFunction: CallableObject {
    let activation: Activation
    init(_ activation: Activation) { self.activation = activation }
    var typeName: String { "function" }
    func repr(_ interpreter: Interpreter) -> String { "<function \(activation.name)>" }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        name == "__name__" ? .string(activation.name) : nil
    }
    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let bound = try Signature(parsing: "x").bind(arguments, function: activation.name)
        let input = try bound.tensor("x")
        var output = activation(input.copied(dtype: .float32))
        output.dtype = input.dtype == .float64 ? .float64 : .float32
        let result = TensorObject(NDArray(output), dtypeName: output.dtype.rawValue)
        if case .object(let given as TensorObject)? = bound.values["x"]?.value {
            TapeMath.recordActivation(activation, given, result, interpreter, range: arguments.range)
        }
        return .object(result)
    }
}

/// A loss object (`BinaryCrossentropy()`), or Keras's loss function of the same name; callable
/// as `loss(y_true, y_pred)`.
final class LossObject: CallableObject {
    let loss: Loss
    let isFunction: Bool
    init(_ loss: Loss, isFunction: Bool = false) {
        self.loss = loss
        self.isFunction = isFunction
    }
    var typeName: String { isFunction ? "function" : loss.kind.rawValue }
    func repr(_ interpreter: Interpreter) -> String {
        isFunction
            ? "<function \(loss.functionName)>"
            : "<\(loss.kind.rawValue) name=\(loss.functionName), reduction=sum_over_batch_size>"
    }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "name": .string(loss.functionName)
        case "from_logits": .bool(loss.fromLogits)
        default: nil
        }
    }
    var attributeNames: [String] { ["name", "from_logits"] }

    /// `loss(y_true, y_pred)`: the mean loss as a float32 scalar tensor, computed by the engine's
    /// formula for probabilities (or logits with `from_logits=True`).
    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let bound = try Signature(parsing: "y_true, y_pred").bind(arguments, function: loss.functionName)
        let target = try bound.tensor("y_true").copied(dtype: .float32)
        let prediction = try bound.tensor("y_pred").copied(dtype: .float32)
        // Keras's loss functions give each example's loss (a loss object, their mean); a tape records either.
        if isFunction, prediction.rank == 2 {
            let (losses, gradient) = try engine(arguments.range) { () throws(EngineError) in
                try loss.perExample(target: target, prediction: prediction)
            }
            let result = TensorObject(NDArray(Tensor(losses)), dtypeName: "float32")
            if TapeMath.recording(interpreter), case .object(let given as TensorObject)? = bound.values["y_pred"]?.value
            {
                LossGradient.record(
                    loss.functionName, given, result, gradient, perExample: true, interpreter, range: arguments.range)
            }
            return .object(result)
        }
        let value = try engine(arguments.range) { () throws(EngineError) in
            try loss(target: target, prediction: prediction)
        }
        let result = TensorObject(NDArray(Tensor(shape: [], repeating: value)), dtypeName: "float32")
        if TapeMath.recording(interpreter), case .object(let given as TensorObject)? = bound.values["y_pred"]?.value {
            let (_, gradient) = try engine(arguments.range) { () throws(EngineError) in
                try loss.perExample(target: target, prediction: prediction)
            }
            LossGradient.record(
                loss.functionName, given, result, gradient, perExample: false, interpreter, range: arguments.range)
        }
        return .object(result)
    }
}

/// An optimizer object (`Adam(learning_rate=0.001)`).
final class OptimizerObject: PyObject {
    let optimizer: Optimizer
    init(_ optimizer: Optimizer) { self.optimizer = optimizer }
    var typeName: String { optimizer.name }
    func repr(_ interpreter: Interpreter) -> String {
        "<keras.src.optimizers.\(optimizer.name.lowercased()).\(optimizer.name) object>"
    }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "learning_rate", "lr": ArrayConversion.scalar(optimizer.learningRate, dtype: .float32)
        case "iterations": ArrayConversion.scalar(Float(optimizer.iterations), dtype: .int64)
        case "name": .string(optimizer.name.lowercased())
        case "apply_gradients":
            function("apply_gradients", "grads_and_vars") { a, interpreter throws(Diagnostic) in
                try VariableUpdates.applyGradients(self.optimizer, a, interpreter)
            }
        default: nil
        }
    }
    var attributeNames: [String] { ["learning_rate", "iterations", "name", "apply_gradients"] }
    func setAttribute(_ name: String, to value: Value, _ interpreter: Interpreter) throws(Diagnostic) {
        guard name == "learning_rate", let rate = value.numericValue else {
            throw Diagnostic("only learning_rate can be set on an optimizer", at: nil)
        }
        optimizer.learningRate = Float(rate)
    }
}

/// `regularizers.l2(0.01)` and friends.
final class RegularizerObject: PyObject {
    let regularizer: Regularizer
    init(_ regularizer: Regularizer) { self.regularizer = regularizer }
    var typeName: String { regularizer.l1 == 0 ? "L2" : (regularizer.l2 == 0 ? "L1" : "L1L2") }
    func repr(_ interpreter: Interpreter) -> String { "<keras.src.regularizers.regularizers.\(typeName) object>" }
}

/// A kernel initializer object (`GlorotUniform()`).
final class InitializerObject: PyObject {
    let initializer: Initializer
    init(_ initializer: Initializer) { self.initializer = initializer }
    var typeName: String { initializer.name }
    func repr(_ interpreter: Interpreter) -> String { "<\(initializer.name) initializer>" }
}

/// A layer weight as Keras 3 shows it (`layer.weights`, `layer.kernel`); converts to an array.
final class VariableObject: ArrayConvertible {
    let path: String
    let read: () -> Tensor
    init(path: String, read: @escaping () -> Tensor) {
        self.path = path
        self.read = read
    }
    var arrayValue: Tensor { read() }
    var typeName: String { "Variable" }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "shape": .tuple(read().shape.map { .int($0) })
        case "path", "name": .string(name == "path" ? path : String(path.split(separator: "/").last ?? ""))
        case "dtype": .string("float32")
        case "numpy": function("numpy", "") { _, _ in .array(NDArray(self.read().copied())) }
        case "value": .array(NDArray(read().copied()))
        default: nil
        }
    }
    var attributeNames: [String] { ["shape", "path", "name", "dtype", "numpy", "value"] }
    func repr(_ interpreter: Interpreter) -> String {
        let value = read()
        return
            "<Variable path=\(path), shape=\(formatShape(value.shape)), dtype=float32, value=\(ArrayFormatter.str(value))>"
    }
}

/// What `fit` returns: `history.history['loss']`, `.epoch`, `.params`.
final class HistoryObject: PyObject {
    /// Filled by `fit` (also when passed in `callbacks=[History()]`).
    var history: History
    var model: Value
    init(_ history: History, model: Value) {
        self.history = history
        self.model = model
    }
    var typeName: String { "History" }
    func repr(_ interpreter: Interpreter) -> String { "<keras.src.callbacks.history.History object>" }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "history":
            return .dict(
                DictBox(history.names.map { (.string($0), .list((history[$0] ?? []).map { .float(Double($0)) })) }))
        case "epoch": return .list(history.epochs.map { .int($0) })
        case "params":
            return .dict(DictBox(["verbose", "epochs", "steps"].map { (.string($0), .int(history.params[$0] ?? 0)) }))
        case "model": return model
        default: return nil
        }
    }
    var attributeNames: [String] { ["history", "epoch", "params", "model"] }
}
