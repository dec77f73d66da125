#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NNEngine
import NNPlot

/// `nn --step`: shows each statement before running it and waits for Enter (q quits, c runs to the end).
public final class Presenter {
    let style: Style
    let write: (String) -> Void
    /// The next answer (a line, or nil at the end of the input).
    let answer: () -> String?
    private var continuing = false

    public init(style: Style, answer: @escaping () -> String? = StandardInput.readLine,
                write: @escaping (String) -> Void) {
        self.style = style
        self.answer = answer
        self.write = write
    }

    /// Shows `statement` and waits; false when the person quits.
    public func statementWillRun(_ statement: StatementStart) -> Bool {
        guard !continuing else { return true }
        // Narration shows itself; the presenter stops at code.
        if statement.isString { return true }
        let marker = style.unicode ? "▶ " : "> "
        for (index, line) in statement.lines.enumerated() {
            write(style.paint((index == 0 ? marker : "  ") + line, "1;32") + "\n")
        }
        write(style.paint("  [Enter] run   c  run to the end   q  quit", "2") + " ")
        guard let answer = answer() else {
            write("\n")
            continuing = true
            return true
        }
        // A terminal echoes the Enter; scripted answers do not, so end the prompt line here.
        if isatty(0) != 1 { write("\n") }
        switch String(answer.drop { " \t\r".contains($0) }.reversed().drop { " \t\r".contains($0) }.reversed()) {
        case "q", "quit": return false
        case "c", "continue": continuing = true
        default: break
        }
        return true
    }
}
