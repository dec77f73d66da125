/// The activation functions of Keras's `activations` module that NNLab supports, with the
/// derivatives backpropagation uses (computed the way TensorFlow's gradient kernels compute them).
public enum Activation: String, CaseIterable, Sendable {
    case linear
    case sigmoid
    case relu
    case tanh
    case softmax
    case leakyRelu = "leaky_relu"
    case relu6
    case elu
    case selu
    case gelu
    case silu
    case softplus
    case softsign
    case hardSigmoid = "hard_sigmoid"
    case exponential
    case logSoftmax = "log_softmax"

    /// Keras 3's default slope of `leaky_relu` for negative inputs.
    public static let leakyReluSlope: Float = 0.2

    /// The Keras name (`'sigmoid'`, `'leaky_relu'`, …).
    public var name: String { rawValue }

    /// SELU's constants, as Keras writes them.
    static let seluAlpha: Float = 1.67326324
    static let seluScale: Float = 1.05070098
    static let sqrtHalf: Float = 0.70710678
    static let inverseSqrtTwoPi: Float = 0.39894228

    /// Looks an activation up by its Keras name (`'swish'` is Keras's other name for `'silu'`).
    public init?(name: String) { self.init(rawValue: name == "swish" ? "silu" : name) }

    /// Whether f works along each row (softmax, log_softmax) rather than element by element.
    var isRowWise: Bool { self == .softmax || self == .logSoftmax }

    /// f(z) for the element-wise activations.
    @inline(__always) func value(_ z: Float) -> Float {
        switch self {
        case .linear, .softmax, .logSoftmax: return z
        case .sigmoid: return Activation.sigmoid(z)
        case .relu: return max(z, 0)
        case .tanh: return _tanh(z)
        case .leakyRelu: return z > 0 ? z : Activation.leakyReluSlope * z
        case .relu6: return min(max(z, 0), 6)
        case .elu: return z > 0 ? z : _expm1(z)
        case .selu: return Activation.seluScale * (z > 0 ? z : Activation.seluAlpha * _expm1(z))
        case .gelu: return 0.5 * z * (1 + _erf(z * Activation.sqrtHalf))
        case .silu: return z * Activation.sigmoid(z)
        case .softplus: return max(z, 0) + _log1p(_exp(-abs(z)))
        case .softsign: return z / (abs(z) + 1)
        case .hardSigmoid: return min(max(z / 6 + 0.5, 0), 1)
        case .exponential: return _exp(z)
        }
    }

    /// f′(z) for the element-wise activations, given a = f(z).
    @inline(__always) func slope(_ z: Float, _ a: Float) -> Float {
        switch self {
        case .linear, .softmax, .logSoftmax: return 1
        case .sigmoid: return a * (1 - a)
        case .relu: return z > 0 ? 1 : 0
        case .tanh: return 1 - a * a
        case .leakyRelu: return z > 0 ? 1 : Activation.leakyReluSlope
        case .relu6: return z > 0 && z < 6 ? 1 : 0
        case .elu: return z > 0 ? 1 : a + 1
        case .selu: return z > 0 ? Activation.seluScale : a + Activation.seluScale * Activation.seluAlpha
        case .gelu:
            return 0.5 * (1 + _erf(z * Activation.sqrtHalf)) + z * _exp(-0.5 * z * z) * Activation.inverseSqrtTwoPi
        case .silu:
            let s = Activation.sigmoid(z)
            return s * (1 + z * (1 - s))
        case .softplus: return Activation.sigmoid(z)
        case .softsign: return 1 / ((1 + abs(z)) * (1 + abs(z)))
        case .hardSigmoid: return z > -3 && z < 3 ? 1 / 6 : 0
        case .exponential: return a
        }
    }

