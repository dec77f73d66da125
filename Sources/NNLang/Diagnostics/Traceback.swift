/// Python's traceback text for an error that left calls: `Traceback (most recent call last):`, then a
/// `File "…", line N, in f` line for each frame, outermost first, with repeats collapsed as Python does.
enum Traceback {
    /// How many chained exceptions are shown before the oldest are left out.
    static let chainLimit = 30

    /// The text of `error`, after the exceptions it chains to, each rendered by `render`.
    static func chain(_ error: Diagnostic, depth: Int, _ render: (Diagnostic) -> String) -> String {
        var text = ""
        if depth < chainLimit {
            if let cause = error.cause {
                text = chain(cause, depth: depth + 1, render)
                text += "\n\nThe above exception was the direct cause of the following exception:\n\n"
            } else if let context = error.context, !error.suppressContext {
                text = chain(context, depth: depth + 1, render)
                text += "\n\nDuring handling of the above exception, another exception occurred:\n\n"
            }
        }
        return text + render(error)
    }

    /// The header and frame lines, or none for an error raised at a module's top level (unless `always`).
    /// The innermost frame's source line is left to the located message unless `innermostSourceLine`.
    static func framesText(
        _ error: Diagnostic, in running: SourceFile, innermostSourceLine: Bool, always: Bool
    ) -> [String] {
        let innermostFunction = error.traceback.first?.function ?? error.caughtIn ?? "<module>"
        guard always || !error.traceback.isEmpty || innermostFunction != "<module>" else { return [] }
        var frames: [(source: SourceFile, line: Int, function: String, showLine: Bool)] = []
        for entry in error.traceback.reversed() {
            frames.append((entry.source ?? running, entry.callSite.start.line, entry.caller, true))
        }
        if let range = error.range {
            frames.append((error.source ?? running, range.start.line, innermostFunction, innermostSourceLine))
        }
        guard !frames.isEmpty else { return [] }
        var lines = ["Traceback (most recent call last):"]
        var count = 0
        var previous: (name: String, line: Int, function: String)?
        for frame in frames {
            let key = (name: frame.source.name, line: frame.line, function: frame.function)
            if let p = previous, p == key {
                count += 1
            } else {
                if count > 3 { lines.append(repeated(count - 3)) }
                previous = key
                count = 1
            }
            if count > 3 { continue }
            let place = frame.source.cell.map { "\"\(frame.source.name)\", cell \($0)" } ?? "\"\(frame.source.name)\""
            lines.append("  File \(place), line \(frame.line), in \(frame.function)")
            let text = frame.source.line(frame.line).trimmingWhitespace
            if frame.showLine, !text.isEmpty { lines.append("    " + text) }
        }
        if count > 3 { lines.append(repeated(count - 3)) }
        return lines
    }

    private static func repeated(_ count: Int) -> String {
        "  [Previous line repeated \(count) more time\(count > 1 ? "s" : "")]"
    }
}

extension String {
    /// Without spaces and tabs at either end, as a traceback shows a source line.
    fileprivate var trimmingWhitespace: String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: blank).reversed().drop(while: blank).reversed())
    }
}
