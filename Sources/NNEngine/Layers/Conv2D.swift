/// Keras's `Conv2D` on `channels_last` images: `a[y, x, f] = act(Σ window(y, x) · K[:, :, :, f] + b[f])`,
/// with the kernel K of shape (kh, kw, in_channels, filters), as Keras stores it.
///
/// The batch is unrolled into one matrix of windows (im2col: one row per output position, its
/// kh·kw·C inputs in K's order), so the whole layer is one BLAS product each way, as Dense is.
public final class Conv2D: Layer {
    public let filters: Int
    public let kernelSize: (Int, Int)
    public let strides: (Int, Int)
    public let padding: Padding
    public let activation: Activation
    public let useBias: Bool
    public let kernelInitializer: Initializer
    public let biasInitializer: Initializer
    public let name: String
    public var kind: String { "Conv2D" }
    public var trainable = true
    public let declaredInputShape: [Int]?
    public private(set) var inputShape: [Int]?
    /// The window's geometry once built.
    public private(set) var window: Window2D?
    let kernelParameter = Parameter(name: "kernel", value: Tensor(shape: [0, 0, 0, 0]))
    let biasParameter = Parameter(name: "bias", value: Tensor(shape: [0]))
    /// Per example: z, a = f(z), ∂L/∂a, ∂L/∂z (positions × filters each).
    var buffers = LayerBuffers(count: 4)
    /// Per example: the unrolled windows and their gradient (positions × kh·kw·C each).
    var columns = LayerBuffers(count: 2)

    public init(
        filters: Int, kernelSize: (Int, Int), strides: (Int, Int) = (1, 1), padding: Padding = .valid,
        activation: Activation = .linear, useBias: Bool = true, kernelInitializer: Initializer = .glorotUniform,
        biasInitializer: Initializer = .zeros, name: String? = nil, inputShape: [Int]? = nil
    ) throws(EngineError) {
        let name = name ?? LayerNames.current.next("conv2d")
        guard filters > 0 else {
            throw .invalidArgument(
                "Invalid value for argument `filters`. Expected a strictly positive value. Received filters=\(filters)."
            )
        }
        self.kernelSize = try checkedPair(kernelSize, "kernel_size", layer: name)
        self.strides = try checkedPair(strides, "strides", layer: name)
        if let inputShape, inputShape.isEmpty || inputShape.contains(where: { $0 <= 0 }) {
            throw .invalidArgument("an input shape must be positive; got \(formatShape(inputShape))")
        }
        self.filters = filters
        self.padding = padding
        self.activation = activation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
        self.name = name
        declaredInputShape = inputShape
    }

    public var kernel: Tensor { kernelParameter.value }
    public var bias: Tensor { biasParameter.value }
    public var parameters: [Parameter] {
        guard isBuilt else { return [] }
        return useBias ? [kernelParameter, biasParameter] : [kernelParameter]
    }

    /// The window over examples of `shape`, or Keras's refusal.
    func window(for shape: [Int]) throws(EngineError) -> Window2D {
        guard shape.count == 3 else { throw imageInputRequired(layer: name, shape: shape) }
        guard
            let window = Window2D(
                height: shape[0], width: shape[1], kernel: kernelSize, strides: strides, padding: padding)
        else {
            throw .invalidArgument(
                "Computed output size would be zero or negative. Received `inputs shape=(None, "
                    + shape.map(String.init).joined(separator: ", ") + ")`, `kernel shape=(\(kernelSize.0), "
                    + "\(kernelSize.1), \(shape[2]), \(filters))`, `dilation_rate=[1 1]`, "
                    + "`strides=(\(strides.0), \(strides.1))`, `padding=\(padding.rawValue)`.")
        }
        return window
    }

    public func outputShape(for shape: [Int]) throws(EngineError) -> [Int] {
        let window = try window(for: shape)
        return [window.outputHeight, window.outputWidth, filters]
    }

