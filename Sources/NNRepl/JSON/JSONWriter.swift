extension JSON {
    /// The value as compact UTF-8 JSON text, keys sorted (so a message's bytes, and its signature,
    /// are the same each time); floats that are not finite are written as `null`.
    public func encoded() -> [UInt8] {
        var text = ""
        write(into: &text, indent: nil)
        return Array(text.utf8)
    }

    /// The text as JSON with one space of indentation per level, keys sorted, non-ASCII kept: as
    /// nbformat writes a notebook (`json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False)`),
    /// so a notebook NNLab writes diffs cleanly against one Jupyter saved.
    public func serialized() -> String {
        var text = ""
        write(into: &text, indent: 0)
        return text
    }

    /// Writes the value; `indent` nil writes it on one line without spaces.
    private func write(into text: inout String, indent: Int?) {
        switch self {
        case .null: text += "null"
        case .bool(let value): text += value ? "true" : "false"
        case .int(let value): text += String(value)
        case .double(let value): text += value.isFinite ? "\(value)" : "null"
        case .string(let value): JSON.quote(value, into: &text)
        case .array(let items):
            guard !items.isEmpty else {
                text += "[]"
                return
            }
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += "," }
                JSON.newline(&text, indent.map { $0 + 1 })
                item.write(into: &text, indent: indent.map { $0 + 1 })
            }
            JSON.newline(&text, indent)
            text += "]"
        case .object(let fields):
            guard !fields.isEmpty else {
                text += "{}"
                return
            }
            text += "{"
            // Python sorts keys by code point, which is the order of their UTF-8 bytes too.
            let keys = fields.keys.sorted {
                $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) { $0.value < $1.value }
            }
            for (index, key) in keys.enumerated() {
                if index > 0 { text += "," }
                JSON.newline(&text, indent.map { $0 + 1 })
                JSON.quote(key, into: &text)
                text += indent == nil ? ":" : ": "
                fields[key]?.write(into: &text, indent: indent.map { $0 + 1 })
            }
            JSON.newline(&text, indent)
            text += "}"
        }
    }

    private static func newline(_ text: inout String, _ indent: Int?) {
        guard let indent else { return }
        text += "\n" + String(repeating: " ", count: indent)
    }

    /// A JSON string as Python's `json.dumps(..., ensure_ascii=False)` writes it.
    static func quote(_ value: String, into text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
