/// How much the teacher says about training (see TEACHING.md). It lives in the engine, below the
/// language, so that the interpreter keeps it and the teaching layer reads it as one type.
public enum ExplainLevel: String, CaseIterable, Sendable, Comparable {
    /// Exactly what Keras prints.
    case off
    /// What an epoch is, said once; then only milestones, diagnoses and the end.
    case epoch
    /// Also one line per gradient step.
    case step
    /// The first step explained completely, then the epoch level.
    case full

    /// The names a program may give (`explain('step')`, `fit(explain='full')`, `--explain off`).
    public static let names = allCases.map(\.rawValue)

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
