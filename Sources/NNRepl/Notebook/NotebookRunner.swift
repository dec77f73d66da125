import NNLang
import NNPlot

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a notebook's cells in order in one interpreter, as Jupyter's "Run All" does: Markdown
/// cells are narration (the lessons' prose), a code cell's last expression is shown as its plain
/// value (without IPython's `Out[n]:` prompt, so a notebook made from a lesson prints the lesson's
/// transcript; a trailing `;` hides it, as in IPython), and IPython's own lines are skipped with a
/// note. Errors carry their cell's source, so they read `notebook.ipynb, cell 7, line 3`.
public final class NotebookRunner {
    public let interpreter: Interpreter
    let output: OutputSink
    let color: Bool
    /// Shows a Markdown cell (its HTML and links made plain by `NotebookMarkdown`); nil leaves
    /// Markdown unshown (as `%run` of a notebook does).
    public var narrate: ((String) -> Void)?
    /// Called before each code cell with its number and code; false stops the run (`--step`'s q).
    public var beforeCell: ((Int, String) -> Bool)?
    /// Whether a cell's last expression is shown (false for `%run`, which runs a notebook as a script).
    public var showsValues = true
    /// How many notebooks `%run` has nested around this one.
    var depth = 0

    public init(interpreter: Interpreter, output: OutputSink, color: Bool = false) {
        self.interpreter = interpreter
        self.output = output
        self.color = color
    }

    /// A code cell as a source: named for the notebook, numbered among the code cells.
    public static func source(_ code: String, notebook name: String, cell number: Int) -> SourceFile {
        SourceFile(name: name, text: code, cell: number)
    }

    /// Runs every cell in order until one fails, as Jupyter's "Run All" does (each cell is read
    /// when its turn comes, so a syntax error stops at its cell, after the cells before it ran).
    /// Returns the errors that stopped it, each carrying its cell's source; empty when the notebook
    /// ran to its end.
    @discardableResult
    public func run(_ notebook: Notebook, name: String) -> [Diagnostic] {
        var prepared: [(NotebookCode, SourceFile)?] = []
        var number = 0
        for cell in notebook.cells {
            guard cell.kind == .code else {
                prepared.append(nil)
                continue
            }
            number += 1
            let code = NotebookCode(cell.source)
            let source = NotebookRunner.source(code.code, notebook: name, cell: number)
            prepared.append((code, source))
        }
        let narration = interpreter.narrationAllowed
        defer { interpreter.narrationAllowed = narration }
        for (cell, preparation) in zip(notebook.cells, prepared) {
            guard let (code, source) = preparation else {
                if cell.kind == .markdown, !cell.source.trimmingCharacters().isEmpty {
                    narrate?(NotebookMarkdown.prose(cell.source))
                }
                continue
            }
            let number = source.cell ?? 0
            if let magic = code.cellMagic, magic.kind != .writeFile { say("(cell \(number), \(magic.note))") }
            for note in code.notes { say("(cell \(number), \(note))") }
            if let task = code.task {
                let errors = perform(task, cell: NotebookRunner.source(cell.source, notebook: name, cell: number))
                if !errors.isEmpty { return errors }
                if interpreter.exitRequested { break }
                continue
            }
            guard code.runs, !code.code.trimmingCharacters().isEmpty else { continue }
            if let beforeCell, !beforeCell(number, cell.source) { return [] }
            // A string standing alone in a code cell is a value, as in Python, not narration.
            interpreter.narrationAllowed = false
            // `%%capture`: the cell runs with its output (and its value) hidden; its errors still show.
            let silent = code.cellMagic?.kind == .capture
            let sink = silent ? interpreter.output as? SilenceableOutput : nil
            sink?.silenced = true
            do {
                let text = try execute(source)
                sink?.silenced = false
                if let text, showsValues, !silent { output.write(text + "\n") }
            } catch {
                sink?.silenced = false
                return error.diagnostics.map { $0.inSource(source) }
            }
            if interpreter.exitRequested { break }
        }
        return []
    }

