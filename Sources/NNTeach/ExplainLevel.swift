/// How much the teacher says about training (see TEACHING.md).
public enum ExplainLevel: String, CaseIterable, Sendable, Comparable {
    /// Exactly what Keras prints.
    case off
    /// A plain-words line per epoch: steps per epoch, how the loss moved.
    case epoch
    /// Also one line per gradient step.
    case step
    /// The first step explained completely, then the epoch level.
    case full

    public static func < (lhs: ExplainLevel, rhs: ExplainLevel) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .off: 0
        case .epoch: 1
        case .step: 2
        case .full: 3
        }
    }
}
