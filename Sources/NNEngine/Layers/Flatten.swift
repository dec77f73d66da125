/// Keras's `Flatten`: each example's axes laid end to end, `(28, 28)` → `(784,)`.
///
/// Tensors are row-major, so flattening moves no numbers: the output is the input seen with
/// another shape, and the gradient passes back unchanged.
public final class Flatten: Layer {
    public let name: String
    public var kind: String { "Flatten" }
    public var trainable = true
    public let declaredInputShape: [Int]?
    public private(set) var inputShape: [Int]?
    public var isBuilt: Bool { inputShape != nil }
    public var parameters: [Parameter] { [] }
    private var lastInput: UnsafePointer<Float>?
    private var buffers = LayerBuffers(count: 1)

    public init(name: String? = nil, inputShape: [Int]? = nil) throws(EngineError) {
        if let inputShape, inputShape.isEmpty || inputShape.contains(where: { $0 <= 0 }) {
            throw .invalidArgument("an input shape must be positive; got \(formatShape(inputShape))")
        }
        self.name = name ?? LayerNames.current.next("flatten")
        declaredInputShape = inputShape
    }

    public func outputShape(for shape: [Int]) throws(EngineError) -> [Int] { [shape.reduce(1, *)] }

    public func build(inputShape shape: [Int], random: inout RandomGenerator) throws(EngineError) {
        inputShape = shape
    }

    public func forward(_ x: UnsafePointer<Float>, rows: Int, training: Bool) {
        lastInput = x
        buffers.reserve(rows: rows, width: inputShape?.reduce(1, *) ?? 0)
    }

    public var output: UnsafePointer<Float> { lastInput ?? UnsafePointer(buffers[0]) }
    public var outputGradient: UnsafeMutablePointer<Float> { buffers[0] }

    public func backward(
        input x: UnsafePointer<Float>, rows: Int, inputGradient: UnsafeMutablePointer<Float>?,
        fromLogits: Bool
    ) {
        inputGradient?.update(from: buffers[0], count: rows * (inputShape?.reduce(1, *) ?? 0))
    }
}
