/// Python's `str.format` and `str.format_map`: replacement fields `{name!conv:spec}` with automatic or
/// explicit numbering, keyword names, `[index]` and `.attribute` access, and nested fields in the spec.
/// Each field's value is formatted by `FormatSpec.apply`, the same code f-strings use.
struct StringFormat {
    let positional: [Value]
    /// Looks a keyword field up: `**kwargs` for `format`, the mapping for `format_map`.
    let keyword: (String) throws(Diagnostic) -> Value
    let interpreter: Interpreter
    let range: SourceRange
    private var automatic: Int? = nil
    private var manual = false

    init(
        positional: [Value], keyword: @escaping (String) throws(Diagnostic) -> Value, _ interpreter: Interpreter,
        range: SourceRange
    ) {
        self.positional = positional
        self.keyword = keyword
        self.interpreter = interpreter
        self.range = range
    }

    /// `text` with every field replaced; `depth` counts nesting inside format specs (Python allows 2).
    mutating func render(_ text: String, depth: Int = 0) throws(Diagnostic) -> String {
        guard depth < 2 else { throw valueError("Max string recursion exceeded") }
        var result = ""
        var characters = Array(text)[...]
        while let c = characters.popFirst() {
            if c == "}" {
                guard characters.first == "}" else { throw valueError("Single '}' encountered in format string") }
                characters.removeFirst()
                result.append("}")
                continue
            }
            guard c == "{" else {
                result.append(c)
                continue
            }
            if characters.first == "{" {
                characters.removeFirst()
                result.append("{")
                continue
            }
            // The field runs to its matching `}`; braces inside it belong to nested spec fields.
            var field = ""
            var level = 1
            var closed = false
            while let d = characters.popFirst() {
                if d == "{" { level += 1 }
                if d == "}" {
                    level -= 1
                    if level == 0 {
                        closed = true
                        break
                    }
                }
                field.append(d)
            }
            guard closed else {
                throw valueError(
                    field.isEmpty ? "Single '{' encountered in format string" : "expected '}' before end of string")
            }
            result += try replacement(field, depth: depth)
        }
        return result
    }

    private mutating func replacement(_ field: String, depth: Int) throws(Diagnostic) -> String {
        // Split `name!conv:spec`; `:` and `!` inside `[...]` belong to the name.
        var name = ""
        var rest = Array(field)[...]
        var inBracket = false
        while let c = rest.first {
            if c == "[" { inBracket = true }
            if c == "]" { inBracket = false }
            if !inBracket, c == ":" || c == "!" { break }
            name.append(c)
            rest.removeFirst()
        }
        var conversion: Character?
        if rest.first == "!" {
            rest.removeFirst()
            guard let letter = rest.popFirst() else {
                throw valueError("end of string while looking for conversion specifier")
            }
            conversion = letter
            if let next = rest.first, next != ":" { throw valueError("expected ':' after conversion specifier") }
        }
        var spec = ""
        if rest.first == ":" {
            rest.removeFirst()
            spec = String(rest)
        }
        var value = try lookUp(name)
        switch conversion {
        case nil: break
        case "s": value = .string(try interpreter.text(of: value, range: range))
        case "r": value = .string(try interpreter.text(of: value, repr: true, range: range))
        case "a": value = .string(asciiEscaped(try interpreter.text(of: value, repr: true, range: range)))
        case let other?: throw valueError("Unknown conversion specifier \(other)")
        }
        if spec.contains("{") { spec = try render(spec, depth: depth + 1) }
        return try FormatSpec.apply(spec, to: value, interpreter, range: range)
    }

    /// The value a field name stands for: `0`, ``, `name`, then any `.attr` and `[key]` parts.
    private mutating func lookUp(_ name: String) throws(Diagnostic) -> Value {
        let first = String(name.prefix { $0 != "." && $0 != "[" })
        var value: Value
        if first.isEmpty {
            if manual { throw valueError("cannot switch from manual field specification to automatic field numbering") }
            let index = automatic ?? 0
            automatic = index + 1
            value = try argument(index)
        } else if let index = Int(first), first.allSatisfy(\.isASCII) {
            if automatic != nil {
                throw valueError("cannot switch from automatic field numbering to manual field specification")
            }
            manual = true
            value = try argument(index)
        } else {
            value = try keyword(first)
        }
        var rest = Array(name.dropFirst(first.count))[...]
        while let c = rest.popFirst() {
            var part = ""
            if c == "." {
                while let d = rest.first, d != ".", d != "[" {
                    part.append(d)
                    rest.removeFirst()
                }
                guard !part.isEmpty else { throw valueError("Empty attribute in format string") }
                value = try interpreter.attribute(part, of: value, range: range)
            } else if c == "[" {
                while let d = rest.popFirst(), d != "]" { part.append(d) }
                guard !part.isEmpty else { throw valueError("Empty attribute in format string") }
                let key: Value = Int(part).map { .int($0) } ?? .string(part)
                value = try interpreter.subscriptValue(value, [.value(key, range)], range: range)
            } else {
                throw valueError("Only '.' or '[' may follow ']' in format field specifier")
            }
        }
        return value
    }

    private func argument(_ index: Int) throws(Diagnostic) -> Value {
        guard index < positional.count else {
            throw Diagnostic(
                python: "IndexError", "Replacement index \(index) out of range for positional args tuple", at: range)
        }
        return positional[index]
    }

    private func valueError(_ message: String) -> Diagnostic {
        Diagnostic(python: "ValueError", message, at: range)
    }
}

/// Python's `ascii()`: a repr with every non-ASCII character escaped.
func asciiEscaped(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
        if scalar.isASCII {
            result.unicodeScalars.append(scalar)
            continue
        }
        let hex = String(scalar.value, radix: 16)
        let (prefix, width) = scalar.value <= 0xff ? ("\\x", 2) : (scalar.value <= 0xffff ? ("\\u", 4) : ("\\U", 8))
        result += prefix + String(repeating: "0", count: max(0, width - hex.count)) + hex
    }
    return result
}

extension ContainerMethods {
    /// `text.format(*args, **kwargs)`.
    static func format(_ text: String, _ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let keywords = a.keywords
        let range = a.callRange
        var formatter = StringFormat(
            positional: a.rest,
            keyword: { name throws(Diagnostic) in
                guard let found = keywords.last(where: { $0.name == name }) else {
                    throw Diagnostic(python: "KeyError", pythonStringRepr(name), at: range)
                }
                return found.value
            }, interpreter, range: range)
        return .string(try formatter.render(text))
    }

    /// `text.format_map(mapping)`: keyword fields looked up in the mapping.
    static func formatMap(_ text: String, _ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let mapping = a["mapping"] ?? .none
        let range = a.callRange
        var formatter = StringFormat(
            positional: [],
            keyword: { name throws(Diagnostic) in
                try interpreter.subscriptValue(mapping, [.value(.string(name), range)], range: range)
            }, interpreter, range: range)
        return .string(try formatter.render(text))
    }
}

extension Diagnostic {
    /// An error shown as Python's last traceback line (`KeyError: 'n'`), caught by `except` as `exception`.
    init(python exception: String, _ message: String, at range: SourceRange?) {
        self.init("\(exception): \(message)", at: range, exception: exception)
    }
}
