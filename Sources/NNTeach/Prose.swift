import NNPlot

/// Narration in lessons: a string standing alone as a statement (valid Python that does nothing)
/// is printed as prose, wrapped to the terminal, with **bold** and `code` marked up.
///
///     """
///     # Training on handwritten digits
///     An **epoch** is one pass over the data; `fit` runs many of them.
///     """
///
/// Lines starting with `#` are headings; blank lines separate paragraphs; lines starting with
/// `- ` are bullets, `1. ` numbered items; lines between ``` fences are code, shown as they are.
public struct Prose {
    let style: Style

    public init(style: Style) { self.style = style }

    public func render(_ text: String) -> String {
        var output: [String] = []
        var paragraph: [String] = []
        func flush() {
            if !paragraph.isEmpty { output += wrap(paragraph.joined(separator: " "), indent: "  ", first: "  ") }
            paragraph = []
        }
        var verbatim: Set<Int> = []  // lines of fenced code, shown as they are
        var fenced = false
        for raw in dedent(text) {
            let line = raw.trimmingSpaces()
            if line.hasPrefix("```") {
                flush()
                fenced.toggle()
                if fenced, output.last != "" { output.append("") }
                continue
            }
            if fenced {
                verbatim.insert(output.count)
                output.append("    " + raw)
            } else if line.isEmpty {
                flush()
                if output.last != "" { output.append("") }
            } else if line.hasPrefix("#") {
                flush()
                let title = String(line.drop { $0 == "#" }).trimmingSpaces()
                output.append(style.paint(title, "1;36"))
            } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
                flush()
                output += wrap(String(line.dropFirst(2)), indent: "    ", first: "  \(style.unicode ? "•" : "-") ")
            } else if let number = numberedItem(line) {
                flush()
                let marker = "  \(number). "
                let indent = String(repeating: " ", count: marker.count)
                output += wrap(String(line.dropFirst(number.count + 2)), indent: indent, first: marker)
            } else {
                paragraph.append(line)
            }
        }
        flush()
        let shown = output.enumerated().map { verbatim.contains($0.offset) ? $0.element : markup($0.element) }
        return "\n" + shown.drop { $0.isEmpty }.reversed().drop { $0.isEmpty }.reversed().joined(separator: "\n") + "\n"
    }

    /// The number of a numbered list's item (`1. text`), if the line is one.
    func numberedItem(_ line: String) -> String? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count < 4, line.dropFirst(digits.count).hasPrefix(". ") else { return nil }
        return String(digits)
    }

    /// Lines with their common leading indentation removed.
    func dedent(_ text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let indents = lines.filter { !$0.trimmingSpaces().isEmpty }.map { $0.prefix { $0 == " " }.count }
        let common = indents.min() ?? 0
        return lines.map { String($0.dropFirst(min(common, $0.prefix { $0 == " " }.count))) }
    }

    func wrap(_ text: String, indent: String, first: String) -> [String] {
        var lines: [String] = []
        var line = first
        for word in text.split(separator: " ") {
            let visible = visibleLength(line) + visibleLength(String(word))
            if line.count > first.count && line != indent && visible + 1 > style.width {
                lines.append(line)
                line = indent
            }
            line += (line == first || line == indent ? "" : " ") + word
        }
        lines.append(line)
        return lines
    }

    /// Characters that will show once markup is applied (`**` always goes; backticks go with colour).
    private func visibleLength(_ text: String) -> Int {
        text.count - (text.components("**") - 1) * 2 - (style.color ? text.filter { $0 == "`" }.count : 0)
    }

    /// **bold** and `code`: styled on a colour terminal, their markers dropped; plain text otherwise.
    func markup(_ line: String) -> String {
        var result = ""
        var bold = false
        var code = false
        var characters = Array(line)[...]
        while let c = characters.popFirst() {
            if c == "*", characters.first == "*" {
                characters.removeFirst()
                bold.toggle()
                result += bold ? style.escape("1") : style.reset
            } else if c == "`" {
                code.toggle()
                if style.color { result += code ? style.escape("33") : style.reset } else { result.append("`") }
            } else {
                result.append(c)
            }
        }
        return result
    }
}

extension String {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " || slice.first == "\t" { slice.removeFirst() }
        while slice.last == " " || slice.last == "\t" { slice.removeLast() }
        return String(slice)
    }

    func components(_ separator: String) -> Int { split(separator: separator, omittingEmptySubsequences: false).count }
}
