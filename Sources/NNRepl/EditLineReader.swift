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

    public func read(prompt: String) -> LineInput {
        Interrupts.clear()
        guard let pointer = nn_editline_read(prompt) else {
            if Interrupts.takePending() {
                _ = "^C\n".withCString { write(1, $0, 3) }
                return .interrupted
            }
            return .end
        }
        defer { free(pointer) }
        return .line(String(cString: pointer))
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
