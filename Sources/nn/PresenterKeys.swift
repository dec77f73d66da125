#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the presenter asked for at a stop: a key at a terminal, or a line of scripted answers.
enum PresenterKey: Equatable {
    /// Enter, space, n, Right, Down or Page Down (a presentation clicker's "next").
    case next
    /// b, Left, Up or Page Up: the previous statement and its output again.
    case back
    case rerun
    case repl
    case help
    case continueToEnd
    /// q or Ctrl-C.
    case quit
    /// The end of the answers (Ctrl-D, or a script that ran out).
    case end
    case other(String)

    /// The meaning of a typed word or key.
    init(word: String) {
        switch word {
        case "", " ", "n", "next": self = .next
        case "b", "back": self = .back
        case "r", "rerun", "re-run": self = .rerun
        case "i", "repl": self = .repl
        case "?", "h", "help": self = .help
        case "c", "continue": self = .continueToEnd
        case "q", "quit", "\u{03}": self = .quit
        case "\u{04}": self = .end
        default: self = .other(word)
        }
    }

    /// Arrow and paging keys (the bytes after ESC), as a clicker sends them.
    init(escape: [UInt8]) {
        switch String(decoding: escape, as: UTF8.self) {
        case "[C", "[B", "[6~", "OC", "OB": self = .next
        case "[D", "[A", "[5~", "OD", "OA": self = .back
        default: self = .other("Esc" + String(decoding: escape, as: UTF8.self))
        }
    }
}

/// Reads the presenter's answers: single keys at a terminal (no Enter needed, nothing echoed), and
/// whole lines from a pipe, so that a script of answers reads the same on every run.
enum PresenterKeys {
    static func read() -> PresenterKey {
        guard isatty(0) == 1 else {
            guard let line = readLine() else { return .end }
            return PresenterKey(word: line.trimmingCharacters())
        }
        return readKey()
    }

    /// One key from the terminal in non-canonical mode; Ctrl-C arrives as a key (ISIG off), so that
    /// quitting never leaves the terminal without its echo.
    static func readKey() -> PresenterKey {
        var saved = termios()
        guard tcgetattr(0, &saved) == 0 else { return readLine().map { PresenterKey(word: $0) } ?? .end }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(0, TCSANOW, &raw)
        defer { tcsetattr(0, TCSANOW, &saved) }
        var byte: UInt8 = 0
        while true {
            let count = Glibc.read(0, &byte, 1)
            if count == 1 { break }
            if count < 0 && errno == EINTR { continue }
            return .end
        }
        switch byte {
        case 0x1B:
            var rest: [UInt8] = []
            var poller = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            while rest.count < 6, poll(&poller, 1, 40) > 0, Glibc.read(0, &byte, 1) == 1 {
                rest.append(byte)
                if rest.count >= 2, byte >= 0x40, byte != 0x5B { break }
            }
            return PresenterKey(escape: rest)
        case 0x0D, 0x0A: return .next
        default: return PresenterKey(word: String(decoding: [byte], as: UTF8.self))
        }
    }

    /// A line from standard input (a terminal or a script of answers), or nil at its end; read a
    /// byte at a time so that nothing meant for a later question is taken.
    static func readLine() -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = Glibc.read(0, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else { break }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
