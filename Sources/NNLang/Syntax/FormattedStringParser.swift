/// Splits an f-string's body into literal text and `{expression!conversion:spec}` parts, parsing
/// each expression with the ordinary parser (locations point into the f-string).
enum FormattedStringParser {
    static func parse(_ token: Token) throws(Diagnostic) -> [FormattedPart] {
        let raw = token.intValue == 1
        // The body starts after the prefix and quote: f"… is the common case.
        let origin = SourceLocation(line: token.range.start.line, column: token.range.start.column + 2)
        return try parts(Array(token.text), raw: raw, origin: origin, range: token.range)
    }

    static func parts(_ body: [Character], raw: Bool, origin: SourceLocation, range: SourceRange) throws(Diagnostic)
        -> [FormattedPart]
    {
        var parts: [FormattedPart] = []
        var text = ""
        var i = 0
        func flush() {
            if !text.isEmpty { parts.append(.text(raw ? text : unescape(text))) }
            text = ""
        }
        while i < body.count {
            let character = body[i]
            if character == "{" {
                if i + 1 < body.count, body[i + 1] == "{" {
                    text.append("{")
                    i += 2
                    continue
                }
                flush()
                let (part, next) = try replacement(body, from: i + 1, raw: raw, origin: origin, range: range)
                parts.append(part)
                i = next
            } else if character == "}" {
                guard i + 1 < body.count, body[i + 1] == "}" else {
                    throw .syntax("f-string: single '}' is not allowed; write '}}' for a literal brace", at: range)
                }
                text.append("}")
                i += 2
            } else {
                text.append(character)
                i += 1
            }
        }
        flush()
        return parts
    }

    /// Parses `expression[!c][:spec]}` starting at `start`; returns the part and the index after '}'.
    private static func replacement(
        _ body: [Character], from start: Int, raw: Bool, origin: SourceLocation,
        range: SourceRange
    ) throws(Diagnostic) -> (FormattedPart, Int) {
        var i = start
        var nesting = 0
        var quote: Character?
        while i < body.count {
            let c = body[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if "([{".contains(c) {
                nesting += 1
            } else if ")]}".contains(c) {
                if nesting == 0 { break }
                nesting -= 1
            } else if nesting == 0, c == "!" || c == ":", !(c == "!" && i + 1 < body.count && body[i + 1] == "=") {
                break
            }
            i += 1
        }
        let source = String(body[start..<i])
        guard !source.trimming(" ").isEmpty else {
            throw .syntax("f-string: empty expression inside {}", at: range)
        }
        var isDebug = false
        var expressionText = source
        // `{x=}` and `{x = }`: the text (spaces kept) then the value; `==`, `!=`, `<=`, `>=` are comparisons.
        var trimmed = Substring(source)
        while trimmed.last == " " { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix("="), !["==", "!=", "<=", ">="].contains(where: { trimmed.hasSuffix($0) }) {
            isDebug = true
            expressionText = String(trimmed.dropLast())
        }
        let expression = try parseExpression(
            expressionText, at: SourceLocation(line: origin.line, column: origin.column + start), range: range)
        var conversion: Character?
        if i < body.count, body[i] == "!" {
            guard i + 1 < body.count, "rsa".contains(body[i + 1]) else {
                throw .syntax("f-string: expected 'r', 's' or 'a' after '!'", at: range)
            }
            conversion = body[i + 1]
            i += 2
        }
        var spec: [FormattedPart] = []
        if i < body.count, body[i] == ":" {
            var j = i + 1
            var level = 0
            while j < body.count, !(body[j] == "}" && level == 0) {
                if body[j] == "{" { level += 1 }
                if body[j] == "}" { level -= 1 }
                j += 1
            }
            spec = try parts(Array(body[(i + 1)..<j]), raw: raw, origin: origin, range: range)
            i = j
        }
        guard i < body.count, body[i] == "}" else {
            throw .syntax("f-string: expected '}' to close '{'", at: range)
        }
        // `{x=}` shows the repr, unless a conversion or a format spec is given (`{x=:.2f}` formats).
        if isDebug, conversion == nil, spec.isEmpty { conversion = "r" }
        var result: [FormattedPart] = []
        if isDebug { result.append(.text(source)) }
        result.append(.value(expression, conversion: conversion, spec: spec))
        return (
            result.count == 1 ? result[0] : .value(.formattedString(result, range), conversion: nil, spec: []), i + 1
        )
    }

    private static func parseExpression(_ text: String, at location: SourceLocation, range: SourceRange)
        throws(Diagnostic) -> Expression
    {
        // As CPython does, the expression is read inside parentheses, so spaces after `{` and line breaks
        // in a triple-quoted f-string are not indentation; the added `(` is taken out of the columns.
        var tokens = try Lexer.tokenize("(" + text + ")")
        for index in tokens.indices {
            for keyPath in [\SourceRange.start, \SourceRange.end] {
                var point = tokens[index].range[keyPath: keyPath]
                if point.line == 1 { point.column += location.column - 2 }
                point.line += location.line - 1
                tokens[index].range[keyPath: keyPath] = point
            }
        }
        var parser = Parser(tokens: tokens)
        let expression = try parser.expressionList()
        guard parser.current.kind == .newline || parser.current.kind == .endOfFile else {
            throw parser.unexpected("f-string: expected '}' after the expression")
        }
        return expression
    }

    /// Processes backslash escapes in the literal parts of a non-raw f-string, as in other strings:
    /// `\n`, `\t`, octal `\033`, `\x1b`, `\u00e9`, `\U0001F600`, `\a` `\b` `\f` `\v`, quotes and backslashes.
    static func unescape(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        func digits(_ count: Int, _ allowed: (Unicode.Scalar) -> Bool) -> [Unicode.Scalar] {
            var taken: [Unicode.Scalar] = []
            while taken.count < count, index < scalars.count, allowed(scalars[index]) {
                taken.append(scalars[index])
                index += 1
            }
            return taken
        }
        while index < scalars.count {
            let c = scalars[index]
            index += 1
            guard c == "\\", index < scalars.count else {
                result.append(c)
                continue
            }
            let next = scalars[index]
            index += 1
            let simple: [Unicode.Scalar: Unicode.Scalar] = [
                "n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", "\"": "\"", "a": "\u{07}", "b": "\u{08}",
                "f": "\u{0C}", "v": "\u{0B}",
            ]
            if let replacement = simple[next] {
                result.append(replacement)
            } else if next == "\n" {
                continue
            } else if ("0"..."7").contains(next) {
                let octal = [next] + digits(2) { ("0"..."7").contains($0) }
                let value = UInt32(String(String.UnicodeScalarView(octal)), radix: 8) ?? 0
                result.append(Unicode.Scalar(value) ?? "\0")
            } else if let count = ["x": 2, "u": 4, "U": 8][next] {
                let hex = digits(count) { $0.properties.isASCIIHexDigit }
                if hex.count == count, let value = UInt32(String(String.UnicodeScalarView(hex)), radix: 16),
                    let decoded = Unicode.Scalar(value)
                {
                    result.append(decoded)
                } else {  // the lexer reports a malformed escape in an ordinary string; here it stays as written
                    result.append("\\")
                    result.append(next)
                    result.append(contentsOf: hex)
                }
            } else {
                result.append("\\")
                result.append(next)
            }
        }
        return String(result)
    }
}

extension String {
    /// The string without leading and trailing `characters`.
    func trimming(_ characters: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice.removeFirst() }
        while let last = slice.last, characters.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
