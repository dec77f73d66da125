import NNEngine
import NNPlot

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The teaching layer as the interpreter's one listener: a teacher and a watcher for every `fit`,
/// `model.step`, `model.explain` and `model.diagnose` explained, narration as prose, `pause()`
/// waiting for Enter at a terminal, a live view of `fit(live=True)`, and (with `nn --step`) a
/// presenter before each statement, at each `pause()` and between the sections of a full step.
public final class TerminalTeaching: TeachingListener, StyleFollowing {
    /// The style now: a terminal's is measured again after a resize.
    public let styles: StyleSource
    var style: Style { styles.current }
    let write: (String) -> Void
    public let narrates: Bool
    /// The level given on the command line, which wins over the program's own `fit(explain=...)`
    /// (an instructor silences a lesson with `--explain off`).
    public let override: ExplainLevel?
    /// Shows each statement before it runs and waits (`nn --step`).
    public var presenter: StatementPresenter?
    /// Whether `pause()` waits for Enter: only when a person is at the terminal.
    public var pauses: Bool
    /// The live picture of the fit that is running, if it is drawn live; what the teacher and the
    /// watcher say meanwhile goes under it.
    private var live: LiveTraining?

    /// - Parameter narration: whether a string standing alone is narration (in scripts) rather than
    ///   a value to show (in the REPL).
    public init(
        styles: StyleSource, narration: Bool, override: ExplainLevel? = nil, pauses: Bool = isatty(0) == 1,
        write: @escaping (String) -> Void
    ) {
        self.styles = styles
        self.narrates = narration
        self.override = override
        self.pauses = pauses
        self.write = write
    }

    /// A teacher whose style stays as given.
    public convenience init(
        style: Style, narration: Bool, override: ExplainLevel? = nil,
        pauses: Bool = isatty(0) == 1, write: @escaping (String) -> Void
    ) {
        self.init(
            styles: StyleSource(style, tracksWindow: false), narration: narration, override: override,
            pauses: pauses, write: write)
    }

    /// Pictures follow the terminal's width when it can change.
    public var currentStyle: Style? { styles.tracksWindow ? styles.current : nil }

    public func statementWillRun(_ statement: StatementStart) -> Bool {
        presenter?.statementWillRun(statement) ?? true
    }

    public func narrate(_ text: String) { write(Prose(style: style).render(text)) }

    public func pause(_ message: String?) {
        if let presenter, presenter.pause(message) { return }
        guard pauses else { return }
        let text = message ?? "(press Enter to continue)"
        write(style.note(text))
        _ = StandardInput.readLine()
    }

    public func explainForward(_ trace: ForwardTrace) { write(StepExplanation(style: style).render(trace)) }

    public func explainStep(_ trace: StepTrace, example: Int?) {
        let sections = StepExplanation(style: style).renderSections(trace, inFit: false, example: example)
        for (index, section) in sections.enumerated() {
            if index > 0 { presenter?.sectionBreak(section.name) }
            write(section.text)
        }
    }

    public func diagnose(_ trace: StepTrace, history: History?, model: String) {
        write(DiagnosisReport(style: style).render(trace, history: history, model: model))
    }

    /// The live view (when the fit is drawn live), the teacher at the fit's level (silent for a quiet
    /// fit unless asked), and the watcher that says what is going wrong.
    public func trainingObservers(for fit: FitContext) -> [TrainingObserver] {
        var observers: [TrainingObserver] = []
        live =
            fit.live
            ? LiveTraining(style: { [styles] in styles.current }, boundary: Self.boundary(fit), write: write) : nil
        if let live { observers.append(live) }
        if !fit.live, let show = fit.showPicture {
            // A notebook: the progress prints as usual, and the last frame is shown as a picture.
            observers.append(
                LiveTraining(
                    style: { [styles] in styles.current }, boundary: Self.boundary(fit), write: write, picture: show))
        }
        let say: (String) -> Void = { [weak self] text in self?.say(text) }
        let requested = override ?? fit.level
        // A quiet fit (verbose=0) stays quiet unless an explanation was asked for explicitly.
        let asked = fit.explain != nil || (override.map { $0 != .epoch } ?? false)
        if !(requested == .off || (fit.verbose == 0 && !asked && requested == .epoch)) {
            var notes: [String] = []
            if fit.usesDefaultOptimizer {
                notes.append("compile() was given no optimizer, so Keras uses RMSprop (learning rate 0.001).")
            }
            let teacher = Teacher(level: requested, style: style, notes: notes, write: say)
            teacher.example = fit.example
            teacher.styles = styles
            teacher.presenter = presenter
            observers.append(teacher)
        }
        // The watcher watches every fit, quiet ones (verbose=0) too: what is going wrong is said
        // once at every level but off, which alone prints exactly what Keras prints.
        if requested != .off { observers.append(Teacher(level: requested, style: style, write: say).watcher()) }
        return observers
    }

    /// Text for the output, or under the live picture while one is drawn.
    func say(_ text: String) {
        if let live { live.note(text) } else { write(text) }
    }

    /// The decision boundary a live fit draws beside its loss: for two input features and a
    /// classifier's targets (labels or one-hot rows).
    static func boundary(_ context: FitContext) -> LiveTraining.Boundary? {
        guard let (x, y) = context.data, x.rank == 2, x.shape[1] == 2, x.rows > 0 else { return nil }
        var labels = y
        if y.rank == 2, y.shape[1] > 1 {
            labels = Tensor(shape: [y.rows]) { row in
                var best = 0
                for k in 1..<y.shape[1] where y[flat: row * y.shape[1] + k] > y[flat: row * y.shape[1] + best] {
                    best = k
                }
                return Float(best)
            }
        }
        guard labels.scalars.allSatisfy({ $0 >= 0 && $0 < 10 && $0 == $0.rounded() }) else { return nil }
        let model = context.model
        return LiveTraining.Boundary(points: x, labels: labels) { grid in try? model.predict(grid, batchSize: 4096) }
    }
}

/// Lines typed at standard input (a terminal or a script of answers), read byte by byte so that
/// nothing meant for the program after it is taken.
public enum StandardInput {
    /// A line without its line break, or nil at the end of the input.
    public static func readLine() -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(0, &byte, 1) == 1 {
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
