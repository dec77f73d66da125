import NNEngine
import NNLang
import NNPlot

/// The notebook-style loop: `In [n]:` prompts, continuation lines, `Out[n]:` for an expression's
/// value, magics, and errors that leave every variable in place.
public final class Session {
    public let interpreter: Interpreter
    let reader: LineReader
    let output: OutputSink
    let formatter: DiagnosticFormatter
    let color: Bool
    /// The next cell's number.
    public private(set) var count = 1
    /// Each cell's source by number (IPython's `In`).
    public internal(set) var cells: [Int: String] = [:]

    public init(interpreter: Interpreter, reader: LineReader, output: OutputSink, color: Bool = false) {
        self.interpreter = interpreter
        self.reader = reader
        self.output = output
        self.color = color
        self.formatter = DiagnosticFormatter(color: color)
    }

    public static let banner = """
        NNLab \(NNLabVersion.string): Keras-style neural networks that explain themselves.
        help(name) or name? for help, %quickref for the magics, exit() or Ctrl-D to leave.

        """

    func paint(_ text: String, _ code: String) -> String { Style(unicode: false, color: color).paint(text, code) }

    var prompt: String { paint("In [\(count)]: ", "32") }
    var continuationPrompt: String {
        paint(String(repeating: " ", count: max(0, "In [\(count)]: ".count - 5)) + "...: ", "32")
    }

    /// Reads and runs cells until the input ends or the program calls exit().
    public func run() {
        while !interpreter.exitRequested {
            guard let cell = readCell() else { break }
            if cell.trimmingCharacters().isEmpty { continue }
            runCell(cell)
        }
    }

    /// Lines of one cell: more are read while brackets, a backslash or a triple-quoted string stay
    /// open, but never more than a program may hold (the lexer then says the cell is too long).
    func readCell() -> String? {
        var lines: [String] = []
        var completeness = InputCompleteness()
        var size = 0
        while true {
            switch reader.read(prompt: lines.isEmpty ? prompt : continuationPrompt) {
            case .end:
                return lines.isEmpty ? nil : lines.joined(separator: "\n")
            case .interrupted:
                lines = []
                completeness = InputCompleteness()
                size = 0
                continue
            case .line(let line):
                reader.remember(line)
                lines.append(line)
                completeness.append(line)
                size += line.utf8.count + 1
                if lines.count == 1, isCommand(line) { return line }
                if !completeness.needsMore || size > Lexer.maximumSourceLength { return lines.joined(separator: "\n") }
            }
        }
    }

    func isCommand(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters()
        return trimmed.hasPrefix("%") || trimmed.hasSuffix("?") || trimmed.hasPrefix("?")
    }

    /// Runs one cell: a magic, a help request, or code; shows `Out[n]` for an expression's value.
    public func runCell(_ text: String) {
        // A Ctrl-C pressed at the prompt, or during work that does not check for it (a NumPy
        // computation, predict), belongs to what it interrupted, not to this cell's loops.
        interpreter.cancellation.clear()
        let number = count
        cells[number] = text
        count += 1
        interpreter.globals["In"] = .list([.string("")] + (1...number).map { .string(cells[$0] ?? "") })
        let trimmed = text.trimmingCharacters()
        if trimmed == "exit" || trimmed == "quit", case .object(let object)? = interpreter.globals[trimmed],
           (object as? BuiltinFunction)?.name == trimmed {
            // As in IPython, the bare word leaves too, unless the name now holds something else.
            interpreter.exitRequested = true
            return
        }
        if trimmed.hasPrefix("%") {
            Magics(session: self).run(trimmed, number: number)
            return
        }
        if trimmed.hasSuffix("?") || trimmed.hasPrefix("?") {
            let name = trimmed.trimmingQuestionMarks()
            guard !name.isEmpty else {
                output.write(Magics.quickReference + "\n")
                return
            }
            output.write((interpreter.helpText(forDottedName: name) ?? "Object `\(name)` not found.") + "\n")
            return
        }
        execute(SourceFile(name: "In [\(number)]", text: text), number: number, silent: trimmed.hasSuffix(";"))
    }

    /// Runs source in the session; reports its errors without losing any variable.
    func execute(_ source: SourceFile, number: Int?, silent: Bool = false) {
        do {
            let value = try interpreter.run(source)
            reportUnheededInterrupt()
            guard let number, let value, !silent, !value.isNone else { return }
            do { try show(value, number: number, of: source) } catch {
                output.write(formatter.format(error, in: source) + "\n")
            }
        } catch {
            reportUnheededInterrupt()
            output.write(lineBreakAfterCtrlC)
            for diagnostic in error.diagnostics { output.write(formatter.format(diagnostic, in: source) + "\n") }
        }
    }

    /// A line break when Ctrl-C was pressed during the cell: the terminal echoed `^C` mid-line.
    var lineBreakAfterCtrlC: String { Interrupts.takePending() ? "\n" : "" }

    /// A Ctrl-C that nothing in the cell could act on (NumPy work, predict: only loops and fit stop
    /// midway) is said, so that it does not seem to have been lost, and forgotten.
    func reportUnheededInterrupt() {
        guard interpreter.cancellation.isCancelled else { return }
        interpreter.cancellation.clear()
        output.write(lineBreakAfterCtrlC
            + "KeyboardInterrupt: Ctrl-C came during work that cannot stop midway; it ran to its end\n")
    }

    /// Shows a cell's value as `Out[n]`; a value nested too deeply to show is a RecursionError at the
    /// cell's last line (the value is still kept in `_`).
    func show(_ value: Value, number: Int, of source: SourceFile) throws(Diagnostic) {
        defer { remember(value, number: number) }
        let lastLine = source.text.split(separator: "\n", omittingEmptySubsequences: false).count
        let range = SourceRange(SourceLocation(line: lastLine, column: 1), SourceLocation(line: lastLine, column: 1))
        let text = try interpreter.text(of: value, repr: true, range: range)
        output.write(paint("Out[\(number)]: ", "31") + (text.contains("\n") ? "\n" : "") + text + "\n\n")
    }

    /// Keeps a shown value in `_`, `__`, `_N` and `Out`, as IPython does.
    func remember(_ value: Value, number: Int) {
        let previous = interpreter.globals["_"]
        if let previous { interpreter.globals["__"] = previous }
        interpreter.globals["_"] = value
        interpreter.globals["_\(number)"] = value
        let out: DictBox
        if case .dict(let existing)? = interpreter.globals["Out"] { out = existing } else { out = DictBox() }
        out[.int(number)] = value
        interpreter.globals["Out"] = .dict(out)
    }
}

extension String {
    func trimmingQuestionMarks() -> String {
        var text = trimmingCharacters()
        while text.hasSuffix("?") { text.removeLast() }
        while text.hasPrefix("?") { text.removeFirst() }
        return text.trimmingCharacters()
    }
}
