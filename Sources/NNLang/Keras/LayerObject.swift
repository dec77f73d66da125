import NNEngine

/// A `Dense` layer in the language: Keras's attributes and methods over the engine's layer.
final class LayerObject: CallableObject {
    let layer: Dense
    /// The model that owns the layer, for variable paths (`my_model/layer3/kernel`).
    weak var model: ModelObject?

    init(_ layer: Dense) { self.layer = layer }

    var typeName: String { "Dense" }
    func repr(_ interpreter: Interpreter) -> String { "<Dense name=\(layer.name), built=\(layer.isBuilt ? "True" : "False")>" }

    var attributeNames: [String] {
        ["get_weights", "set_weights", "units", "activation", "name", "weights", "kernel", "bias", "use_bias",
         "count_params", "built", "trainable_weights", "input_shape", "output_shape"]
    }

    var variablePrefix: String { (model.map { $0.model.name + "/" } ?? "") + layer.name }

    var variables: [Value] {
        guard layer.isBuilt else { return [] }
        var result: [Value] = [.object(VariableObject(path: variablePrefix + "/kernel") { [layer] in layer.kernel })]
        if layer.useBias { result.append(.object(VariableObject(path: variablePrefix + "/bias") { [layer] in layer.bias })) }
        return result
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "units": return .int(layer.units)
        case "name": return .string(layer.name)
        case "use_bias": return .bool(layer.useBias)
        case "built": return .bool(layer.isBuilt)
        case "activation": return .object(ActivationFunction(layer.activation))
        case "weights", "trainable_weights", "trainable_variables": return .list(variables)
        case "kernel", "bias":
            guard layer.isBuilt else {
                throw Diagnostic("layer '\(layer.name)' has no weights yet: it is built when it first sees data", at: nil)
            }
            return variables[name == "kernel" ? 0 : 1]
        case "output_shape": return .tuple([.none, .int(layer.units)])
        case "input_shape":
            guard let width = layer.inputWidth else { throw Diagnostic("layer '\(layer.name)' is not built yet", at: nil) }
            return .tuple([.none, .int(width)])
        case "get_weights":
            return KerasWeights.getter { self.layer.weights() }
        case "set_weights":
            return KerasWeights.setter { tensors throws(EngineError) in try self.layer.setWeights(tensors) }
        case "count_params":
            return function("count_params", "") { _, _ in .int(self.layer.parameterCount) }
        default:
            return nil
        }
    }

    /// `layer(x)`: the layer's output for `x` (building it for x's width if needed).
    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let bound = try Signature(parsing: "inputs").bind(arguments, function: layer.name)
        let x = try bound.tensor("inputs")
        guard x.rank == 2 else {
            throw Diagnostic("a Dense layer takes a 2-D array (examples × features); got shape \(formatShape(x.shape))", at: arguments.range)
        }
        let output = try engine(arguments.range) { () throws(EngineError) -> Tensor in
            if !layer.isBuilt { try interpreter.random.draw { g throws(EngineError) in try layer.build(inputWidth: x.shape[1], random: &g) } }
            return try layer.apply(x)
        }
        return .array(NDArray(output))
    }
}
