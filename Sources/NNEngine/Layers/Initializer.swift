/// How a layer's weights start, with Keras's formulas. Random draws come from the model's
/// seeded `RandomGenerator`, so the numbers are NNLab's own but the distributions are Keras's.
public enum Initializer: Equatable, Sendable {
    /// Uniform in ±√(6 / (fan_in + fan_out)): Keras's default kernel initializer.
    case glorotUniform
    /// Truncated normal, stddev √(2 / (fan_in + fan_out)) / 0.8796…
    case glorotNormal
    /// Truncated normal, stddev √(2 / fan_in) / 0.8796…
    case heNormal
    /// Uniform in ±√(6 / fan_in).
    case heUniform
    case zeros
    case ones
    case randomNormal(mean: Float = 0, stddev: Float = 0.05)
    case randomUniform(min: Float = -0.05, max: Float = 0.05)

    /// Keras's names: `'glorot_uniform'`, `'he_normal'`, `'zeros'`, `'random_normal'`, …
    public static let names: [String: Initializer] = [
        "glorot_uniform": .glorotUniform, "glorot_normal": .glorotNormal,
        "he_normal": .heNormal, "he_uniform": .heUniform, "zeros": .zeros, "ones": .ones,
        "random_normal": .randomNormal(), "random_uniform": .randomUniform(),
    ]

    public init?(name: String) {
        guard let found = Initializer.names[name] else { return nil }
        self = found
    }

    public var name: String {
        switch self {
        case .glorotUniform: "glorot_uniform"
        case .glorotNormal: "glorot_normal"
        case .heNormal: "he_normal"
        case .heUniform: "he_uniform"
        case .zeros: "zeros"
        case .ones: "ones"
        case .randomNormal: "random_normal"
        case .randomUniform: "random_uniform"
        }
    }

    /// Keras's correction so a normal truncated at two standard deviations keeps the wanted spread.
    static let truncationCorrection = 0.87962566103423978

    /// A new tensor of `shape`; fans are computed as Keras's `compute_fans` does.
    public func make(shape: [Int], using random: inout RandomGenerator) -> Tensor {
        // Keras: a kernel (kh, kw, in, out) has fan_in = kh·kw·in and fan_out = kh·kw·out.
        let receptive = Double(shape.count > 2 ? shape.dropLast(2).reduce(1, *) : 1)
        let fanIn = Double(shape.count >= 2 ? shape[shape.count - 2] : (shape.first ?? 1)) * receptive
        let fanOut = Double(shape.count >= 2 ? shape[shape.count - 1] : (shape.first ?? 1)) * receptive
        switch self {
        case .zeros: return Tensor(shape: shape, repeating: 0)
        case .ones: return Tensor(shape: shape, repeating: 1)
        case .glorotUniform:
            let limit = Float((6 / max(1, fanIn + fanOut)).squareRoot())
            return Tensor(shape: shape) { _ in random.nextUniform(-limit, limit) }
        case .heUniform:
            let limit = Float((6 / max(1, fanIn)).squareRoot())
            return Tensor(shape: shape) { _ in random.nextUniform(-limit, limit) }
        case .glorotNormal:
            let stddev = (2 / max(1, fanIn + fanOut)).squareRoot() / Initializer.truncationCorrection
            return Tensor(shape: shape) { _ in Float(stddev * random.nextTruncatedNormal()) }
        case .heNormal:
            let stddev = (2 / max(1, fanIn)).squareRoot() / Initializer.truncationCorrection
            return Tensor(shape: shape) { _ in Float(stddev * random.nextTruncatedNormal()) }
        case .randomNormal(let mean, let stddev):
            return Tensor(shape: shape) { _ in mean + stddev * Float(random.nextNormal()) }
        case .randomUniform(let low, let high):
            return Tensor(shape: shape) { _ in random.nextUniform(low, high) }
        }
    }
}
