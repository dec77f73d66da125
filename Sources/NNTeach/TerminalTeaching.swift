#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NNEngine
import NNPlot

/// The teaching layer as the interpreter's one listener: a teacher and a watcher for every `fit`,
/// `model.step`, `model.explain` and `model.diagnose` explained, narration as prose, `pause()`
/// waiting for Enter at a terminal, and (with `nn --step`) a presenter before each statement.
public final class TerminalTeaching: TeachingListener {
    let style: Style
    let write: (String) -> Void
    public let narrates: Bool
    /// The level given on the command line, which wins over the program's own `fit(explain=...)`
    /// (an instructor silences a lesson with `--explain off`).
    public let override: ExplainLevel?
    /// Shows each statement before it runs and waits (`nn --step`).
    public var presenter: Presenter?
    /// Whether `pause()` waits for Enter: only when a person is at the terminal.
    public var pauses: Bool

    /// - Parameter narration: whether a string standing alone is narration (in scripts) rather than
    ///   a value to show (in the REPL).
    public init(style: Style, narration: Bool, override: ExplainLevel? = nil, pauses: Bool = isatty(0) == 1,
                write: @escaping (String) -> Void) {
        self.style = style
        self.narrates = narration
        self.override = override
        self.pauses = pauses
        self.write = write
    }

    public func statementWillRun(_ statement: StatementStart) -> Bool {
        presenter?.statementWillRun(statement) ?? true
    }

    public func narrate(_ text: String) { write(Prose(style: style).render(text)) }

    public func pause(_ message: String?) {
        guard pauses else { return }
        let text = message ?? "(press Enter to continue)"
        write(style.color ? "\u{1B}[2m\(text)\u{1B}[0m" : text)
        _ = StandardInput.readLine()
    }

    public func explainForward(_ trace: ForwardTrace) { write(StepExplanation(style: style).render(trace)) }

    public func explainStep(_ trace: StepTrace, example: Int?) {
        write(StepExplanation(style: style).render(trace, inFit: false, example: example))
    }

    public func diagnose(_ trace: StepTrace, history: History?, model: String) {
        write(DiagnosisReport(style: style).render(trace, history: history, model: model))
    }

    /// The teacher at the fit's level (silent for a quiet fit unless asked), and the watcher that
    /// says what is going wrong.
    public func trainingObservers(for fit: FitContext) -> [TrainingObserver] {
        var observers: [TrainingObserver] = []
        let requested = override ?? fit.level
        // A quiet fit (verbose=0) stays quiet unless an explanation was asked for explicitly.
        let asked = fit.explain != nil || (override.map { $0 != .epoch } ?? false)
        if !(requested == .off || (fit.verbose == 0 && !asked && requested == .epoch)) {
            var notes: [String] = []
            if fit.usesDefaultOptimizer {
                notes.append("compile() was given no optimizer, so Keras uses RMSprop (learning rate 0.001).")
            }
            let teacher = Teacher(level: requested, style: style, notes: notes, write: write)
            teacher.example = fit.example
            observers.append(teacher)
        }
        // The watcher watches every fit, quiet ones (verbose=0) too: what is going wrong is said
        // once at every level but off, which alone prints exactly what Keras prints.
        if requested != .off { observers.append(Teacher(level: requested, style: style, write: write).watcher()) }
        return observers
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
