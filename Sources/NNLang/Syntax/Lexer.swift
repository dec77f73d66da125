/// Turns source text into tokens, Python's way: implicit line joining inside brackets, backslash
/// continuation, comments, and NEWLINE tokens that end logical lines.
public struct Lexer {
    /// Longest programs accepted, so a mistaken `nn big-binary-file` fails fast.
    public static let maximumSourceLength = 4_000_000

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    private var depth: Int { openBrackets.count }
    /// The opening brackets not yet closed, innermost last.
    private var openBrackets: [Token] = []
    private var tokens: [Token] = []
    private var atLineStart = true
    /// Indentation widths of the open blocks, outermost first.
    private var indents = [0]

    public init(_ text: String) { scalars = Array(text.unicodeScalars) }

    /// All tokens, ending with a NEWLINE (if the last line had content) and END OF FILE.
    public static func tokenize(_ text: String) throws(Diagnostic) -> [Token] {
        guard text.utf8.count <= maximumSourceLength else {
            throw Diagnostic(
                "the program is \(text.utf8.count) bytes long; NNLab reads programs of up to 4 MB",
                at: nil)
        }
        var lexer = Lexer(text)
        try lexer.rejectNullCharacters()
        return try lexer.run()
    }

    /// As Python: a NUL anywhere (a binary file, a bad paste) is an error at its place.
    private mutating func rejectNullCharacters() throws(Diagnostic) {
        guard let position = scalars.firstIndex(of: "\0") else { return }
        while index < position { _ = advance() }
        let start = location
        _ = advance()
        let range = SourceRange(start, location)
        index = 0
        line = 1
        column = 1
        throw .syntax("source code cannot contain null bytes", at: range, hint: "is this a text file?")
    }

    private var location: SourceLocation { SourceLocation(line: line, column: column) }
    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func advance() -> Unicode.Scalar {
        let scalar = scalars[index]
        index += 1
        if scalar == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        return scalar
    }

    private mutating func run() throws(Diagnostic) -> [Token] {
        while let scalar = peek() {
            if atLineStart {
                try startLine()
                continue
            }
            let start = location
            switch scalar {
            case " ", "\t", "\u{0C}":
                _ = advance()
            case "\r":
                _ = advance()
            case "\n":
                _ = advance()
                if depth == 0 {
                    emitNewline(at: start)
                    atLineStart = true
                }
            case "#":
                while let next = peek(), next != "\n" { _ = advance() }
            case "\\":
                _ = advance()
                if peek() == "\r" { _ = advance() }
                guard peek() == "\n" else {
                    throw .syntax(
                        "a backslash continues a line only at the very end of it", at: SourceRange(start, location))
                }
                _ = advance()
            case "0"..."9":
                try number()
            case ".":
                if let next = peek(1), ("0"..."9").contains(next) { try number() } else { try op() }
            case "'", "\"":
                try string(prefix: "", start: start)
            default:
                if scalar.properties.isXIDStart || scalar == "_" {
                    try nameOrPrefixedString()
                } else {
                    try op()
                }
            }
        }
        if let open = openBrackets.last {
            throw .syntax("'\(open.text)' was never closed", at: open.range)
        }
        emitNewline(at: location)
        while indents.count > 1 {
            indents.removeLast()
            tokens.append(Token(.dedent, "", SourceRange(location, location)))
        }
        tokens.append(Token(.endOfFile, "", SourceRange(location, location)))
        return tokens
    }

    /// Skips blank and comment-only lines; marks indentation at the start of a logical line.
    private mutating func startLine() throws(Diagnostic) {
        let start = location
        var width = 0
        while let scalar = peek(), scalar == " " || scalar == "\t" || scalar == "\u{0C}" {
            _ = advance()
            // A tab moves to the next multiple of 8, as in Python.
            width = scalar == "\t" ? (width / 8 + 1) * 8 : width + 1
        }
        switch peek() {
        case nil:
            atLineStart = false
        case "\n", "\r":
            _ = advance()
        case "#", "%":  // `%matplotlib inline` and other notebook magics are skipped like comments
            while let next = peek(), next != "\n" { _ = advance() }
        default:
            atLineStart = false
            let range = SourceRange(start, location)
            if width > indents[indents.count - 1] {
                indents.append(width)
                tokens.append(Token(.indent, "", range))
            }
            while width < indents[indents.count - 1] {
                indents.removeLast()
                tokens.append(Token(.dedent, "", range))
            }
            guard width == indents[indents.count - 1] else {
                throw .syntax(
                    "this line's indentation matches no outer block", at: range,
                    hint: "indent the lines of a block by the same amount, such as 4 spaces")
            }
        }
    }

