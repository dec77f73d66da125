import NNLang

/// `%load` and `%run` of a notebook.
extension Magics {
    /// A notebook's code for `%load`: its code cells (IPython's own lines left out) one after the
    /// other, a blank line between them; nil (after saying why) when it cannot be read.
    func notebookCode(_ path: String) -> String? {
        do {
            let cells = try Notebook.read(path).codeCells.map { NotebookCode($0.source) }
            return cells.filter(\.runs).map { $0.code.trimmingBlankLines() }.filter { !$0.isEmpty }
                .joined(separator: "\n\n")
        } catch {
            say("UsageError: \(error.message)")
            return nil
        }
    }

    /// `%run notebook.ipynb`: its code cells run here as a script (values and Markdown unshown, as
    /// IPython's `%run` does); its variables stay.
    func runNotebook(_ path: String) {
        let notebook: Notebook
        do {
            notebook = try Notebook.read(path)
        } catch {
            return say("UsageError: \(error.message)")
        }
        let runner = NotebookRunner(interpreter: interpreter, output: output, color: session.color)
        runner.showsValues = false
        for error in runner.run(notebook, name: path) {
            output.write(session.formatter.format(error, in: SourceFile(name: path, text: "")) + "\n")
        }
        interpreter.exitRequested = false
    }
}

extension String {
    /// The text without blank lines at its start and end.
    func trimmingBlankLines() -> String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, String(first).trimmingCharacters().isEmpty { lines.removeFirst() }
        while let last = lines.last, String(last).trimmingCharacters().isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