    /// `a = f(z)` over a rows × columns block (softmax works along each row).
    func forward(_ z: UnsafePointer<Float>, into a: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        let count = rows * columns
        switch self {
        case .linear:
            if UnsafePointer(a) != z { a.update(from: z, count: count) }
        // The common ones keep loops of their own, free of a switch per element.
        case .sigmoid:
            for i in 0..<count { a[i] = Activation.sigmoid(z[i]) }
        case .relu:
            for i in 0..<count { a[i] = max(z[i], 0) }
        case .tanh:
            for i in 0..<count { a[i] = _tanh(z[i]) }
        case .softmax, .logSoftmax:
            let logarithm = self == .logSoftmax
            for row in 0..<rows {
                let zr = z + row * columns
                let ar = a + row * columns
                var largest = -Float.infinity
                for j in 0..<columns { largest = max(largest, zr[j]) }
                var total: Float = 0
                for j in 0..<columns {
                    ar[j] = _exp(zr[j] - largest)
                    total += ar[j]
                }
                if logarithm {
                    let logTotal = _log(total)
                    for j in 0..<columns { ar[j] = zr[j] - largest - logTotal }
                } else {
                    let inverse = 1 / total
                    for j in 0..<columns { ar[j] *= inverse }
                }
            }
        default:
            for i in 0..<count { a[i] = value(z[i]) }
        }
    }

    /// `∂L/∂z` from `∂L/∂a`: the chain rule through f, given z and a = f(z).
    func backward(
        _ da: UnsafePointer<Float>, z: UnsafePointer<Float>, a: UnsafePointer<Float>,
        into dz: UnsafeMutablePointer<Float>, rows: Int, columns: Int
    ) {
        let count = rows * columns
        switch self {
        case .linear:
            if UnsafePointer(dz) != da { dz.update(from: da, count: count) }
        case .sigmoid:
            for i in 0..<count { dz[i] = da[i] * (a[i] * (1 - a[i])) }
        case .relu:
            for i in 0..<count { dz[i] = z[i] > 0 ? da[i] : 0 }
        case .tanh:
            for i in 0..<count { dz[i] = da[i] * (1 - a[i] * a[i]) }
        case .softmax:
            for row in 0..<rows {
                let offset = row * columns
                var dot: Float = 0
                for j in 0..<columns { dot += da[offset + j] * a[offset + j] }
                for j in 0..<columns { dz[offset + j] = (da[offset + j] - dot) * a[offset + j] }
            }
        case .logSoftmax:
            // ∂L/∂z = ∂L/∂a − softmax(z)·Σ ∂L/∂a, with softmax(z) = e^a.
            for row in 0..<rows {
                let offset = row * columns
                var total: Float = 0
                for j in 0..<columns { total += da[offset + j] }
                for j in 0..<columns { dz[offset + j] = da[offset + j] - _exp(a[offset + j]) * total }
            }
        default:
            for i in 0..<count { dz[i] = da[i] * slope(z[i], a[i]) }
        }
    }

    /// 1/(1+e^(−z)), as written; for very negative z, e^(−z) overflows to infinity and the result is 0.
    @inline(__always) static func sigmoid(_ z: Float) -> Float { 1 / (1 + _exp(-z)) }

    /// f applied to a tensor whose last axis holds the units (softmax along it).
    public func callAsFunction(_ z: Tensor) -> Tensor {
        var a = Tensor(shape: z.shape)
        let columns = z.shape.last ?? 1
        let pointer = a.mutablePointer()
        forward(z.pointer, into: pointer, rows: columns == 0 ? 0 : z.count / columns, columns: columns)
        return a
    }

    /// `∂L/∂z` for a tensor of `∂L/∂a`, given z.
    public func backward(_ da: Tensor, z: Tensor) -> Tensor {
        let a = self(z)
        var dz = Tensor(shape: z.shape)
        let columns = z.shape.last ?? 1
        let pointer = dz.mutablePointer()
        backward(
            da.pointer, z: z.pointer, a: a.pointer, into: pointer,
            rows: columns == 0 ? 0 : z.count / columns, columns: columns)
        return dz
    }
}
