/// A stack of layers, Keras's `Sequential`: each layer's output is the next one's input.
public final class Sequential {
    public let name: String
    public private(set) var layers: [Dense] = []
    /// Features per example, from `Input(shape=(n,))`, a layer's declared input width, or the first data seen.
    public private(set) var inputWidth: Int?
    /// Set by `compile`.
    public internal(set) var configuration: TrainingConfiguration?
    let random: RandomSource

    public init(layers: [Dense] = [], inputWidth: Int? = nil, name: String? = nil,
                random: RandomSource = .shared) throws(EngineError) {
        self.name = name ?? LayerNames.shared.next("sequential")
        self.random = random
        if let inputWidth { try setInput(width: inputWidth) }
        for layer in layers { try add(layer) }
    }

    /// Declares the width of the input, as `Input(shape=(n,))` does, and builds the layers.
    public func setInput(width: Int) throws(EngineError) {
        guard width > 0 else { throw .invalidArgument("an input shape must be positive; got (\(width),)") }
        guard layers.isEmpty else {
            throw .invalidArgument("Input must come before the first layer of a Sequential model")
        }
        inputWidth = width
    }

    /// Appends a layer; if the model's input width is known, the layer is built at once.
    public func add(_ layer: Dense) throws(EngineError) {
        guard !layers.contains(where: { $0 === layer || $0.name == layer.name }) else {
            throw .invalidArgument(
                "a layer named '\(layer.name)' is already in model '\(name)'; layer names must be unique")
        }
        if layers.isEmpty, inputWidth == nil, let declared = layer.declaredInputWidth { inputWidth = declared }
        if let inputWidth, layers.allSatisfy(\.isBuilt) {
            let widthBefore = layers.last?.units ?? inputWidth
            if let built = layer.inputWidth {
                guard built == widthBefore else {
                    throw .shapeMismatch(
                        "layer '\(layer.name)' was built for \(built) inputs, but the layer before it gives \(widthBefore)")
                }
            } else {
                try random.draw { random throws(EngineError) in try layer.build(inputWidth: widthBefore, random: &random) }
            }
        }
        layers.append(layer)
    }

    /// Whether every layer has its weights.
    public var isBuilt: Bool { inputWidth != nil && layers.allSatisfy(\.isBuilt) }

    /// Builds every layer for inputs of `width` features, or checks `width` against the built model.
    public func build(inputWidth width: Int) throws(EngineError) {
        if let known = inputWidth, isBuilt {
            guard known == width else {
                throw .shapeMismatch(
                    "the first Dense layer was built for \(known) features per example; the input has \(width)")
            }
            return
        }
        guard !layers.isEmpty else {
            throw .invalidArgument("model '\(name)' has no layers yet: add one with model.add(Dense(...))")
        }
        // A layer already built (shared with another model) must get the width it was built for.
        var expected = width
        for layer in layers {
            if let built = layer.inputWidth, layer.isBuilt, built != expected {
                throw .shapeMismatch(
                    "Input 0 of layer \"\(layer.name)\" is incompatible with the layer: expected axis -1 of input "
                        + "shape to have value \(built), but received input with shape (None, \(expected)). "
                        + "It was built for \(built) inputs before (by another model that shares it, "
                        + "or by its input_shape)")
            }
            expected = layer.units
        }
        inputWidth = width
        var widthBefore = width
        for layer in layers {
            if !layer.isBuilt {
                try random.draw { random throws(EngineError) in
                    try layer.build(inputWidth: widthBefore, random: &random)
                }
            }
            widthBefore = layer.units
        }
    }

    /// The layer named `name`, as `get_layer`.
    public func layer(named name: String) -> Dense? { layers.first { $0.name == name } }

    /// Units of the last layer: the width of each prediction.
    public var outputWidth: Int? { layers.last?.units }

    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// Every layer's weights in order, as Keras's `model.get_weights()`.
    public func weights() -> [Tensor] { layers.flatMap { $0.weights().map { $0.copied() } } }

    /// Replaces every layer's weights, checking the number of arrays and each shape as Keras does.
    public func setWeights(_ values: [Tensor]) throws(EngineError) {
        guard isBuilt else {
            throw .notBuilt(
                "model '\(name)' has no weights yet: give it an Input(shape=...) or call fit/predict before set_weights")
        }
        let expected = layers.reduce(0) { $0 + ($1.useBias ? 2 : 1) }
        guard values.count == expected else {
            throw .shapeMismatch(
                "set_weights on model '\(name)' received a list of \(values.count) arrays, "
                    + "but the model has \(expected) weights (a kernel and a bias per Dense layer)")
        }
        var offset = 0
        for layer in layers {
            let count = layer.useBias ? 2 : 1
            try layer.setWeights(Array(values[offset..<(offset + count)]))
            offset += count
        }
    }

    /// Rows of `model.summary()`: each layer's name, output width and parameter count.
    public var summaryRows: [(name: String, kind: String, outputWidth: Int, parameters: Int, built: Bool)] {
        layers.map { ($0.name, "Dense", $0.units, $0.parameterCount, $0.isBuilt) }
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
