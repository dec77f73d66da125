import NNEngine

/// Python's format-spec mini-language for f-strings and `format()`:
/// `[[fill]align][sign][#][0][width][,][.precision][type]`.
struct FormatSpec {
    var fill: Character = " "
    var align: Character?
    var sign: Character = "-"
    var zeroPad = false
    var alternate = false
    var width = 0
    var grouping: Character?
    var precision: Int?
    var type: Character?

    init(_ spec: String, range: SourceRange) throws(Diagnostic) {
        let characters = Array(spec)
        var i = 0
        var fillGiven = false
        if characters.count >= 2, "<>^=".contains(characters[1]) {
            fill = characters[0]
            align = characters[1]
            fillGiven = true
            i = 2
        } else if let first = characters.first, "<>^=".contains(first) {
            align = first
            i = 1
        }
        if i < characters.count, "+- ".contains(characters[i]) {
            sign = characters[i]
            i += 1
        }
        if i < characters.count, characters[i] == "#" {
            alternate = true
            i += 1
        }
        // A leading 0 means fill with zeros (after the sign, for numbers), unless a fill was given.
        if i < characters.count, characters[i] == "0" {
            if !fillGiven {
                fill = "0"
                zeroPad = align == nil
            }
            i += 1
        }
        var digits = ""
        while i < characters.count, characters[i].isNumber {
            digits.append(characters[i])
            i += 1
        }
        width = Int(digits) ?? 0
        if i < characters.count, characters[i] == "," || characters[i] == "_" {
            grouping = characters[i]
            i += 1
        }
        if i < characters.count, characters[i] == "." {
            i += 1
            var precisionDigits = ""
            while i < characters.count, characters[i].isNumber {
                precisionDigits.append(characters[i])
                i += 1
            }
            guard let value = Int(precisionDigits) else {
                throw Diagnostic("format specifier missing precision", at: range)
            }
            precision = value
        }
        if i < characters.count {
            type = characters[i]
            i += 1
        }
        guard i == spec.count else { throw Diagnostic("invalid format specifier '\(spec)'", at: range) }
        try FormatSpec.checkWidth(width, precision: precision, range: range)
    }

    /// Widest padding and longest precision accepted; more is refused rather than silently cut.
    static let maximumWidth = 1000

    static func checkWidth(_ width: Int, precision: Int?, range: SourceRange) throws(Diagnostic) {
        for (what, value) in [("width", width), ("precision", precision ?? 0)] where value > maximumWidth {
            throw Diagnostic(
                "the format \(what) \(value) is too large: NNLab formats up to \(maximumWidth) characters",
                at: range)
        }
    }

    /// Formats `value` by `spec` as Python's `format(value, spec)` would.
    static func apply(_ spec: String, to value: Value, _ interpreter: Interpreter, range: SourceRange)
        throws(Diagnostic) -> String
    {
        if let instance = Interpreter.instance(value) {
            return try interpreter.instanceFormat(instance, spec: spec, range: range)
        }
        if spec.isEmpty { return try interpreter.text(of: value, range: range) }
        let format = try FormatSpec(spec, range: range)
        var value = value
        // A tensor formats as its NumPy value (EagerTensor.__format__).
        if case .object(let tensor as TensorObject) = value { value = .array(NDArray(tensor.arrayValue)) }
        if case .array(let array) = value {
            guard array.isScalar else {
                throw Diagnostic(
                    "unsupported format string passed to numpy.ndarray.__format__", at: range,
                    hint: "format one element, like {x[0, 0]:.2f}, or leave out the format spec")
            }
            let scalar = array.tensor.double(flat: 0)  // exact for a float64 carrying its value
            value =
                array.tensor.dtype == .float32 || array.tensor.dtype == .float64 ? .float(scalar) : .int(Int(scalar))
        }
        let typeName = value.typeName
        let unknown = { () -> Diagnostic in
            let code = format.type.map(String.init) ?? ""
            return Diagnostic(
                python: "ValueError", "Unknown format code '\(code)' for object of type '\(typeName)'",
                at: range)
        }
        let body: String
        switch value {
        case .bool(let b): value = .int(b ? 1 : 0)
        default: break
        }
        switch value {
        case .int(let i) where format.type.map({ "dnxXboc".contains($0) }) ?? true:
            if format.type == "c" {
                guard let scalar = Unicode.Scalar(UInt32(clamping: max(i, 0))), i >= 0 else {
                    throw Diagnostic(python: "OverflowError", "%c arg not in range(0x110000)", at: range)
                }
                return format.pad(String(Character(scalar)), numeric: false)
            }
            body = format.integer(i)
        case .int, .float:
            guard format.type.map({ "eEfFgG%n".contains($0) }) ?? true, let number = value.numericValue else {
                throw unknown()
            }
            body = format.float(number, isInteger: value.typeName == "int")
        case .string(let text):
            guard format.type == nil || format.type == "s" else { throw unknown() }
            if format.sign != "-" {
                throw Diagnostic(python: "ValueError", "Sign not allowed in string format specifier", at: range)
            }
            if format.align == "=" {
                throw Diagnostic(
                    python: "ValueError", "'=' alignment not allowed in string format specifier",
                    at: range)
            }
            body = format.precision.map { String(text.prefix($0)) } ?? text
            return format.pad(body, numeric: false)
        case .none, .list, .tuple, .dict:
            throw Diagnostic(
                python: "TypeError", "unsupported format string passed to \(typeName).__format__",
                at: range)
        default:
            return format.pad(try interpreter.text(of: value, range: range), numeric: false)
        }
        return format.pad(body, numeric: true)
    }

