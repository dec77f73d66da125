import NNEngine

/// A `Sequential` model in the language: Keras's methods over the engine's model. A functional model
/// (`keras.Model(inputs, outputs)`) is one too: its chain of layers runs as the engine's Sequential.
final class ModelObject: CallableObject {
    let model: Sequential
    /// The model's layers as the language sees them: `LayerObject`s and nested `ModelObject`s.
    var members: [PyObject] = []
    /// The model this one is nested in, if any.
    weak var owner: ModelObject?
    /// Set by `compile`, shown by `model.loss` / `model.optimizer`.
    var lossValue: Value = .none
    var optimizerValue: Value = .none
    var usesDefaultOptimizer = false
    /// The data and history of the latest `fit`, which `model.diagnose()` reads by default.
    var lastFit: (x: Tensor, y: Tensor, history: History)?
    /// Keras's `model.stop_training`, which a callback sets to end `fit` after the current epoch.
    var stopTraining = false
    /// Keras 3's `model.metrics_names`: empty until `compile`, then "loss" and, when metrics were given,
    /// "compile_metrics" (the name of the container Keras keeps them in).
    var metricsNames: [String] = []
    /// The `Input(...)` a Sequential was given, and the symbolic tensors of its chain (KerasFunctional).
    var declaredInput: InputObject?
    var chainCache: [InputObject] = []
    /// Set for a model made by `keras.Model(inputs, outputs)`.
    var functional: FunctionalGraph?
    /// The batch size of the data an unbuilt model was first called on, which Keras's summary then shows.
    var builtBatch: Int?

    init(_ model: Sequential) { self.model = model }

    var typeName: String { functional == nil ? "Sequential" : "Functional" }
    func repr(_ interpreter: Interpreter) -> String {
        "<\(typeName) name=\(model.name), built=\(model.isBuilt ? "True" : "False")>"
    }

    static let methodNames = [
        "add", "layers", "compile", "fit", "predict", "evaluate", "summary", "get_layer", "get_weights", "set_weights",
        "name", "count_params", "weights", "optimizer", "loss", "built", "step", "explain", "diagnose", "input_shape",
        "output_shape",
        "trainable", "trainable_weights", "non_trainable_weights", "stop_training", "pop", "inputs", "outputs", "build",
        "metrics_names",
    ]
    var attributeNames: [String] { ModelObject.methodNames }

    func add(_ layer: LayerObject, range: SourceRange) throws(Diagnostic) {
        try engine(range) { () throws(EngineError) in try model.add(layer.layer) }
        layer.model = self
        members.append(layer)
    }

    /// A Sequential inside this one.
    func add(_ inner: ModelObject, range: SourceRange) throws(Diagnostic) {
        try engine(range) { () throws(EngineError) in try model.add(inner.model) }
        inner.owner = self
        members.append(inner)
    }

    /// Every leaf layer object, nested models flattened, in the engine's order.
    var leafObjects: [LayerObject] {
        members.flatMap { member -> [LayerObject] in
            if let layer = member as? LayerObject { return [layer] }
            return (member as? ModelObject)?.leafObjects ?? []
        }
    }

    func memberName(_ member: PyObject) -> String {
        (member as? LayerObject)?.layer.name ?? (member as? ModelObject)?.model.name ?? ""
    }

