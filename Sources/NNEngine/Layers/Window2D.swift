/// Keras's `padding` of a convolution or pooling window.
public enum Padding: String, Sendable {
    /// Only windows that lie wholly inside the input.
    case valid
    /// Zeros (or, for max pooling, nothing) added around the input so that the output has
    /// ceil(input / stride) positions along each axis, as TensorFlow pads: the smaller half before.
    case same
}

/// Where a sliding window of a 2-D layer (`Conv2D`, `MaxPooling2D`, …) falls on an input of
/// height × width: the output size and the padding before the first row and column, computed as
/// TensorFlow computes them for `channels_last` inputs.
public struct Window2D: Equatable, Sendable {
    public let inputHeight, inputWidth: Int
    public let kernelHeight, kernelWidth: Int
    public let strideHeight, strideWidth: Int
    public let padding: Padding
    public let outputHeight, outputWidth: Int
    /// Rows and columns of padding before the input (0 for `valid`).
    public let padTop, padLeft: Int

    /// The window over an input of `height` × `width`; nil when a `valid` window does not fit.
    public init?(
        height: Int, width: Int, kernel: (Int, Int), strides: (Int, Int), padding: Padding
    ) {
        (inputHeight, inputWidth) = (height, width)
        (kernelHeight, kernelWidth) = kernel
        (strideHeight, strideWidth) = strides
        self.padding = padding
        switch padding {
        case .valid:
            guard height >= kernel.0, width >= kernel.1 else { return nil }
            outputHeight = (height - kernel.0) / strides.0 + 1
            outputWidth = (width - kernel.1) / strides.1 + 1
            (padTop, padLeft) = (0, 0)
        case .same:
            outputHeight = (height + strides.0 - 1) / strides.0
            outputWidth = (width + strides.1 - 1) / strides.1
            padTop = max((outputHeight - 1) * strides.0 + kernel.0 - height, 0) / 2
            padLeft = max((outputWidth - 1) * strides.1 + kernel.1 - width, 0) / 2
        }
        guard outputHeight > 0, outputWidth > 0 else { return nil }
    }

    /// Output positions per example.
    public var positions: Int { outputHeight * outputWidth }
    /// Input rows (or columns) a window at output row `oy` (column `ox`) starts at; may be negative.
    @inline(__always) func top(_ oy: Int) -> Int { oy * strideHeight - padTop }
    @inline(__always) func left(_ ox: Int) -> Int { ox * strideWidth - padLeft }
}

/// The geometry of the latest step of a windowed layer, for explanations.
public struct WindowDetails: Sendable {
    public let window: Window2D
    public let channels: Int
    /// `max` or `average` for pooling; `convolution` for Conv2D.
    public let operation: String
}

/// Reads Keras's size arguments (`kernel_size=3` or `(3, 3)`) checked as positive.
func checkedPair(_ pair: (Int, Int), _ what: String, layer: String) throws(EngineError) -> (Int, Int) {
    guard pair.0 > 0, pair.1 > 0 else {
        throw .invalidArgument(
            "The `\(what)` argument must be a tuple of 2 integers. Received \(what)=(\(pair.0), \(pair.1)) "
                + "including values <= 0 (layer '\(layer)')")
    }
    return pair
}

/// The refusal of an input whose examples are not (height, width, channels).
func imageInputRequired(layer: String, shape: [Int]) -> EngineError {
    .shapeMismatch(
        "Input 0 of layer \"\(layer)\" is incompatible with the layer: expected min_ndim=4, found ndim=\(shape.count + 1). "
            + "Full shape received: (None, \(shape.map(String.init).joined(separator: ", ")))"
            + (shape.count == 2
                ? ". For grayscale images add a channel axis: x.reshape(-1, \(shape[0]), \(shape[1]), 1)" : ""))
}
