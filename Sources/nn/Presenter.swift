import NNEngine
import NNLang
import NNPlot
import NNRepl
import NNTeach

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `nn --step`: shows each statement before running it and waits. Enter runs it, `b` shows the
/// previous statement and its output again, `r` runs the last statement again, `i` opens the REPL
/// with the lesson's variables (Ctrl-D comes back), `c` runs to the end, `q` quits, `?` lists the keys.
/// `pause()` and the sections of a full-step explanation are stops too, each waiting once.
final class Presenter: StatementPresenter {
    let interpreter: Interpreter
    let output: RecordingOutput
    let styles: StyleSource
    private var continuing = false
    /// While the presenter itself runs code (the REPL, a re-run), statements pass without stopping.
    private var busy = false
    private var hintShown = false

    /// A statement that ran, with what it printed.
    struct Shown {
        var lines: [String]
        var code: SourceFile
        var output = ""
    }
    private var shown: [Shown] = []
    private var running: Shown?
    /// How far `b` has gone back (0: not at all).
    private var back = 0
    private var current: [String] = []
    private var session: Session?

    init(interpreter: Interpreter, output: RecordingOutput, styles: StyleSource) {
        self.interpreter = interpreter
        self.output = output
        self.styles = styles
    }

    var style: Style { styles.current }

    static let hint = "[Enter] run   b back   r re-run   i REPL   c run to the end   q quit   ? keys"

    static let keys = """
        Enter, Space, →   run the statement shown
        b, ←              show the previous statement and its output again (again: further back)
        r                 run the last statement again (after b: the one shown; then b starts afresh)
        i                 open the REPL with the lesson's variables; Ctrl-D comes back here
        c                 run to the end without stopping
        q                 quit
        ?                 this list
        """

    /// `pause()` is a stop: it waits once, and `q` there ends the program. Once the presenter runs
    /// to the end (or runs code itself), the plain pause takes over.
    func pause(_ message: String?) -> Bool {
        guard !continuing, !busy, !interpreter.exitRequested else { return false }
        if ask(prompt: message ?? "(paused)") == .quit { interpreter.exitRequested = true }
        return true
    }

    /// A stop between the sections of a full-step explanation; `next` names what comes.
    func sectionBreak(_ next: String) {
        guard !continuing, !busy, !interpreter.exitRequested else { return }
        if ask(prompt: "(next: \(next))") == .quit { interpreter.exitRequested = true }
    }

    enum Decision { case run, quit }

    func statementWillRun(_ statement: StatementStart) -> Bool {
        guard !busy else { return true }
        if var finished = running {
            finished.output = output.take()
            shown.append(finished)
            running = nil
        }
        guard !continuing else { return true }
        // Narration shows itself; the presenter stops at code.
        if statement.isString { return true }
        let (lines, code) = Presenter.code(of: statement)
        back = 0
        // pause() is a stop of its own: waiting here too would ask for Enter twice.
        if statement.isPause {
            startRunning(lines, code)
            return true
        }
        current = lines
        show(lines, marker: style.unicode ? "▶ " : "> ", color: "1;32")
        guard ask(prompt: nil) == .run else { return false }
        startRunning(lines, code)
        return true
    }

    private func startRunning(_ lines: [String], _ code: SourceFile) {
        _ = output.take()
        output.recording = !continuing
        running = Shown(lines: lines, code: code)
    }

    /// The statement's lines as shown, and its text as a source with the lesson's line numbers.
    static func code(of statement: StatementStart) -> ([String], SourceFile) {
        var text = statement.lines
        if statement.column > 1, let first = text.first {
            text[0] = String(first.dropFirst(statement.column - 1))
        }
        let padding = String(repeating: "\n", count: max(0, statement.line - 1))
        return (statement.lines, SourceFile(name: statement.sourceName, text: padding + text.joined(separator: "\n")))
    }

    private func show(_ lines: [String], marker: String, color: String) {
        for (index, line) in lines.enumerated() {
            output.write(style.paint((index == 0 ? marker : "  ") + line, color) + "\n")
        }
    }

