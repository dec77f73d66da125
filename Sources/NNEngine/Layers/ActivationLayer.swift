/// Keras's activation layers: `Activation('relu')`, `ReLU(max_value, negative_slope, threshold)`,
/// `LeakyReLU(negative_slope=0.3)` and `Softmax()`, applied element-wise (softmax along the last axis).
public final class ActivationLayer: Layer {
    /// The function a layer applies.
    public enum Function: Equatable, Sendable {
        /// One of the named activations, exactly as Dense applies it.
        case standard(Activation)
        /// Keras's general `relu`: `x` above `threshold` (clipped at `maxValue`), and
        /// `slope · (x − threshold)` below it.
        case relu(maxValue: Float?, slope: Float, threshold: Float)
    }

    public let name: String
    public let kind: String
    public var trainable = true
    public let function: Function
    public let declaredInputShape: [Int]?
    public private(set) var inputShape: [Int]?
    public var isBuilt: Bool { inputShape != nil }
    public var parameters: [Parameter] { [] }
    /// Buffers: the input (z), output, ∂L/∂output and ∂L/∂z.
    private var buffers = LayerBuffers(count: 4)

    /// `kind` is the Keras class (`Activation`, `ReLU`, `LeakyReLU`, `Softmax`); `prefix` names it.
    public init(kind: String, function: Function, name: String? = nil, inputShape: [Int]? = nil) {
        self.kind = kind
        self.function = function
        self.name = name ?? LayerNames.current.next(LayerNames.prefix(for: kind))
        declaredInputShape = inputShape
    }

    public var finalActivation: Activation {
        if case .standard(let activation) = function { return activation }
        return .linear
    }

    public func outputShape(for shape: [Int]) throws(EngineError) -> [Int] { shape }

    public func build(inputShape shape: [Int], random: inout RandomGenerator) throws(EngineError) {
        inputShape = shape
    }

    private var width: Int { inputShape?.reduce(1, *) ?? 0 }
    /// Softmax works along the last axis: rows × the other axes groups of `columns`.
    private var columns: Int { max(inputShape?.last ?? 1, 1) }

    public func forward(_ x: UnsafePointer<Float>, rows: Int, training: Bool) {
        buffers.reserve(rows: rows, width: width)
        let count = rows * width
        let z = buffers[0]
        let a = buffers[1]
        z.update(from: x, count: count)
        switch function {
        case .standard(let activation):
            activation.forward(x, into: a, rows: count / columns, columns: columns)
        case .relu(let maxValue, let slope, let threshold):
            for i in 0..<count {
                let v = x[i]
                var y = v > threshold ? v : 0
                if let maxValue { y = min(max(y, 0), maxValue) }
                if slope != 0, v < threshold { y -= slope * (threshold - v) }
                a[i] = y
            }
        }
    }

    public var output: UnsafePointer<Float> { UnsafePointer(buffers[1]) }
    public var outputGradient: UnsafeMutablePointer<Float> { buffers[2] }
    public var logits: UnsafePointer<Float> { UnsafePointer(buffers[0]) }
    public var logitsGradient: UnsafeMutablePointer<Float> { buffers[3] }

    public func backward(
        input x: UnsafePointer<Float>, rows: Int, inputGradient: UnsafeMutablePointer<Float>?,
        fromLogits: Bool
    ) {
        let count = rows * width
        let z = buffers[0]
        let a = buffers[1]
        let da = buffers[2]
        let dz = buffers[3]
        if !fromLogits {
            switch function {
            case .standard(let activation):
                activation.backward(da, z: z, a: a, into: dz, rows: count / columns, columns: columns)
            case .relu(let maxValue, let slope, let threshold):
                for i in 0..<count {
                    let v = z[i]
                    if v > threshold {
                        dz[i] = maxValue.map { v <= $0 } ?? true ? da[i] : 0
                    } else {
                        dz[i] = da[i] * slope
                    }
                }
            }
        }
        inputGradient?.update(from: dz, count: count)
    }
}