    func integer(_ value: Int) -> String {
        var text: String
        switch type {
        case "x": text = String(value, radix: 16)
        case "X": text = String(value, radix: 16).uppercased()
        case "b": text = String(value, radix: 2)
        case "o": text = String(value, radix: 8)
        default: text = String(value)
        }
        text = text.hasPrefix("-") ? String(text.dropFirst()) : text
        if let grouping {
            text =
                "xXbo".contains(type ?? "d")
                ? FormatSpec.group(text, by: 4, separator: grouping)
                : groupThousands(text, separator: grouping)
        }
        if alternate, let type, "xXbo".contains(type) { text = "0" + String(type) + text }
        return signed(text, negative: value < 0)
    }

    func float(_ value: Double, isInteger: Bool) -> String {
        var text: String
        switch type {
        case .some(let letter) where "eEfFgG".contains(letter):
            text = cFormat("%\(alternate ? "#" : "").\(precision ?? 6)\(letter)", abs(value))
        case "n":
            text = cFormat("%.\(precision ?? 6)g", abs(value))
        case "%":
            text = cFormat("%.\(precision ?? 6)f", abs(value) * 100) + "%"
        default:
            if let precision {
                text = cFormat("%.\(max(precision, 1))g", abs(value))
                if !text.contains(".") && !text.contains("e") && !text.contains("n") && !text.contains("i")
                    && !isInteger
                {
                    text += ".0"
                }
            } else {
                text = isInteger ? String(Int(abs(value))) : pythonFloatRepr(abs(value))
            }
        }
        if let grouping, !text.contains("e") { text = groupThousands(text, separator: grouping) }
        return signed(text, negative: value < 0 || (value == 0 && value.sign == .minus))
    }

    private func signed(_ text: String, negative: Bool) -> String {
        let digits = text.hasPrefix("-") ? String(text.dropFirst()) : text
        if negative { return "-" + digits }
        return sign == "+" ? "+" + digits : (sign == " " ? " " + digits : digits)
    }

    func pad(_ text: String, numeric: Bool) -> String {
        let count = text.count
        guard width > count else { return text }
        let padding = width - count
        if numeric && (align == "=" || zeroPad) {
            // Padding goes after the sign and any 0x/0b/0o prefix.
            var lead = text.hasPrefix("-") || text.hasPrefix("+") || text.hasPrefix(" ") ? 1 : 0
            let rest = text.dropFirst(lead)
            if alternate, rest.count > 1, rest.hasPrefix("0"), "xXbo".contains(rest.dropFirst().first ?? " ") {
                lead += 2
            }
            return String(text.prefix(lead)) + String(repeating: fill, count: padding) + text.dropFirst(lead)
        }
        let fillText = { (n: Int) in String(repeating: fill, count: n) }
        switch align ?? (numeric ? ">" : "<") {
        case "<": return text + fillText(padding)
        case "^": return fillText(padding / 2) + text + fillText(padding - padding / 2)
        default: return fillText(padding) + text
        }
    }
}

extension FormatSpec {
    /// `digits` with `separator` every `size` digits from the right (`_` grouping of hex and binary).
    static func group(_ digits: String, by size: Int, separator: Character) -> String {
        var grouped = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % size == 0 { grouped.append(separator) }
            grouped.append(character)
        }
        return grouped
    }
}

