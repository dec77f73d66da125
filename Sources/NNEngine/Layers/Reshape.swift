/// Keras's `Reshape`: each example's numbers in another shape (at most one axis given as -1,
/// worked out from the others). Like `Flatten`, it moves no numbers.
public final class Reshape: Layer {
    public let name: String
    public var kind: String { "Reshape" }
    public var trainable = true
    /// The shape asked for, -1 standing for the axis to work out.
    public let targetShape: [Int]
    public let declaredInputShape: [Int]?
    public private(set) var inputShape: [Int]?
    public var parameters: [Parameter] { [] }
    private var lastInput: UnsafePointer<Float>?
    private var buffers = LayerBuffers(count: 1)

    public init(targetShape: [Int], name: String? = nil, inputShape: [Int]? = nil) throws(EngineError) {
        let shapeText =
            "(" + targetShape.map(String.init).joined(separator: ", ") + (targetShape.count == 1 ? ",)" : ")")
        guard targetShape.filter({ $0 == -1 }).count <= 1 else {
            throw .invalidArgument(
                "There must be at most one unknown dimension (-1) in `target_shape`. Received: target_shape=\(shapeText)."
            )
        }
        guard !targetShape.isEmpty, targetShape.allSatisfy({ $0 > 0 || $0 == -1 }) else {
            throw .invalidArgument("Reshape's target_shape must hold positive sizes (one may be -1); got \(shapeText)")
        }
        if let inputShape, inputShape.isEmpty || inputShape.contains(where: { $0 <= 0 }) {
            throw .invalidArgument("an input shape must be positive; got \(formatShape(inputShape))")
        }
        self.targetShape = targetShape
        self.name = name ?? LayerNames.current.next("reshape")
        declaredInputShape = inputShape
    }

    public func outputShape(for shape: [Int]) throws(EngineError) -> [Int] {
        let total = shape.reduce(1, *)
        let known = targetShape.filter { $0 != -1 }.reduce(1, *)
        let fits = targetShape.contains(-1) ? total % known == 0 : total == known
        guard fits else {
            throw .invalidArgument(
                "The total size of the tensor must be unchanged. Received: input_shape=\(formatShape(shape)), "
                    + "target_shape=\(formatShape(targetShape))")
        }
        return targetShape.map { $0 == -1 ? total / known : $0 }
    }

    public func build(inputShape shape: [Int], random: inout RandomGenerator) throws(EngineError) {
        _ = try outputShape(for: shape)
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
