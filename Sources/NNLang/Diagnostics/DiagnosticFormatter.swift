/// Renders diagnostics for people: the message, the file with line and column, the source line with
/// a caret under the span, and the hint.
///
///     error: name 'Densee' is not defined
///       --> lesson.nn:3:21
///        |
///      3 | model = Sequential([Densee(25)])
///        |                     ^^^^^^
///        = did you mean 'Dense'?
public struct DiagnosticFormatter: Sendable {
    public var color: Bool

    public init(color: Bool = false) { self.color = color }

    public func format(_ diagnostic: Diagnostic, in source: SourceFile) -> String {
        let label = paint("\(diagnostic.kind.rawValue):", "1;31")
        var lines = ["\(label) \(paint(diagnostic.message, "1"))"]
        if let range = diagnostic.range {
            let number = String(range.start.line)
            let gutter = String(repeating: " ", count: number.count)
            lines.append("\(gutter)\(paint("-->", "34")) \(source.name):\(range.start.line):\(range.start.column)")
            let text = source.line(range.start.line)
            if !text.isEmpty {
                // Long lines are shown as a window of about 100 characters around the error.
                let column = max(range.start.column - 1, 0)
                let offset = column > 80 ? column - 40 : 0
                let window = String(Array(text).dropFirst(offset).prefix(100)).map { $0 == "\t" ? " " : $0 }
                let shown = (offset > 0 ? "…" : "") + String(window)
                let start = column - offset + (offset > 0 ? 1 : 0)
                let end = range.end.line == range.start.line ? max(range.end.column - 1 - offset + (offset > 0 ? 1 : 0), start + 1) : shown.count
                let caret = String(repeating: " ", count: start) + String(repeating: "^", count: max(1, min(end, shown.count + 1) - start))
                lines.append("\(gutter) \(paint("|", "34"))")
                lines.append("\(paint(number, "34")) \(paint("|", "34")) \(String(shown))")
                lines.append("\(gutter) \(paint("|", "34")) \(paint(caret, "1;31"))")
            }
            if let hint = diagnostic.hint { lines.append("\(gutter) \(paint("=", "34")) \(hint)") }
        } else if let hint = diagnostic.hint {
            lines.append("  = \(hint)")
        }
        return lines.joined(separator: "\n")
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
