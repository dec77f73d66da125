/// Every way the engine refuses a request, each with a message a learner can act on.
public enum EngineError: Error, Equatable, CustomStringConvertible {
    /// Arrays whose shapes do not fit together; the message says what was expected and what came.
    case shapeMismatch(String)
    /// An argument outside what the engine accepts (non-positive units, a negative learning rate, …).
    case invalidArgument(String)
    /// `fit`, `evaluate` or `step` before `compile`.
    case notCompiled(method: String)
    /// A request that needs the model's weights before its input width is known.
    case notBuilt(String)
    /// x and y hold different numbers of examples.
    case sampleCountMismatch(x: Int, y: Int)
    /// A layer or array larger than this machine can hold.
    case tooLarge(String)
    /// The loss became NaN or infinite; training stopped.
    case nonFiniteLoss(epoch: Int, step: Int, value: Float)

    public var description: String {
        switch self {
        case .shapeMismatch(let message), .invalidArgument(let message), .notBuilt(let message),
            .tooLarge(let message):
            return message
        case .notCompiled(let method):
            return "the model must be compiled before \(method)(): call model.compile(loss=...) first"
        case .sampleCountMismatch(let x, let y):
            return "x has \(x) examples but y has \(y); they must have the same number of rows"
        case .nonFiniteLoss(let epoch, let step, let value):
            return "the loss became \(value) at epoch \(epoch), step \(step); training stopped. "
                + "Try a smaller learning rate, or scale the inputs (for pixels 0..255, divide by 255)"
        }
    }
}
