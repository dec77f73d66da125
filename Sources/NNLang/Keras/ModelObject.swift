import NNEngine

/// A `Sequential` model in the language: Keras's methods over the engine's model.
final class ModelObject: CallableObject {
    let model: Sequential
    private(set) var layerObjects: [LayerObject] = []
    /// Set by `compile`, shown by `model.loss` / `model.optimizer`.
    var lossValue: Value = .none
    var optimizerValue: Value = .none
    var usesDefaultOptimizer = false

    init(_ model: Sequential) { self.model = model }

    var typeName: String { "Sequential" }
    func repr(_ interpreter: Interpreter) -> String { "<Sequential name=\(model.name), built=\(model.isBuilt ? "True" : "False")>" }

    static let methodNames = [
        "add", "layers", "compile", "fit", "predict", "evaluate", "summary", "get_layer", "get_weights", "set_weights",
        "name", "count_params", "weights", "optimizer", "loss", "built", "step", "explain", "input_shape", "output_shape",
    ]
    var attributeNames: [String] { ModelObject.methodNames }

    func add(_ layer: LayerObject, range: SourceRange) throws(Diagnostic) {
        try engine(range) { () throws(EngineError) in try model.add(layer.layer) }
        layer.model = self
        layerObjects.append(layer)
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "layers": return .list(layerObjects.map { .object($0) })
        case "name": return .string(model.name)
        case "built": return .bool(model.isBuilt)
        case "weights", "trainable_weights", "trainable_variables": return .list(layerObjects.flatMap(\.variables))
        case "optimizer": return optimizerValue
        case "loss": return lossValue
        case "input_shape":
            guard let width = model.inputWidth else { throw Diagnostic("model '\(model.name)' has no input shape yet", at: nil) }
            return .tuple([.none, .int(width)])
        case "output_shape": return .tuple([.none, model.outputWidth.map { .int($0) } ?? .none])
        case "add":
            return function("add", "layer") { a, _ throws(Diagnostic) in
                switch a.values["layer"]?.value {
                case .object(let layer as LayerObject)?: try self.add(layer, range: a.range("layer"))
                case .object(let input as InputObject)?:
                    try engine(a.range("layer")) { () throws(EngineError) in try self.model.setInput(width: input.width) }
                default: throw Diagnostic("model.add() takes a layer, such as Dense(10)", at: a.range("layer"))
                }
                return .none
            }
        case "summary":
            return function("summary", "") { _, interpreter in
                interpreter.write(ModelSummary.render(self, unicode: interpreter.options.unicode))
                return .none
            }
        case "get_layer":
            return function("get_layer", "name=None, index=None") { a, _ throws(Diagnostic) in
                if let index = try a.optionalInt("index") {
                    guard index >= 0, index < self.layerObjects.count else {
                        throw Diagnostic("the model has \(self.layerObjects.count) layers; index \(index) is out of range", at: a.range("index"))
                    }
                    return .object(self.layerObjects[index])
                }
                let wanted = try a.string("name")
                guard let layer = self.layerObjects.first(where: { $0.layer.name == wanted }) else {
                    throw Diagnostic("no layer named '\(wanted)' in model '\(self.model.name)'", at: a.range("name"),
                                     hint: didYouMean(wanted, self.layerObjects.map(\.layer.name)) ?? "its layers are "
                                        + self.layerObjects.map { "'\($0.layer.name)'" }.joined(separator: ", "))
                }
                return .object(layer)
            }
        case "get_weights":
            return KerasWeights.getter { self.model.weights() }
        case "set_weights":
            return KerasWeights.setter { tensors throws(EngineError) in try self.model.setWeights(tensors) }
        case "count_params":
            return function("count_params", "") { _, _ in .int(self.model.parameterCount) }
        case "step":
            return function("step", "x, y", summary: "NNLab: one training step on x, y with the compiled loss and optimizer, explained in full; returns the loss") { a, interpreter throws(Diagnostic) in
                let x = try a.tensor("x", dtype: .float32), y = try a.tensor("y")
                try FiniteChecks.data(x, "x", range: a.range("x"))
                try FiniteChecks.data(y, "y", range: a.range("y"))
                try FiniteChecks.weights(of: self.model, range: a.callRange)
                let (loss, trace) = try engine(a.callRange) { () throws(EngineError) in try self.model.step(x: x, y: y) }
                interpreter.stepExplainer?(trace)
                return .float(Double(loss))
            }
        case "explain":
            return function("explain", "x", summary: "NNLab: the forward pass for x explained layer by layer, without training") { a, interpreter throws(Diagnostic) in
                let x = try a.tensor("x", dtype: .float32)
                let trace = try engine(a.callRange) { () throws(EngineError) in try self.model.forwardTrace(x) }
                interpreter.forwardExplainer?(trace)
                return .none
            }
        case "compile": return KerasTraining.compileMethod(self)
        case "fit": return KerasTraining.fitMethod(self)
        case "predict": return KerasTraining.predictMethod(self)
        case "evaluate": return KerasTraining.evaluateMethod(self)
        default:
            return nil
        }
    }

    /// `model(x)`: predictions without a progress bar, as calling a Keras model gives.
    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let bound = try Signature(parsing: "inputs").bind(arguments, function: model.name)
        let x = try bound.tensor("inputs")
        return .array(NDArray(try engine(arguments.range) { () throws(EngineError) in try model.predict(x) }))
    }
}
