/// Why JSON text could not be read, and where: `line` and `column` (both from 1, columns in bytes)
/// of the first byte that is wrong, or nil when the text ends too early.
public struct JSONError: Error, Equatable, CustomStringConvertible {
    public var problem: String
    public var line: Int?
    public var column: Int?

    public var description: String {
        guard let line, let column else { return problem }
        return "\(problem) at line \(line), column \(column)"
    }
}

extension JSON {
    /// How deep arrays and objects may nest. Python's own reader stops near 1000; a notebook or a
    /// message nests a handful of levels, and the limit keeps hostile text from exhausting the stack.
    public static let maximumDepth = 512

    /// Parses JSON text (RFC 8259, as Python's `json.loads` reads it; numbers too large for a float
    /// become infinity, lone surrogates U+FFFD, and a leading byte order mark is skipped). Text
    /// that is not JSON, or nests more than `maximumDepth` deep, is a `JSONError` that says where.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONError) -> JSON {
        var parser = JSONParser(bytes: Array(bytes))
        // A byte order mark, as some Windows editors write one before a notebook's text.
        if parser.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.position = 3 }
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.position == parser.bytes.count else { throw parser.failure("text after the JSON value") }
        return value
    }

    /// Parses JSON text; nil when it is not JSON.
    public static func decode(_ bytes: [UInt8]) -> JSON? { try? parse(bytes) }
}

/// A recursive-descent reader over UTF-8 bytes, its depth bounded by `JSON.maximumDepth`.
private struct JSONParser {
    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func failure(_ problem: String, at offset: Int? = nil) -> JSONError {
        let offset = offset ?? position
        guard offset < bytes.count else { return JSONError(problem: "it ends before its brackets and quotes close") }
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return JSONError(problem: problem, line: line, column: offset - lineStart + 1)
    }

    mutating func skipSpace() {
        while let byte = next, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    var next: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func value(depth: Int) throws(JSONError) -> JSON {
        guard let byte = next else { throw failure("") }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw failure("unexpected text")
        }
    }

    mutating func literal(_ word: String, _ value: JSON) throws(JSONError) -> JSON {
        for byte in word.utf8 {
            guard next == byte else { throw failure("unexpected text") }
            position += 1
        }
        return value
    }

    mutating func nest(_ depth: Int) throws(JSONError) {
        guard depth <= JSON.maximumDepth else {
            throw failure("arrays and objects nested more than \(JSON.maximumDepth) deep")
        }
        position += 1
        skipSpace()
    }

    mutating func array(depth: Int) throws(JSONError) -> JSON {
        try nest(depth)
        var items: [JSON] = []
        if next == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            items.append(try value(depth: depth))
            skipSpace()
            switch next {
            case UInt8(ascii: ","):
                position += 1
                skipSpace()
            case UInt8(ascii: "]"):
                position += 1
                return .array(items)
            default: throw failure("expected ',' or ']'")
            }
        }
    }

    mutating func object(depth: Int) throws(JSONError) -> JSON {
        try nest(depth)
        var members: [String: JSON] = [:]
        if next == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            guard next == UInt8(ascii: "\"") else { throw failure("expected a key in double quotes") }
            let key = try string()
            skipSpace()
            guard next == UInt8(ascii: ":") else { throw failure("expected ':'") }
            position += 1
            skipSpace()
            // As in Python, a repeated key keeps its last value.
            members[key] = try value(depth: depth)
            skipSpace()
            switch next {
            case UInt8(ascii: ","):
                position += 1
                skipSpace()
            case UInt8(ascii: "}"):
                position += 1
                return .object(members)
            default: throw failure("expected ',' or '}'")
            }
        }
    }

    /// A string from its opening quote. Its bytes are gathered as they are (escapes written as
    /// UTF-8) and checked to be UTF-8 once, at the closing quote.
    mutating func string() throws(JSONError) -> String {
        let start = position
        position += 1
        var text: [UInt8] = []
        while true {
            guard let byte = next else { throw failure("", at: bytes.count) }
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                guard let string = String(validating: text, as: UTF8.self) else {
                    throw failure("a string that is not UTF-8", at: start)
                }
                return string
            case UInt8(ascii: "\\"):
                let scalar = try escape()
                UTF8.encode(scalar) { text.append($0) }
            case 0..<0x20:
                throw failure("a control character in a string")
            default:
                text.append(byte)
                position += 1
            }
        }
    }

    /// One escape sequence from its backslash; a surrogate pair makes one scalar.
    mutating func escape() throws(JSONError) -> Unicode.Scalar {
        let start = position
        position += 1
        guard let letter = next else { throw failure("", at: bytes.count) }
        position += 1
        switch letter {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let first = try hex4(start)
            if (0xD800..<0xDC00).contains(first), next == UInt8(ascii: "\\"), position + 1 < bytes.count,
                bytes[position + 1] == UInt8(ascii: "u")
            {
                let saved = position
                position += 2
                let second = try hex4(saved)
                if (0xDC00..<0xE000).contains(second) {
                    let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    return Unicode.Scalar(value) ?? "\u{FFFD}"
                }
                position = saved
            }
            return Unicode.Scalar(first) ?? "\u{FFFD}"
        default: throw failure("invalid escape sequence", at: start)
        }
    }

    mutating func hex4(_ escapeStart: Int) throws(JSONError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = next else { throw failure("", at: bytes.count) }
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw failure("invalid escape sequence", at: escapeStart)
            }
            value = value * 16 + digit
            position += 1
        }
        return value
    }

    /// A number as JSON writes them: an integer when it has no fraction or exponent and fits in
    /// 64 bits, a float otherwise.
    mutating func number() throws(JSONError) -> JSON {
        let start = position
        var integral = true
        if next == UInt8(ascii: "-") { position += 1 }
        guard let first = next, isDigit(first) else { throw failure("unexpected text") }
        position += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if next == UInt8(ascii: ".") {
            integral = false
            position += 1
            guard let digit = next, isDigit(digit) else { throw failure("unexpected text") }
            skipDigits()
        }
        if next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            integral = false
            position += 1
            if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") { position += 1 }
            guard let digit = next, isDigit(digit) else { throw failure("unexpected text") }
            skipDigits()
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if integral, let value = Int(text) { return .int(value) }
        guard let value = Double(text) else { throw failure("a number that cannot be read", at: start) }
        return .double(value)
    }

    func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    mutating func skipDigits() {
        while let byte = next, isDigit(byte) { position += 1 }
    }
}