/// Python's `'%d items' % n` formatting.
enum PercentFormat {
    static func apply(_ format: String, _ argument: Value, _ interpreter: Interpreter, range: SourceRange)
        throws(Diagnostic) -> String
    {
        var arguments: [Value]
        if case .tuple(let items) = argument { arguments = items.items } else { arguments = [argument] }
        // `'%(name)s' % mapping` takes each value from the mapping by its key.
        var mapping: Value?
        if case .dict = argument, format.contains("%(") { mapping = argument }
        var result = ""
        var characters = Array(format)[...]
        while let c = characters.popFirst() {
            guard c == "%" else {
                result.append(c)
                continue
            }
            var key: String?
            if characters.first == "(" {
                characters.removeFirst()
                var name = ""
                var depth = 1
                while let next = characters.popFirst() {
                    if next == "(" { depth += 1 }
                    if next == ")" { depth -= 1 }
                    if depth == 0 { break }
                    name.append(next)
                }
                guard depth == 0 else { throw Diagnostic(python: "ValueError", "incomplete format key", at: range) }
                key = name
            }
            var spec = ""
            while let next = characters.first, "-+ #0123456789.".contains(next) {
                spec.append(next)
                characters.removeFirst()
            }
            guard let type = characters.popFirst() else {
                throw Diagnostic("incomplete format: '%' at the end of the string", at: range)
            }
            let numbers = spec.drop { "-+ #".contains($0) }.split(separator: ".", omittingEmptySubsequences: false)
            try FormatSpec.checkWidth(
                Int(numbers.first ?? "") ?? (numbers.first?.isEmpty == false ? .max : 0),
                precision: numbers.count > 1 ? Int(numbers[1]) ?? .max : nil, range: range)
            if type == "%" {
                result.append("%")
                continue
            }
            let value: Value
            if let key {
                guard let mapping else {
                    throw Diagnostic(python: "TypeError", "format requires a mapping", at: range)
                }
                value = try interpreter.subscriptValue(mapping, [.value(.string(key), range)], range: range)
            } else {
                guard !arguments.isEmpty else { throw Diagnostic("not enough arguments for format string", at: range) }
                value = arguments.removeFirst()
            }
            switch type {
            case "s": result += pythonPad(try interpreter.text(of: value, range: range), spec)
            case "r": result += pythonPad(try interpreter.text(of: value, repr: true, range: range), spec)
            case "c":
                let character: String
                switch value {
                case .string(let text) where text.count == 1: character = text
                case .int(let code) where code >= 0 && code < 0x110000:
                    guard let scalar = Unicode.Scalar(UInt32(code)) else { fallthrough }
                    character = String(Character(scalar))
                default:
                    throw Diagnostic(
                        python: "TypeError",
                        "%c requires an int or a unicode character, not \(value.typeName)", at: range)
                }
                result += pythonPad(character, String(spec.prefix { $0 != "." }))
            case "d", "i", "f", "F", "e", "E", "g", "G", "x", "X", "o":
                guard let number = value.numericValue, value.typeName != "str" else {
                    throw Diagnostic("%\(type) format: a real number is required, not \(value.typeName)", at: range)
                }
                let integerType = "dixXo".contains(type)
                if integerType, Int(truncating: number) == nil {
                    throw Diagnostic("%\(type) format: cannot convert \(number) to an integer", at: range)
                }
                result +=
                    integerType
                    ? cFormatInteger("%\(spec)\(type == "i" ? "d" : String(type))", Int(truncating: number) ?? 0)
                    : cFormat("%\(spec)\(type)", number)
            default:
                throw Diagnostic("unsupported format character '\(type)'", at: range)
            }
        }
        guard arguments.isEmpty || mapping != nil else {
            throw Diagnostic("not all arguments converted during string formatting", at: range)
        }
        return result
    }

    private static func pythonPad(_ text: String, _ spec: String) -> String {
        var text = text
        // `%.3s`: the precision keeps that many characters.
        if let dot = spec.firstIndex(of: "."),
            let precision = Int(spec[spec.index(after: dot)...].prefix(while: \.isNumber))
        {
            text = String(text.prefix(precision))
        } else if spec.hasSuffix(".") {
            text = ""
        }
        let left = spec.hasPrefix("-")
        let widthText = spec.drop { "-+ #0".contains($0) }.prefix { $0.isNumber }
        let width = Int(widthText) ?? 0
        guard width > text.count else { return text }
        let padding = String(repeating: " ", count: width - text.count)
        return left ? text + padding : padding + text
    }

    private static func cFormatInteger(_ format: String, _ value: Int) -> String {
        // Room for the widest padding accepted (FormatSpec.maximumWidth) and the digits.
        var buffer = [CChar](repeating: 0, count: FormatSpec.maximumWidth + 64)
        let fixed = format.replacingLast("d", with: "lld").replacingLast("x", with: "llx").replacingLast(
            "X", with: "llX"
        )
        .replacingLast("o", with: "llo")
        _ = withVaList([Int64(value)]) { vsnprintf(&buffer, buffer.count, fixed, $0) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension String {
    /// The string with its last `character` replaced by `replacement` (a format's conversion letter).
    func replacingLast(_ character: Character, with replacement: String) -> String {
        guard last == character else { return self }
        return String(dropLast()) + replacement
    }
}

/// `value` with `digits` decimals as C's printf writes it: the exact binary value, correctly rounded.
func formatFixed(_ value: Double, _ digits: Int) -> String {
    var buffer = [CChar](repeating: 0, count: 400)
    _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.\(digits)f", $0) }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
