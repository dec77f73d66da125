import NNEngine

/// Keras's functional API over the engine: `x = Dense(4)(inputs)` builds the layer for the symbolic
/// tensor's shape and gives its output tensor, which remembers the layer and its input; and
/// `keras.Model(inputs, outputs)` follows those links back into one chain of layers, which runs as the
/// engine's `Sequential` (training, prediction, weights and summary are the engine's). Outputs taken
/// along the chain (feature extraction) each run the chain up to them.
enum KerasFunctional {
    /// The engine layer a layer object or a nested model computes with.
    static func engineLayer(_ producer: PyObject) -> Layer? {
        (producer as? LayerObject)?.layer ?? (producer as? ModelObject)?.model
    }

    /// `layer(tensor)` on a symbolic tensor: builds the layer for the tensor's shape (or checks it) and
    /// returns the output tensor.
    static func apply(
        _ producer: PyObject, _ layer: Layer, to input: InputObject, range: SourceRange, _ interpreter: Interpreter
    ) throws(Diagnostic) -> InputObject {
        let firstBuild = (producer as? ModelObject)?.model.inputShape == nil
        let shape = try engine(range) { () throws(EngineError) -> [Int] in
            if let model = layer as? Sequential {
                try model.build(inputShape: input.shape)
            } else if let built = layer.inputShape {
                guard built == input.shape else {
                    throw .inputShapeMismatch(layer: layer.name, expected: built, received: input.shape)
                }
            } else {
                try interpreter.random.draw { random throws(EngineError) in
                    try layer.build(inputShape: input.shape, random: &random)
                }
            }
            return try layer.outputShape(for: input.shape)
        }
        if firstBuild, let model = producer as? ModelObject { model.noteFirstBuild(batch: nil, interpreter) }
        let output = InputObject(
            shape: shape, name: interpreter.layerNames.next("keras_tensor"), producer: producer, parent: input)
        if let object = producer as? LayerObject {
            object.symbolicInput = input
            object.symbolicOutput = output
        }
        return output
    }

    /// Keras takes only tensors positionally: `layer(inputs, 3)` is refused in its words.
    static func checkPositional(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) {
        guard arguments.positional.count > 1 else { return }
        let value = arguments.positional[1]
        throw Diagnostic(
            "Only input tensors may be passed as positional arguments. The following argument value should be "
                + "passed as a keyword argument: \(interpreter.repr(value)) (of type <class '\(value.typeName)'>)",
            at: arguments.positionalRanges.count > 1 ? arguments.positionalRanges[1] : arguments.range,
            exception: "ValueError")
    }

    /// `layer.input` / `layer.output`: the tensors of the model the layer is in (a Sequential with a known
    /// input shape), else of the layer's latest call on a symbolic tensor.
    static func tensor(_ name: String, of object: LayerObject, _ interpreter: Interpreter) -> InputObject? {
        if let owner = object.model, let chain = owner.symbolicChain(interpreter),
            let index = owner.members.firstIndex(where: { $0 === object })
        {
            return name == "input" ? chain[index] : chain[index + 1]
        }
        return name == "input" ? object.symbolicInput : object.symbolicOutput
    }

