import NNLang

/// `nn --to-notebook lesson.nn`: a lesson as a notebook. Each narration (a string standing alone at
/// the top level) becomes a Markdown cell; the code between narrations becomes a code cell, split
/// again at each `pause()` (a cell boundary is the notebook's pause, so the call itself is left out).
/// Comments stay with the code they precede. Run with `nn`, the notebook prints the lesson's transcript.
public enum LessonNotebook {
    public static func notebook(from source: SourceFile) throws(DiagnosticList) -> Notebook {
        let statements = try Parser.parse(source.text).statements
        var cells: [Notebook.Cell] = []
        var codeStart = 1
        func flushCode(through last: Int) {
            var lines = (max(codeStart, 1)...max(last, codeStart)).map { source.line($0) }
            if last < codeStart { lines = [] }
            while let first = lines.first, first.trimmingCharacters().isEmpty { lines.removeFirst() }
            while let end = lines.last, end.trimmingCharacters().isEmpty { lines.removeLast() }
            if !lines.isEmpty { cells.append(.code(lines.joined(separator: "\n"))) }
        }
        for (index, statement) in statements.enumerated() {
            guard case .expression(let expression) = statement else { continue }
            let range = expression.range
            let previousEnd = index > 0 ? statements[index - 1].range.end.line : 0
            let nextStart = index + 1 < statements.count ? statements[index + 1].range.start.line : Int.max
            // Only a boundary that has its lines to itself (not `x = 1; pause()`).
            let indent = source.line(range.start.line).prefix { $0 == " " || $0 == "\t" }.count
            guard previousEnd < range.start.line, nextStart > range.end.line, indent == range.start.column - 1 else {
                continue
            }
            if case .string(let text, _) = expression {
                flushCode(through: range.start.line - 1)
                let markdown = dedented(text)
                if !markdown.isEmpty { cells.append(.markdown(markdown)) }
                codeStart = range.end.line + 1
            } else if case .call(.name("pause", _), _, _) = expression {
                flushCode(through: range.start.line - 1)
                codeStart = range.end.line + 1
            }
        }
        flushCode(through: source.lines.count)
        return Notebook(cells: cells)
    }

    /// Narration as Markdown: without the indentation its lines share, and without blank lines
    /// at its start and end.
    static func dedented(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let first = lines.first, first.trimmingCharacters().isEmpty { lines.removeFirst() }
        while let last = lines.last, last.trimmingCharacters().isEmpty { lines.removeLast() }
        let common = lines.filter { !$0.trimmingCharacters().isEmpty }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        return lines.map { line in
            line.trimmingCharacters().isEmpty ? "" : String(line.dropFirst(common))
        }.joined(separator: "\n")
    }
}
