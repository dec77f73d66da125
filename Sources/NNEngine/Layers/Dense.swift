/// A fully connected layer, Keras's `Dense`: `a = f(x·W + b)` with W of shape (inputs, units).
///
/// The layer is built lazily from the width of the first input it sees, unless an input width is
/// given. It holds its parameters, their gradients and the work buffers of the latest batch.
public final class Dense {
    public let units: Int
    public let activation: Activation
    public let useBias: Bool
    public let kernelInitializer: Initializer
    public let biasInitializer: Initializer
    public let kernelRegularizer: Regularizer?
    public let name: String
    /// The input width the layer was declared with (Keras's `input_shape`/`input_dim`), if any.
    public let declaredInputWidth: Int?

    /// Inputs per example, once built.
    public private(set) var inputWidth: Int?
    /// W, shape (inputs, units); empty until built.
    public internal(set) var kernel = Tensor(shape: [0, 0])
    /// b, shape (units,); empty until built or when `useBias` is false.
    public internal(set) var bias = Tensor(shape: [0])
    /// ∂L/∂W and ∂L/∂b of the latest training step.
    public internal(set) var kernelGradient = Tensor(shape: [0, 0])
    public internal(set) var biasGradient = Tensor(shape: [0])

    /// Work buffers for up to `capacity` rows: z, a = f(z), ∂L/∂a and ∂L/∂z.
    var workspace = DenseWorkspace()

    public init(
        units: Int, activation: Activation = .linear, useBias: Bool = true,
        kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
        kernelRegularizer: Regularizer? = nil, name: String? = nil, inputWidth: Int? = nil
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
        self.name = name ?? LayerNames.shared.next("dense")
        self.declaredInputWidth = inputWidth
    }

    public var isBuilt: Bool { inputWidth != nil }

    /// Weights and biases: inputs × units, plus units when a bias is used.
    public var parameterCount: Int { (inputWidth ?? 0) * units + (isBuilt && useBias ? units : 0) }

    /// Creates W and b for inputs of `width`, drawing initial values from `random`.
    public func build(inputWidth width: Int, random: inout RandomGenerator) throws(EngineError) {
        guard width > 0 else { throw .invalidArgument("layer '\(name)' needs a positive input width; got \(width)") }
        try Dense.checkAllocatable(rows: width, columns: units, what: "layer '\(name)'")
        inputWidth = width
        kernel = kernelInitializer.make(shape: [width, units], using: &random)
        bias = useBias ? biasInitializer.make(shape: [units], using: &random) : Tensor(shape: [0])
        kernelGradient = Tensor(shape: [width, units])
        biasGradient = Tensor(shape: [useBias ? units : 0])
        workspace = DenseWorkspace()
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

    /// The layer's weights as Keras lists them: `[W, b]`, or `[W]` without a bias; empty before it is built.
    public func weights() -> [Tensor] {
        guard isBuilt else { return [] }
        return useBias ? [kernel, bias] : [kernel]
    }

    /// Replaces the weights after checking their number and shapes as Keras does.
    public func setWeights(_ values: [Tensor]) throws(EngineError) {
        guard let width = inputWidth else {
            throw .notBuilt(
                "layer '\(name)' has no weights yet: it is built when it first sees data; "
                    + "give the model an Input(shape=...) or call fit/predict first")
        }
        let expected: [[Int]] = useBias ? [[width, units], [units]] : [[width, units]]
        guard values.count == expected.count else {
            throw .shapeMismatch(
                "layer '\(name)' expects \(expected.count) weight arrays (\(expected.map(formatShape).joined(separator: ", "))) "
                    + "but received \(values.count)")
        }
        for (index, (value, shape)) in zip(values, expected).enumerated() where value.shape != shape {
            throw .shapeMismatch(
                "layer '\(name)' weight \(index) (\(index == 0 ? "kernel" : "bias")) has shape \(formatShape(shape)); "
                    + "received an array of shape \(formatShape(value.shape))")
        }
        kernel = values[0].copied()
        if useBias { bias = values[1].copied() }
    }

    /// The regularization penalty this layer adds to the loss.
    public var regularizationLoss: Float { kernelRegularizer?.penalty(kernel) ?? 0 }
}

extension Tensor {
    /// A copy that owns its own buffer, as NumPy's `copy()`.
    public func copied(dtype: DType? = nil) -> Tensor {
        var copy = Tensor(shape: shape, dtype: dtype ?? self.dtype)
        copy.mutablePointer().update(from: pointer, count: count)
        return copy
    }
}
