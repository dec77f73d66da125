import NNLang

/// A code cell's source made ready for NNLab: IPython's own lines (`%matplotlib inline`,
/// `!pip install …`, `%time x = f()`) are blanked (`pass` inside a block, a statement magic's
/// statement kept), so line numbers stay those of the cell, and each is said once in a note. A cell
/// magic on the first line decides how the rest runs (`CellMagic`): as code (`%%time`, `%%capture`),
/// as something Jupyter displays (`%%html`), as a task for the runner (`%%writefile`), or not at all.
public struct NotebookCode: Equatable, Sendable {
    /// The code to run, as many lines as the cell had.
    public var code: String
    /// One note per line left out, without its cell (`line 1: ...`).
    public var notes: [String]
    /// False when the cell's code is not run (a cell magic NNLab cannot run, or a task).
    public var runs: Bool
    /// What the cell asks of the runner instead of code to run.
    public var task: Task?
    /// The cell magic on its first line, if any.
    public var cellMagic: CellMagic?

    public enum Task: Equatable, Sendable {
        /// `%%writefile [-a] FILE`: the rest of the cell written to FILE (appended with -a).
        case writeFile(path: String, text: String, append: Bool)
        /// A cell that is one `%run FILE`: the program or notebook run in this session.
        case runFile(String)
        /// `%%html`, `%%javascript`, `%%latex`, `%%markdown`, `%%svg`: the rest of the cell, which
        /// Jupyter shows as that MIME type.
        case display(mimeType: String, text: String)
    }

    /// A `%%` magic on a cell's first line: its name, its line as written, and what it does here.
    public struct CellMagic: Equatable, Sendable {
        public var name: String
        public var line: String
        public var arguments: [String]
        public var kind: Kind

        public enum Kind: Equatable, Sendable {
            /// The body is code run once: `%%time` and `%%timeit` (timed where no transcript is
            /// kept), `%%prun`, `%%debug`.
            case run
            /// `%%capture [name]`: the body runs with its output hidden.
            case capture
            /// Jupyter displays the body (`%%html`): a notebook front end shows it, a terminal cannot.
            case display(mimeType: String, what: String)
            /// `%%bash`, `%%script python3`, …: the body is another program's input.
            case otherProgram(String)
            case writeFile
            /// A name IPython would answer with `UsageError: Cell magic %%name not found`.
            case unknown
        }

        /// What `%%name` is in IPython, as NNLab treats it.
        static func kind(_ name: String, arguments: [String]) -> Kind {
            switch name {
            case "time", "timeit", "prun", "debug": return .run
            case "capture": return .capture
            case "html": return .display(mimeType: "text/html", what: "HTML")
            case "javascript", "js": return .display(mimeType: "application/javascript", what: "JavaScript")
            case "latex": return .display(mimeType: "text/latex", what: "LaTeX")
            case "markdown": return .display(mimeType: "text/markdown", what: "Markdown")
            case "svg": return .display(mimeType: "image/svg+xml", what: "SVG")
            case "writefile", "file": return .writeFile
            case "script": return .otherProgram(arguments.first { !$0.hasPrefix("-") } ?? "a program")
            case "bash", "sh", "system", "sx", "perl", "ruby", "python", "python2", "python3", "pypy", "cmd",
                "powershell":
                return .otherProgram(name)
            default: return .unknown
            }
        }

        /// The note a runner without a display (a terminal, a transcript) gives for this magic.
        public var note: String {
            let shown = "`\(line)`"
            switch kind {
            case .run:
                let how = ["time": "untimed", "timeit": "once, untimed", "prun": "unprofiled"][name]
                return "line 1: \(shown) is a Jupyter cell magic; the cell runs " + (how ?? "without the debugger")
            case .capture:
                let target = arguments.first { !$0.hasPrefix("-") }
                return "line 1: \(shown) hides the cell's output; it runs silently"
                    + (target.map { " (`\($0)` is not set: NNLab keeps no captured output)" } ?? "")
            case .display(_, let what):
                return "\(shown) is \(what) for Jupyter to show, not Python code; skipped here"
            case .otherProgram(let program):
                return "\(shown) runs the cell in \(program), and NNLab runs no other programs; skipped"
            case .writeFile: return "\(shown) writes a file"
            case .unknown: return "\(shown) is not a cell magic IPython has (Cell magic `%%\(name)` not found); skipped"
            }
        }
    }

    /// Line magics whose argument is a statement NNLab runs once.
    static let statementMagics: Set<String> = ["time", "timeit", "prun"]
    /// Line magics that set up IPython's notebook machinery, which NNLab does not need.
    public static let setupMagics: Set<String> = ["matplotlib", "load_ext", "autoreload", "config"]