    /// `keras.Model(inputs=..., outputs=...)` (or positional, with `name=`).
    static var modelClass: Value {
        function(
            "Model", "inputs=None, outputs=None, name=None, trainable=True",
            summary: "A model from symbolic tensors: keras.Model(inputs=Input(...), outputs=layer_output)"
        ) { a, interpreter throws(Diagnostic) in
            guard let inputsValue = a["inputs"], let outputsValue = a["outputs"] else {
                throw .unsupported(
                    "keras.Model needs inputs= and outputs= (subclassing Model is not supported)", at: a.callRange)
            }
            let (inputs, inputsAreList) = try tensors(inputsValue, "inputs", range: a.range("inputs"), interpreter)
            let (outputs, outputsAreList) = try tensors(outputsValue, "outputs", range: a.range("outputs"), interpreter)
            guard inputs.count == 1, let input = inputs.first else {
                throw .unsupported("a functional model with several inputs is not supported yet", at: a.range("inputs"))
            }
            var paths: [[InputObject]] = []
            for (index, output) in outputs.enumerated() {
                var path: [InputObject] = []
                var current: InputObject? = output
                while let tensor = current, tensor !== input {
                    path.append(tensor)
                    current = tensor.parent
                }
                guard current != nil else {
                    throw Diagnostic(
                        "Output with path `\(outputsAreList ? String(index) : "")` is not connected to `inputs`",
                        at: a.range("outputs"),
                        exception: "ValueError")
                }
                paths.append(path.reversed())
            }
            guard let longest = paths.max(by: { $0.count < $1.count }), !longest.isEmpty,
                paths.allSatisfy({ !$0.isEmpty && zip($0, longest).allSatisfy { $0 === $1 } })
            else {
                throw .unsupported(
                    "NNLab runs functional models whose layers form one chain from the input to the outputs; "
                        + "this one branches or has an output that is its input", at: a.range("outputs"))
            }
            let name =
                a["name"] == nil || a["name"]?.isNone == true
                ? interpreter.layerNames.next("functional") : try a.string("name")
            var outputModels: [Sequential] = []
            for (index, path) in paths.enumerated() {
                let chain = try engine(a.callRange) { () throws(EngineError) -> Sequential in
                    let model = try Sequential(
                        name: path.count == longest.count ? name : "\(name)_output_\(index)", random: interpreter.random
                    )
                    try model.setInput(shape: input.shape)
                    for tensor in path {
                        guard let producer = tensor.producer, let layer = engineLayer(producer) else {
                            throw .invalidArgument("the tensor \(tensor.name) was not made by a layer")
                        }
                        try model.add(layer)
                    }
                    return model
                }
                outputModels.append(chain)
            }
            let main = outputModels.first { $0.name == name } ?? outputModels[0]
            let object = ModelObject(main)
            object.members = longest.compactMap(\.producer)
            object.functional = FunctionalGraph(
                inputs: inputs, outputs: outputs, inputsAreList: inputsAreList, outputsAreList: outputsAreList,
                outputModels: outputModels, inputLayer: InputLayerObject(input))
            if !(try a.bool("trainable", default: true)) { main.trainable = false }
            return .object(object)
        }
    }

    /// One symbolic tensor, or a list or tuple of them.
    private static func tensors(_ value: Value, _ what: String, range: SourceRange, _ interpreter: Interpreter)
        throws(Diagnostic) -> ([InputObject], isList: Bool)
    {
        if case .object(let tensor as InputObject) = value { return ([tensor], false) }
        var items: [Value] = []
        switch value {
        case .list(let list): items = list.items
        case .tuple(let tuple): items = tuple.items
        default:
            throw Diagnostic(
                "\(what) must be symbolic tensors (keras.Input(...) or a layer's output); got \(value.typeName)",
                at: range, exception: "ValueError")
        }
        var tensors: [InputObject] = []
        for item in items {
            guard case .object(let tensor as InputObject) = item else {
                throw Diagnostic(
                    "\(what) must be symbolic tensors (keras.Input(...) or a layer's output); got \(item.typeName)",
                    at: range, exception: "ValueError")
            }
            tensors.append(tensor)
        }
        guard !tensors.isEmpty else {
            throw Diagnostic("a model needs at least one of its \(what)", at: range, exception: "ValueError")
        }
        return (tensors, true)
    }
}

/// What a functional model adds to the engine's Sequential it runs as: its symbolic inputs and outputs, and
/// for each output the chain of layers up to it.
final class FunctionalGraph {
    let inputs: [InputObject]
    let outputs: [InputObject]
    let inputsAreList: Bool
    let outputsAreList: Bool
    let outputModels: [Sequential]
    let inputLayer: InputLayerObject

    init(
        inputs: [InputObject], outputs: [InputObject], inputsAreList: Bool, outputsAreList: Bool,
        outputModels: [Sequential], inputLayer: InputLayerObject
    ) {
        self.inputs = inputs
        self.outputs = outputs
        self.inputsAreList = inputsAreList
        self.outputsAreList = outputsAreList
        self.outputModels = outputModels
        self.inputLayer = inputLayer
    }
}

/// The `InputLayer` a functional model lists first in `model.layers`: no weights, its output the input.
final class InputLayerObject: PyObject {
    let tensor: InputObject
    init(_ tensor: InputObject) { self.tensor = tensor }

    var typeName: String { "InputLayer" }
    var name: String { tensor.layerName }
    func repr(_ interpreter: Interpreter) -> String { "<InputLayer name=\(name), built=True>" }
    var attributeNames: [String] {
        ["name", "input", "output", "weights", "trainable", "built", "count_params", "get_weights", "output_shape"]
    }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "name": .string(self.name)
        case "input": .list([])
        case "output": .object(tensor)
        case "weights", "trainable_weights", "non_trainable_weights": .list([])
        case "trainable", "built": .bool(true)
        case "output_shape", "batch_shape": ModelObject.batchShape(tensor.shape)
        case "count_params": function("count_params", "") { _, _ in .int(0) }
        case "get_weights": function("get_weights", "") { _, _ in .list([]) }
        default: nil
        }
    }
}

