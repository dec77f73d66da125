/// Keras's `BatchNormalization` over the last axis. In training, each feature is normalized with
/// the batch's mean and variance, `y = γ·(x − mean)/√(variance + ε) + β`, and the moving
/// statistics follow them: `moving ← moving·momentum + batch·(1 − momentum)`. In inference (and
/// when the layer is frozen) the moving statistics are used instead.
public final class BatchNormalization: Layer {
    public let name: String
    public var kind: String { "BatchNormalization" }
    public var trainable = true
    public let momentum: Double
    public let epsilon: Double
    public let center: Bool
    public let scale: Bool
    public let declaredInputShape: [Int]?
    public private(set) var inputShape: [Int]?
    public var isBuilt: Bool { inputShape != nil }
    let gamma = Parameter(name: "gamma", value: Tensor(shape: [0]))
    let beta = Parameter(name: "beta", value: Tensor(shape: [0]))
    let movingMean = Parameter(name: "moving_mean", value: Tensor(shape: [0]), trainable: false)
    let movingVariance = Parameter(name: "moving_variance", value: Tensor(shape: [0]), trainable: false)
    /// Buffers: output, ∂L/∂output, x̂.
    private var buffers = LayerBuffers(count: 3)
    /// The statistics of the latest forward pass, per feature, and 1/√(variance + ε).
    private var mean: [Float] = []
    private var variance: [Float] = []
    private var inverseDeviation: [Float] = []
    private var usedBatchStatistics = false

    public init(
        momentum: Double = 0.99, epsilon: Double = 1e-3, center: Bool = true, scale: Bool = true,
        name: String? = nil, inputShape: [Int]? = nil
    ) throws(EngineError) {
        guard epsilon > 0 else {
            throw .invalidArgument("BatchNormalization's epsilon must be positive; got \(epsilon)")
        }
        self.momentum = momentum
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.name = name ?? LayerNames.current.next("batch_normalization")
        declaredInputShape = inputShape
    }

    /// Keras's order: gamma, beta, moving_mean, moving_variance (without gamma or beta when not used).
    public var parameters: [Parameter] {
        guard isBuilt else { return [] }
        return (scale ? [gamma] : []) + (center ? [beta] : []) + [movingMean, movingVariance]
    }

    public func outputShape(for shape: [Int]) throws(EngineError) -> [Int] { shape }

    public func build(inputShape shape: [Int], random: inout RandomGenerator) throws(EngineError) {
        let n = shape.last ?? 1
        gamma.value = Tensor(shape: [n], repeating: 1)
        gamma.gradient = Tensor(shape: [n])
        beta.value = Tensor(shape: [n])
        beta.gradient = Tensor(shape: [n])
        movingMean.value = Tensor(shape: [n])
        movingVariance.value = Tensor(shape: [n], repeating: 1)
        inputShape = shape
    }

    private var features: Int { inputShape?.last ?? 1 }
    private var width: Int { inputShape?.reduce(1, *) ?? 0 }

    public func forward(_ x: UnsafePointer<Float>, rows: Int, training: Bool) {
        let n = features
        let count = rows * width
        let groups = count / max(n, 1)
        buffers.reserve(rows: rows, width: width)
        usedBatchStatistics = training && trainable
        if usedBatchStatistics {
            // tf.nn.moments: the mean, then the mean of squared differences from it.
            var sums = [Double](repeating: 0, count: n)
            for i in 0..<count { sums[i % n] += Double(x[i]) }
            mean = sums.map { Float($0 / Double(groups)) }
            var squares = [Double](repeating: 0, count: n)
            for i in 0..<count {
                let d = x[i] - mean[i % n]
                squares[i % n] += Double(d * d)
            }
            variance = squares.map { Float($0 / Double(groups)) }
            let keep = Float(momentum)
            let blend = Float(1 - momentum)
            let mm = movingMean.value.mutablePointer()
            let mv = movingVariance.value.mutablePointer()
            for j in 0..<n {
                mm[j] = mm[j] * keep + mean[j] * blend
                mv[j] = mv[j] * keep + variance[j] * blend
            }
        } else {
            mean = movingMean.value.scalars
            variance = movingVariance.value.scalars
        }
        let eps = Float(epsilon)
        inverseDeviation = variance.map { 1 / ($0 + eps).squareRoot() }
        // tf.nn.batch_normalization: y = x·inv + (β − mean·inv) with inv = γ/√(var + ε).
        let g = gamma.value.pointer
        let b = beta.value.pointer
        var multiplier = [Float](repeating: 0, count: n)
        var offset = [Float](repeating: 0, count: n)
        for j in 0..<n {
            multiplier[j] = scale ? inverseDeviation[j] * g[j] : inverseDeviation[j]
            offset[j] = (center ? b[j] : 0) - mean[j] * multiplier[j]
        }
        let out = buffers[0]
        let xhat = buffers[2]
        for i in 0..<count {
            let j = i % n
            out[i] = x[i] * multiplier[j] + offset[j]
            xhat[i] = (x[i] - mean[j]) * inverseDeviation[j]
        }
    }

    public var output: UnsafePointer<Float> { UnsafePointer(buffers[0]) }
    public var outputGradient: UnsafeMutablePointer<Float> { buffers[1] }

    public func backward(
        input x: UnsafePointer<Float>, rows: Int, inputGradient: UnsafeMutablePointer<Float>?,
        fromLogits: Bool
    ) {
        let n = features
        let count = rows * width
        let groups = Float(count / max(n, 1))
        let dy = buffers[1]
        let xhat = buffers[2]
        let g = gamma.value.pointer
        var sumDy = [Float](repeating: 0, count: n)
        var sumDyXhat = [Float](repeating: 0, count: n)
        for i in 0..<count {
            sumDy[i % n] += dy[i]
            sumDyXhat[i % n] += dy[i] * xhat[i]
        }
        if trainable {
            if scale { gamma.gradient.withUnsafeMutableBufferPointer { for j in 0..<n { $0[j] = sumDyXhat[j] } } }
            if center { beta.gradient.withUnsafeMutableBufferPointer { for j in 0..<n { $0[j] = sumDy[j] } } }
        }
        guard let inputGradient else { return }
        for i in 0..<count {
            let j = i % n
            let factor = (scale ? g[j] : 1) * inverseDeviation[j]
            if usedBatchStatistics {
                // Through the batch mean and variance too: (dy − mean(dy) − x̂·mean(dy·x̂))·γ/σ.
                inputGradient[i] = factor * (dy[i] - sumDy[j] / groups - xhat[i] * sumDyXhat[j] / groups)
            } else {
                inputGradient[i] = factor * dy[i]
            }
        }
    }

    public func traceDetails(rows: Int, training: Bool) -> LayerDetails? {
        .batchNormalization(
            mean: Tensor(mean), variance: Tensor(variance), epsilon: Float(epsilon),
            normalized: buffers.snapshot(2, rows: rows, shape: inputShape ?? []),
            usedBatchStatistics: usedBatchStatistics, momentum: momentum,
            movingMean: movingMean.value.copied(), movingVariance: movingVariance.value.copied())
    }
}
