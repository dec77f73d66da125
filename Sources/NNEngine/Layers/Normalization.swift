/// Keras's `Normalization`: `(x − mean) / max(√variance, 1e-7)` per feature of the kept axis (the
/// last, or every value together with `axis=None`); with `invert`, `mean + x · max(√variance, 1e-7)`.
/// The statistics come from `adapt(data)` or are given; training never changes them.
public final class Normalization: Layer {
    public let name: String
    public var kind: String { "Normalization" }
    public var trainable = true
    /// Whether statistics are kept per feature of the last axis (Keras's `axis=-1`) or for all values (`axis=None`).
    public let perFeature: Bool
    public let invert: Bool
    public let declaredInputShape: [Int]?
    public private(set) var inputShape: [Int]?
    public var isBuilt: Bool { inputShape != nil }
    /// The statistics given to the constructor, if any (then the layer has no weights, as in Keras).
    private let givenMean: [Float]?
    private let givenVariance: [Float]?
    /// Keras's adapted weights: mean, variance and the (integer) count.
    private let meanParameter = Parameter(name: "mean", value: Tensor(shape: [0]), trainable: false)
    private let varianceParameter = Parameter(name: "variance", value: Tensor(shape: [0]), trainable: false)
    private let countParameter = Parameter(name: "count", value: Tensor(shape: [], dtype: .int64), trainable: false)
    /// Buffers: output, ∂L/∂output.
    private var buffers = LayerBuffers(count: 2)
    /// The divisor max(√variance, ε) per feature, computed when the statistics change.
    private var divisor: [Float] = []
    private var meanValues: [Float] = []

    public init(
        perFeature: Bool = true, mean: [Float]? = nil, variance: [Float]? = nil, invert: Bool = false,
        name: String? = nil, inputShape: [Int]? = nil
    ) throws(EngineError) {
        guard (mean == nil) == (variance == nil) else {
            throw .invalidArgument("Normalization needs both mean and variance, or neither")
        }
        if let mean, let variance, mean.count != variance.count {
            throw .invalidArgument("Normalization's mean and variance must have the same shape")
        }
        self.perFeature = perFeature
        self.invert = invert
        givenMean = mean
        givenVariance = variance
        self.name = name ?? LayerNames.current.next("normalization")
        declaredInputShape = inputShape
    }

    public var parameters: [Parameter] {
        isBuilt && givenMean == nil ? [meanParameter, varianceParameter, countParameter] : []
    }

    /// Features with their own statistics: the last axis's size, or 1 with `axis=None`.
    private func features(_ shape: [Int]) -> Int { perFeature ? (shape.last ?? 1) : 1 }

    public func outputShape(for shape: [Int]) throws(EngineError) -> [Int] { shape }

    public func build(inputShape shape: [Int], random: inout RandomGenerator) throws(EngineError) {
        let n = features(shape)
        if let givenMean, let givenVariance {
            guard givenMean.count == 1 || givenMean.count == n else {
                throw .shapeMismatch("Normalization was given \(givenMean.count) means for \(n) features")
            }
            meanValues = givenMean.count == 1 ? Array(repeating: givenMean[0], count: n) : givenMean
            let variance = givenVariance.count == 1 ? Array(repeating: givenVariance[0], count: n) : givenVariance
            divisor = variance.map { max($0.squareRoot(), Loss.epsilon) }
        } else {
            let statShape = perFeature ? [n] : []
            meanParameter.value = Tensor(shape: statShape)
            varianceParameter.value = Tensor(shape: statShape, repeating: 1)
            refresh()
        }
        inputShape = shape
    }

    /// Computes the mean and variance of `data` (examples first) per feature, as Keras's `adapt`.
    public func adapt(_ data: Tensor) throws(EngineError) {
        guard data.rank >= 1 else { throw .inputRank(expectedAtLeast: 1, shape: data.shape) }
        guard givenMean == nil else {
            throw .invalidArgument("layer '\(name)' was given its mean and variance; adapt would replace nothing")
        }
        let shape = data.rank == 1 ? [1] : Array(data.shape.dropFirst())
        if let built = inputShape, features(built) != features(shape) {
            throw .inputShapeMismatch(layer: name, expected: built, received: shape)
        }
        if !isBuilt {
            var unused = RandomGenerator(seed: 0)
            try build(inputShape: shape, random: &unused)
        }
        let n = features(shape)
        let count = data.count / max(n, 1)
        var mean = [Double](repeating: 0, count: n)
        var variance = [Double](repeating: 0, count: n)
        let x = data.pointer
        for i in 0..<count { for j in 0..<n { mean[j] += Double(x[i * n + j]) } }
        for j in 0..<n { mean[j] /= Double(max(count, 1)) }
        for i in 0..<count {
            for j in 0..<n {
                let d = Double(x[i * n + j]) - mean[j]
                variance[j] += d * d
            }
        }
        for j in 0..<n { variance[j] /= Double(max(count, 1)) }
        meanParameter.value = Tensor(shape: meanParameter.value.shape) { Float(mean[$0]) }
        varianceParameter.value = Tensor(shape: varianceParameter.value.shape) { Float(variance[$0]) }
        refresh()
    }

    /// Recomputes the per-feature constants from the weights (after adapt or set_weights).
    private func refresh() {
        meanValues = meanParameter.value.scalars
        divisor = varianceParameter.value.scalars.map { max($0.squareRoot(), Loss.epsilon) }
    }

    /// The mean and variance in use, per feature.
    public var statistics: (mean: [Float], variance: [Float]) {
        (meanValues, givenVariance ?? varianceParameter.value.scalars)
    }

    private var width: Int { inputShape?.reduce(1, *) ?? 0 }

    public func forward(_ x: UnsafePointer<Float>, rows: Int, training: Bool) {
        if givenMean == nil { refresh() }
        buffers.reserve(rows: rows, width: width)
        let out = buffers[0]
        let n = meanValues.count
        let count = rows * width
        guard n > 0 else { return }
        for i in 0..<count {
            let j = i % n
            out[i] = invert ? meanValues[j] + x[i] * divisor[j] : (x[i] - meanValues[j]) / divisor[j]
        }
    }

    public var output: UnsafePointer<Float> { UnsafePointer(buffers[0]) }
    public var outputGradient: UnsafeMutablePointer<Float> { buffers[1] }

    public func backward(
        input x: UnsafePointer<Float>, rows: Int, inputGradient: UnsafeMutablePointer<Float>?,
        fromLogits: Bool
    ) {
        guard let inputGradient else { return }
        let dy = buffers[1]
        let n = divisor.count
        let count = rows * width
        guard n > 0 else { return }
        for i in 0..<count { inputGradient[i] = invert ? dy[i] * divisor[i % n] : dy[i] / divisor[i % n] }
    }

    public func traceDetails(rows: Int, training: Bool) -> LayerDetails? {
        let (mean, variance) = statistics
        return .normalization(mean: Tensor(mean), variance: Tensor(variance), invert: invert)
    }
}
