/// Keras's `MaxPooling2D` and `AveragePooling2D` on `channels_last` images: each channel on its
/// own, the largest (or the mean) of the values under a pool_size window, moved by `strides`
/// (by default the pool size, so windows do not overlap).
///
/// As TensorFlow does, `same` padding adds nothing that can win a max, and an average over a
/// window that hangs over the edge divides by the values really under it.
public final class Pooling2D: Layer {
    /// What a window gives: its largest value or its mean.
    public enum Mode: String, Sendable {
        case max
        case average
    }

    public let mode: Mode
    public let poolSize: (Int, Int)
    public let strides: (Int, Int)
    public let padding: Padding
    public let name: String
    public var kind: String { mode == .max ? "MaxPooling2D" : "AveragePooling2D" }
    public var trainable = true
    public let declaredInputShape: [Int]?
    public private(set) var inputShape: [Int]?
    public private(set) var window: Window2D?
    public var parameters: [Parameter] { [] }
    /// Per example: the output and ∂L/∂output.
    private var buffers = LayerBuffers(count: 2)
    /// For max pooling, the input index (within its example) each output came from.
    private var winners: [Int32] = []

    public init(
        mode: Mode, poolSize: (Int, Int) = (2, 2), strides: (Int, Int)? = nil, padding: Padding = .valid,
        name: String? = nil, inputShape: [Int]? = nil
    ) throws(EngineError) {
        let name = name ?? LayerNames.current.next(mode == .max ? "max_pooling2d" : "average_pooling2d")
        self.poolSize = try checkedPair(poolSize, "pool_size", layer: name)
        self.strides = try checkedPair(strides ?? poolSize, "strides", layer: name)
        if let inputShape, inputShape.isEmpty || inputShape.contains(where: { $0 <= 0 }) {
            throw .invalidArgument("an input shape must be positive; got \(formatShape(inputShape))")
        }
        self.mode = mode
        self.padding = padding
        self.name = name
        declaredInputShape = inputShape
    }

    func window(for shape: [Int]) throws(EngineError) -> Window2D {
        guard shape.count == 3 else { throw imageInputRequired(layer: name, shape: shape) }
        guard
            let window = Window2D(
                height: shape[0], width: shape[1], kernel: poolSize, strides: strides, padding: padding)
        else {
            throw .invalidArgument(
                "Computed output size would be zero or negative. Received: `inputs.shape=[None "
                    + shape.map(String.init).joined(separator: " ") + "]`, `pool_size=[\(poolSize.0) "
                    + "\(poolSize.1)]`, `strides=(\(strides.0), \(strides.1))`, `padding=\(padding.rawValue)`.")
        }
        return window
    }

    public func outputShape(for shape: [Int]) throws(EngineError) -> [Int] {
        let window = try window(for: shape)
        return [window.outputHeight, window.outputWidth, shape[2]]
    }

    public func build(inputShape shape: [Int], random: inout RandomGenerator) throws(EngineError) {
        window = try window(for: shape)
        inputShape = shape
    }

    private var channels: Int { inputShape?[2] ?? 0 }
    public var output: UnsafePointer<Float> { UnsafePointer(buffers[0]) }
    public var outputGradient: UnsafeMutablePointer<Float> { buffers[1] }