extension ModelObject {
    /// The symbolic tensors of a Sequential with a known input shape: its input, then each member's output;
    /// the same tensors until the model changes.
    func symbolicChain(_ interpreter: Interpreter) -> [InputObject]? {
        guard functional == nil else { return nil }
        if chainCache.count == members.count + 1, chainCache.first?.shape == model.inputShape,
            zip(chainCache.dropFirst(), members).allSatisfy({ $0.producer === $1 })
        {
            return chainCache
        }
        rebuildChain(interpreter)
        return chainCache.isEmpty ? nil : chainCache
    }

    /// Keras rebuilds a Sequential whose input is known after each change (its making, `add`, `pop`, the first
    /// data it sees), calling its layers on fresh symbolic tensors: those are then its `layer.output`s, and
    /// the automatic names they take (`keras_tensor_N`, `functional_N`, `input_layer_N`) are taken here too,
    /// so the names a program sees later agree with Keras's.
    func rebuildChain(_ interpreter: Interpreter) {
        guard functional == nil, let shape = model.inputShape, model.isBuilt, !members.isEmpty else {
            chainCache = []
            return
        }
        let names = interpreter.layerNames
        let input: InputObject
        if let declared = declaredInput, declared.shape == shape {
            input = declared
        } else if let first = chainCache.first, first.shape == shape, first.producer == nil {
            input = first
        } else {
            // The InputLayer Keras puts in front of a model built without one.
            input = InputObject(shape: shape, name: names.next("keras_tensor"), layerName: names.next("input_layer"))
        }
        var chain = [input]
        for member in members {
            guard let before = chain.last, let layer = KerasFunctional.engineLayer(member),
                let shape = try? layer.outputShape(for: before.shape)
            else {
                chainCache = []
                return
            }
            chain.append(InputObject(shape: shape, name: names.next("keras_tensor"), producer: member, parent: before))
        }
        _ = names.next("functional")
        chainCache = chain
    }

    /// After data first builds a model (a call, `predict`, `fit`, `evaluate`, `build`).
    func noteFirstBuild(batch: Int?, _ interpreter: Interpreter) {
        builtBatch = batch
        rebuildChain(interpreter)
    }

    /// The attributes a functional model answers differently from a Sequential one.
    func functionalAttribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        guard let graph = functional else { return nil }
        let layers: [PyObject] = [graph.inputLayer] + members
        func structure(_ tensors: [InputObject], list: Bool) -> Value {
            list ? .list(tensors.map { .object($0) }) : tensors.first.map { .object($0) } ?? .none
        }
        switch name {
        case "layers": return .list(layers.map { .object($0) })
        case "input": return structure(graph.inputs, list: graph.inputsAreList)
        case "output": return structure(graph.outputs, list: graph.outputsAreList)
        case "inputs": return .list(graph.inputs.map { .object($0) })
        case "outputs": return .list(graph.outputs.map { .object($0) })
        case "add", "pop":
            throw Diagnostic("'Functional' object has no attribute '\(name)'", at: nil, exception: "AttributeError")
        case "get_layer":
            return function("get_layer", "name=None, index=None") { a, _ throws(Diagnostic) in
                if let index = try a.optionalInt("index") {
                    guard index >= 0, index < layers.count else {
                        throw Diagnostic(
                            "Was asked to retrieve layer at index \(index) but model only has \(layers.count) layers.",
                            at: a.range("index"), exception: "ValueError")
                    }
                    return .object(layers[index])
                }
                let wanted = try a.string("name")
                let names = layers.map { ($0 as? InputLayerObject)?.name ?? self.memberName($0) }
                let listed = names.map { "'\($0)'" }.joined(separator: ", ")
                guard let position = names.firstIndex(of: wanted) else {
                    throw Diagnostic(
                        "No such layer: \(wanted). Existing layers are: [\(listed)].",
                        at: a.range("name"),
                        exception: "ValueError")
                }
                return .object(layers[position])
            }
        default: return nil
        }
    }

    /// Training and evaluating run the engine's one output.
    func requireOneOutput(_ range: SourceRange) throws(Diagnostic) {
        guard let graph = functional, graph.outputModels.count > 1 else { return }
        throw .unsupported("training or evaluating a model with several outputs is not supported yet", at: range)
    }

    /// `model.predict(x)` of a model with several outputs: one array per output, as Keras gives them.
    func predictOutputs(_ x: Tensor, batchSize: Int, range: SourceRange) throws(Diagnostic) -> Value? {
        guard let graph = functional, graph.outputModels.count > 1 else { return nil }
        return .list(
            try graph.outputModels.map { output throws(Diagnostic) in
                .array(
                    NDArray(try engine(range) { () throws(EngineError) in try output.predict(x, batchSize: batchSize) })
                )
            })
    }
}
