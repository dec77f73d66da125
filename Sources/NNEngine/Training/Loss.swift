/// A loss function with Keras's formula, reduction (mean over the batch) and numerical care.
///
/// Like Keras on TensorFlow, a cross-entropy that follows a sigmoid or softmax output layer is
/// computed from that layer's logits z (Keras caches them on the activation's output), so its
/// gradient with respect to z is exactly ŷ − y. Otherwise probabilities are clipped to
/// [1e-7, 1 − 1e-7] before the logarithm.
public struct Loss: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable {
        case binaryCrossentropy = "BinaryCrossentropy"
        case categoricalCrossentropy = "CategoricalCrossentropy"
        case sparseCategoricalCrossentropy = "SparseCategoricalCrossentropy"
        case meanSquaredError = "MeanSquaredError"
        case meanAbsoluteError = "MeanAbsoluteError"
    }

    public var kind: Kind
    public var fromLogits: Bool

    public init(_ kind: Kind, fromLogits: Bool = false) {
        self.kind = kind
        self.fromLogits = fromLogits
    }

    /// Keras's `epsilon()`, the clipping margin for probabilities.
    public static let epsilon: Float = 1e-7

    /// The string names `compile(loss=...)` accepts, as Keras spells them.
    public static let names: [String: Kind] = [
        "binary_crossentropy": .binaryCrossentropy, "categorical_crossentropy": .categoricalCrossentropy,
        "sparse_categorical_crossentropy": .sparseCategoricalCrossentropy,
        "mean_squared_error": .meanSquaredError, "mse": .meanSquaredError,
        "mean_absolute_error": .meanAbsoluteError, "mae": .meanAbsoluteError,
    ]

    /// The function name Keras uses for this loss (`binary_crossentropy`, `mean_squared_error`, …).
    public var functionName: String {
        switch kind {
        case .binaryCrossentropy: "binary_crossentropy"
        case .categoricalCrossentropy: "categorical_crossentropy"
        case .sparseCategoricalCrossentropy: "sparse_categorical_crossentropy"
        case .meanSquaredError: "mean_squared_error"
        case .meanAbsoluteError: "mean_absolute_error"
        }
    }

    /// Whether targets are class indices (one per example) rather than one value per output unit.
    public var takesClassIndices: Bool { kind == .sparseCategoricalCrossentropy }

    /// Where the loss finds logits after an output layer with `activation`. Keras caches z on the
    /// outputs of sigmoid and softmax, and its binary and categorical cross-entropies use that cache
    /// whenever it is there (even BCE after softmax); otherwise the output itself holds logits when
    /// `from_logits=True`. Keras 3 does the same for the sparse loss, so a saturated softmax's loss is
    /// the log-softmax of z (7.868e-06, not the 8.464e-06 of log p taken after p was rounded).
    public func logitSource(after activation: Activation) -> LogitSource {
        let cached = activation == .sigmoid || activation == .softmax
        switch kind {
        case .binaryCrossentropy, .categoricalCrossentropy, .sparseCategoricalCrossentropy:
            return cached ? .preActivation : (fromLogits ? .output : .none)
        case .meanSquaredError, .meanAbsoluteError:
            return .none
        }
    }
}

/// Where a cross-entropy takes its logits from (see `Loss.logitSource(after:)`).
public enum LogitSource: Sendable {
    /// Probabilities are used, clipped.
    case none
    /// The output layer's z, so the activation and loss are differentiated together.
    case preActivation
    /// The output layer's a, which the user said holds logits.
    case output
}

/// Which quantity a loss gradient is with respect to: the output layer's z (fused with its
/// activation) or its activation a.
public enum LossGradientTarget: Sendable { case logits, activations }

extension Loss {
    /// The mean loss over `rows` examples and, when `gradient` is given, ∂L/∂z or ∂L/∂a into it.
    ///
    /// `z` and `a` are the output layer's rows × columns pre-activations and activations; `target`
    /// holds rows × columns values, or `rows` class indices for the sparse loss.
    func evaluate(
        z: UnsafePointer<Float>, a: UnsafePointer<Float>, activation: Activation,
        target: UnsafePointer<Float>, rows: Int, columns: Int, gradient: UnsafeMutablePointer<Float>?
    ) -> (value: Float, target: LossGradientTarget) {
        let source = logitSource(after: activation)
        let onLogits = source != .none
        let logits = source == .preActivation ? z : a
        let value: Double
        switch kind {
        case .binaryCrossentropy:
            value =
                onLogits
                ? LossFormulas.sigmoidCrossEntropy(logits, target, rows, columns, gradient)
                : LossFormulas.binaryCrossEntropy(a, target, rows, columns, gradient)
        case .categoricalCrossentropy:
            value =
                onLogits
                ? LossFormulas.softmaxCrossEntropy(logits, target, rows, columns, gradient)
                : LossFormulas.categoricalCrossEntropy(a, target, rows, columns, gradient)
        case .sparseCategoricalCrossentropy:
            value =
                onLogits
                ? LossFormulas.sparseSoftmaxCrossEntropy(logits, target, rows, columns, gradient)
                : LossFormulas.sparseCrossEntropy(a, target, rows, columns, gradient)
        case .meanSquaredError:
            value = LossFormulas.meanSquaredError(a, target, rows, columns, gradient)
        case .meanAbsoluteError:
            value = LossFormulas.meanAbsoluteError(a, target, rows, columns, gradient)
        }
        return (Float(value), source == .preActivation ? .logits : .activations)
    }
}