    /// - Parameter quietSetup: setup magics (`%matplotlib inline`) are left out without a note (the
    ///   kernel, where pictures show anyway).
    public init(_ source: String, quietSetup: Bool = false) {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var notes: [String] = []
        runs = true
        var inString: String?  // the quote of a triple-quoted string open across lines
        var first = true
        let filled = lines.filter { !$0.trimmingCharacters().isEmpty }
        if filled.count == 1, let only = filled.first?.trimmingCharacters(), only.hasPrefix("%run ") {
            self.code = ""
            self.notes = []
            runs = false
            task = .runFile(NotebookCode.arguments(only.dropFirst(5)).joined(separator: " "))
            return
        }
        for index in lines.indices {
            let line = lines[index]
            let trimmed = line.trimmingCharacters()
            defer { inString = NotebookCode.openString(after: line, in: inString) }
            guard inString == nil, let mark = trimmed.first, mark == "%" || mark == "!" else {
                if !trimmed.isEmpty { first = false }
                continue
            }
            let shown = trimmed.count > 60 ? String(trimmed.prefix(57)) + "..." : trimmed
            if first, trimmed.hasPrefix("%%") {
                let name = NotebookCode.magicName(trimmed.dropFirst(2))
                let words = NotebookCode.arguments(trimmed.dropFirst(2 + name.count))
                let magic = CellMagic(
                    name: name, line: shown, arguments: words, kind: CellMagic.kind(name, arguments: words))
                cellMagic = magic
                let body = lines[(index + 1)...].joined(separator: "\n")
                switch magic.kind {
                case .run, .capture: break
                case .writeFile:
                    let append = words.contains("-a") || words.contains("--append")
                    self.code = ""
                    self.notes = []
                    runs = false
                    task = .writeFile(
                        path: words.filter { !$0.hasPrefix("-") }.joined(separator: " "), text: body, append: append)
                    return
                case .display(let mimeType, _):
                    self.code = ""
                    self.notes = []
                    runs = false
                    task = .display(mimeType: mimeType, text: body)
                    return
                case .otherProgram, .unknown:
                    self.code = ""
                    self.notes = []
                    runs = false
                    return
                }
                lines[index] = ""
            } else if mark == "%", NotebookCode.statementMagics.contains(NotebookCode.magicName(trimmed.dropFirst())) {
                let indent = line.prefix { $0 == " " || $0 == "\t" }
                let statement = String(trimmed.dropFirst().drop { $0 != " " && $0 != "\t" }).trimmingCharacters()
                lines[index] = String(indent) + statement
                notes.append("line \(index + 1): `\(shown)` is a Jupyter magic; its statement runs once, untimed")
            } else if quietSetup, mark == "%",
                NotebookCode.setupMagics.contains(NotebookCode.magicName(trimmed.dropFirst()))
            {
                let indent = line.prefix { $0 == " " || $0 == "\t" }
                lines[index] = indent.isEmpty ? "" : String(indent) + "pass"
            } else {
                // Inside a block (`if "google.colab" in sys.modules: %pip install ...`) the block must not go empty.
                let indent = line.prefix { $0 == " " || $0 == "\t" }
                lines[index] = indent.isEmpty ? "" : String(indent) + "pass"
                let kind = mark == "!" ? "a shell command" : "a Jupyter magic"
                notes.append("line \(index + 1): `\(shown)` is \(kind); skipped")
            }
            first = false
        }
        code = lines.joined(separator: "\n")
        self.notes = notes
    }

    /// Writes (or appends) a `%%writefile` cell's text; the reason it failed, if it did.
    public static func writeFile(_ text: String, to path: String, append: Bool) -> String? {
        Magics.writeFile(text, to: path, append: append)
    }

    /// A magic's arguments, split at spaces; quotes group words (`%run "my lab.ipynb"`).
    static func arguments(_ text: Substring) -> [String] {
        var words: [String] = []
        var word = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { word.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == " " || character == "\t" {
                if !word.isEmpty { words.append(word) }
                word = ""
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    public static func magicName(_ text: Substring) -> String {
        String(text.prefix { !$0.isWhitespace })
    }

    /// The triple quote still open after `line`, given the one open before it (a rough scan that
    /// skips `#` comments and escaped characters, enough to keep `%` lines in docstrings).
    static func openString(after line: String, in open: String?) -> String? {
        var open = open
        let characters = Array(line)
        var index = 0
        var single: Character?  // an ordinary quote open on this line
        while index < characters.count {
            let character = characters[index]
            if character == "\\" {
                index += 2
                continue
            }
            if let quote = open {
                if String(characters[index..<min(index + 3, characters.count)]) == quote {
                    open = nil
                    index += 3
                    continue
                }
            } else if let quote = single {
                if character == quote { single = nil }
            } else if character == "#" {
                break
            } else if character == "\"" || character == "'" {
                let three = String(repeating: character, count: 3)
                if String(characters[index..<min(index + 3, characters.count)]) == three {
                    open = three
                    index += 3
                    continue
                }
                single = character
            }
            index += 1
        }
        return open
    }
}