    public func forward(_ x: UnsafePointer<Float>, rows examples: Int, training: Bool) {
        guard let w = window else { return }
        let c = channels
        let outSize = w.positions * c
        let imageSize = w.inputHeight * w.inputWidth * c
        buffers.reserve(rows: examples, width: outSize)
        let out = buffers[0]
        if mode == .max, winners.count < examples * outSize {
            winners = Array(repeating: 0, count: examples * outSize)
        }
        winners.withUnsafeMutableBufferPointer { winners in
            let winners = UncheckedBox(winners)
            ParallelExamples.forEach(examples, workPerExample: outSize * w.kernelHeight * w.kernelWidth) { range in
                let winners = winners.value
                for example in range {
                    let image = x + example * imageSize
                    for oy in 0..<w.outputHeight {
                        let rows = max(w.top(oy), 0)..<min(w.top(oy) + w.kernelHeight, w.inputHeight)
                        for ox in 0..<w.outputWidth {
                            let columns = max(w.left(ox), 0)..<min(w.left(ox) + w.kernelWidth, w.inputWidth)
                            let offset = example * outSize + (oy * w.outputWidth + ox) * c
                            let o = out + offset
                            if mode == .max {
                                // The window's first value, then any strictly larger one: on a tie the
                                // first in the window wins. Every window holds at least one input.
                                let won = winners.baseAddress.unsafelyUnwrapped + offset
                                let first = (rows.lowerBound * w.inputWidth + columns.lowerBound) * c
                                for ch in 0..<c {
                                    o[ch] = image[first + ch]
                                    won[ch] = Int32(first + ch)
                                }
                                for iy in rows {
                                    for ix in columns {
                                        let at = (iy * w.inputWidth + ix) * c
                                        let pixel = image + at
                                        for ch in 0..<c where pixel[ch] > o[ch] {
                                            o[ch] = pixel[ch]
                                            won[ch] = Int32(at + ch)
                                        }
                                    }
                                }
                            } else {
                                o.update(repeating: 0, count: c)
                                for iy in rows {
                                    for ix in columns {
                                        let pixel = image + (iy * w.inputWidth + ix) * c
                                        for ch in 0..<c { o[ch] += pixel[ch] }
                                    }
                                }
                                let scale = 1 / Float(rows.count * columns.count)
                                for ch in 0..<c { o[ch] *= scale }
                            }
                        }
                    }
                }
            }
        }
    }

    public func backward(
        input x: UnsafePointer<Float>, rows examples: Int, inputGradient: UnsafeMutablePointer<Float>?,
        fromLogits: Bool
    ) {
        guard let w = window, let dx = inputGradient else { return }
        let c = channels
        let outSize = w.positions * c
        let imageSize = w.inputHeight * w.inputWidth * c
        let dy = buffers[1]
        if mode == .max {
            winners.withUnsafeBufferPointer { winners in
                let winners = UncheckedBox(winners)
                ParallelExamples.forEach(examples, workPerExample: imageSize) { range in
                    (dx + range.lowerBound * imageSize).update(repeating: 0, count: range.count * imageSize)
                    for example in range {
                        let image = dx + example * imageSize
                        for i in 0..<outSize {
                            let index = example * outSize + i
                            image[Int(winners.value[index])] += dy[index]
                        }
                    }
                }
            }
            return
        }
        ParallelExamples.forEach(examples, workPerExample: imageSize) { range in
            (dx + range.lowerBound * imageSize).update(repeating: 0, count: range.count * imageSize)
            for example in range {
                let image = dx + example * imageSize
                for oy in 0..<w.outputHeight {
                    let rows = max(w.top(oy), 0)..<min(w.top(oy) + w.kernelHeight, w.inputHeight)
                    for ox in 0..<w.outputWidth {
                        let columns = max(w.left(ox), 0)..<min(w.left(ox) + w.kernelWidth, w.inputWidth)
                        let g = dy + example * outSize + (oy * w.outputWidth + ox) * c
                        let scale = 1 / Float(rows.count * columns.count)
                        for iy in rows {
                            for ix in columns {
                                let pixel = image + (iy * w.inputWidth + ix) * c
                                for ch in 0..<c { pixel[ch] += g[ch] * scale }
                            }
                        }
                    }
                }
            }
        }
    }

    public func traceDetails(rows: Int, training: Bool) -> LayerDetails? {
        window.map { .window(WindowDetails(window: $0, channels: channels, operation: mode.rawValue)) }
    }
}

