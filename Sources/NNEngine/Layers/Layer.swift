/// A layer of a model: Keras's `Layer`, as mlx-swift's `Module`/`UnaryLayer` shape it.
///
/// A layer is a reference type that holds its named parameters and the work buffers of the latest
/// batch. The engine drives it over raw row-major buffers of `rows` examples; each example is
/// `inputShape` (the batch axis left out, as Keras's `input_shape`). A layer is built once, from the
/// first input shape it sees, and then keeps that shape.
public protocol Layer: AnyObject {
    /// The layer's name, unique within a model (`dense`, `dropout_1`, …).
    var name: String { get }
    /// Keras's class name (`Dense`, `Dropout`, …), as `summary()` shows it.
    var kind: String { get }
    /// Whether training may change the layer's weights (Keras's `layer.trainable`).
    var trainable: Bool { get set }
    /// The per-example input shape the layer was declared with (`input_shape=`), if any.
    var declaredInputShape: [Int]? { get }
    /// The per-example input shape once built.
    var inputShape: [Int]? { get }
    /// Whether the layer has its weights (and knows its input shape).
    var isBuilt: Bool { get }
    /// The per-example output shape for an input of `shape`, or a structured refusal.
    func outputShape(for shape: [Int]) throws(EngineError) -> [Int]
    /// Creates the weights for inputs of `shape`, drawing initial values from `random`.
    func build(inputShape shape: [Int], random: inout RandomGenerator) throws(EngineError)
    /// Every weight in Keras's order (`layer.weights`): trainable and non-trainable.
    var parameters: [Parameter] { get }

    /// Computes the output of `rows` examples at `x` into `output`; `training` is Keras's flag.
    func forward(_ x: UnsafePointer<Float>, rows: Int, training: Bool)
    /// The output of the latest `forward`, rows × output width.
    var output: UnsafePointer<Float> { get }
    /// ∂L/∂output, written by the layer above (or the loss) before `backward`.
    var outputGradient: UnsafeMutablePointer<Float> { get }
    /// Backpropagates from `outputGradient` (or from `logitsGradient` when the loss was taken on
    /// the logits): fills the parameters' gradients and, when given, ∂L/∂x into `inputGradient`.
    func backward(
        input x: UnsafePointer<Float>, rows: Int, inputGradient: UnsafeMutablePointer<Float>?,
        fromLogits: Bool)

    /// The activation applied last, which a cross-entropy may fuse with (`.linear` for most layers).
    var finalActivation: Activation { get }
    /// The values the final activation was applied to (valid when it is not `.linear`).
    var logits: UnsafePointer<Float> { get }
    /// Where the loss writes ∂L/∂logits when it is fused with the final activation.
    var logitsGradient: UnsafeMutablePointer<Float> { get }
    /// What the teacher needs beyond inputs, outputs and parameters (a Dropout mask, batch statistics).
    func traceDetails(rows: Int, training: Bool) -> LayerDetails?
}

extension Layer {
    public var isBuilt: Bool { inputShape != nil }
    /// The per-example output shape once built.
    public var outputShape: [Int]? { inputShape.flatMap { try? outputShape(for: $0) } }
    /// Elements of one example's output.
    public var outputWidth: Int? { outputShape.map { $0.reduce(1, *) } }
    public var finalActivation: Activation { .linear }
    public var logits: UnsafePointer<Float> { output }
    public var logitsGradient: UnsafeMutablePointer<Float> { outputGradient }
    public func traceDetails(rows: Int, training: Bool) -> LayerDetails? { nil }

    /// Every weight's element count (Keras's `count_params`).
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
    /// Elements of the weights training changes.
    public var trainableParameterCount: Int {
        parameters.reduce(0) { $0 + ($1.isTrainable(in: self) ? $1.value.count : 0) }
    }
    /// The parameters an optimizer updates this step.
    var trainableParameters: [Parameter] { trainable ? parameters.filter(\.trainable) : [] }

    /// The weights' values, as `layer.get_weights()`: empty before the layer is built.
    public func weights() -> [Tensor] { parameters.map { $0.value.copied() } }

    /// Replaces the weights after checking their number and shapes as Keras does.
    public func setWeights(_ values: [Tensor]) throws(EngineError) {
        guard isBuilt else { throw .layerNotBuilt(layer: name) }
        let expected = parameters
        guard values.count == expected.count else {
            throw .weightCountMismatch(owner: name, expected: expected.map(\.value.shape), received: values.count)
        }
        for (index, (value, parameter)) in zip(values, expected).enumerated() where value.shape != parameter.value.shape
        {
            throw .weightShapeMismatch(
                layer: name, index: index, weight: parameter.name, expected: parameter.value.shape,
                received: value.shape)
        }
        for (value, parameter) in zip(values, expected) { parameter.value = value.copied() }
    }

    /// The output for `x` (examples first, then the per-example input shape), building the layer if needed.
    public func apply(_ x: Tensor, training: Bool = false, random: RandomSource = .shared) throws(EngineError) -> Tensor
    {
        guard x.rank >= 1 else { throw .inputRank(expectedAtLeast: 2, shape: x.shape) }
        let shape = Array(x.shape.dropFirst())
        if let built = inputShape {
            guard built == shape else { throw .inputShapeMismatch(layer: name, expected: built, received: shape) }
        } else {
            try random.draw { g throws(EngineError) in try build(inputShape: shape, random: &g) }
        }
        let outShape = try outputShape(for: shape)
        forward(x.pointer, rows: x.rows, training: training)
        let out = output
        return Tensor(shape: [x.rows] + outShape) { out[$0] }
    }
}

extension Parameter {
    /// Whether `layer`'s training changes this parameter.
    func isTrainable(in layer: Layer) -> Bool { trainable && layer.trainable }
}

/// A named weight of a layer with its gradient: Keras's `Variable` (`kernel`, `bias`, `gamma`,
/// `moving_mean`, …). Optimizers keep their state by parameter, not by position.
public final class Parameter {
    /// Keras's short name (`kernel`); the model prefixes it with the layer's name in paths.
    public let name: String
    /// Whether an optimizer may change it at all (moving statistics are never trainable).
    public let trainable: Bool
    public internal(set) var value: Tensor
    /// ∂L/∂value of the latest training step (empty for non-trainable parameters).
    public internal(set) var gradient: Tensor

    public init(name: String, value: Tensor, trainable: Bool = true) {
        self.name = name
        self.value = value
        self.trainable = trainable
        self.gradient = Tensor(shape: trainable ? value.shape : [0])
    }
}

/// The layer-specific numbers of one step, for explanations.
public enum LayerDetails {
    /// Dropout: which inputs were kept (1) or dropped (0), and the scale 1/(1 − rate) of the kept ones.
    case dropout(rate: Float, mask: Tensor, scale: Float)
    /// BatchNormalization: the statistics used, x̂ = (x − mean)/√(variance + ε), and whether they are
    /// the batch's (training) or the moving ones (inference); the moving statistics after the step.
    case batchNormalization(
        mean: Tensor, variance: Tensor, epsilon: Float, normalized: Tensor, usedBatchStatistics: Bool,
        momentum: Double, movingMean: Tensor, movingVariance: Tensor)
    /// Normalization: the adapted mean and variance, and whether the layer inverts.
    case normalization(mean: Tensor, variance: Tensor, invert: Bool)
    /// Conv2D and the pooling layers: where the window lies (size, strides, padding) and what it computes.
    case window(WindowDetails)
}
