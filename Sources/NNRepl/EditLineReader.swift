#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CEditLine

/// Reads lines with libedit: arrow keys, Emacs keys, Up/Down history, Tab completion.
/// Ctrl-C at the prompt interrupts the read (see `Interrupts`), which clears the line.
public final class EditLineReader: LineReader {
    let history: HistoryFile?

    /// The completer for Tab; one reader exists per process.
    nonisolated(unsafe) static var completer: Completer?
    nonisolated(unsafe) private static var candidates: [String] = []

    public init(completer: Completer, history: HistoryFile?) {
        self.history = history
        EditLineReader.completer = completer
        nn_editline_setup(
            { line, start, end in
                guard let line else { return }
                let text = String(cString: line)
                // libedit counts positions in bytes of the line.
                let prefix = String(decoding: Array(text.utf8).prefix(Int(end)), as: UTF8.self)
                EditLineReader.candidates = EditLineReader.completer?.complete(prefix, wordStart: Int(start)) ?? []
            },
            { _, state in
                let index = Int(state)
                guard index < EditLineReader.candidates.count else { return nil }
                return strdup(EditLineReader.candidates[index])
            })
        for line in history?.load() ?? [] { nn_editline_add_history(line) }
    }

    /// A person answers at the terminal, so the REPL may ask (before overwriting a file, say).
    public var isInteractive: Bool { true }

    public func read(prompt: String) -> LineInput {
        Interrupts.clear()
        guard let pointer = nn_editline_read(EditLineReader.markingInvisible(prompt)) else {
            if Interrupts.takePending() {
                _ = "^C\n".withCString { write(1, $0, 3) }
                return .interrupted
            }
            return .end
        }
        defer { free(pointer) }
        return .line(String(cString: pointer))
    }

    /// The prompt with each escape sequence (a colour) between readline's ignore markers, so libedit
    /// writes it as it is and counts it as taking no room; unmarked, it shows `[32m` on the screen.
    /// libedit drops a sequence at the very end of the prompt, so one there moves before the
    /// trailing spaces (`In [1]:\e[0m `), where it is kept.
    static func markingInvisible(_ prompt: String) -> String {
        // The prompt in pieces: escape sequences and single visible characters.
        var pieces: [(text: String, isEscape: Bool)] = []
        for scalar in prompt.unicodeScalars {
            if scalar == "\u{1B}" {
                pieces.append((String(scalar), true))
            } else if let last = pieces.last, last.isEscape, !Self.isComplete(last.text) {
                pieces[pieces.count - 1].text.unicodeScalars.append(scalar)
            } else {
                pieces.append((String(scalar), false))
            }
        }
        var trailing: [(text: String, isEscape: Bool)] = []
        while let last = pieces.last, last.isEscape { trailing.insert(pieces.removeLast(), at: 0) }
        var spaces = 0
        while let last = pieces.last, !last.isEscape, last.text == " " {
            pieces.removeLast()
            spaces += 1
        }
        pieces += trailing + Array(repeating: (" ", false), count: spaces)
        return pieces.map { $0.isEscape ? "\u{01}" + $0.text + "\u{02}" : $0.text }.joined()
    }

    /// Whether an escape sequence has its final character (a CSI sequence ends with a letter: `m`).
    private static func isComplete(_ sequence: String) -> Bool {
        let scalars = Array(sequence.unicodeScalars)
        guard scalars.count >= 2 else { return false }
        guard scalars[1] == "[" else { return true }  // a two-character escape
        return scalars.count > 2 && ("@"..."~").contains(scalars[scalars.count - 1])
    }

    public func remember(_ line: String) {
        guard !line.trimmingCharacters().isEmpty else { return }
        nn_editline_add_history(line)
        history?.append(line)
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and carriage returns.
    public func trimmingCharacters() -> String {
        var slice = Substring(self)
        while let c = slice.first, c == " " || c == "\t" || c == "\r" { slice.removeFirst() }
        while let c = slice.last, c == " " || c == "\t" || c == "\r" { slice.removeLast() }
        return String(slice)
    }
}
