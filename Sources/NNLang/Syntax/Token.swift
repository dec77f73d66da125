/// A lexical token with the span of source it came from.
public struct Token: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case name
        case int
        case float
        case string
        /// An f-string; `text` holds its body (between the quotes), escapes not yet processed.
        case formattedString
        case op
        case newline
        /// The start of a more indented block (Python's INDENT), and the end of one (DEDENT).
        case indent
        case dedent
        case endOfFile
    }

    public var kind: Kind
    /// The token's text: a name, an operator, a number's digits, or a string's decoded value.
    public var text: String
    public var range: SourceRange
    /// For integer literals, the value; for float literals, see `floatValue`.
    public var intValue: Int = 0
    public var floatValue: Double = 0

    public init(_ kind: Kind, _ text: String, _ range: SourceRange) {
        self.kind = kind
        self.text = text
        self.range = range
    }

    public func isOp(_ symbol: String) -> Bool { kind == .op && text == symbol }
    public func isName(_ word: String) -> Bool { kind == .name && text == word }
}

/// Python's keywords: names that can't be used as variables.
let pythonKeywords: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
    "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
    "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
]
