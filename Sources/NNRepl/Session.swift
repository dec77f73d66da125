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
    /// What each cell printed, showed and failed with (for `%save session.ipynb`).
    var records: [Int: CellRecord] = [:]
    /// Where a cell's value (its repr) goes instead of `Out[n]:` text: a Jupyter kernel sends it
    /// as an `execute_result`.
    public var valueHandler: ((_ text: String, _ number: Int) -> Void)?
    /// Where a cell's errors go instead of formatted text: a Jupyter kernel sends them as `error`.
    public var errorHandler: ((_ diagnostics: [Diagnostic], _ source: SourceFile) -> Void)?

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
    /// open, or a block goes on (auto-indented), but never more than a program may hold (the lexer
    /// then says the cell is too long). A paste or a recalled cell comes whole. The cell joins the
    /// history once it is complete.
    func readCell() -> String? {
        var lines: [String] = []
        var completeness = InputCompleteness()
        var size = 0
        var indent = 0
        func finish() -> String {
            let cell = lines.joined(separator: "\n")
            reader.remember(cell)
            return cell
        }
        while true {
            let input =
                carried.isEmpty
                ? reader.read(prompt: lines.isEmpty ? prompt : continuationPrompt, indent: indent)
                : carried.removeFirst()
            switch input {
            case .end:
                return lines.isEmpty ? nil : finish()
            case .interrupted:
                lines = []
                completeness = InputCompleteness()
                size = 0
                indent = 0
                continue
            case .cell(let pasted):
                // Whole as it came (without prompts or a common margin, as IPython takes a paste): only
                // a bracket or string left open asks for more.
                let text = lines.isEmpty ? PasteMagicText.cleaned(PasteMagicText.lines(pasted)) : pasted
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    lines.append(String(line))
                    completeness.append(String(line))
                }
                size += text.utf8.count + 1
                indent = 0
                if !completeness.isOpen || size > Lexer.maximumSourceLength { return finish() }
            case .line(let line):
                lines.append(line)
                completeness.append(line)
                size += line.utf8.count + 1
                if lines.count == 1, isCommand(line) { return finish() }
                if completeness.needsMore && size <= Lexer.maximumSourceLength {
                    indent = completeness.isBlock && !completeness.isOpen ? InputCompleteness.indent(after: line) : 0
                    continue
                }
                if completeness.isBlock, line.trimmingCharacters().isEmpty, reader.inputIsWaiting,
                    continuesPastedBlock(&lines, &completeness)
                {
                    continue
                }
                return finish()
            }
        }
    }

    /// Input read ahead that turned out to start the next cell.
    var carried: [LineInput] = []

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
        startRecording(number)
        defer { recorder?.capture = nil }
        count += 1
        interpreter.globals["In"] = .list([.string("")] + (1...number).map { .string(cells[$0] ?? "") })
        let trimmed = text.trimmingCharacters()
        if trimmed == "exit" || trimmed == "quit", case .object(let object)? = interpreter.globals[trimmed],
            (object as? BuiltinFunction)?.name == trimmed
        {
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
        // Figures left open are drawn after the cell, as a notebook shows them.
        defer { interpreter.drawOpenFigures() }
        do {
            let value = try interpreter.run(source)
            reportUnheededInterrupt()
            guard let number, let value, !silent, !value.isNone else { return }
            do { try show(value, number: number, of: source) } catch {
                if let errorHandler { return errorHandler([error], source) }
                output.write(formatter.format(error, in: source) + "\n")
            }
        } catch {
            reportUnheededInterrupt()
            recordError(error.diagnostics, in: source, number: number)
            unrecorded {
                output.write(lineBreakAfterCtrlC)
                if let errorHandler { return errorHandler(error.diagnostics, source) }
                for diagnostic in error.diagnostics { output.write(formatter.format(diagnostic, in: source) + "\n") }
            }
        }
    }

    /// A line break when Ctrl-C was pressed during the cell: the terminal echoed `^C` mid-line.
    var lineBreakAfterCtrlC: String { Interrupts.takePending() ? "\n" : "" }

    /// A Ctrl-C that nothing in the cell could act on (NumPy work, predict: only loops and fit stop
    /// midway) is said, so that it does not seem to have been lost, and forgotten.
    func reportUnheededInterrupt() {
        guard interpreter.cancellation.isCancelled else { return }
        interpreter.cancellation.clear()
        output.write(
            lineBreakAfterCtrlC
                + "KeyboardInterrupt: Ctrl-C came during work that cannot stop midway; it ran to its end\n")
    }

    /// Shows a cell's value as `Out[n]`; a value nested too deeply to show is a RecursionError at the
    /// cell's last line (the value is still kept in `_`).
    func show(_ value: Value, number: Int, of source: SourceFile) throws(Diagnostic) {
        defer { remember(value, number: number) }
        let lastLine = source.text.split(separator: "\n", omittingEmptySubsequences: false).count
        let range = SourceRange(SourceLocation(line: lastLine, column: 1), SourceLocation(line: lastLine, column: 1))
        let text = try interpreter.text(of: value, repr: true, range: range)
        records[number]?.result = text
        if let valueHandler { return valueHandler(text, number) }
        unrecorded { output.write(paint("Out[\(number)]: ", "31") + (text.contains("\n") ? "\n" : "") + text + "\n\n") }
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
