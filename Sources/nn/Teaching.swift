#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NNEngine
import NNLang
import NNPlot
import NNRepl
import NNTeach

/// Connects the teaching layer to an interpreter: the teacher listens to every `fit`, and
/// `model.step`, `model.explain`, narration and `pause()` show what they should.
enum Teaching {
    /// - Parameter narration: whether a string standing alone is narration (in scripts) rather than
    ///   a value to show (in the REPL).
    /// - Parameter override: the level given on the command line, which wins over the program's own
    ///   `fit(explain=...)` (an instructor silences a lesson with `--explain off`).
    static func attach(to interpreter: Interpreter, style: Style, output: OutputSink, narration: Bool,
                       override: ExplainLevel? = nil) {
        interpreter.trainingObservers.append { context in
            let requested = override ?? ExplainLevel(rawValue: context.explain ?? context.sessionLevel) ?? .epoch
            // A quiet fit (verbose=0) stays quiet unless an explanation was asked for explicitly.
            let asked = context.explain != nil || (override.map { $0 != .epoch } ?? false)
            if requested == .off || (context.verbose == 0 && !asked && requested == .epoch) { return nil }
            var notes: [String] = []
            if context.usesDefaultOptimizer {
                notes.append("compile() was given no optimizer, so Keras uses RMSprop (learning rate 0.001).")
            }
            let teacher = Teacher(level: requested, style: style, notes: notes) { output.write($0) }
            teacher.example = context.example
            return teacher
        }
        // The watcher says what is going wrong wherever the teacher speaks.
        interpreter.trainingObservers.append { context in
            let requested = ExplainLevel(rawValue: context.explain ?? context.sessionLevel) ?? .epoch
            let quiet = context.verbose == 0 && context.explain == nil && context.sessionLevel == "epoch"
            return requested == .off || quiet ? nil : Teacher(level: requested, style: style) { output.write($0) }.watcher()
        }
        interpreter.style = style
        interpreter.stepExplainer = { output.write(StepExplanation(style: style).render($0, inFit: false, example: $1)) }
        interpreter.diagnoser = { output.write(DiagnosisReport(style: style).render($0, history: $1, model: $2)) }
        interpreter.forwardExplainer = { output.write(StepExplanation(style: style).render($0)) }
        if narration { interpreter.narrationHandler = { output.write(Prose(style: style).render($0)) } }
        interpreter.pauseHandler = { message in
            guard isatty(0) == 1 else { return }
            output.write(style.note(message ?? "(press Enter to continue)"))
            _ = Presenter.readLine()
        }
    }
}

/// `nn --step`: shows each statement before running it and waits for Enter (q quits, c runs to the end).
final class Presenter {
    let output: OutputSink
    let style: Style
    private var continuing = false

    init(output: OutputSink, style: Style) {
        self.output = output
        self.style = style
    }

    func attach(to interpreter: Interpreter) {
        interpreter.beforeStatement = { [self] statement, source in
            guard !continuing else { return true }
            // Narration shows itself; the presenter stops at code.
            if case .expression(.string) = statement { return true }
            let range = statement.range
            let lines = (range.start.line...max(range.start.line, range.end.line)).map { source.line($0) }
            let marker = style.unicode ? "▶ " : "> "
            for (index, line) in lines.enumerated() {
                output.write(style.paint((index == 0 ? marker : "  ") + line, "1;32") + "\n")
            }
            output.write(style.paint("  [Enter] run   c  run to the end   q  quit", "2") + " ")
            guard let answer = Presenter.readLine() else {
                output.write("\n")
                continuing = true
                return true
            }
            // A terminal echoes the Enter; scripted answers do not, so end the prompt line here.
            if isatty(0) != 1 { output.write("\n") }
            switch answer.trimmingCharacters() {
            case "q", "quit": return false
            case "c", "continue": continuing = true
            default: break
            }
            return true
        }
    }

    /// A line from standard input (a terminal or a script of answers), or nil at its end.
    static func readLine() -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(0, &byte, 1) == 1 {
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
