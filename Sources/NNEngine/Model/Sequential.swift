/// A stack of layers, Keras's `Sequential`: each layer's output is the next one's input.
///
/// A `Sequential` is itself a `Layer`, so one model can hold another; training runs over the
/// flattened list of leaf layers (`leafLayers`), which is the same computation.
public final class Sequential {
    public let name: String
    public private(set) var layers: [Layer] = []
    /// The layers that compute, nested models flattened, in order.
    public var leafLayers: [Layer] { activePlan?.leaves ?? layers.flatMap { ($0 as? Sequential)?.leafLayers ?? [$0] } }
    /// What every batch of the running fit, predict or evaluate needs, worked out once for it.
    var activePlan: ComputePlan?
    /// The per-example input shape, from `Input(shape=...)`, a layer's declared input shape, or the first data seen.
    public internal(set) var inputShape: [Int]?
    /// Set by `compile`.
    public internal(set) var configuration: TrainingConfiguration?
    public var trainable = true {
        didSet { for layer in layers { layer.trainable = trainable } }
    }
    let random: RandomSource

    public init(
        layers: [Layer] = [], inputWidth: Int? = nil, name: String? = nil,
        random: RandomSource = .shared
    ) throws(EngineError) {
        self.name = name ?? LayerNames.current.next("sequential")
        self.random = random
        if let inputWidth { try setInput(shape: [inputWidth]) }
        for layer in layers { try add(layer) }
    }

    /// Features per example, when an example is one axis of features (or the product of the axes).
    public var inputWidth: Int? { inputShape.map { $0.reduce(1, *) } }

    /// Declares the per-example input shape, as `Input(shape=...)` does.
    public func setInput(shape: [Int]) throws(EngineError) {
        guard !shape.isEmpty, shape.allSatisfy({ $0 > 0 }) else {
            throw .invalidArgument("an input shape must be positive; got \(formatShape(shape))")
        }
        guard layers.isEmpty else { throw .inputAfterLayers(model: name) }
        inputShape = shape
    }

    /// Declares the width of the input, as `Input(shape=(n,))` does.
    public func setInput(width: Int) throws(EngineError) { try setInput(shape: [width]) }

    /// Appends a layer; if the model's input shape is known, the layer is built at once.
    public func add(_ layer: Layer) throws(EngineError) {
        let names = Set(allLayers.map(\.name))
        let incoming = (layer as? Sequential)?.allLayers ?? [layer]
        guard layer !== self, !layers.contains(where: { $0 === layer }) else {
            throw .duplicateLayerName(layer: layer.name, model: name)
        }
        if let clash = incoming.first(where: { names.contains($0.name) || $0.name == name }) {
            throw .duplicateLayerName(layer: clash.name, model: name)
        }
        if layers.isEmpty, inputShape == nil, let declared = layer.declaredInputShape { inputShape = declared }
        if let inputShape, isBuilt {
            let shapeBefore = layers.last?.outputShape ?? inputShape
            if let built = layer.inputShape {
                guard built == shapeBefore else {
                    throw .inputShapeMismatch(layer: layer.name, expected: built, received: shapeBefore)
                }
            } else {
                try random.draw { random throws(EngineError) in
                    try layer.build(inputShape: shapeBefore, random: &random)
                }
            }
        }
        layers.append(layer)
    }

    /// Removes and returns the last layer, as Keras's `model.pop()` does; the rest keep their weights.
    @discardableResult
    public func pop() throws(EngineError) -> Layer {
        guard let last = layers.popLast() else { throw .emptyModel(model: name) }
        return last
    }

    /// Every layer, nested ones included, with the nested models themselves.
    var allLayers: [Layer] {
        layers.flatMap { layer -> [Layer] in [layer] + ((layer as? Sequential)?.allLayers ?? []) }
    }

    /// Whether every layer has its weights.
    public var isBuilt: Bool { inputShape != nil && layers.allSatisfy(\.isBuilt) }

    /// Builds every layer for examples of `shape`, or checks `shape` against the built model.
    public func build(inputShape shape: [Int]) throws(EngineError) {
        if let known = inputShape, isBuilt {
            guard known == shape else {
                throw .modelInputMismatch(
                    firstLayerKind: leafLayers.first?.kind ?? "", expected: known, received: shape)
            }
            return
        }
        guard !layers.isEmpty else { throw .emptyModel(model: name) }
        var shapeBefore = shape
        for layer in layers {
            if !layer.isBuilt {
                try random.draw { random throws(EngineError) in
                    try layer.build(inputShape: shapeBefore, random: &random)
                }
            } else if let built = layer.inputShape, built != shapeBefore {
                throw .inputShapeMismatch(layer: layer.name, expected: built, received: shapeBefore)
            }
            shapeBefore = try layer.outputShape(for: shapeBefore)
        }
        inputShape = shape
    }

    /// Builds every layer for inputs of `width` features.
    public func build(inputWidth width: Int) throws(EngineError) { try build(inputShape: [width]) }

    /// The layer named `name`, as `get_layer`.
    public func layer(named name: String) -> Layer? { layers.first { $0.name == name } }

    /// The per-example output shape once built (or known from the layers' kinds).
    public var outputShapePerExample: [Int]? {
        guard var shape = inputShape else { return nil }
        for layer in layers {
            guard let next = try? layer.outputShape(for: shape) else { return nil }
            shape = next
        }
        return shape
    }

    /// Elements of each prediction.
    public var outputWidth: Int? {
        if let shape = outputShapePerExample { return shape.reduce(1, *) }
        return (leafLayers.last { $0 is Dense } as? Dense)?.units
    }

    /// Every weight's element count, and those training changes.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }
    public var trainableParameterCount: Int { leafLayers.reduce(0) { $0 + $1.trainableParameterCount } }

    /// Every layer's weights in order, as Keras's `model.get_weights()`.
    public func weights() -> [Tensor] { leafLayers.flatMap { $0.weights() } }

    /// Replaces every layer's weights, checking the number of arrays and each shape as Keras does.
    public func setWeights(_ values: [Tensor]) throws(EngineError) {
        guard isBuilt else { throw .modelNotBuilt(model: name) }
        let expected = leafLayers.flatMap(\.parameters)
        guard values.count == expected.count else {
            throw .weightCountMismatch(owner: name, expected: expected.map(\.value.shape), received: values.count)
        }
        var offset = 0
        for layer in leafLayers {
            let count = layer.parameters.count
            try layer.setWeights(Array(values[offset..<(offset + count)]))
            offset += count
        }
    }
}

/// What `compile` fixes: the loss, the optimizer and the metrics.
public struct TrainingConfiguration {
    public var loss: Loss
    public var optimizer: Optimizer
    public var metrics: [Metric]
}

extension Sequential {
    /// Sets the loss, optimizer (RMSprop when none is given, as in Keras) and metrics for training.
    public func compile(loss: Loss, optimizer: Optimizer? = nil, metrics: [Metric] = []) {
        configuration = TrainingConfiguration(loss: loss, optimizer: optimizer ?? RMSprop(), metrics: metrics)
    }
}
