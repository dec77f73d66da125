/// The rest of `str`'s methods that course code calls: padding (`center`, `zfill`, …), case (`title`, …),
/// searching (`find`, `count`, …), tests (`isdigit`, …) and splitting (`partition`, `splitlines`, …).
enum StringMethods {
    static let names = [
        "center", "ljust", "rjust", "zfill", "title", "capitalize", "swapcase", "casefold", "count", "find", "rfind",
        "index", "rindex", "isdigit", "isdecimal", "isnumeric", "isalpha", "isalnum", "isspace", "isupper", "islower",
        "istitle", "splitlines", "partition", "rpartition", "lstrip", "rstrip", "removeprefix", "removesuffix",
        "expandtabs", "rsplit",
    ]

    private static func method(
        _ name: String, _ parameters: [Parameter],
        _ body: @escaping (BoundArguments, Interpreter) throws(Diagnostic) -> Value
    ) -> Value {
        ContainerMethods.method(name, "str", parameters, body)
    }

    static func method(_ name: String, _ text: String) -> Value? {
        let characters = Array(text)
        switch name {
        case "center", "ljust", "rjust":
            return method(name, [Parameter("width"), Parameter("fillchar", "' '")]) { a, _ throws(Diagnostic) in
                let width = try a.int("width")
                let fill = try a.string("fillchar", default: " ")
                guard fill.count == 1 else {
                    throw Diagnostic(
                        python: "TypeError", "The fill character must be exactly one character long",
                        at: a.range("fillchar"))
                }
                try FormatSpec.checkWidth(width, precision: nil, range: a.range("width"))
                let margin = width - characters.count
                guard margin > 0 else { return .string(text) }
                // CPython's split of the margin for center: the odd space goes left when width is odd.
                let left = name == "ljust" ? 0 : (name == "rjust" ? margin : margin / 2 + (margin & width & 1))
                return .string(
                    String(repeating: fill, count: left) + text + String(repeating: fill, count: margin - left))
            }
        case "zfill":
            return method(name, [Parameter("width")]) { a, _ throws(Diagnostic) in
                let width = try a.int("width")
                try FormatSpec.checkWidth(width, precision: nil, range: a.range("width"))
                let margin = width - characters.count
                guard margin > 0 else { return .string(text) }
                let signed = characters.first == "+" || characters.first == "-"
                let zeros = String(repeating: "0", count: margin)
                return .string(signed ? String(characters[0]) + zeros + String(characters.dropFirst()) : zeros + text)
            }
        case "title":
            return method(name, []) { _, _ in
                var result = ""
                var previousCased = false
                for c in characters {
                    result += previousCased ? c.lowercased() : c.uppercased()
                    previousCased = c.isCased
                }
                return .string(result)
            }
        case "capitalize":
            return method(name, []) { _, _ in
                .string((characters.first.map { $0.uppercased() } ?? "") + String(characters.dropFirst()).lowercased())
            }
        case "swapcase":
            return method(name, []) { _, _ in
                .string(characters.map { $0.isUppercase ? $0.lowercased() : $0.uppercased() }.joined())
            }
        case "casefold":
            return method(name, []) { _, _ in .string(text.lowercased().replacingOccurrences(of: "ß", with: "ss")) }
        case "count", "find", "rfind", "index", "rindex":
            return method(name, [Parameter("sub"), Parameter("start", "None"), Parameter("end", "None")]) {
                a, _ throws(Diagnostic) in
                let sub = Array(try a.string("sub"))
                let (start, end) = try bounds(a, count: characters.count)
                if name == "count" {
                    guard start <= end else { return .int(0) }
                    if sub.isEmpty { return .int(end - start + 1) }
                    var found = 0
                    var i = start
                    while i + sub.count <= end {
                        if Array(characters[i..<i + sub.count]) == sub {
                            found += 1
                            i += sub.count
                        } else {
                            i += 1
                        }
                    }
                    return .int(found)
                }
                var positions = start <= end - sub.count ? Array(start...(end - sub.count)) : []
                if name.hasPrefix("r") { positions.reverse() }
                if let at = positions.first(where: { Array(characters[$0..<$0 + sub.count]) == sub }) {
                    return .int(at)
                }
                guard name.hasSuffix("index") else { return .int(-1) }
                throw Diagnostic(python: "ValueError", "substring not found", at: a.callRange)
            }
        case "isdigit", "isdecimal", "isnumeric":
            return test(name, characters) { $0.isNumber && ($0.isWholeNumber || name == "isnumeric") }
        case "isalpha": return test(name, characters) { $0.isLetter }
        case "isalnum": return test(name, characters) { $0.isLetter || $0.isNumber }
        case "isspace": return test(name, characters) { $0.isWhitespace }
        case "isupper", "islower":
            return method(name, []) { _, _ in
                let cased = characters.filter(\.isCased)
                return .bool(!cased.isEmpty && cased.allSatisfy { name == "isupper" ? $0.isUppercase : $0.isLowercase })
            }
        case "istitle":
            return method(name, []) { _, _ in
                var previousCased = false
                var any = false
                for c in characters {
                    if c.isUppercase {
                        if previousCased { return .bool(false) }
                        any = true
                    } else if c.isLowercase {
                        if !previousCased { return .bool(false) }
                        any = true
                    }
                    previousCased = c.isCased
                }
                return .bool(any)
            }
        case "splitlines":
            return method(name, [Parameter("keepends", "False")]) { a, _ throws(Diagnostic) in
                let keep = try a.bool("keepends", default: false)
                var lines: [Value] = []
                var line = ""
                for c in characters {
                    // "\r\n" is one Character in Swift, so it is one line break here as in Python.
                    if c.isNewline {
                        lines.append(.string(keep ? line + String(c) : line))
                        line = ""
                    } else {
                        line.append(c)
                    }
                }
                if !line.isEmpty { lines.append(.string(line)) }
                return .list(lines)
            }
        case "partition", "rpartition":
            return method(name, [Parameter("sep")]) { a, _ throws(Diagnostic) in
                let sep = try a.string("sep")
                guard !sep.isEmpty else {
                    throw Diagnostic(python: "ValueError", "empty separator", at: a.range("sep"))
                }
                let found = name == "partition" ? text.range(of: sep) : text.range(of: sep, options: .backwards)
                guard let found else {
                    return name == "partition"
                        ? .tuple([.string(text), .string(""), .string("")])
                        : .tuple([.string(""), .string(""), .string(text)])
                }
                return .tuple([
                    .string(String(text[..<found.lowerBound])), .string(sep),
                    .string(String(text[found.upperBound...])),
                ])
            }
        case "lstrip", "rstrip":
            return method(name, [Parameter("chars", "None")]) { a, _ throws(Diagnostic) in
                let chars = Set(try a.string("chars", default: " \t\n\r\u{0B}\u{0C}"))
                let result =
                    name == "lstrip"
                    ? String(characters.drop { chars.contains($0) })
                    : String(String(characters).reversed().drop { chars.contains($0) }.reversed())
                return .string(result)
            }
        case "removeprefix":
            return method(name, [Parameter("prefix")]) { a, _ throws(Diagnostic) in
                let prefix = try a.string("prefix")
                return .string(text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text)
            }
        case "removesuffix":
            return method(name, [Parameter("suffix")]) { a, _ throws(Diagnostic) in
                let suffix = try a.string("suffix")
                return .string(text.hasSuffix(suffix) && !suffix.isEmpty ? String(text.dropLast(suffix.count)) : text)
            }
        case "expandtabs":
            return method(name, [Parameter("tabsize", "8")]) { a, _ throws(Diagnostic) in
                let size = try a.int("tabsize", default: 8)
                try FormatSpec.checkWidth(size, precision: nil, range: a.range("tabsize"))
                var result = ""
                var column = 0
                for c in characters {
                    if c == "\t" {
                        let spaces = size > 0 ? size - column % size : 0
                        result += String(repeating: " ", count: spaces)
                        column += spaces
                    } else {
                        result.append(c)
                        column = c.isNewline ? 0 : column + 1
                    }
                }
                return .string(result)
            }
        case "rsplit":
            return method(name, [Parameter("sep", "None"), Parameter("maxsplit", "-1")]) { a, _ throws(Diagnostic) in
                let limit = try a.int("maxsplit", default: -1)
                var parts: [String]
                if a["sep"] == nil {
                    // From the right: the part left over after `maxsplit` splits keeps its leading space.
                    parts = []
                    var i = characters.count
                    while true {
                        while i > 0, characters[i - 1].isWhitespace { i -= 1 }
                        if i == 0 { break }
                        if limit >= 0, parts.count == limit {
                            parts.append(String(characters[0..<i]))
                            break
                        }
                        let end = i
                        while i > 0, !characters[i - 1].isWhitespace { i -= 1 }
                        parts.append(String(characters[i..<end]))
                    }
                    return .list(parts.reversed().map { .string($0) })
                }
                let sep = try a.string("sep")
                guard !sep.isEmpty else {
                    throw Diagnostic(python: "ValueError", "empty separator", at: a.range("sep"))
                }
                parts = text.components(separatedBy: sep)
                if limit >= 0, parts.count > limit + 1 {
                    let head = parts.prefix(parts.count - limit).joined(separator: sep)
                    parts = [head] + parts.suffix(limit)
                }
                return .list(parts.map { .string($0) })
            }
        default: return nil
        }
    }

    private static func test(_ name: String, _ characters: [Character], _ check: @escaping (Character) -> Bool) -> Value
    {
        method(name, []) { _, _ in .bool(!characters.isEmpty && characters.allSatisfy(check)) }
    }

    /// `start` and `end` of `find`/`count`, clamped as Python slices them.
    private static func bounds(_ a: BoundArguments, count: Int) throws(Diagnostic) -> (Int, Int) {
        func clamp(_ value: Int) -> Int { value < 0 ? max(0, value + count) : min(value, count) }
        let start = a["start"] == nil ? 0 : clamp(try a.int("start"))
        let end = a["end"] == nil ? count : clamp(try a.int("end"))
        return (start, end)
    }
}