    private mutating func emitNewline(at location: SourceLocation) {
        if let last = tokens.last, last.kind != .newline {
            tokens.append(Token(.newline, "", SourceRange(location, location)))
        }
    }

    private mutating func nameOrPrefixedString() throws(Diagnostic) {
        let start = location
        var text = ""
        while let scalar = peek(), scalar.properties.isXIDContinue || scalar == "_" {
            text.unicodeScalars.append(advance())
        }
        if let quote = peek(), quote == "'" || quote == "\"", text.count <= 2,
            text.lowercased().allSatisfy({ "rfbu".contains($0) })
        {
            try string(prefix: text.lowercased(), start: start)
            return
        }
        tokens.append(Token(.name, text, SourceRange(start, location)))
    }

    private mutating func number() throws(Diagnostic) {
        let start = location
        var text = ""
        func digits(_ allowed: (Unicode.Scalar) -> Bool) {
            while let scalar = peek(), allowed(scalar) || (scalar == "_" && text.last != "_") {
                let character = advance()
                if character != "_" { text.unicodeScalars.append(character) }
            }
        }
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        if peek() == "0", let x = peek(1), "xXoObB".unicodeScalars.contains(x) {
            _ = advance()
            _ = advance()
            let radix = "xX".unicodeScalars.contains(x) ? 16 : ("oO".unicodeScalars.contains(x) ? 8 : 2)
            digits { $0.properties.isASCIIHexDigit }
            guard let value = Int(text, radix: radix) else {
                throw .syntax("invalid number literal", at: SourceRange(start, location))
            }
            var token = Token(.int, text, SourceRange(start, location))
            token.intValue = value
            tokens.append(token)
            return
        }
        var isFloat = false
        digits(isDigit)
        if peek() == "." {
            isFloat = true
            text.append(".")
            _ = advance()
            digits(isDigit)
        }
        if let e = peek(), e == "e" || e == "E" {
            let sign = peek(1)
            let afterSign = (sign == "+" || sign == "-") ? peek(2) : sign
            if let afterSign, isDigit(afterSign) {
                isFloat = true
                text.append("e")
                _ = advance()
                if sign == "+" || sign == "-" { text.unicodeScalars.append(advance()) }
                digits(isDigit)
            }
        }
        if let j = peek(), j == "j" || j == "J" {
            throw .unsupported("complex numbers are not supported", at: SourceRange(start, location))
        }
        if let next = peek(), next.properties.isXIDStart {
            throw .syntax("invalid number literal: a number cannot run into a name", at: SourceRange(start, location))
        }
        var token = Token(isFloat ? .float : .int, text, SourceRange(start, location))
        if isFloat {
            guard let value = Double(text) else { throw .syntax("invalid number literal", at: token.range) }
            token.floatValue = value
        } else if let value = Int(text) {
            token.intValue = value
        } else {
            throw Diagnostic(
                "the integer \(text.prefix(30))\(text.count > 30 ? "…" : "") is too large; "
                    + "NNLab's integers hold up to 9,223,372,036,854,775,807", at: token.range)
        }
        tokens.append(token)
    }

    private mutating func string(prefix: String, start: SourceLocation) throws(Diagnostic) {
        if prefix.contains("b") {
            throw .unsupported("byte strings (b'...') are not supported", at: SourceRange(start, location))
        }
        let raw = prefix.contains("r")
        let formatted = prefix.contains("f")
        let quote = advance()
        var triple = false
        if peek() == quote, peek(1) == quote {
            _ = advance()
            _ = advance()
            triple = true
        }
        var body = ""
        while true {
            guard let scalar = peek() else {
                throw .syntax(
                    "this string is never closed: add a closing \(String(quote))\(triple ? String(quote) + String(quote) : "")",
                    at: SourceRange(start, location))
            }
            if scalar == quote {
                if !triple {
                    _ = advance()
                    break
                }
                if peek(1) == quote, peek(2) == quote {
                    _ = advance()
                    _ = advance()
                    _ = advance()
                    break
                }
            }
            if scalar == "\n", !triple {
                throw .syntax(
                    "this string is never closed on its line: add a closing \(String(quote))",
                    at: SourceRange(start, location))
            }
            if scalar == "\\" {
                _ = advance()
                guard let escaped = peek() else { continue }
                if raw || formatted {
                    body.unicodeScalars.append("\\")
                    body.unicodeScalars.append(advance())
                } else {
                    try escape(into: &body, start: start)
                }
                continue
            }
            body.unicodeScalars.append(advance())
        }
        let range = SourceRange(start, location)
        if formatted {
            var token = Token(.formattedString, body, range)
            token.intValue = raw ? 1 : 0
            tokens.append(token)
        } else if let last = tokens.last, last.kind == .string, last.range.end.line == range.start.line || depth > 0 {
            // Adjacent literals concatenate: 'a' 'b' is 'ab'.
            tokens[tokens.count - 1].text += body
            tokens[tokens.count - 1].range = last.range.through(range)
        } else {
            tokens.append(Token(.string, body, range))
        }
    }