/// Keras's `GlobalMaxPooling2D` and `GlobalAveragePooling2D`: one number per channel, the largest
/// (or the mean) over the whole height × width; `keepdims` keeps the two axes as 1 × 1.
public final class GlobalPooling2D: Layer {
    public let mode: Pooling2D.Mode
    public let keepDims: Bool
    public let name: String
    public var kind: String { mode == .max ? "GlobalMaxPooling2D" : "GlobalAveragePooling2D" }
    public var trainable = true
    public let declaredInputShape: [Int]?
    public private(set) var inputShape: [Int]?
    public var parameters: [Parameter] { [] }
    private var buffers = LayerBuffers(count: 2)
    private var lastInput: UnsafePointer<Float>?

    public init(mode: Pooling2D.Mode, keepDims: Bool = false, name: String? = nil, inputShape: [Int]? = nil)
        throws(EngineError)
    {
        if let inputShape, inputShape.isEmpty || inputShape.contains(where: { $0 <= 0 }) {
            throw .invalidArgument("an input shape must be positive; got \(formatShape(inputShape))")
        }
        self.mode = mode
        self.keepDims = keepDims
        self.name = name ?? LayerNames.current.next(mode == .max ? "global_max_pooling2d" : "global_average_pooling2d")
        declaredInputShape = inputShape
    }

    public func outputShape(for shape: [Int]) throws(EngineError) -> [Int] {
        guard shape.count == 3 else { throw imageInputRequired(layer: name, shape: shape) }
        return keepDims ? [1, 1, shape[2]] : [shape[2]]
    }

    public func build(inputShape shape: [Int], random: inout RandomGenerator) throws(EngineError) {
        _ = try outputShape(for: shape)
        inputShape = shape
    }

    private var channels: Int { inputShape?[2] ?? 0 }
    private var pixels: Int { (inputShape?[0] ?? 0) * (inputShape?[1] ?? 0) }
    public var output: UnsafePointer<Float> { UnsafePointer(buffers[0]) }
    public var outputGradient: UnsafeMutablePointer<Float> { buffers[1] }

    public func forward(_ x: UnsafePointer<Float>, rows examples: Int, training: Bool) {
        let (c, pixels) = (channels, self.pixels)
        buffers.reserve(rows: examples, width: c)
        lastInput = x
        let out = buffers[0]
        for example in 0..<examples {
            let image = x + example * pixels * c
            let o = out + example * c
            o.update(from: image, count: c)
            for p in 1..<max(pixels, 1) {
                let pixel = image + p * c
                if mode == .max {
                    for ch in 0..<c { o[ch] = max(o[ch], pixel[ch]) }
                } else {
                    for ch in 0..<c { o[ch] += pixel[ch] }
                }
            }
            if mode == .average {
                for ch in 0..<c { o[ch] /= Float(pixels) }
            }
        }
    }

    /// The mean's gradient is shared evenly; the max's goes to the values equal to the max, split
    /// evenly among them when several tie (TensorFlow's gradient of `reduce_max`).
    public func backward(
        input x: UnsafePointer<Float>, rows examples: Int, inputGradient: UnsafeMutablePointer<Float>?,
        fromLogits: Bool
    ) {
        guard let dx = inputGradient else { return }
        let (c, pixels) = (channels, self.pixels)
        let dy = buffers[1]
        let out = buffers[0]
        for example in 0..<examples {
            let image = x + example * pixels * c
            let gradient = dx + example * pixels * c
            let g = dy + example * c
            if mode == .average {
                for p in 0..<pixels {
                    for ch in 0..<c { gradient[p * c + ch] = g[ch] / Float(pixels) }
                }
                continue
            }
            let o = out + example * c
            for ch in 0..<c {
                var ties = 0
                for p in 0..<pixels where image[p * c + ch] == o[ch] { ties += 1 }
                let share = g[ch] / Float(max(ties, 1))
                for p in 0..<pixels { gradient[p * c + ch] = image[p * c + ch] == o[ch] ? share : 0 }
            }
        }
    }
}
