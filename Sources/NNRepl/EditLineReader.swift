import CEditLine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
        // libedit keeps characters as wide ones and converts them with the C library, which knows
        // only ASCII until a locale is chosen: without this, `é` typed or pasted vanished from the line.
        setlocale(LC_CTYPE, "")
        if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" { setlocale(LC_CTYPE, "C.UTF-8") }
        nn_editline_setup(
            { line, start, end in
                guard let line else { return }
                // libedit counts positions in bytes of the buffer, which holds a whole cell when one
                // was recalled or pasted: the completer sees the cursor's line up to the cursor.
                let before = Array(String(cString: line).utf8).prefix(Int(end))
                let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
                let prefix = String(decoding: before[lineStart...], as: UTF8.self)
                EditLineReader.candidates = EditLineReader.completer?.complete(prefix, wordStart: Int(start)) ?? []
            },
            { _, state in
                let index = Int(state)
                guard index < EditLineReader.candidates.count else { return nil }
                return strdup(EditLineReader.candidates[index])
            },
            { _ in TerminalKeys.next() })
        // Backspace in an indentation goes back to the previous multiple of 4 spaces. libedit binds
        // the terminal's erase key itself at every read, so `TerminalKeys` hands Backspace over as
        // another key, bound here; the deletions themselves are pushed back as a third one.
        _ = nn_editline_configure("bind ^_ ed-delete-prev-char")
        _ = nn_editline_bind(
            "nn-backspace",
            { _, _ in
                nn_editline_push_key(0x1F, Int32(EditLineReader.charactersForBackspace()))
                return 0
            }, TerminalKeys.backspace)
        for cell in history?.load() ?? [] { nn_editline_add_history(cell) }
    }

    /// How many characters Backspace deletes: back to a multiple of 4 in an indentation, else one.
    static func charactersForBackspace() -> Int {
        guard let buffer = nn_editline_buffer() else { return 1 }
        let bytes = Array(String(cString: buffer).utf8).prefix(Int(nn_editline_point()))
        let lineStart = bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let before = bytes[lineStart...]
        guard !before.isEmpty, before.allSatisfy({ $0 == UInt8(ascii: " ") }) else { return 1 }
        return before.count % 4 == 0 ? 4 : before.count % 4
    }

    /// A person answers at the terminal, so the REPL may ask (before overwriting a file, say).
    public var isInteractive: Bool { true }

    public func read(prompt: String) -> LineInput { read(prompt: prompt, indent: 0) }

    public func read(prompt: String, indent: Int) -> LineInput {
        Interrupts.clear()
        TerminalKeys.pastedCell = false
        // Input already waiting brings its own indentation (a paste the terminal did not mark).
        if indent > 0, !TerminalKeys.inputIsWaiting { TerminalKeys.type(String(repeating: " ", count: indent)) }
        BracketedPaste.enable()
        let pointer = nn_editline_read(EditLineReader.markingInvisible(prompt))
        BracketedPaste.disable()
        guard let pointer else {
            TerminalKeys.clear()
            if Interrupts.takePending() {
                _ = "^C\n".withCString { write(1, $0, 3) }
                return .interrupted
            }
            return .end
        }
        defer { free(pointer) }
        let text = String(cString: pointer)
        return TerminalKeys.pastedCell || text.contains("\n") ? .cell(text) : .line(text)
    }

    public var inputIsWaiting: Bool { TerminalKeys.inputIsWaiting }

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
