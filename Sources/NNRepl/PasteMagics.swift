import NNLang

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `%cpaste` and `%edit`: ways to enter a whole cell where pasting is not recognised (a terminal
/// without bracketed paste, a remote session), as in IPython.
extension Magics {
    /// `%cpaste`: reads pasted lines until `--` alone on a line (or Ctrl-D), then runs them as this
    /// cell. Doctest prompts (`>>> `, `... `) are dropped and the block is dedented first.
    func cpaste(number: Int) {
        say("Pasting code; enter '--' alone on the line to stop or use Ctrl-D.")
        var lines: [String] = []
        reading: while true {
            let input = session.reader.read(prompt: ":")
            let pieces: [String]
            switch input {
            case .line(let line): pieces = [line]
            case .cell(let text): pieces = PasteMagicText.lines(text)
            case .end: break reading
            case .interrupted:
                say("KeyboardInterrupt: nothing was run")
                return
            }
            for piece in pieces {
                if piece.trimmingCharacters() == "--" { break reading }
                lines.append(piece)
            }
        }
        runEdited(PasteMagicText.cleaned(lines), number: number)
    }

    /// `%edit [N]`: opens cell N (or an empty cell) in `$EDITOR`, then runs what was saved as this cell.
    func edit(_ argument: String, number: Int) {
        var initial = ""
        if !argument.isEmpty {
            guard let chosen = Int(argument), let text = session.cells[chosen], chosen < number else {
                return say("UsageError: %edit takes the number of an earlier cell, like %edit 3")
            }
            initial = text
        }
        var template = Array("/tmp/nnlab-edit-XXXXXX".utf8CString)
        guard
            let folder = template.withUnsafeMutableBufferPointer({ buffer in
                buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
            })
        else {
            return say("UsageError: no folder for the edited cell: \(String(cString: strerror(errno)))")
        }
        let path = folder + "/cell.py"
        defer {
            unlink(path)
            rmdir(folder)
        }
        guard PasteMagicText.write(initial.isEmpty ? "" : initial + "\n", to: path) else {
            return say("UsageError: cannot write \(path): \(String(cString: strerror(errno)))")
        }
        let editor = PasteMagicText.editor()
        say("Editing in \(editor)... ", terminator: "")
        guard PasteMagicText.runEditor(editor, path: path) else {
            interpreter.cancellation.clear()
            return say("the editor failed; nothing was run.")
        }
        interpreter.cancellation.clear()
        _ = Interrupts.takePending()
        guard let text = readFile(path) else { return }
        let code = PasteMagicText.cleaned(PasteMagicText.lines(text))
        guard !code.trimmingCharacters().isEmpty else { return say("done. The cell is empty; nothing was run.") }
        say("done. Executing edited code...")
        runEdited(code, number: number)
    }

    /// Runs code entered by a magic as this cell: it becomes the cell's text (for `%history`,
    /// `%save`, `In`) and the history's, so Up brings the code back.
    func runEdited(_ code: String, number: Int) {
        guard !code.trimmingCharacters().isEmpty else { return }
        session.cells[number] = code
        session.reader.remember(code)
        session.execute(SourceFile(name: "In [\(number)]", text: code), number: number)
    }

    func say(_ text: String, terminator: String) { output.write(text + terminator) }
}

/// The text handling of `%cpaste` and `%edit`.
enum PasteMagicText {
    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Lines without prompts (Python's `>>> ` and `... `, IPython's `In [3]: ` and `   ...: `, when
    /// the first line has one), common indentation or blank lines at either end: IPython's cleaning
    /// of input, so code copied from a doctest, a session or the inside of a function runs.
    static func cleaned(_ lines: [String]) -> String {
        var lines = lines
        if let first = lines.first(where: { !$0.trimmingCharacters().isEmpty }), promptLength(first) != nil {
            lines = lines.map { line in promptLength(line).map { String(line.dropFirst($0)) } ?? line }
        }
        while let first = lines.first, first.trimmingCharacters().isEmpty { lines.removeFirst() }
        while let last = lines.last, last.trimmingCharacters().isEmpty { lines.removeLast() }
        let margins = lines.filter { !$0.trimmingCharacters().isEmpty }.map { $0.prefix { $0 == " " }.count }
        let margin = margins.min() ?? 0
        return lines.map { $0.trimmingCharacters().isEmpty ? "" : String($0.dropFirst(margin)) }.joined(separator: "\n")
    }

    /// The length of the prompt a line starts with: `>>> `, `... `, `In [12]: `, `   ...: `.
    static func promptLength(_ line: String) -> Int? {
        for prompt in [">>>", "..."] where line.hasPrefix(prompt) {
            return line.dropFirst(3).first == " " ? 4 : 3
        }
        let characters = Array(line)
        var i = 0
        if line.hasPrefix("In [") {
            i = 4
            while i < characters.count, characters[i].isNumber { i += 1 }
            guard i > 4, i + 1 < characters.count, characters[i] == "]", characters[i + 1] == ":" else { return nil }
            i += 2
        } else {
            while i < characters.count, characters[i] == " " { i += 1 }
            guard i > 0, line.dropFirst(i).hasPrefix("...:") else { return nil }
            i += 4
        }
        return i < characters.count && characters[i] == " " ? i + 1 : i
    }

    /// `$VISUAL` or `$EDITOR`, else vi, else nano.
    static func editor() -> String {
        for name in ["VISUAL", "EDITOR"] {
            if let value = getenv(name).map({ String(cString: $0) }), !value.trimmingCharacters().isEmpty {
                return value
            }
        }
        return access("/usr/bin/vi", X_OK) == 0 || access("/bin/vi", X_OK) == 0 ? "vi" : "nano"
    }

    static func write(_ text: String, to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return false }
            bytes = bytes.dropFirst(written)
        }
        return true
    }

    /// Runs the editor (a command, perhaps with options: `code -w`) on the file through the shell,
    /// on this terminal; whether it ended well.
    static func runEditor(_ editor: String, path: String) -> Bool {
        let arguments = ["/bin/sh", "-c", editor + " \"$1\"", "nn-edit", path]
        let argv = arguments.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
        }
        var child: pid_t = 0
        guard posix_spawn(&child, "/bin/sh", nil, nil, argv, environ) == 0 else { return false }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 {
            if errno != EINTR { return false }
        }
        return status & 0x7F == 0 && (status >> 8) & 0xFF == 0
    }
}
