import NNEngine

/// Keras's layers beyond Dense: `Flatten`, `Dropout`, the activation layers, `Normalization` and
/// `BatchNormalization`, with Keras 3's arguments and defaults.
enum KerasLayers {
    static let names =
        [
            "Flatten", "Dropout", "Activation", "ReLU", "LeakyReLU", "Softmax", "Normalization",
            "BatchNormalization",
        ] + KerasConvLayers.names

    /// Keyword arguments every layer takes.
    static let common = "name=None, input_shape=None, trainable=True, dtype=None"

    static func constructors() -> [String: Value] {
        KerasConvLayers.constructors().merging([
            "Flatten": layer(
                "Flatten", "data_format=None, " + common, "Lays each example's axes end to end: (28, 28) → (784,)"
            ) {
                a, shape, name throws(Diagnostic) -> Layer in
                try engine(a.callRange) { () throws(EngineError) in try Flatten(name: name, inputShape: shape) }
            },
            "Dropout": layer(
                "Dropout", "rate, noise_shape=None, seed=None, " + common,
                "In training, sets each input to 0 with probability rate and scales the rest by 1/(1 - rate)"
            ) {
                a, shape, name throws(Diagnostic) -> Layer in
                if a["noise_shape"] != nil {
                    throw .unsupported("Dropout(noise_shape=...) is not supported yet", at: a.range("noise_shape"))
                }
                let seed = try a.optionalInt("seed")
                if let seed, seed < 0 { throw Diagnostic("a seed must be non-negative", at: a.range("seed")) }
                let rate = Float(try a.double("rate"))
                return try engine(a.callRange) { () throws(EngineError) in
                    try Dropout(rate: rate, seed: seed.map(UInt64.init), name: name, inputShape: shape)
                }
            },
            "Activation": layer("Activation", "activation, " + common, "Applies an activation function to its input") {
                a, shape, name throws(Diagnostic) -> Layer in
                let activation = try KerasLibrary.activation(from: a["activation"], range: a.range("activation"))
                return ActivationLayer(
                    kind: "Activation", function: .standard(activation), name: name, inputShape: shape)
            },
            "ReLU": layer(
                "ReLU", "max_value=None, negative_slope=0.0, threshold=0.0, " + common,
                "max(x, 0), optionally capped at max_value and leaky below threshold"
            ) { a, shape, name throws(Diagnostic) -> Layer in
                let maxValue = a["max_value"] == nil ? nil : Float(try a.double("max_value"))
                let slope = Float(try a.double("negative_slope", default: 0))
                let threshold = Float(try a.double("threshold", default: 0))
                if let maxValue, maxValue < 0 {
                    throw Diagnostic("max_value must be 0 or more", at: a.range("max_value"))
                }
                if slope < 0 { throw Diagnostic("negative_slope must be 0 or more", at: a.range("negative_slope")) }
                let plain = maxValue == nil && slope == 0 && threshold == 0
                return ActivationLayer(
                    kind: "ReLU",
                    function: plain
                        ? .standard(.relu)
                        : .relu(maxValue: maxValue, slope: slope, threshold: threshold), name: name, inputShape: shape)
            },
            "LeakyReLU": layer(
                "LeakyReLU", "negative_slope=0.3, alpha=None, " + common,
                "x for x > 0, negative_slope·x below (Keras 3's default slope is 0.3)"
            ) { a, shape, name throws(Diagnostic) -> Layer in
                let slope = Float(
                    a["alpha"] != nil ? try a.double("alpha") : try a.double("negative_slope", default: 0.3))
                if slope < 0 { throw Diagnostic("negative_slope must be 0 or more", at: a.range("negative_slope")) }
                return ActivationLayer(
                    kind: "LeakyReLU", function: .relu(maxValue: nil, slope: slope, threshold: 0),
                    name: name, inputShape: shape)
            },
            "Softmax": layer("Softmax", "axis=-1, " + common, "Softmax along the last axis") {
                a, shape, name throws(Diagnostic) -> Layer in
                guard try a.int("axis", default: -1) == -1 else {
                    throw .unsupported("Softmax works along the last axis only (axis=-1)", at: a.range("axis"))
                }
                return ActivationLayer(kind: "Softmax", function: .standard(.softmax), name: name, inputShape: shape)
            },
            "Normalization": layer(
                "Normalization", "axis=-1, mean=None, variance=None, invert=False, " + common,
                "(x - mean) / sqrt(variance) per feature, with the statistics from adapt(X)"
            ) { a, shape, name throws(Diagnostic) -> Layer in
                let perFeature: Bool
                switch a.values["axis"]?.value {
                case nil: perFeature = true
                case .none?: perFeature = false
                default:
                    guard try a.int("axis") == -1 else {
                        throw .unsupported(
                            "Normalization keeps the last axis (axis=-1) or none (axis=None)", at: a.range("axis"))
                    }
                    perFeature = true
                }
                let mean = try a["mean"].map { value throws(Diagnostic) in
                    try ArrayConversion.tensor(value, range: a.range("mean")).scalars
                }
                let variance = try a["variance"].map { value throws(Diagnostic) in
                    try ArrayConversion.tensor(value, range: a.range("variance")).scalars
                }
                let invert = try a.bool("invert", default: false)
                return try engine(a.callRange) { () throws(EngineError) in
                    try Normalization(
                        perFeature: perFeature, mean: mean, variance: variance, invert: invert,
                        name: name, inputShape: shape)
                }
            },
            "BatchNormalization": layer(
                "BatchNormalization",
                "axis=-1, momentum=0.99, epsilon=0.001, center=True, scale=True, "
                    + "beta_initializer='zeros', gamma_initializer='ones', moving_mean_initializer='zeros', "
                    + "moving_variance_initializer='ones', " + common,
                "Normalizes each feature with the batch's statistics in training and moving averages in inference"
            ) { a, shape, name throws(Diagnostic) -> Layer in
                guard try a.int("axis", default: -1) == -1 else {
                    throw .unsupported(
                        "BatchNormalization normalizes the last axis only (axis=-1)", at: a.range("axis"))
                }
                for initializer in [
                    "beta_initializer", "gamma_initializer", "moving_mean_initializer", "moving_variance_initializer",
                ]
                where a[initializer] != nil {
                    throw .unsupported(
                        "BatchNormalization(\(initializer)=...) is not supported yet", at: a.range(initializer))
                }
                let momentum = try a.double("momentum", default: 0.99)
                let epsilon = try a.double("epsilon", default: 1e-3)
                let center = try a.bool("center", default: true)
                let scale = try a.bool("scale", default: true)
                return try engine(a.callRange) { () throws(EngineError) in
                    try BatchNormalization(
                        momentum: momentum, epsilon: epsilon, center: center, scale: scale,
                        name: name, inputShape: shape)
                }
            },
        ]) { a, _ in a }
    }

