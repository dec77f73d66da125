/// Every way the engine refuses a request, as structured cases. The engine's own wording is
/// plain; the language turns each case into Keras-flavoured advice (it knows Python's spelling).
public enum EngineError: Error, Equatable, CustomStringConvertible {
    /// Arrays whose shapes do not fit together; the message says what was expected and what came.
    case shapeMismatch(String)
    /// An argument outside what the engine accepts (non-positive units, a negative learning rate, …).
    case invalidArgument(String)
    /// `fit`, `evaluate` or `step` before `compile`.
    case notCompiled(method: String)
    /// x and y hold different numbers of examples.
    case sampleCountMismatch(x: Int, y: Int)
    /// A layer or array larger than this machine can hold.
    case tooLarge(String)
    /// The loss became NaN or infinite; training stopped.
    case nonFiniteLoss(epoch: Int, step: Int, value: Float)
    /// A model with no layers asked to compute.
    case emptyModel(model: String)
    /// An input with fewer axes than `expectedAtLeast` (examples first); `method` is what was called.
    case inputRank(expectedAtLeast: Int, shape: [Int])
    /// A layer's weights were asked for before it was built.
    case layerNotBuilt(layer: String)
    /// A model's weights were asked for before its input shape was known.
    case modelNotBuilt(model: String)
    /// `set_weights` with the wrong number of arrays; `expected` lists the shapes wanted.
    case weightCountMismatch(owner: String, expected: [[Int]], received: Int)
    /// `set_weights` with an array of the wrong shape.
    case weightShapeMismatch(layer: String, index: Int, weight: String, expected: [Int], received: [Int])
    /// An input whose per-example shape differs from the one the layer (or model) was built for.
    case inputShapeMismatch(layer: String, expected: [Int], received: [Int])
    /// Data whose examples differ in shape from those the model was built for.
    case modelInputMismatch(firstLayerKind: String, expected: [Int], received: [Int])
    /// Two layers of a model with the same name.
    case duplicateLayerName(layer: String, model: String)
    /// A layer that needs an axis of features per example (Dense) got scalar examples.
    case flatInputRequired(layer: String, kind: String, shape: [Int])
    /// Training or evaluation data without a single example.
    case noExamples
    /// A loss that takes class indices got targets of another shape.
    case classIndicesExpected(examples: Int, yShape: [Int])
    /// A target that is not a whole number from 0 to `classes` − 1.
    case notClassIndex(index: Int, value: Float, classes: Int)
    /// Targets whose width differs from the output layer's.
    case targetShapeMismatch(outputUnits: Int, yShape: [Int], loss: Loss.Kind)
    /// An input declared after layers were added.
    case inputAfterLayers(model: String)

    public var description: String {
        switch self {
        case .shapeMismatch(let message), .invalidArgument(let message), .tooLarge(let message):
            return message
        case .notCompiled(let method):
            return "the model must be compiled before \(method)()"
        case .sampleCountMismatch(let x, let y):
            return "x has \(x) examples but y has \(y); they must have the same number of rows"
        case .nonFiniteLoss(let epoch, let step, let value):
            return "the loss became \(value) at epoch \(epoch), step \(step); training stopped"
        case .emptyModel(let model):
            return "model '\(model)' has no layers yet"
        case .inputRank(let rank, let shape):
            return "the input must have at least \(rank) axes (examples first); got shape \(formatShape(shape))"
        case .layerNotBuilt(let layer):
            return "layer '\(layer)' has no weights yet: it is built when it first sees data"
        case .modelNotBuilt(let model):
            return "model '\(model)' has no weights yet: its input shape is not known"
        case .weightCountMismatch(let owner, let expected, let received):
            return
                "'\(owner)' expects \(expected.count) weight arrays (\(expected.map(formatShape).joined(separator: ", "))) "
                + "but received \(received)"
        case .weightShapeMismatch(let layer, let index, let weight, let expected, let received):
            return "layer '\(layer)' weight \(index) (\(weight)) has shape \(formatShape(expected)); "
                + "received an array of shape \(formatShape(received))"
        case .inputShapeMismatch(let layer, let expected, let received):
            return "'\(layer)' was built for examples of shape \(formatShape(expected)); "
                + "the input's examples have shape \(formatShape(received))"
        case .modelInputMismatch(_, let expected, let received):
            return "the model was built for examples of shape \(formatShape(expected)); "
                + "the input's examples have shape \(formatShape(received))"
        case .duplicateLayerName(let layer, let model):
            return "a layer named '\(layer)' is already in model '\(model)'; layer names must be unique"
        case .flatInputRequired(let layer, let kind, let shape):
            return "\(kind) layer '\(layer)' needs an axis of features per example; got examples of shape "
                + formatShape(shape)
        case .noExamples:
            return "there are no examples: x has 0 rows"
        case .classIndicesExpected(let examples, let yShape):
            return
                "the loss expects one class index per example (shape (\(examples),)); got y of shape \(formatShape(yShape))"
        case .notClassIndex(let index, let value, let classes):
            return "y[\(index)] = \(value.formatted) is not a class index: with \(classes) output units "
                + "the labels must be whole numbers from 0 to \(classes - 1)"
        case .targetShapeMismatch(let units, let yShape, _):
            return
                "the output layer has \(units) unit\(units == 1 ? "" : "s") per example but y has shape \(formatShape(yShape))"
        case .inputAfterLayers:
            return "the input must be declared before the first layer of a Sequential model"
        }
    }
}