    /// Runs one code cell (already made ready by `NotebookCode`). Returns the text of the value it
    /// ended with, as Jupyter would show it, or nil when there is none or a `;` hides it.
    public func execute(_ source: SourceFile) throws(DiagnosticList) -> String? {
        interpreter.cancellation.clear()
        guard let value = try interpreter.run(source), !value.isNone, !NotebookRunner.endsQuietly(source.text) else {
            return nil
        }
        let lastLine = source.text.split(separator: "\n", omittingEmptySubsequences: false).count
        let place = SourceLocation(line: lastLine, column: 1)
        do {
            return try interpreter.text(of: value, repr: true, range: SourceRange(place, place))
        } catch {
            throw DiagnosticList(error)
        }
    }

    /// Whether the code's last line ends with `;` (before any comment), which hides its value.
    public static func endsQuietly(_ code: String) -> Bool {
        let lines = code.split(separator: "\n").map(String.init)
        guard
            let last = lines.last(where: { line in
                let trimmed = line.trimmingCharacters()
                return !trimmed.isEmpty && !trimmed.hasPrefix("#")
            })
        else { return false }
        return withoutComment(last).trimmingCharacters().hasSuffix(";")
    }

    /// A line without its `#` comment (a `#` inside quotes is kept).
    static func withoutComment(_ line: String) -> String {
        var quote: Character?
        var escaped = false
        for (offset, character) in line.enumerated() {
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" {
                return String(line.prefix(offset))
            }
        }
        return line
    }

    func say(_ text: String) { output.write(Style(unicode: false, color: color).note(text) + "\n") }
}

/// The tasks a cell can ask for instead of code: `%%writefile` and `%run FILE`.
extension NotebookRunner {
    /// Does `task` for `cell`; the error it stopped at, if any (located at the cell's first line).
    func perform(_ task: NotebookCode.Task, cell: SourceFile) -> [Diagnostic] {
        let number = cell.cell ?? 0
        let name = cell.name
        func failure(_ exception: String, _ text: String) -> [Diagnostic] {
            let line = max(1, (cell.lines.firstIndex { !$0.allSatisfy(\.isWhitespace) } ?? 0) + 1)
            let start = SourceLocation(line: line, column: 1)
            let end = SourceLocation(line: line, column: cell.line(line).count + 1)
            var diagnostic = Diagnostic("\(exception): \(text)", at: SourceRange(start, end)).inSource(cell)
            diagnostic.exception = exception
            diagnostic.exceptionText = text
            return [diagnostic]
        }
        switch task {
        case .writeFile(let path, let text, let append):
            guard !path.isEmpty else { return failure("UsageError", "%%writefile needs a file name") }
            if let problem = Magics.writeFile(text, to: path, append: append) {
                return failure("OSError", "could not write '\(path)': \(problem)")
            }
            say("(cell \(number): %%writefile \(append ? "appended to" : "wrote") \(path))")
            return []
        case .display:
            return []  // what Jupyter would show; the cell's note says it is skipped
        case .runFile(let path):
            guard depth < 20 else {
                return failure("RecursionError", "%run nests more than 20 notebooks deep")
            }
            let folder = name.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            // As Jupyter runs a notebook in its own folder, a file beside the notebook is found too.
            let found =
                [path, folder.isEmpty || path.hasPrefix("/") ? nil : folder + "/" + path].compactMap { $0 }
                .first { access($0, F_OK) == 0 } ?? path
            if Notebook.isNotebook(found) {
                let notebook: Notebook
                do {
                    notebook = try Notebook.read(found)
                } catch {
                    return failure("UsageError", error.message)
                }
                let inner = NotebookRunner(interpreter: interpreter, output: output, color: color)
                inner.showsValues = false
                inner.depth = depth + 1
                return inner.run(notebook, name: found)
            }
            do {
                let source = try SourceFile.read(found)
                do {
                    try interpreter.run(source)
                } catch {
                    return error.diagnostics.map { $0.inSource(source) }
                }
            } catch {
                return failure("UsageError", error.message)
            }
            interpreter.exitRequested = false  // exit() ends the script run, not the notebook
            return []
        }
    }
}
