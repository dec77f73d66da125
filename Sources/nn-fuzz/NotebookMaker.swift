/// Turns a program into a Jupyter notebook (`.ipynb`) for `nn FILE.ipynb` and `nn --check`, and
/// spoils one now and then as a hostile file would be: JSON cut short or not JSON, fields of the
/// wrong type, a missing `cells` list, nbformat 3, a huge cell, JSON nested very deep.
struct NotebookMaker {
    var rng: FuzzRandom

    /// A notebook holding `program` (one code cell per paragraph, a markdown cell now and then),
    /// spoiled in one way in about half of them.
    mutating func notebook(from program: String) -> String {
        let paragraphs = program.paragraphs
        var cells = paragraphs.map { cell("code", $0) }
        if rng.chance(0.3) { cells.insert(cell("markdown", "# A title\nSome *text*"), at: 0) }
        let version = rng.chance(0.9) ? "4" : rng.pick(["3", "5", "\"4\"", "null", "4.5", "-1", "1e400"])
        var text =
            "{\"cells\": [" + cells.joined(separator: ", ") + "], \"metadata\": {}, \"nbformat\": \(version), "
            + "\"nbformat_minor\": 5}"
        guard rng.chance(0.5) else { return text }
        switch rng.below(10) {
        case 0: text = String(text.prefix(rng.below(text.count + 1)))
        case 1:
            text = rng.pick([
                "", "null", "[]", "{}", "5", "\"cells\"", "{\"cells\": 5, \"nbformat\": 4}",
                "{\"nbformat\": 4}", "\u{FEFF}{\"cells\": [], \"nbformat\": 4}",
            ])
        case 2:
            let bad = rng.pick(["5", "null", "[1, 2]", "{}", "\"x\"", "[[\"print(1)\"]]", "true"])
            let field = rng.pick(["source", "cell_type", "outputs", "metadata", "execution_count"])
            text = text.replacingFirst("\"\(field)\": ", with: "\"\(field)\": \(bad), \"_was\": ")
        case 3:
            let depth = rng.pick([100, 1000, 100_000])
            let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            text = text.replacingFirst("\"metadata\": {}", with: "\"metadata\": \(nested)")
        case 4:
            let huge = String(repeating: rng.pick(["x = 1\\n", "#", "1+"]), count: rng.pick([10_000, 200_000])) + "1"
            text = text.replacingFirst("\"cells\": [", with: "\"cells\": [" + cell("code", huge, escaped: true) + ", ")
        case 5:
            text =
                "{\"worksheets\": [{\"cells\": [{\"cell_type\": \"code\", \"input\": \"print(1)\", "
                + "\"language\": \"python\"}]}], \"metadata\": {}, \"nbformat\": 3, \"nbformat_minor\": 0}"
        case 6: text = text.replacingFirst("\"cells\": [", with: "\"cell\": [")
        case 7:
            // Many cells, or one cell given many times.
            let many = Array(
                repeating: cell("code", rng.pick(["x = 1", "print(x)", "1/0", "%cpaste", "%edit"])),
                count: rng.pick([100, 3000]))
            text = text.replacingFirst("\"cells\": [", with: "\"cells\": [" + many.joined(separator: ", ") + ", ")
        case 8:
            let magic = rng.pick([
                "%save x.ipynb 1", "%save -f x.ipynb 1-999", "%run x.ipynb", "%load x.ipynb",
                "%cpaste", "%edit", "%paste", "%%timeit", "%history -n 10**18", "!ls", "x?",
                "%save x.ipynb \\u0000", "%run -i nothing.ipynb", "%matplotlib inline",
            ])
            text = text.replacingFirst("\"cells\": [", with: "\"cells\": [" + cell("code", magic, escaped: true) + ", ")
        default:
            text = text.replacingFirst("\"", with: rng.pick(["'", "\\", "\"\u{0}", "\"\\ud800"]))
        }
        return text
    }

    private func cell(_ type: String, _ source: String, escaped: Bool = false) -> String {
        let text = escaped ? "\"\(source)\"" : NotebookMaker.jsonString(source)
        let outputs = type == "code" ? ", \"outputs\": [], \"execution_count\": null" : ""
        return "{\"cell_type\": \"\(type)\", \"metadata\": {}, \"source\": \(text)\(outputs)}"
    }

    /// `text` as a JSON string.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension String {
    /// The text with the first `target` replaced (unchanged when there is none).
    func replacingFirst(_ target: String, with replacement: String) -> String {
        let text = Array(self)
        let pattern = Array(target)
        guard !pattern.isEmpty, text.count >= pattern.count else { return self }
        for start in 0...(text.count - pattern.count) where text[start..<start + pattern.count].elementsEqual(pattern) {
            return String(text[..<start]) + replacement + String(text[(start + pattern.count)...])
        }
        return self
    }

    /// The non-empty pieces between blank lines.
    var paragraphs: [String] {
        var pieces: [String] = []
        var current: [Substring] = []
        for line in split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty {
                if !current.isEmpty { pieces.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { pieces.append(current.joined(separator: "\n")) }
        return pieces
    }
}
