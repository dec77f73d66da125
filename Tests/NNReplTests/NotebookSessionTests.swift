import Foundation
import NNLang
import Testing

@testable import NNRepl

/// Lessons and REPL sessions written as notebooks, and notebooks read by `%load` and `%run`.
@Suite struct NotebookSessionTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    func session(_ lines: [String]) -> String {
        let captured = CapturedOutput()
        let output = OutputRecorder(forwardingTo: captured)
        let reader = ScriptedLineReader(lines: lines)
        Session(interpreter: Interpreter(output: output), reader: reader, output: output).run()
        return captured.text
    }

    @Test func saveWritesCellsWithTheirOutputsAndCounts() throws {
        let path = folder.path + "/session.ipynb"
        let text = session([
            "x = 6 * 7", "print('x is', x)", "%who", "x", "x + undefined", "for i in range(2):\n    print(i)\n",
            "%save \(path)",
        ])
        #expect(text.contains("The following commands were written to file `\(path)`:\nx = 6 * 7\n"))
        let notebook = try Notebook.read(path)
        #expect(notebook.cells.map(\.executionCount) == [1, 2, 4, 5, 6], "the magic in cell 3 is left out")
        #expect(
            notebook.cells.map(\.source) == [
                "x = 6 * 7", "print('x is', x)", "x", "x + undefined", "for i in range(2):\n    print(i)",
            ])
        #expect(notebook.cells[0].outputs.isEmpty)
        #expect(notebook.cells[1].outputs == [Notebook.stream("x is 42\n")])
        #expect(notebook.cells[2].outputs == [Notebook.executeResult("42", count: 4)])
        #expect(notebook.cells[3].outputs.first?["ename"] == .string("NameError"))
        #expect(notebook.cells[3].outputs.first?["evalue"] == .string("name 'undefined' is not defined"))
        #expect(notebook.cells[4].outputs == [Notebook.stream("0\n1\n")])
        #expect(notebook.metadata["kernelspec"]?["name"] == .string("nnlab"))
        #expect(notebook.minorVersion == 5)
    }

    @Test func saveAppendsCellsToANotebook() throws {
        let path = folder.path + "/more.ipynb"
        _ = session(["a = 1", "%save \(path)", "b = 2", "%save -a \(path) 3"])
        #expect(try Notebook.read(path).cells.map(\.source) == ["a = 1", "b = 2"])
        try folder.write("not json", to: "broken.ipynb")
        let text = session(["a = 1", "%save -a \(folder.path)/broken.ipynb"])
        #expect(text.contains("UsageError: '\(folder.path)/broken.ipynb' is not a notebook NNLab can read"))
        #expect(folder.read("broken.ipynb") == "not json")
    }

    @Test func loadAndRunTakeNotebooks() throws {
        let notebook = Notebook(cells: [
            .markdown("# Setup"), .code("%matplotlib inline\nimport numpy as np\nx = np.arange(3)"),
            .code("total = int(x.sum())\ntotal"),
        ])
        try folder.write(notebook.serialized(), to: "lab.ipynb")
        let loaded = session(["%load \(folder.path)/lab.ipynb", "total * 2"])
        #expect(
            loaded.contains(
                "# %load \(folder.path)/lab.ipynb\nimport numpy as np\nx = np.arange(3)\n\n"
                    + "total = int(x.sum())\ntotal\n"))
        #expect(loaded.contains("Out[1]: 3"))
        #expect(loaded.contains("Out[2]: 6"))
        let ran = session(["%run \(folder.path)/lab.ipynb", "total + 1"])
        #expect(ran.hasPrefix("(cell 1, line 1: `%matplotlib inline` is a Jupyter magic; skipped)\n"))
        #expect(!ran.contains("Setup"), "a notebook run by %run shows no Markdown, as IPython's")
        #expect(ran.contains("Out[2]: 4"))
        let failing = session(["%run \(folder.path)/missing.ipynb", "%load \(folder.path)/missing.ipynb"])
        #expect(failing.components(separatedBy: "UsageError: ").count == 3)
    }

    @Test func anErrorInANotebookRunByRunNamesItsCell() throws {
        try folder.write(Notebook(cells: [.code("a = 1"), .code("b = a / nothing")]).serialized(), to: "bad.ipynb")
        let text = session(["%run \(folder.path)/bad.ipynb", "a"])
        #expect(text.contains(" --> \(folder.path)/bad.ipynb, cell 2, line 1, column 9"))
        #expect(text.contains("Out[2]: 1"), "the cells before the error keep their variables")
    }
}

/// `nn --to-notebook`: narration becomes Markdown, code is split at narration and `pause()`.
@Suite struct LessonNotebookTests {
    @Test func narrationAndPausesMakeTheCells() throws {
        let lesson = """
            \"\"\"
            # Lesson
            Some **prose**.
            \"\"\"
            import numpy as np

            # a comment stays with its code
            x = np.ones(2)
            print(x)
            pause()
            y = x * 2; pause()
            \"\"\"
                Indented narration,
                  kept as Markdown.
            \"\"\"
            def f():
                \"\"\"A docstring is not narration.\"\"\"
                pause()
                return 1
            f()

            """
        let notebook = try LessonNotebook.notebook(from: SourceFile(name: "lesson.nn", text: lesson))
        #expect(notebook.cells.map(\.kind) == [.markdown, .code, .code, .markdown, .code])
        #expect(
            notebook.cells.map(\.source) == [
                "# Lesson\nSome **prose**.",
                "import numpy as np\n\n# a comment stays with its code\nx = np.ones(2)\nprint(x)",
                "y = x * 2; pause()",
                "Indented narration,\n  kept as Markdown.",
                "def f():\n    \"\"\"A docstring is not narration.\"\"\"\n    pause()\n    return 1\nf()",
            ])
    }

    @Test func aLessonWithASyntaxErrorIsReported() {
        #expect(throws: DiagnosticList.self) {
            try LessonNotebook.notebook(from: SourceFile(name: "bad.nn", text: "x = (1,\n"))
        }
    }
}
