import NNEngine
import NNLang
import NNPlot
import NNRepl
import NNTeach

/// Connects the teaching layer to an interpreter: one listener that hears every `fit`,
/// `model.step`, `model.explain`, narration, `pause()` and each statement.
enum Teaching {
    /// - Parameter narration: whether a string standing alone is narration (in scripts) rather than
    ///   a value to show (in the REPL).
    /// - Parameter override: the level given on the command line, which wins over the program's own
    ///   `fit(explain=...)` (an instructor silences a lesson with `--explain off`).
    @discardableResult
    static func attach(
        to interpreter: Interpreter, styles: StyleSource, output: OutputSink, narration: Bool,
        override: ExplainLevel? = nil
    ) -> TerminalTeaching {
        let teaching = TerminalTeaching(styles: styles, narration: narration, override: override) { output.write($0) }
        interpreter.teaching = teaching
        interpreter.style = styles.current
        return teaching
    }
}