    /// Waits for the presenter's answer, handling b, r, i and ? until it is run, continue or quit.
    private func ask(prompt: String?) -> Decision {
        var promptText = prompt.map { "  " + $0 } ?? ""
        if !hintShown {
            hintShown = true
            promptText += (promptText.isEmpty ? "  " : "   ") + Presenter.hint
        }
        if !promptText.isEmpty { output.write(style.paint(promptText, "2") + " ") }
        var lineOpen = !promptText.isEmpty
        while true {
            let key = PresenterKeys.read()
            if lineOpen {
                output.write("\n")
                lineOpen = false
            }
            switch key {
            case .next: return .run
            case .quit: return .quit
            case .continueToEnd, .end:
                continuing = true
                return .run
            case .help: output.write(style.paint(Presenter.keys, "2") + "\n")
            case .back: goBack()
            case .rerun: rerun()
            case .repl: openREPL()
            case .other(let word):
                output.write(style.paint("  '\(word)' is not a key here; ? lists them", "2") + "\n")
            }
            if [.back, .rerun, .repl].contains(key), !current.isEmpty {
                show(current, marker: style.unicode ? "▶ " : "> ", color: "1;32")
            }
        }
    }

    private func goBack() {
        guard back < shown.count else {
            output.write(style.paint("  (nothing before this)", "2") + "\n")
            return
        }
        back += 1
        let earlier = shown[shown.count - back]
        show(earlier.lines, marker: style.unicode ? "◀ " : "< ", color: "1;33")
        output.write(earlier.output)
    }

    private func rerun() {
        let index = shown.count - max(back, 1)
        guard index >= 0, index < shown.count else {
            output.write(style.paint("  (nothing has run yet)", "2") + "\n")
            return
        }
        let again = shown[index]
        show(again.lines, marker: style.unicode ? "↻ " : "@ ", color: "1;33")
        busy = true
        defer { busy = false }
        _ = output.take()
        do {
            try interpreter.run(again.code)
        } catch {
            let formatter = DiagnosticFormatter(color: style.color)
            for diagnostic in error.diagnostics { output.write(formatter.format(diagnostic, in: again.code) + "\n") }
        }
        interpreter.exitRequested = false
        shown[index].output = output.take()
        back = 0
    }

    /// The REPL over the lesson's interpreter: every variable is there, and what is made there stays.
    private func openREPL() {
        output.write(style.paint("  The REPL has the lesson's variables; Ctrl-D returns to the lesson.", "2") + "\n")
        busy = true
        // What is typed in the REPL is shown as values, never as narration.
        let narration = interpreter.narrationAllowed
        interpreter.narrationAllowed = false
        defer {
            busy = false
            interpreter.narrationAllowed = narration
            interpreter.exitRequested = false
            Interruption.install(interpreter.cancellation)
        }
        if session == nil {
            let reader: LineReader
            if isatty(0) == 1 {
                reader = EditLineReader(completer: Completer(interpreter: interpreter), history: nil)
            } else {
                reader = AnswerLineReader(output: output)
            }
            session = Session(interpreter: interpreter, reader: reader, output: output, color: style.color)
        }
        Interrupts.install(cancelling: interpreter.cancellation)
        session?.run()
        // At a terminal, Ctrl-D leaves the cursor after the prompt.
        output.write((isatty(0) == 1 ? "\n" : "") + style.paint("  Back to the lesson.", "2") + "\n")
    }
}

/// The REPL's lines from a script of presenter answers, read a byte at a time (so the lesson's
/// later answers stay unread); a line holding only Ctrl-D (or the input's end) leaves.
final class AnswerLineReader: LineReader {
    let output: OutputSink
    init(output: OutputSink) { self.output = output }

    func read(prompt: String) -> LineInput {
        output.write(prompt)
        guard let line = PresenterKeys.readLine(), line != "\u{04}" else {
            output.write("\n")
            return .end
        }
        output.write(line + "\n")
        return .line(line)
    }
}

/// Passes output on and keeps a copy of what the running statement printed (for `b`).
final class RecordingOutput: SilenceableOutput {
    let base: OutputSink
    var silenced: Bool {
        get { (base as? SilenceableOutput)?.silenced ?? false }
        set { (base as? SilenceableOutput)?.silenced = newValue }
    }
    var recording = true
    private var recorded = ""
    static let limit = 1 << 20

    init(_ base: OutputSink) { self.base = base }

    func write(_ text: String) {
        base.write(text)
        if recording, recorded.utf8.count < RecordingOutput.limit { recorded += text }
    }

    /// What was recorded since the last take.
    func take() -> String {
        defer { recorded = "" }
        return recorded
    }
}
