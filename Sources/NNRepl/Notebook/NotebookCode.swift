import NNLang

/// A code cell's source made ready for NNLab: IPython's own lines (`%matplotlib inline`,
/// `!pip install …`, `%%time`) are blanked (`pass` inside a block), so line numbers stay those of
/// the cell, and each is said once in a note. A cell in another language (`%%bash`, `%%html`) is
/// skipped; a `%%writefile` cell and a cell that is one `%run FILE` are tasks for the runner.
public struct NotebookCode: Equatable, Sendable {
    /// The code to run, as many lines as the cell had.
    public var code: String
    /// One note per line left out, without its cell (`line 1: ...`).
    public var notes: [String]
    /// False when the cell's code is not run (a cell magic NNLab cannot run, or a task).
    public var runs: Bool
    /// What the cell asks of the runner instead of code to run.
    public var task: Task?

    public enum Task: Equatable, Sendable {
        /// `%%writefile [-a] FILE`: the rest of the cell written to FILE (appended with -a).
        case writeFile(path: String, text: String, append: Bool)
        /// A cell that is one `%run FILE`: the program or notebook run in this session.
        case runFile(String)
    }

    /// Cell magics whose body is code that NNLab runs (without timing or capturing it).
    static let codeCellMagics: Set<String> = ["time", "timeit", "capture", "prun"]
    /// Line magics whose argument is a statement NNLab runs once.
    static let statementMagics: Set<String> = ["time", "timeit", "prun"]

    public init(_ source: String) {
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
                if name == "writefile" {
                    let words = NotebookCode.arguments(trimmed.dropFirst(2 + name.count))
                    let append = words.contains("-a") || words.contains("--append")
                    self.code = ""
                    self.notes = []
                    runs = false
                    let text = lines[(index + 1)...].joined(separator: "\n")
                    task = .writeFile(
                        path: words.filter { !$0.hasPrefix("-") }.joined(separator: " "), text: text,
                        append: append)
                    return
                }
                guard NotebookCode.codeCellMagics.contains(name) else {
                    code = ""
                    notes = ["`\(shown)` makes this a cell for Jupyter (not Python code); skipped"]
                    runs = false
                    self.notes = notes
                    return
                }
                lines[index] = ""
                notes.append("line \(index + 1): `\(shown)` is a Jupyter cell magic; the cell runs untimed")
            } else if mark == "%", NotebookCode.statementMagics.contains(NotebookCode.magicName(trimmed.dropFirst())) {
                let indent = line.prefix { $0 == " " || $0 == "\t" }
                let statement = String(trimmed.dropFirst().drop { $0 != " " && $0 != "\t" }).trimmingCharacters()
                lines[index] = String(indent) + statement
                notes.append("line \(index + 1): `\(shown)` is a Jupyter magic; its statement runs once, untimed")
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

    static func magicName(_ text: Substring) -> String {
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
