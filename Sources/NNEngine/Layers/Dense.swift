/// A fully connected layer, Keras's `Dense`: `a = f(x·W + b)` with W of shape (inputs, units).
///
/// The layer is built lazily from the width of the first input it sees, unless an input width is
/// given. As in Keras it works along the last axis: examples of shape (28, 28) give (28, units).
/// It holds its parameters, their gradients and the work buffers of the latest batch.
public final class Dense: Layer {
    public let units: Int
    public let activation: Activation
    public let useBias: Bool
    public let kernelInitializer: Initializer
    public let biasInitializer: Initializer
    public let kernelRegularizer: Regularizer?
    public let name: String
    public var kind: String { "Dense" }
    public var trainable = true
    /// The per-example input shape the layer was declared with (Keras's `input_shape`/`input_dim`), if any.
    public let declaredInputShape: [Int]?
    public var declaredInputWidth: Int? { declaredInputShape?.last }

    /// Inputs per row (the last axis), once built.
    public private(set) var inputWidth: Int?
    public private(set) var inputShape: [Int]?
    public var isBuilt: Bool { inputWidth != nil }
    /// Rows of the last axis in one example: 1 for flat examples, 28 for (28, 28).
    var rowsPerExample = 1
    /// W, shape (inputs, units), and b, shape (units,); empty until built.
    let kernelParameter = Parameter(name: "kernel", value: Tensor(shape: [0, 0]))
    let biasParameter = Parameter(name: "bias", value: Tensor(shape: [0]))

    /// Work buffers for up to `capacity` rows: z, a = f(z), ∂L/∂a and ∂L/∂z.
    var buffers = LayerBuffers(count: 4)

    public init(
        units: Int, activation: Activation = .linear, useBias: Bool = true,
        kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
        kernelRegularizer: Regularizer? = nil, name: String? = nil, inputWidth: Int? = nil,
        inputShape: [Int]? = nil
    ) throws(EngineError) {
        guard units > 0 else {
            throw .invalidArgument("Dense needs a positive number of units; got units=\(units)")
        }
        if let inputWidth, inputWidth <= 0 {
            throw .invalidArgument("an input width must be positive; got \(inputWidth)")
        }
        self.units = units
        self.activation = activation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
        self.kernelRegularizer = kernelRegularizer
        self.name = name ?? LayerNames.current.next("dense")
        if let inputShape, inputShape.isEmpty || inputShape.contains(where: { $0 <= 0 }) {
            throw .invalidArgument("an input shape must be positive; got \(formatShape(inputShape))")
        }
        self.declaredInputShape = inputShape ?? inputWidth.map { [$0] }
    }

    public var kernel: Tensor { kernelParameter.value }
    public var bias: Tensor { biasParameter.value }
    /// ∂L/∂W and ∂L/∂b of the latest training step.
    public var kernelGradient: Tensor { kernelParameter.gradient }
    public var biasGradient: Tensor { biasParameter.gradient }

    public var parameters: [Parameter] {
        guard isBuilt else { return [] }
        return useBias ? [kernelParameter, biasParameter] : [kernelParameter]
    }

    public func outputShape(for shape: [Int]) throws(EngineError) -> [Int] {
        guard !shape.isEmpty else { throw .flatInputRequired(layer: name, kind: kind, shape: shape) }
        return shape.dropLast() + [units]
    }

    public func build(inputShape shape: [Int], random: inout RandomGenerator) throws(EngineError) {
        guard let last = shape.last else { throw .flatInputRequired(layer: name, kind: kind, shape: shape) }
        try build(inputWidth: last, random: &random)
        inputShape = shape
        rowsPerExample = shape.dropLast().reduce(1, *)
    }

    /// Creates W and b for inputs of `width`, drawing initial values from `random`.
    public func build(inputWidth width: Int, random: inout RandomGenerator) throws(EngineError) {
        guard width > 0 else { throw .invalidArgument("layer '\(name)' needs a positive input width; got \(width)") }
        try Dense.checkAllocatable(rows: width, columns: units, what: "layer '\(name)'")
        inputWidth = width
        inputShape = [width]
        rowsPerExample = 1
        kernelParameter.value = kernelInitializer.make(shape: [width, units], using: &random)
        kernelParameter.gradient = Tensor(shape: [width, units])
        biasParameter.value = useBias ? biasInitializer.make(shape: [units], using: &random) : Tensor(shape: [0])
        biasParameter.gradient = Tensor(shape: [useBias ? units : 0])
        buffers = LayerBuffers(count: 4)
    }

    /// Refuses sizes whose arrays would not fit in this machine's memory (or overflow an index).
    static func checkAllocatable(rows: Int, columns: Int, what: String) throws(EngineError) {
        let (elements, overflow) = rows.multipliedReportingOverflow(by: columns)
        // Parameters, gradients and up to two optimizer slots: four copies of every weight.
        let budget = ProcessInfoMemory.physicalBytes / 4 / UInt64(MemoryLayout<Float>.stride)
        if overflow || elements > Int(Int32.max) || UInt64(elements) > budget {
            throw .tooLarge(
                "\(what) would need \(rows) × \(columns) weights, more than this machine can hold; "
                    + "use fewer units or inputs")
        }
    }

    /// The regularization penalty this layer adds to the loss.
    public var regularizationLoss: Float { kernelRegularizer?.penalty(kernel) ?? 0 }
}

extension Tensor {
    /// A copy that owns its own buffer, as NumPy's `copy()`.
    public func copied(dtype: DType? = nil) -> Tensor {
        var copy = Tensor(shape: shape, dtype: dtype ?? self.dtype)
        copy.mutablePointer().update(from: pointer, count: count)
        if copy.dtype == self.dtype { copy.wideStorage = wide }
        return copy
    }
}