    /// `(None, 28, 28)`.
    static func batchShape(_ shape: [Int]) -> Value { .tuple([.none] + shape.map { .int($0) }) }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        if let value = try functionalAttribute(name, interpreter) { return value }
        switch name {
        case "layers": return .list(members.map { .object($0) })
        case "name": return .string(model.name)
        case "built": return .bool(model.isBuilt)
        case "stop_training": return .bool(stopTraining)
        case "metrics_names": return .list(metricsNames.map { .string($0) })
        case "input", "output":
            // Keras 3 defines these only for functional models; a Sequential one raises.
            throw Diagnostic(
                "The layer \(model.name) has never been called and thus has no defined \(name).",
                at: nil, exception: "AttributeError")
        case "inputs", "outputs":
            guard let chain = symbolicChain(interpreter), let tensor = name == "inputs" ? chain.first : chain.last
            else {
                throw Diagnostic(
                    "Sequential model '\(model.name)' has no defined \(name) yet.", at: nil,
                    exception: "AttributeError")
            }
            return .list([.object(tensor)])
        case "trainable": return .bool(model.trainable)
        case "weights": return .list(leafObjects.flatMap(\.variables))
        case "trainable_weights", "trainable_variables":
            return .list(
                leafObjects.flatMap { object in
                    object.layer.trainable ? object.variables { $0.trainable } : []
                })
        case "non_trainable_weights", "non_trainable_variables":
            return .list(
                leafObjects.flatMap { object in object.variables { !$0.trainable || !object.layer.trainable } })
        case "optimizer": return optimizerValue
        case "loss": return lossValue
        case "input_shape":
            guard let shape = model.inputShape else {
                throw Diagnostic("model '\(model.name)' has no input shape yet", at: nil)
            }
            return ModelObject.batchShape(shape)
        case "output_shape":
            if let shape = model.outputShapePerExample { return ModelObject.batchShape(shape) }
            return .tuple([.none, model.outputWidth.map { .int($0) } ?? .none])
        case "add":
            return function("add", "layer") { a, interpreter throws(Diagnostic) in
                switch a.values["layer"]?.value {
                case .object(let layer as LayerObject)?:
                    try self.add(layer, range: a.range("layer"))
                    self.rebuildChain(interpreter)
                case .object(let inner as ModelObject)?:
                    try self.add(inner, range: a.range("layer"))
                    self.rebuildChain(interpreter)
                case .object(let input as InputObject)?:
                    try engine(a.range("layer")) { () throws(EngineError) in try self.model.setInput(shape: input.shape)
                    }
                    self.declaredInput = input
                default: throw Diagnostic("model.add() takes a layer, such as Dense(10)", at: a.range("layer"))
                }
                return .none
            }
        case "build":
            return function("build", "input_shape=None") { a, interpreter throws(Diagnostic) in
                guard let given = a["input_shape"], !given.isNone else {
                    throw Diagnostic(
                        "You must provide an `input_shape` argument.", at: a.callRange, exception: "ValueError")
                }
                // Keras's input_shape includes the batch axis: (None, 400).
                var items: [Value] = []
                switch given {
                case .tuple(let tuple): items = tuple.items
                case .list(let list): items = list.items
                default: throw Diagnostic("input_shape must be a tuple like (None, 400)", at: a.range("input_shape"))
                }
                let shape = try a.shapeValue(.tuple(TupleBox(Array(items.dropFirst()))), range: a.range("input_shape"))
                let wasBuilt = self.model.inputShape != nil
                try engine(a.range("input_shape")) { () throws(EngineError) in try self.model.build(inputShape: shape) }
                if !wasBuilt { self.noteFirstBuild(batch: nil, interpreter) }
                return .none
            }
        case "pop":
            return function("pop", "rebuild=True") { a, interpreter throws(Diagnostic) in
                try engine(a.callRange) { () throws(EngineError) in _ = try self.model.pop() }
                let removed = self.members.removeLast()
                (removed as? LayerObject)?.model = nil
                (removed as? ModelObject)?.owner = nil
                if try a.bool("rebuild", default: true) { self.rebuildChain(interpreter) }
                return .object(removed)
            }
        case "summary":
            return function("summary", "") { _, interpreter in
                interpreter.write(ModelSummary.render(self, unicode: interpreter.options.unicode))
                return .none
            }
        case "get_layer":
            return function("get_layer", "name=None, index=None") { a, _ throws(Diagnostic) in
                if let index = try a.optionalInt("index") {
                    guard index >= 0, index < self.members.count else {
                        throw Diagnostic(
                            "the model has \(self.members.count) layers; index \(index) is out of range",
                            at: a.range("index"))
                    }
                    return .object(self.members[index])
                }
                let wanted = try a.string("name")
                let names = self.members.map(self.memberName)
                guard let position = names.firstIndex(of: wanted) else {
                    throw Diagnostic(
                        "no layer named '\(wanted)' in model '\(self.model.name)'", at: a.range("name"),
                        hint: didYouMean(wanted, names) ?? "its layers are "
                            + names.map { "'\($0)'" }.joined(separator: ", "))
                }
                return .object(self.members[position])
            }
        case "get_weights":
            return KerasWeights.getter { self.model.weights() }
        case "set_weights":
            return KerasWeights.setter { tensors throws(EngineError) in try self.model.setWeights(tensors) }
        case "count_params":
            return function("count_params", "") { _, _ in .int(self.model.parameterCount) }
        case "step":
            return function(
                "step", "x, y, example=None",
                summary:
                    "NNLab: one training step on x, y with the compiled loss and optimizer, explained in full (the highest-loss example, or x[example]); returns the loss"
            ) { a, interpreter throws(Diagnostic) in
                let x = try a.tensor("x", dtype: .float32)
                let y = try a.tensor("y")
                try FiniteChecks.data(x, "x", range: a.range("x"))
                try FiniteChecks.data(y, "y", range: a.range("y"))
                try FiniteChecks.weights(of: self.model, range: a.callRange)
                let example = try KerasTraining.exampleIndex(a, rows: x.rows)
                let (loss, trace) = try engine(a.callRange) { () throws(EngineError) in try self.model.step(x: x, y: y)
                }
                interpreter.teaching?.explainStep(trace, example: example)
                return .float(Double(loss))
            }
        case "diagnose":
            return ModelDiagnosis.method(self)
        case "explain":
            return function(
                "explain", "x", summary: "NNLab: the forward pass for x explained layer by layer, without training"
            ) { a, interpreter throws(Diagnostic) in
                let x = try a.tensor("x", dtype: .float32)
                let trace = try engine(a.callRange) { () throws(EngineError) in try self.model.forwardTrace(x) }
                interpreter.teaching?.explainForward(trace)
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

    func setAttribute(_ name: String, to value: Value, _ interpreter: Interpreter) throws(Diagnostic) {
        switch (name, value) {
        case ("trainable", .bool(let flag)): model.trainable = flag
        case ("stop_training", _):
            let here = SourceRange(SourceLocation(line: 1, column: 1), SourceLocation(line: 1, column: 1))
            stopTraining = try interpreter.truth(value, range: here)
        case ("trainable", _): throw Diagnostic("trainable must be True or False; got \(value.typeName)", at: nil)
        default: throw Diagnostic("cannot set the attribute '\(name)' of a Sequential model", at: nil)
        }
    }

    /// `model(x)` or `model(x, training=True)`: the outputs as a float32 tensor, without a progress bar,
    /// as calling a Keras model gives (`predict` gives a NumPy array); in training mode the whole of x is one batch (Dropout drops, and
    /// BatchNormalization uses and follows x's statistics).
    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let bound = try Signature(parsing: "inputs, training=None").bind(arguments, function: model.name)
        if case .object(let input as InputObject)? = bound["inputs"] {
            try KerasFunctional.checkPositional(arguments, interpreter)
            return .object(try KerasFunctional.apply(self, model, to: input, range: arguments.range, interpreter))
        }
        let x = try bound.tensor("inputs", dtype: .float32)
        let training = try bound.bool("training", default: false)
        let firstBuild = model.inputShape == nil
        if let graph = functional, graph.outputModels.count > 1 {
            return .list(
                try graph.outputModels.map { output throws(Diagnostic) in
                    let tensor = try engine(arguments.range) { () throws(EngineError) in
                        try output.predict(x, batchSize: training ? max(x.rows, 1) : 32, training: training)
                    }
                    return .object(TensorObject(NDArray(tensor), dtypeName: "float32"))
                })
        }
        let output = try engine(arguments.range) { () throws(EngineError) in
            try model.predict(x, batchSize: training ? max(x.rows, 1) : 32, training: training)
        }
        if firstBuild { noteFirstBuild(batch: x.rows, interpreter) }
        return .object(TensorObject(NDArray(output), dtypeName: "float32"))
    }
}
