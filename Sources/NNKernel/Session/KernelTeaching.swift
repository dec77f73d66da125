import NNEngine

/// The kernel's teaching listener: the terminal teacher's explanations and narration, with
/// `pause()` asked on the notebook's stdin channel instead of the terminal.
final class KernelTeaching: TeachingListener {
    let inner: TeachingListener?
    let ask: (String?) -> Void

    init(inner: TeachingListener?, pause ask: @escaping (String?) -> Void) {
        self.inner = inner
        self.ask = ask
    }

    var narrates: Bool { inner?.narrates ?? false }
    func statementWillRun(_ statement: StatementStart) -> Bool { inner?.statementWillRun(statement) ?? true }
    func narrate(_ text: String) { inner?.narrate(text) }
    func pause(_ message: String?) { ask(message) }
    func explainForward(_ trace: ForwardTrace) { inner?.explainForward(trace) }
    func explainStep(_ trace: StepTrace, example: Int?) { inner?.explainStep(trace, example: example) }
    func diagnose(_ trace: StepTrace, history: History?, model: String) {
        inner?.diagnose(trace, history: history, model: model)
    }
    func trainingObservers(for fit: FitContext) -> [TrainingObserver] { inner?.trainingObservers(for: fit) ?? [] }
}