    public func build(inputShape shape: [Int], random: inout RandomGenerator) throws(EngineError) {
        let window = try window(for: shape)
        let shape4 = [kernelSize.0, kernelSize.1, shape[2], filters]
        try Dense.checkAllocatable(rows: shape4[0] * shape4[1] * shape4[2], columns: filters, what: "layer '\(name)'")
        kernelParameter.value = kernelInitializer.make(shape: shape4, using: &random)
        kernelParameter.gradient = Tensor(shape: shape4)
        biasParameter.value = useBias ? biasInitializer.make(shape: [filters], using: &random) : Tensor(shape: [0])
        biasParameter.gradient = Tensor(shape: [useBias ? filters : 0])
        buffers = LayerBuffers(count: 4)
        columns = LayerBuffers(count: 2)
        self.window = window
        inputShape = shape
    }

    /// m·n·k of the layer's BLAS product for a batch of `examples`, for choosing BLAS threads.
    func productSize(examples: Int) -> Int { examples * (window?.positions ?? 0) * patch * filters }

    var channels: Int { inputShape?[2] ?? 0 }
    /// Inputs under one window: kh·kw·C.
    var patch: Int { kernelSize.0 * kernelSize.1 * channels }

    public var output: UnsafePointer<Float> { UnsafePointer(buffers[1]) }
    public var outputGradient: UnsafeMutablePointer<Float> { buffers[2] }
    public var finalActivation: Activation { activation }
    public var logits: UnsafePointer<Float> { UnsafePointer(buffers[0]) }
    public var logitsGradient: UnsafeMutablePointer<Float> { buffers[3] }

    public func forward(_ x: UnsafePointer<Float>, rows examples: Int, training: Bool) {
        guard let window else { return }
        let positions = window.positions
        let patch = self.patch
        buffers.reserve(rows: examples, width: positions * filters)
        columns.reserve(rows: examples, width: positions * patch)
        let cols = columns[0]
        Im2Col.unroll(x, examples: examples, window: window, channels: channels, into: cols)
        let z = buffers[0]
        let rows = examples * positions
        BLAS.gemm(m: rows, n: filters, k: patch, a: cols, b: kernel.pointer, c: z)
        if useBias {
            let b = bias.pointer
            for row in 0..<rows {
                let zr = z + row * filters
                for f in 0..<filters { zr[f] += b[f] }
            }
        }
        activation.forward(z, into: buffers[1], rows: rows, columns: filters)
    }

    /// ∂L/∂z through the activation, ∂L/∂K = windowsᵀ·∂L/∂z, ∂L/∂b = Σ ∂L/∂z, and ∂L/∂x by
    /// adding each window's share ∂L/∂z·Kᵀ back where the window lay (col2im).
    public func backward(
        input x: UnsafePointer<Float>, rows examples: Int, inputGradient: UnsafeMutablePointer<Float>?,
        fromLogits: Bool
    ) {
        guard let window else { return }
        let rows = examples * window.positions
        let patch = self.patch
        let dz = buffers[3]
        if !fromLogits {
            activation.backward(buffers[2], z: buffers[0], a: buffers[1], into: dz, rows: rows, columns: filters)
        }
        if trainable {
            let dK = kernelParameter.gradient.mutablePointer()
            BLAS.gemm(transposeA: true, m: patch, n: filters, k: rows, a: columns[0], b: dz, c: dK)
            if useBias {
                BLAS.columnSums(dz, rows: rows, columns: filters, into: biasParameter.gradient.mutablePointer())
            }
        }
        if let inputGradient {
            let dcols = columns[1]
            BLAS.gemm(transposeB: true, m: rows, n: patch, k: filters, a: dz, b: kernel.pointer, c: dcols)
            Im2Col.fold(dcols, examples: examples, window: window, channels: channels, into: inputGradient)
        }
    }

    public func traceDetails(rows: Int, training: Bool) -> LayerDetails? {
        window.map { .window(WindowDetails(window: $0, channels: channels, operation: "convolution")) }
    }
}

