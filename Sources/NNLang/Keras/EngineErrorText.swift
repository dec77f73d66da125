import NNEngine

/// The engine's structured errors in Keras's terms: what a learner types to fix each one.
extension EngineError {
    var kerasMessage: String {
        switch self {
        case .notCompiled(let method):
            return "the model must be compiled before \(method)(): call model.compile(loss=...) first"
        case .nonFiniteLoss:
            return description + ". Try a smaller learning rate, or scale the inputs (for pixels 0..255, divide by 255)"
        case .emptyModel(let model):
            return "model '\(model)' has no layers yet: add one with model.add(Dense(...))"
        case .inputRank(_, let shape):
            return
                "the input must be an array with examples first (examples × features); got shape \(formatShape(shape))"
                + (shape.count == 1 ? ". For one example use x.reshape(1, -1); for one feature, x.reshape(-1, 1)" : "")
        case .layerNotBuilt(let layer):
            return "layer '\(layer)' has no weights yet: it is built when it first sees data; "
                + "give the model an Input(shape=...) or call fit/predict first"
        case .modelNotBuilt(let model):
            return
                "model '\(model)' has no weights yet: give it an Input(shape=...) or call fit/predict before set_weights"
        case .weightCountMismatch(let owner, let expected, let received):
            return
                "set_weights on '\(owner)' received a list of \(received) arrays, but it has \(expected.count) weights "
                + "(\(expected.map(formatShape).joined(separator: ", ")))"
        case .modelInputMismatch(let kind, let expected, let received):
            if expected.count == 1, received.count == 1 {
                return
                    "the first \(kind) layer was built for \(expected[0]) features per example; the input has \(received[0])"
            }
            return description
        case .flatInputRequired(let layer, let kind, let shape):
            return "\(kind) layer '\(layer)' needs an axis of features per example; got examples of shape "
                + "\(formatShape(shape)). For one feature per example use x.reshape(-1, 1)"
        case .classIndicesExpected(let examples, let yShape):
            return "SparseCategoricalCrossentropy expects one class index per example (shape (\(examples),)); "
                + "got y of shape \(formatShape(yShape)). For one-hot targets use CategoricalCrossentropy"
        case .targetShapeMismatch(_, let yShape, let loss):
            return description
                + (yShape.count == 1 && loss == .categoricalCrossentropy
                    ? "; for class indices use SparseCategoricalCrossentropy, or one-hot encode y"
                    : "; the last layer's units must match y's columns")
        case .inputShapeMismatch(let layer, let expected, let received):
            // Keras's words for a layer (often shared by two models) built for other examples.
            return "Input 0 of layer \"\(layer)\" is incompatible with the layer: expected axis -1 of input shape "
                + "to have value \(expected.last ?? 0), but received input with shape "
                + "(None, \(received.map(String.init).joined(separator: ", "))). It was built for examples of shape "
                + "\(formatShape(expected)) before (by another model that shares it, or by its input_shape)"
        case .inputAfterLayers:
            return "Input must come before the first layer of a Sequential model"
        default:
            return description
        }
    }
}
