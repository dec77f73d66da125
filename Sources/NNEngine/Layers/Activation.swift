/// The activation functions of Keras's `activations` module that NNLab supports, with the
/// derivatives backpropagation uses (computed the way TensorFlow's gradient kernels compute them).
public enum Activation: String, CaseIterable, Sendable {
    case linear
    case sigmoid
    case relu
    case tanh
    case softmax
    case leakyRelu = "leaky_relu"

    /// Keras 3's default slope of `leaky_relu` for negative inputs.
    public static let leakyReluSlope: Float = 0.2

    /// The Keras name (`'sigmoid'`, `'leaky_relu'`, …).
    public var name: String { rawValue }

    /// Looks an activation up by its Keras name; `None`/`nil` means linear.
    public init?(name: String) { self.init(rawValue: name) }

    /// `a = f(z)` over a rows × columns block (softmax works along each row).
    func forward(_ z: UnsafePointer<Float>, into a: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        let count = rows * columns
        switch self {
        case .linear:
            if UnsafePointer(a) != z { a.update(from: z, count: count) }
        case .sigmoid:
            for i in 0..<count { a[i] = Activation.sigmoid(z[i]) }
        case .relu:
            for i in 0..<count { a[i] = max(z[i], 0) }
        case .tanh:
            for i in 0..<count { a[i] = _tanh(z[i]) }
        case .leakyRelu:
            for i in 0..<count { a[i] = z[i] > 0 ? z[i] : Activation.leakyReluSlope * z[i] }
        case .softmax:
            for row in 0..<rows {
                let zr = z + row * columns, ar = a + row * columns
                var largest = -Float.infinity
                for j in 0..<columns { largest = max(largest, zr[j]) }
                var total: Float = 0
                for j in 0..<columns {
                    ar[j] = _exp(zr[j] - largest)
                    total += ar[j]
                }
                let inverse = 1 / total
                for j in 0..<columns { ar[j] *= inverse }
            }
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
        case .leakyRelu:
            for i in 0..<count { dz[i] = z[i] > 0 ? da[i] : da[i] * Activation.leakyReluSlope }
        case .softmax:
            for row in 0..<rows {
                let offset = row * columns
                var dot: Float = 0
                for j in 0..<columns { dot += da[offset + j] * a[offset + j] }
                for j in 0..<columns { dz[offset + j] = (da[offset + j] - dot) * a[offset + j] }
            }
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
        backward(da.pointer, z: z.pointer, a: a.pointer, into: pointer,
                 rows: columns == 0 ? 0 : z.count / columns, columns: columns)
        return dz
    }
}
