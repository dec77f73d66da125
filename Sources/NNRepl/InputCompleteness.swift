/// Whether the lines typed so far make a whole cell, or the REPL should ask for more (`   ...: `):
/// brackets still open, a line ending with a backslash, or a triple-quoted string not yet closed.
/// Lines are scanned once each as they arrive, so a long paste with a bracket left open (every
/// later line joining the cell) costs no more than reading it.
public struct InputCompleteness {
    private var depth = 0
    /// The quote of the string the text ends in, if any (`'`, `"`, `'''` or `"""`).
    private var quote: String?
    /// A backslash ended the last line inside a string: the line break belongs to the string.
    private var escapedLineBreak = false
    private var lineCount = 0
    private var firstLineIsHeader = false
    private var lastLine = ""

    /// Whether `text` (lines joined by line breaks) needs more lines.
    public static func needsMore(_ text: String) -> Bool {
        var state = InputCompleteness()
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) { state.append(String(line)) }
        return state.needsMore
    }

    mutating func append(_ line: String) {
        if lineCount > 0 {
            // The line break between the previous line and this one.
            if escapedLineBreak {
                escapedLineBreak = false
            } else if let open = quote, open.count == 1 {
                quote = nil  // an unclosed one-line string is an error, not a continuation
            }
        }
        scan(Array(line))
        if lineCount == 0 {
            // A block (a first line ending with ':') goes on until an empty line, as in IPython.
            firstLineIsHeader = String(line.prefix { $0 != "#" }).trimmingCharacters().hasSuffix(":")
        }
        lineCount += 1
        lastLine = line
    }

    var needsMore: Bool {
        if isOpen { return true }
        if firstLineIsHeader { return !(lineCount > 1 && lastLine.trimmingCharacters().isEmpty) }
        return false
    }

    /// Whether a bracket, a triple-quoted string or a line ending in a backslash is still open:
    /// what even a whole cell (a paste) needs more lines for.
    var isOpen: Bool {
        if let quote, quote.count == 3 { return true }
        return depth > 0 || lastLine.hasSuffix("\\")
    }

    /// Whether the cell is a block (its first line ends with `:`), which auto-indent helps type.
    var isBlock: Bool { firstLineIsHeader }

    /// The indentation (in spaces) the next line starts with in a block: the last line's, 4 more
    /// after a line ending with `:`, 4 fewer after `return`, `pass`, `break`, `continue`, `raise`.
    static func indent(after line: String) -> Int {
        let leading = line.prefix { $0 == " " || $0 == "\t" }
        let width = leading.reduce(0) { $0 + ($1 == "\t" ? 4 : 1) }
        let code = String(line.prefix { $0 != "#" }).trimmingCharacters()
        if code.hasSuffix(":") { return width + 4 }
        let firstWord = code.prefix { $0.isLetter || $0 == "_" }
        if ["return", "pass", "break", "continue", "raise"].contains(String(firstWord)) { return max(0, width - 4) }
        return width
    }

    private mutating func scan(_ characters: [Character]) {
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if let open = quote {
                if c == "\\" {
                    if i + 1 == characters.count { escapedLineBreak = true }
                    i += 2
                    continue
                }
                if open.count == 3, i + 2 < characters.count, String(characters[i...(i + 2)]) == open {
                    quote = nil
                    i += 3
                    continue
                }
                if open.count == 1, String(c) == open { quote = nil }
                i += 1
                continue
            }
            switch c {
            case "#":
                return
            case "'", "\"":
                if i + 2 < characters.count, characters[i + 1] == c, characters[i + 2] == c {
                    quote = String(repeating: String(c), count: 3)
                    i += 3
                    continue
                }
                quote = String(c)
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            default: break
            }
            i += 1
        }
    }
}
