import NNLang

/// A code cell's source made ready for NNLab: IPython's own lines (`%matplotlib inline`,
/// `!pip install …`, `%%time`) are blanked (`pass` inside a block), so line numbers stay those of
/// the cell, and each is said once in a note. A cell in another language (`%%bash`, `%%html`,
/// `%%writefile`) is skipped.
public struct NotebookCode: Equatable, Sendable {
    /// The code to run, as many lines as the cell had.
    public var code: String
    /// One note per line left out, without its cell (`line 1: ...`).
    public var notes: [String]
    /// False when the whole cell is skipped (a cell magic NNLab cannot run).
    public var runs: Bool

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