    /// Decodes the escape after a backslash (already consumed) into `body`.
    private mutating func escape(into body: inout String, start: SourceLocation) throws(Diagnostic) {
        let scalar = advance()
        switch scalar {
        case "n": body.append("\n")
        case "t": body.append("\t")
        case "r": body.append("\r")
        case "a": body.append("\u{07}")
        case "b": body.append("\u{08}")
        case "f": body.append("\u{0C}")
        case "v": body.append("\u{0B}")
        case "0"..."7":
            // Up to three octal digits, as in '\033[92m' (the course tests' green "All tests passed!").
            var value = scalar.value - 48
            for _ in 0..<2 {
                guard let digit = peek(), ("0"..."7").contains(digit) else { break }
                value = value * 8 + advance().value - 48
            }
            body.unicodeScalars.append(Unicode.Scalar(value) ?? "\0")
        case "\\", "'", "\"": body.unicodeScalars.append(scalar)
        case "\n": break
        case "x", "u", "U":
            let count = scalar == "x" ? 2 : (scalar == "u" ? 4 : 8)
            var hex = ""
            for _ in 0..<count {
                guard let digit = peek(), digit.properties.isASCIIHexDigit else { break }
                hex.unicodeScalars.append(advance())
            }
            guard hex.count == count, let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) else {
                throw .syntax("invalid \\\(scalar) escape in a string", at: SourceRange(start, location))
            }
            body.unicodeScalars.append(decoded)
        default:
            body.unicodeScalars.append("\\")
            body.unicodeScalars.append(scalar)
        }
    }

    private static let operators = [
        "**=", "//=", ">>=", "<<=", "...", "**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "@=",
        "&=", "|=", "^=", "->", ":=", "<<", ">>", "+", "-", "*", "/", "%", "@", "<", ">", "=", "(", ")", "[", "]",
        "{", "}", ",", ":", ".", ";", "~", "&", "|", "^",
    ].map { Array($0.unicodeScalars) }

    private mutating func op() throws(Diagnostic) {
        let start = location
        for symbol in Lexer.operators where index + symbol.count <= scalars.count {
            if scalars[index..<(index + symbol.count)].elementsEqual(symbol) {
                for _ in symbol { _ = advance() }
                let text = String(String.UnicodeScalarView(symbol))
                let token = Token(.op, text, SourceRange(start, location))
                if "([{".contains(text) { openBrackets.append(token) }
                // An unmatched closer is left to the parser, which reports it and reads on.
                if ")]}".contains(text), let open = openBrackets.popLast() {
                    let expected = ["(": ")", "[": "]", "{": "}"][open.text]
                    if text != expected {
                        let line = open.range.start.line == start.line ? "" : " on line \(open.range.start.line)"
                        throw .syntax(
                            "closing parenthesis '\(text)' does not match opening parenthesis "
                                + "'\(open.text)'\(line)", at: token.range)
                    }
                }
                tokens.append(token)
                return
            }
        }
        let scalar = advance()
        let code = String(scalar.value, radix: 16, uppercase: true)
        let shown =
            scalar.properties.isWhitespace || scalar.value < 32 || scalar.value == 0xFFFD
            ? "" : "'\(String(scalar))' "
        var message = "invalid character \(shown)(U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code))"
        if scalar.value < 32 || scalar.value == 0xFFFD { message += "; is this a text file?" }
        let hint: String? =
            switch scalar {
            case "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}": "curly quotes come from word processors: use ' or \""
            case "\u{2212}": "use the ASCII minus sign -"
            case "$", "?", "!": nil
            default: nil
            }
        throw .syntax(message, at: SourceRange(start, location), hint: hint)
    }
}
