import ArgumentParser
import NNLang
import NNPlot
import NNRepl
import NNTeach

/// `nn notebook.ipynb`, `nn --check notebook.ipynb` and `nn --to-notebook lesson.nn`.
extension NN {
    /// Runs (or checks) the notebook at `path`; the exit code it failed with, if it did.
    func runNotebook(_ path: String, output: StandardOutput, terminal: Terminal) -> ExitCode? {
        let notebook: Notebook
        do {
            notebook = try Notebook.read(path)
        } catch {
            Terminal.printError("nn: \(error.message)")
            return ExitCode(1)
        }
        let options = InterpreterOptions(
            interactive: terminal.outputIsTerminal, color: terminal.color, unicode: terminal.unicode, seed: seed)
        let interpreter = Interpreter(output: output, options: options)
        interpreter.explainLevel = (explain ?? .epoch).rawValue
        let style = Style(unicode: terminal.teachingUnicode, color: terminal.color,
                          width: terminal.outputIsTerminal ? Style.terminalWidth() : 80)
        Teaching.attach(to: interpreter, style: style, output: output, narration: true, override: explain)
        let formatter = DiagnosticFormatter(color: terminal.errorColor)
        let report = { (errors: [Diagnostic]) -> ExitCode? in
            let placeholder = SourceFile(name: path, text: "")
            for error in errors { Terminal.printError(formatter.format(error, in: placeholder)) }
            return errors.isEmpty ? nil : ExitCode(1)
        }
        if check {
            var number = 0
            let cells = notebook.codeCells.compactMap { cell -> SourceFile? in
                number += 1
                let code = NotebookCode(cell.source)
                return code.runs ? NotebookRunner.source(code.code, notebook: path, cell: number) : nil
            }
            do throws(DiagnosticList) {
                try interpreter.check(cells: cells)
            } catch {
                return report(error.diagnostics)
            }
            output.write("\(path): no problems found\n")
            return nil
        }
        let runner = NotebookRunner(interpreter: interpreter, output: output, color: terminal.color)
        runner.narrate = interpreter.narrationHandler
        if step {
            let presenter = Presenter(output: output, style: style)
            runner.beforeCell = { presenter.present(cell: $0, code: $1) }
        }
        Interruption.install(interpreter.cancellation)
        return report(runner.run(notebook, name: path))
    }

    /// Writes the lesson at `path` to standard output as a notebook.
    func writeNotebook(fromLesson path: String, output: StandardOutput) -> ExitCode? {
        var source = SourceFile(name: "<stdin>", text: "")
        do {
            source = path == "-"
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

extension Presenter {
    /// `nn --step notebook.ipynb`: shows a code cell and waits (Enter runs it, c runs to the end, q quits).
    func present(cell number: Int, code: String) -> Bool {
        guard !continuing else { return true }
        output.write(style.paint("In [\(number)]:", "1;32") + "\n")
        for line in code.split(separator: "\n", omittingEmptySubsequences: false) {
            output.write(style.paint("  " + line, "1;32") + "\n")
        }
        return ask()
    }
}