    /// A layer class: binds the arguments, reads the common ones, and wraps the engine's layer.
    static func layer(
        _ kind: String, _ parameters: String, _ summary: String,
        make: @escaping (BoundArguments, [Int]?, String) throws(Diagnostic) -> Layer
    ) -> Value {
        layer(kind, parameters, summary) { a, shape, name, _ throws(Diagnostic) in try make(a, shape, name) }
    }

    /// A layer class whose maker also needs the interpreter.
    static func layer(
        _ kind: String, _ parameters: String, _ summary: String,
        make: @escaping (BoundArguments, [Int]?, String, Interpreter) throws(Diagnostic) -> Layer
    ) -> Value {
        function(kind, parameters, summary: summary) { a, interpreter throws(Diagnostic) in
            var shape: [Int]?
            if let value = a["input_shape"] {
                let dimensions = try a.shapeValue(value, range: a.range("input_shape"))
                guard !dimensions.isEmpty, dimensions.allSatisfy({ $0 > 0 }) else {
                    throw Diagnostic(
                        "an input shape must be positive; got \(formatShape(dimensions))", at: a.range("input_shape"))
                }
                shape = dimensions
            }
            let name =
                a["name"] == nil ? interpreter.layerNames.next(LayerNames.prefix(for: kind)) : try a.string("name")
            let layer = try make(a, shape, name, interpreter)
            layer.trainable = try a.bool("trainable", default: true)
            return .object(LayerObject(layer))
        }
    }
}
