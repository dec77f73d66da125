import ArgumentParser
import NNLang
import NNPlot
import NNRepl
import NNTeach

/// `nn notebook.ipynb`, `nn --check notebook.ipynb` and `nn --to-notebook lesson.nn`. A notebook
/// is set up as a program is (teaching, narration, presenter); only running it differs.
extension NN {
    /// Checks or runs the notebook whose JSON text `file` holds; returns its errors, if any.
    func performNotebook(_ interpreter: Interpreter, _ file: SourceFile) -> DiagnosticList? {
        let notebook: Notebook
        do {
            notebook = try Notebook.parse(file.text, name: file.name)
        } catch {
            return DiagnosticList(Diagnostic(error.message, at: nil))
        }
        if check {
            var number = 0
            let cells = notebook.codeCells.compactMap { cell -> SourceFile? in
                number += 1
                let code = NotebookCode(cell.source)
                return code.runs ? NotebookRunner.source(code.code, notebook: file.name, cell: number) : nil
            }
            do throws(DiagnosticList) {
                try interpreter.check(cells: cells)
            } catch {
                return error
            }
            interpreter.output.write("\(file.name): no problems found\n")
            return nil
        }
        let color = interpreter.options.color
        let runner = NotebookRunner(interpreter: interpreter, output: interpreter.output, color: color)
        if let teaching = interpreter.teaching, teaching.narrates { runner.narrate = { teaching.narrate($0) } }
        if step {
            // A notebook is presented a cell at a time, not a statement at a time.
            (interpreter.teaching as? TerminalTeaching)?.presenter = nil
            (interpreter.output as? RecordingOutput)?.recording = false
            let stepper = CellStepper(output: interpreter.output, color: color)
            runner.beforeCell = { stepper.present(cell: $0, code: $1) }
        }
        Interruption.install(interpreter.cancellation)
        let errors = runner.run(notebook, name: file.name)
        return errors.isEmpty ? nil : DiagnosticList(errors)
    }

    /// Writes the lesson at `path` (or standard input, for -) to standard output as a notebook.
    func writeNotebook(fromLesson path: String, output: StandardOutput) -> ExitCode? {
        var source = SourceFile(name: "<stdin>", text: "")
        do {
            source =
                path == "-"
                ? SourceFile(name: "<stdin>", text: Terminal.readStandardInput()) : try SourceFile.read(path)
        } catch {
            Terminal.printError("nn: \(error.message)")
            return ExitCode(1)
        }
        do throws(DiagnosticList) {
            output.write(try LessonNotebook.notebook(from: source).serialized())
            return nil
        } catch {
            let formatter = DiagnosticFormatter(color: false)
            for diagnostic in error.diagnostics { Terminal.printError(formatter.format(diagnostic, in: source)) }
            return ExitCode(1)
        }
    }
}

/// `nn --step notebook.ipynb`: shows each code cell and waits (Enter runs it, c runs to the end, q quits).
final class CellStepper {
    let output: OutputSink
    let color: Bool
    private var continuing = false

    init(output: OutputSink, color: Bool) {
        self.output = output
        self.color = color
    }

    func paint(_ text: String, _ code: String) -> String { Style(unicode: false, color: color).paint(text, code) }

    /// False when the presenter quits.
    func present(cell number: Int, code: String) -> Bool {
        guard !continuing else { return true }
        output.write(paint("In [\(number)]:", "1;32") + "\n")
        for line in code.split(separator: "\n", omittingEmptySubsequences: false) {
            output.write(paint("  " + line, "1;32") + "\n")
        }
        output.write(paint("  [Enter] run   c  run to the end   q  quit", "2") + " ")
        guard let answer = StandardInput.readLine() else {
            output.write("\n")
            continuing = true
            return true
        }
        // A terminal echoes the Enter; scripted answers do not, so end the prompt line here.
        if !Terminal.standardInputIsTerminal { output.write("\n") }
        switch answer.trimmingCharacters() {
        case "q", "quit": return false
        case "c", "continue": continuing = true
        default: break
        }
        return true
    }
}
