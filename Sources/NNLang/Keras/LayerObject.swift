import NNEngine

/// A Keras layer in the language (`Dense`, `Dropout`, …): Keras's attributes and methods over the
/// engine's layer.
final class LayerObject: CallableObject {
    let layer: Layer
    /// The model that owns the layer, for variable paths (`my_model/layer3/kernel`).
    weak var model: ModelObject?
    /// The symbolic tensors `layer.input` / `layer.output` give, named once.
    private var symbolic: [String: InputObject] = [:]
    /// The latest call on a symbolic tensor (the functional API): its input and output, held weakly
    /// (the output holds the layer).
    weak var symbolicInput: InputObject?
    weak var symbolicOutput: InputObject?

    init(_ layer: Layer) { self.layer = layer }

    var typeName: String { layer.kind }
    func repr(_ interpreter: Interpreter) -> String {
        "<\(layer.kind) name=\(layer.name), built=\(layer.isBuilt ? "True" : "False")>"
    }

    var attributeNames: [String] {
        [
            "get_weights", "set_weights", "name", "weights", "count_params", "built", "trainable", "trainable_weights",
            "non_trainable_weights", "input_shape", "output_shape",
        ] + LayerAttributes.names(of: layer)
    }

    var variablePrefix: String { (model.map { $0.model.name + "/" } ?? "") + layer.name }

    /// Every weight as a Keras variable, in Keras's order.
    var variables: [Value] { variables { _ in true } }

    func variables(_ include: (NNEngine.Parameter) -> Bool) -> [Value] {
        guard layer.isBuilt else { return [] }
        let prefix = variablePrefix
        return layer.parameters.filter(include).map { parameter in
            .object(VariableObject(path: prefix + "/" + parameter.name) { [parameter] in parameter.value })
        }
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "name": return .string(layer.name)
        case "input", "output":
            if let tensor = KerasFunctional.tensor(name, of: self, interpreter) { return .object(tensor) }
            guard let shape = name == "input" ? layer.inputShape : layer.outputShape else {
                throw Diagnostic(
                    "The layer \(layer.name) has never been called and thus has no defined \(name).", at: nil,
                    exception: "AttributeError")
            }
            if symbolic[name]?.shape != shape {
                symbolic[name] = InputObject(shape: shape, name: interpreter.layerNames.next("keras_tensor"))
            }
            return symbolic[name].map { .object($0) } ?? .none
        case "built": return .bool(layer.isBuilt)
        case "trainable": return .bool(layer.trainable)
        case "weights": return .list(variables)
        case "trainable_weights", "trainable_variables":
            return .list(layer.trainable ? variables { $0.trainable } : [])
        case "non_trainable_weights", "non_trainable_variables":
            return .list(variables { !$0.trainable || !self.layer.trainable })
        case "output_shape":
            guard let shape = layer.outputShape else {
                throw Diagnostic("layer '\(layer.name)' is not built yet", at: nil)
            }
            return .tuple([.none] + shape.map { .int($0) })
        case "input_shape":
            guard let shape = layer.inputShape else {
                throw Diagnostic("layer '\(layer.name)' is not built yet", at: nil)
            }
            return .tuple([.none] + shape.map { .int($0) })
        case "get_weights":
            return KerasWeights.getter { self.layer.weights() }
        case "set_weights":
            return KerasWeights.setter { tensors throws(EngineError) in try self.layer.setWeights(tensors) }
        case "count_params":
            return function("count_params", "") { _, _ in .int(self.layer.parameterCount) }
        default:
            return try LayerAttributes.attribute(name, of: self, interpreter)
        }
    }

    func setAttribute(_ name: String, to value: Value, _ interpreter: Interpreter) throws(Diagnostic) {
        switch (name, value) {
        case ("trainable", .bool(let flag)): layer.trainable = flag
        case ("trainable", _): throw Diagnostic("trainable must be True or False; got \(value.typeName)", at: nil)
        default: throw Diagnostic("cannot set the attribute '\(name)' of a \(typeName) layer", at: nil)
        }
    }

    /// `layer(x)` or `layer(x, training=True)`: the layer's output for `x` as a float32 tensor, as
    /// TensorFlow returns it, building the layer if needed.
    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let bound = try Signature(parsing: "inputs, training=None").bind(arguments, function: layer.name)
        if case .object(let input as InputObject)? = bound["inputs"] {
            try KerasFunctional.checkPositional(arguments, interpreter)
            return .object(try KerasFunctional.apply(self, layer, to: input, range: arguments.range, interpreter))
        }
        let x = try bound.tensor("inputs", dtype: .float32)
        let training = try bound.bool("training", default: false)
        let output = try engine(arguments.range) { () throws(EngineError) -> Tensor in
            try layer.apply(x, training: training, random: interpreter.random)
        }
        return .object(TensorObject(NDArray(output), dtypeName: "float32"))
    }
}
