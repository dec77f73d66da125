import NNPlot

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

    /// `diagnostic` as text; its location is in `source` unless the diagnostic names its own. An error
    /// that left calls first shows them as Python's traceback does, outermost first; the exceptions it
    /// chains to (`raise ... from`, raised while handling another) come before it, as in Python.
    public func format(_ diagnostic: Diagnostic, in running: SourceFile) -> String {
        Traceback.chain(diagnostic, depth: 0) { error in
            let frames = Traceback.framesText(error, in: running, innermostSourceLine: false, always: false)
            return frames.map { $0 + "\n" }.joined() + located(error, in: running)
        }
    }

    /// Python's own text for an error (`traceback.format_exc()`): the chain, the frames with their
    /// source lines, and the last line as `lastLine` words it (`ValueError: bad`).
    public func pythonText(
        _ diagnostic: Diagnostic, in running: SourceFile, lastLine: (Diagnostic) -> String
    ) -> String {
        Traceback.chain(diagnostic, depth: 0) { error in
            let frames = Traceback.framesText(error, in: running, innermostSourceLine: true, always: true)
            return frames.map { $0 + "\n" }.joined() + lastLine(error)
        }
    }

    /// The message, the place with its source line and caret, and the hint.
    private func located(_ diagnostic: Diagnostic, in running: SourceFile) -> String {
        let source = diagnostic.source ?? running
        var lines: [String]
        if let text = diagnostic.exceptionText, let name = diagnostic.exception {
            // Raised by the program (`raise`, `assert`): Python's last traceback line, located below.
            let label = paint(name + (text.isEmpty ? "" : ":"), "1;31")
            lines = [label + (text.isEmpty ? "" : " " + paint(visible(text), "1"))]
        } else {
            let label = paint("\(diagnostic.kind.rawValue):", "1;31")
            lines = ["\(label) \(paint(visible(diagnostic.message), "1"))"]
        }
        if let range = diagnostic.range {
            let number = String(range.start.line)
            let gutter = String(repeating: " ", count: number.count)
            let place =
                source.cell.map {
                    "\(source.name), cell \($0), line \(range.start.line), column \(range.start.column)"
                }
                ?? "\(source.name):\(range.start.line):\(range.start.column)"
            lines.append("\(gutter)\(paint("-->", "34")) \(place)")
            let text = source.line(range.start.line)
            if !text.isEmpty {
                // Long lines are shown as a window of about 100 characters around the error.
                let column = max(range.start.column - 1, 0)
                let offset = column > 80 ? column - 40 : 0
                let window = String(Array(text).dropFirst(offset).prefix(100)).map { character -> Character in
                    // One character for each, so the caret stays under its column.
                    if character == "\t" { return " " }
                    let control = character.unicodeScalars.contains { $0.value < 32 || $0.value == 127 }
                    return control ? "\u{FFFD}" : character
                }
                let shown = (offset > 0 ? "…" : "") + String(window)
                let start = column - offset + (offset > 0 ? 1 : 0)
                let end =
                    range.end.line == range.start.line
                    ? max(range.end.column - 1 - offset + (offset > 0 ? 1 : 0), start + 1) : shown.count
                let caret =
                    String(repeating: " ", count: start)
                    + String(repeating: "^", count: max(1, min(end, shown.count + 1) - start))
                lines.append("\(gutter) \(paint("|", "34"))")
                lines.append("\(paint(number, "34")) \(paint("|", "34")) \(String(shown))")
                lines.append("\(gutter) \(paint("|", "34")) \(paint(caret, "1;31"))")
            }
            if let hint = diagnostic.hint { lines.append("\(gutter) \(paint("=", "34")) \(visible(hint))") }
        } else if let hint = diagnostic.hint {
            lines.append("  = \(visible(hint))")
        }
        return lines.joined(separator: "\n")
    }

    /// `text` with control characters (a NUL would end the message early on a terminal) written as `\x00`.
    private func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { ($0.value < 32 && $0 != "\n" && $0 != "\t") || $0.value == 127 })
        else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if (scalar.value < 32 && scalar != "\n" && scalar != "\t") || scalar.value == 127 {
                let hex = String(scalar.value, radix: 16)
                result += "\\x" + (hex.count < 2 ? "0" : "") + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private func paint(_ text: String, _ code: String) -> String {
        Style(unicode: false, color: color).paint(text, code)
    }
}