/// Unrolling windows into rows (im2col) and adding rows back into an image (col2im).
enum Im2Col {
    /// For every example and output position, the kh × kw × C inputs under the window, in that
    /// order (zeros where the window lies on padding).
    static func unroll(
        _ x: UnsafePointer<Float>, examples: Int, window w: Window2D, channels c: Int,
        into cols: UnsafeMutablePointer<Float>
    ) {
        let rowLength = w.kernelWidth * c
        let patch = w.kernelHeight * rowLength
        let imageSize = w.inputHeight * w.inputWidth * c
        ParallelExamples.forEach(examples, workPerExample: w.positions * patch) { range in
            unroll(x, range, window: w, channels: c, into: cols + range.lowerBound * w.positions * patch)
        }
    }

    /// `unroll` for the examples in `range`, written from `cols` on.
    private static func unroll(
        _ x: UnsafePointer<Float>, _ range: Range<Int>, window w: Window2D, channels c: Int,
        into cols: UnsafeMutablePointer<Float>
    ) {
        let rowLength = w.kernelWidth * c
        let patch = w.kernelHeight * rowLength
        let imageSize = w.inputHeight * w.inputWidth * c
        var out = cols
        for example in range {
            let image = x + example * imageSize
            for oy in 0..<w.outputHeight {
                let top = w.top(oy)
                for ox in 0..<w.outputWidth {
                    let left = w.left(ox)
                    let inside = left >= 0 && left + w.kernelWidth <= w.inputWidth
                    for ky in 0..<w.kernelHeight {
                        let iy = top + ky
                        let row = out + ky * rowLength
                        if iy < 0 || iy >= w.inputHeight {
                            row.update(repeating: 0, count: rowLength)
                        } else if inside {
                            row.update(from: image + (iy * w.inputWidth + left) * c, count: rowLength)
                        } else {
                            for kx in 0..<w.kernelWidth {
                                let ix = left + kx
                                if ix < 0 || ix >= w.inputWidth {
                                    (row + kx * c).update(repeating: 0, count: c)
                                } else {
                                    (row + kx * c).update(from: image + (iy * w.inputWidth + ix) * c, count: c)
                                }
                            }
                        }
                    }
                    out += patch
                }
            }
        }
    }

    /// The inverse gather: each window row of `cols` added into the image where it was read from.
    static func fold(
        _ cols: UnsafePointer<Float>, examples: Int, window w: Window2D, channels c: Int,
        into dx: UnsafeMutablePointer<Float>
    ) {
        let patch = w.kernelHeight * w.kernelWidth * c
        ParallelExamples.forEach(examples, workPerExample: w.positions * patch) { range in
            fold(cols + range.lowerBound * w.positions * patch, range, window: w, channels: c, into: dx)
        }
    }

    /// `fold` for the examples in `range`, read from `cols` on; their images are cleared first.
    private static func fold(
        _ cols: UnsafePointer<Float>, _ range: Range<Int>, window w: Window2D, channels c: Int,
        into dx: UnsafeMutablePointer<Float>
    ) {
        let rowLength = w.kernelWidth * c
        let patch = w.kernelHeight * rowLength
        let imageSize = w.inputHeight * w.inputWidth * c
        (dx + range.lowerBound * imageSize).update(repeating: 0, count: range.count * imageSize)
        var source = cols
        for example in range {
            let image = dx + example * imageSize
            for oy in 0..<w.outputHeight {
                let top = w.top(oy)
                for ox in 0..<w.outputWidth {
                    let left = w.left(ox)
                    for ky in 0..<w.kernelHeight {
                        let iy = top + ky
                        guard iy >= 0, iy < w.inputHeight else { continue }
                        let row = source + ky * rowLength
                        for kx in 0..<w.kernelWidth {
                            let ix = left + kx
                            guard ix >= 0, ix < w.inputWidth else { continue }
                            let target = image + (iy * w.inputWidth + ix) * c
                            let values = row + kx * c
                            for ch in 0..<c { target[ch] += values[ch] }
                        }
                    }
                    source += patch
                }
            }
        }
    }
}
