#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Interpreter {
    /// Deepest nesting of containers that `repr` and `str` show, as Python's recursion limit.
    public static let maximumValueDepth = 500

    /// `repr(value)`, as Python shows a value in a list or at the REPL. A container inside itself
    /// shows as `[...]`; one nested more deeply than `maximumValueDepth` shows as `...` (and
    /// `text(of:repr:range:)` turns that into an error).
    public func repr(_ value: Value) -> String {
        switch value {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let f): return pythonFloatRepr(f)
        case .string(let s): return pythonStringRepr(s)
        case .list(let list):
            return nestedRepr(list, cycle: "[...]") { "[" + list.items.map { repr($0) }.joined(separator: ", ") + "]" }
        case .tuple(let tuple):
            if let type = tuple.namedType { return nestedRepr(tuple, cycle: "(...)") { type.repr(of: tuple, self) } }
            return nestedRepr(tuple, cycle: "(...)") {
                let items = tuple.items
                if items.count == 1 { return "(\(repr(items[0])),)" }
                return "(" + items.map { repr($0) }.joined(separator: ", ") + ")"
            }
        case .dict(let dict):
            return nestedRepr(dict, cycle: "{...}") {
                let plain = {
                    let entries = zip(dict.keys, dict.values).map { "\(self.repr($0)): \(self.repr($1))" }
                    return "{" + entries.joined(separator: ", ") + "}"
                }
                return CollectionsModule.flavoredRepr(dict, self, plain: plain) ?? plain()
            }
        case .array(let array): return ArrayFormatter.repr(array.tensor, modules.numpyPrintOptions)
        case .object(let object):
            // A container object (a deque) may hold itself or be nested deep, as a list may.
            guard object is IterableObject else { return object.repr(self) }
            return nestedRepr(object, cycle: "[...]") { object.repr(self) }
        }
    }

    private func nestedRepr(_ container: AnyObject, cycle: String, _ body: () -> String) -> String {
        let id = ObjectIdentifier(container)
        if reprState.open.contains(id) { return cycle }
        guard reprState.open.count < Interpreter.maximumValueDepth, stackGuard?.isExhausted != true else {
            reprState.tooDeep = true
            return "..."
        }
        reprState.open.append(id)
        defer { reprState.open.removeLast() }
        return body()
    }

    /// `str(value)`, as `print` shows it.
    public func str(_ value: Value) -> String {
        switch value {
        case .string(let s): return s
        case .array(let array): return ArrayFormatter.str(array.tensor, modules.numpyPrintOptions)
        case .object(let object): return object.str(self)
        default: return repr(value)
        }
    }

    /// `str(value)` (or `repr`) for the program: a value nested too deeply is Python's RecursionError.
    public func text(of value: Value, repr asRepr: Bool = false, range: SourceRange?) throws(Diagnostic) -> String {
        reprState.tooDeep = false
        let text = asRepr ? repr(value) : str(value)
        guard !reprState.tooDeep else {
            reprState.tooDeep = false
            throw Diagnostic(
                "RecursionError: maximum recursion depth exceeded while getting the repr of an object",
                at: range,
                hint: "this value is nested more than \(Interpreter.maximumValueDepth) levels deep")
        }
        return text
    }
}

/// What `repr` is in the middle of: the containers being shown, and whether one was too deep.
struct ReprState {
    var open: [ObjectIdentifier] = []
    var tooDeep = false
}

/// Python's `repr(float)`: the shortest text that reads back as the same double.
func pythonFloatRepr(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    return value.description
}

/// Python's `repr(str)`: single quotes unless the text holds a single quote and no double quote.
func pythonStringRepr(_ text: String) -> String {
    let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
    var result = String(quote)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\t": result += "\\t"
        case "\r": result += "\\r"
        default:
            if Character(scalar) == quote {
                result += "\\\(quote)"
            } else if scalar.value < 32 || scalar.value == 127 {
                let hex = String(scalar.value, radix: 16)
                result += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
    }
    result.append(quote)
    return result
}

/// `12345678` → `12,345,678`.
func groupThousands(_ digits: String, separator: Character = ",") -> String {
    let negative = digits.hasPrefix("-")
    let body = negative ? String(digits.dropFirst()) : digits
    let parts = body.split(separator: ".", maxSplits: 1)
    let whole = Array(parts.first ?? "")
    var grouped = ""
    for (offset, character) in whole.enumerated() {
        if offset > 0, (whole.count - offset) % 3 == 0 { grouped.append(separator) }
        grouped.append(character)
    }
    if parts.count > 1 { grouped += "." + parts[1] }
    return (negative ? "-" : "") + grouped
}
