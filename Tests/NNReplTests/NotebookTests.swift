import Foundation
import NNLang
import Testing

@testable import NNRepl

/// Reading and writing nbformat 4 notebooks: sources as strings or lists of lines, clear errors for
/// what is not a notebook, and JSON written as nbformat writes it.
@Suite struct NotebookFormatTests {
    func parse(_ json: String) throws(NotebookError) -> Notebook { try Notebook.parse(Data(json.utf8)) }

    func failure(_ json: String) -> String? {
        do {
            _ = try parse(json)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func readsCellsWithSourcesAsStringsOrLists() throws {
        let notebook = try parse(
            """
            {"nbformat": 4, "nbformat_minor": 2, "metadata": {"kernelspec": {"name": "python3"}},
             "cells": [
              {"cell_type": "markdown", "metadata": {}, "source": ["# Title\\n", "Some *text*."]},
              {"cell_type": "code", "execution_count": 3, "metadata": {}, "outputs": [],
               "source": "x = 1\\nx + 1"},
              {"cell_type": "raw", "metadata": {}, "source": []},
              {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["print(x)"]}
             ]}
            """)
        #expect(notebook.cells.map(\.kind) == [.markdown, .code, .raw, .code])
        #expect(notebook.cells[0].source == "# Title\nSome *text*.")
        #expect(notebook.cells[1].source == "x = 1\nx + 1")
        #expect(notebook.cells[1].executionCount == 3)
        #expect(notebook.cells[2].source == "")
        #expect(notebook.codeCells.map(\.source) == ["x = 1\nx + 1", "print(x)"])
        #expect(notebook.minorVersion == 2)
        #expect(notebook.metadata["kernelspec"]?["name"] == .string("python3"))
    }

    @Test func whatIsNotANotebookIsSaidClearly() {
        #expect(failure("{\"cells\": [") == "it is not valid JSON (it ends before its brackets and quotes close)")
        #expect(failure("") == "it is not valid JSON (it ends before its brackets and quotes close)")
        #expect(
            failure("{\"nbformat\": 4,\n \"cells\": x}")
                == "it is not valid JSON (unexpected text at line 2, column 11)")
        #expect(failure("{\"a\": \"\\q\"}") == "it is not valid JSON (invalid escape sequence at line 1, column 8)")
        #expect(failure("[1, 2]") == "its JSON is not an object with \"cells\" and \"nbformat\"")
        #expect(failure("{\"cells\": []}") == "it has no \"nbformat\" version number, so it is not a Jupyter notebook")
        #expect(
            failure("{\"nbformat\": 3, \"worksheets\": []}")
                == "it is nbformat 3, and NNLab reads nbformat 4; open and save it in Jupyter, "
                + "or run `jupyter nbconvert --to notebook --nbformat 4`, to make it 4")
        #expect(failure("{\"nbformat\": 5, \"cells\": []}") == "it is nbformat 5, and NNLab reads nbformat 4")
        #expect(failure("{\"nbformat\": 4}") == "it has no \"cells\" list")
        #expect(
            failure("{\"nbformat\": 4, \"cells\": [{\"source\": \"x\"}]}")
                == "the cell at position 1 in the file has no \"cell_type\" (code, markdown or raw)")
        #expect(
            failure(
                "{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"markdown\", \"source\": \"\"}, "
                    + "{\"cell_type\": \"code\", \"outputs\": []}]}")
                == "the cell at position 2 in the file (code) has no \"source\"")
        #expect(
            failure("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", \"source\": [1, 2]}]}")
                == "the \"source\" of the cell at position 1 in the file (code) is neither a string nor a list of strings"
        )
        #expect(
            failure("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"heading\", \"source\": \"x\"}]}")
                == "the cell at position 1 in the file has the cell_type \"heading\"; "
                + "nbformat 4 has code, markdown and raw")
        #expect(
            failure("{\"nbformat\": 4, \"cells\": [7]}")
                == "the cell at position 1 in the file is not a JSON object")
    }

    @Test func deeplyNestedJSONIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(failure("{\"nbformat\": 4, \"cells\": [], \"metadata\": \(deep)}") != nil)
    }

    @Test func readingAFileSaysWhichFile() throws {
        let folder = try TemporaryFolder()
        try folder.write("not json", to: "bad.ipynb")
        #expect(
            throws: NotebookError(
                "'\(folder.path)/bad.ipynb' is not a notebook NNLab can read: "
                    + "it is not valid JSON"
                    + " (unexpected text at line 1, column 2)")
        ) {
            try Notebook.read(folder.path + "/bad.ipynb")
        }
        #expect(throws: NotebookError.self) { try Notebook.read(folder.path + "/missing.ipynb") }
    }

    @Test func writesNBFormat45AsJupyterDoes() {
        let notebook = Notebook(
            cells: [
                .markdown("# Title\nText with \"quotes\", a tab\t and é."),
                .code("x = 1\nx", count: 1, outputs: [Notebook.executeResult("1", count: 1)]),
                .code("print('a\\nb')", count: 2, outputs: [Notebook.stream("a\nb\n")]),
                .code(""),
            ], metadata: [:])
        #expect(
            notebook.serialized() == """
                {
                 "cells": [
                  {
                   "cell_type": "markdown",
                   "id": "cell-1",
                   "metadata": {},
                   "source": [
                    "# Title\\n",
                    "Text with \\"quotes\\", a tab\\t and é."
                   ]
                  },
                  {
                   "cell_type": "code",
                   "execution_count": 1,
                   "id": "cell-2",
                   "metadata": {},
                   "outputs": [
                    {
                     "data": {
                      "text/plain": [
                       "1"
                      ]
                     },
                     "execution_count": 1,
                     "metadata": {},
                     "output_type": "execute_result"
                    }
                   ],
                   "source": [
                    "x = 1\\n",
                    "x"
                   ]
                  },
                  {
                   "cell_type": "code",
                   "execution_count": 2,
                   "id": "cell-3",
                   "metadata": {},
                   "outputs": [
                    {
                     "name": "stdout",
                     "output_type": "stream",
                     "text": [
                      "a\\n",
                      "b\\n"
                     ]
                    }
                   ],
                   "source": [
                    "print('a\\\\nb')"
                   ]
                  },
                  {
                   "cell_type": "code",
                   "execution_count": null,
                   "id": "cell-4",
                   "metadata": {},
                   "outputs": [],
                   "source": []
                  }
                 ],
                 "metadata": {},
                 "nbformat": 4,
                 "nbformat_minor": 5
                }

                """)
    }

    @Test func whatIsWrittenReadsBackTheSame() throws {
        let notebook = Notebook(cells: [
            .markdown("Control \u{01} and \u{1F} characters, a \\ and a /"),
            .code(
                "a = [1,\n  2]\n", count: 7,
                outputs: [Notebook.error(name: "ValueError", value: "bad", traceback: ["x"])]),
        ])
        var again = try Notebook.parse(Data(notebook.serialized().utf8))
        #expect(again.cells.map(\.id) == ["cell-1", "cell-2"])
        again.cells = again.cells.map {
            var cell = $0
            cell.id = nil
            return cell
        }
        #expect(again == notebook)
        #expect(notebook.serialized().contains("\"Control \\u0001 and \\u001f characters, a \\\\ and a /\""))
    }

    @Test func keptIdsStayAndNewOnesDoNotClash() throws {
        var first = Notebook.Cell.code("a")
        first.id = "cell-2"
        let text = Notebook(cells: [first, .code("b")]).serialized()
        let ids = try Notebook.parse(Data(text.utf8)).cells.compactMap(\.id)
        #expect(ids == ["cell-2", "cell-2-"])
    }
}

/// IPython's own lines in code cells: skipped with one note each, line numbers kept.
@Suite struct NotebookCodeTests {
    @Test func magicsAndShellLinesAreSkippedWithANoteEach() {
        let code = NotebookCode("%matplotlib inline\nimport numpy as np\n!pip install -q tensorflow\nx = 1")
        #expect(code.code == "\nimport numpy as np\n\nx = 1")
        #expect(
            code.notes == [
                "line 1: `%matplotlib inline` is a Jupyter magic; skipped",
                "line 3: `!pip install -q tensorflow` is a shell command; skipped",
            ])
        #expect(code.runs)
    }

    @Test func timingMagicsRunTheirCode() {
        let cell = NotebookCode("%%time\nmodel.fit(X, y)")
        #expect(cell.code == "\nmodel.fit(X, y)")
        #expect(cell.notes.isEmpty)
        #expect(cell.cellMagic?.kind == .run)
        #expect(cell.cellMagic?.note == "line 1: `%%time` is a Jupyter cell magic; the cell runs untimed")
        let line = NotebookCode("for i in range(2):\n    %time total = i * 2")
        #expect(line.code == "for i in range(2):\n    total = i * 2")
        #expect(line.notes == ["line 2: `%time total = i * 2` is a Jupyter magic; its statement runs once, untimed"])
    }

    @Test func aCellInAnotherLanguageIsSkipped() {
        let cell = NotebookCode("%%bash\nls -l\necho done")
        #expect(!cell.runs)
        #expect(cell.cellMagic?.note == "`%%bash` runs the cell in bash, and NNLab runs no other programs; skipped")
        let script = NotebookCode("%%script python3 --out x\nprint(1)")
        #expect(!script.runs)
        #expect(script.cellMagic?.kind == .otherProgram("python3"))
        #expect(NotebookCode("x = 1\n%%time\ny = 2").runs, "a cell magic counts only on the first line")
    }

    /// Each cell magic as IPython has it: code that runs, something Jupyter shows, another program's
    /// input, a file, or a name IPython does not know.
    @Test func cellMagicsByKind() {
        let cases: [(String, NotebookCode.CellMagic.Kind, Bool)] = [
            ("%%time", .run, true), ("%%timeit -n 10", .run, true), ("%%prun", .run, true),
            ("%%capture out", .capture, true), ("%%html", .display(mimeType: "text/html", what: "HTML"), false),
            ("%%javascript", .display(mimeType: "application/javascript", what: "JavaScript"), false),
            ("%%js", .display(mimeType: "application/javascript", what: "JavaScript"), false),
            ("%%latex", .display(mimeType: "text/latex", what: "LaTeX"), false),
            ("%%markdown", .display(mimeType: "text/markdown", what: "Markdown"), false),
            ("%%svg", .display(mimeType: "image/svg+xml", what: "SVG"), false),
            ("%%sh", .otherProgram("sh"), false), ("%%file x.py", .writeFile, false), ("%%nonsense", .unknown, false),
        ]
        for (line, kind, runs) in cases {
            let cell = NotebookCode(line + "\nx = 1")
            #expect(cell.cellMagic?.kind == kind, "\(line)")
            #expect(cell.runs == runs, "\(line)")
            if runs { #expect(cell.code == "\nx = 1") }
        }
        #expect(
            NotebookCode("%%html\n<b>bold</b>\n<i>it</i>").task
                == .display(mimeType: "text/html", text: "<b>bold</b>\n<i>it</i>"))
        #expect(
            NotebookCode("%%capture out\nx = 1").cellMagic?.note
                == "line 1: `%%capture out` hides the cell's output; it runs silently (`out` is not set: NNLab keeps no captured output)"
        )
        #expect(
            NotebookCode("%%nonsense\nx").cellMagic?.note
                == "`%%nonsense` is not a cell magic IPython has (Cell magic `%%nonsense` not found); skipped")
    }

    @Test func setupMagicsGoQuietlyWhenAsked() {
        let cell = NotebookCode("%matplotlib inline\nif True:\n    %load_ext autoreload\n!ls\nx = 1", quietSetup: true)
        #expect(cell.code == "\nif True:\n    pass\n\nx = 1")
        #expect(cell.notes == ["line 4: `!ls` is a shell command; skipped"])
    }

    @Test func writefileAndARunAloneAreTasks() {
        let write = NotebookCode("%%writefile -a 'my helper.py'\ndef twice(x):\n    return 2 * x")
        #expect(write.task == .writeFile(path: "my helper.py", text: "def twice(x):\n    return 2 * x", append: true))
        #expect(!write.runs)
        #expect(NotebookCode("\n%run lab_utils.py\n").task == .runFile("lab_utils.py"))
        let mixed = NotebookCode("%run lab_utils.py\nx = 1")
        #expect(mixed.task == nil, "a %run among code is skipped with a note")
        #expect(mixed.notes == ["line 1: `%run lab_utils.py` is a Jupyter magic; skipped"])
    }

    @Test func aMagicAloneInABlockBecomesPass() {
        let cell = NotebookCode("if 'google.colab' in sys.modules:\n    %pip install -q keras_tuner\nx = 1")
        #expect(cell.code == "if 'google.colab' in sys.modules:\n    pass\nx = 1")
    }

    @Test func percentLinesInsideStringsAreText() {
        let source = "text = '''\n%matplotlib inline\n!not a command\n'''\n%who"
        let cell = NotebookCode(source)
        #expect(cell.code == "text = '''\n%matplotlib inline\n!not a command\n'''\n")
        #expect(cell.notes.count == 1)
    }

    @Test func aTrailingSemicolonHidesTheValue() {
        #expect(NotebookRunner.endsQuietly("model.fit(X, y);"))
        #expect(NotebookRunner.endsQuietly("x = 1\nplot(h);  # no value\n\n"))
        #expect(!NotebookRunner.endsQuietly("x;\ny"))
        #expect(!NotebookRunner.endsQuietly("print('a;')  # ;"))
        #expect(!NotebookRunner.endsQuietly(""))
    }
}

/// Running a notebook: Markdown as narration, last values shown, errors naming the cell and line.
@Suite struct NotebookRunnerTests {
    func run(_ cells: [Notebook.Cell]) -> (output: String, errors: String) {
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        let runner = NotebookRunner(interpreter: interpreter, output: output)
        runner.narrate = { output.write("[narration: \($0)]\n") }
        let errors = runner.run(Notebook(cells: cells), name: "lab.ipynb")
        let formatter = DiagnosticFormatter()
        let text = errors.map { formatter.format($0, in: SourceFile(name: "lab.ipynb", text: "")) }
        return (output.text, text.joined(separator: "\n"))
    }

    @Test func cellsRunInOrderAndShowTheirLastValue() {
        let result = run([
            .markdown("# Lab\nSome text."),
            .code("%matplotlib inline\nx = 6 * 7\nx"),
            .code("'a string alone is a value, not narration'\nx + 1;"),
            .code("print('printed')\n[x, x]"),
            .code("None"),
            .code("   "),
            .markdown("   "),
        ])
        #expect(
            result.output == """
                [narration: # Lab
                Some text.]
                (cell 1, line 1: `%matplotlib inline` is a Jupyter magic; skipped)
                42
                printed
                [42, 42]

                """)
        #expect(result.errors.isEmpty)
    }

    /// Cell magics run their code where IPython would (`%%capture` silently, `%%timeit` once and
    /// untimed: a transcript has no timings), or are skipped with one note; a magic or shell line
    /// inside a cell is skipped and the rest runs, its errors still on the cell's own lines.
    @Test func cellMagicsAndMagicLinesInsideCells() {
        let result = run([
            .code("%%capture\nprint('hidden')\ny = 2\ny"),
            .code("%%html\n<b>bold</b>"),
            .code("%%timeit\nz = y * 3\nprint(z)"),
            .code("%%bash\nls"),
            .code("%%nonsense\nfoo"),
            .code("a = 1\n!ls\nif a:\n    %who\nprint(a + y)"),
            .code("b = 1\n%time c = b + 1\nprint(c)\nmissing_name"),
        ])
        #expect(
            result.output == """
                (cell 1, line 1: `%%capture` hides the cell's output; it runs silently)
                (cell 2, `%%html` is HTML for Jupyter to show, not Python code; skipped here)
                (cell 3, line 1: `%%timeit` is a Jupyter cell magic; the cell runs once, untimed)
                6
                (cell 4, `%%bash` runs the cell in bash, and NNLab runs no other programs; skipped)
                (cell 5, `%%nonsense` is not a cell magic IPython has (Cell magic `%%nonsense` not found); skipped)
                (cell 6, line 2: `!ls` is a shell command; skipped)
                (cell 6, line 4: `%who` is a Jupyter magic; skipped)
                3
                (cell 7, line 2: `%time c = b + 1` is a Jupyter magic; its statement runs once, untimed)
                2

                """)
        #expect(result.errors.contains(" --> lab.ipynb, cell 7, line 4, column 1"))
        #expect(result.errors.contains("name 'missing_name' is not defined"))
    }

    @Test func anErrorInAMiddleCellStopsThereNamingTheCellAndLine() {
        let result = run([
            .code("a = 1"),
            .markdown("Next, a mistake."),
            .code("b = a + 1\nprint(b)\nc = b + undefined_name"),
            .code("print('never')"),
        ])
        #expect(result.output == "[narration: Next, a mistake.]\n2\n")
        #expect(
            result.errors == """
                error: name 'undefined_name' is not defined
                 --> lab.ipynb, cell 2, line 3, column 9
                  |
                3 | c = b + undefined_name
                  |         ^^^^^^^^^^^^^^
                """)
    }

    @Test func anErrorInAFunctionFromAnEarlierCellPointsThere() {
        let result = run([
            .code("def half(x):\n    return x / zero"),
            .code("half(4)"),
        ])
        #expect(result.errors.contains(" --> lab.ipynb, cell 1, line 2, column 16"))
        #expect(result.errors.contains("2 |     return x / zero"))
    }

    @Test func aSyntaxErrorStopsAtItsCellAfterTheCellsBeforeRan() {
        let result = run([.code("print('first')"), .code("x = (1,"), .code("ok = 1"), .code("def f(:\n    pass")])
        #expect(result.output == "first\n", "as Jupyter's Run All: the cells before it run")
        #expect(result.errors.contains("lab.ipynb, cell 2, line 1"))
        #expect(!result.errors.contains("cell 4"), "a later cell is not read yet")
    }

    @Test func writefileWritesAHelperThatALaterCellImports() throws {
        let folder = try TemporaryFolder()
        let helper = folder.path + "/notebook_helper_\(getpid()).py"
        let result = run([
            .code("%%writefile \(helper)\ndef twice(x):\n    return 2 * x"),
            .code("%run \(helper)\ntwice(4)"),
            .code("%run \(helper)"),
            .code("twice(5)"),
        ])
        #expect(folder.read(String(helper.split(separator: "/").last ?? "")) == "def twice(x):\n    return 2 * x")
        // A long magic line is shown cut to 57 characters, and TMPDIR decides the path's length.
        let runLine = "%run \(helper)"
        let shownLine = runLine.count > 60 ? String(runLine.prefix(57)) + "..." : runLine
        #expect(
            result.output == """
                (cell 1: %%writefile wrote \(helper))
                (cell 2, line 1: `\(shownLine)` is a Jupyter magic; skipped)

                """)
        #expect(result.errors.contains("name 'twice' is not defined"), "the %run among code did not run")
        let ran = run([
            .code("%%writefile \(helper)\ndef twice(x):\n    return 2 * x"), .code("%run \(helper)"),
            .code("twice(5)"),
        ])
        #expect(ran.output.hasSuffix("10\n"))
        #expect(ran.errors.isEmpty)
    }

    @Test func aNotebookThatRunsItselfStops() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/self.ipynb"
        try folder.write(
            Notebook(cells: [.code("print('again')"), .code("%run \(path)")]).serialized(), to: "self.ipynb")
        let result = run([.code("%run \(path)")])
        #expect(result.errors.contains("RecursionError: %run nests more than 20 notebooks deep"))
        #expect(result.output.components(separatedBy: "again\n").count - 1 == 20)
    }

    @Test func exitEndsTheNotebook() {
        let result = run([.code("print(1)"), .code("exit()"), .code("print(2)")])
        #expect(result.output == "1\n")
        #expect(result.errors.isEmpty)
    }

    @Test func checkingResolvesNamesAcrossCells() {
        let interpreter = Interpreter(output: CapturedOutput())
        let cells = ["import numpy as np\nx = np.ones(2)", "y = x + 1", "z = y + w"].enumerated().map {
            NotebookRunner.source($0.element, notebook: "lab.ipynb", cell: $0.offset + 1)
        }
        #expect(throws: DiagnosticList.self) { try interpreter.check(cells: cells) }
        do {
            try interpreter.check(cells: cells)
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics.first?.source?.cell == 3)
        }
        #expect(throws: Never.self) { try interpreter.check(cells: Array(cells.prefix(2))) }
    }
}

/// Damaged notebooks (bytes dropped, doubled or changed, from a fixed seed) are errors or notebooks,
/// never a crash; whatever reads as a notebook goes through the cell preparation and the parser.
@Suite struct NotebookDamageTests {
    @Test func damagedNotebooksNeverCrash() {
        let original = Array(
            Notebook(cells: [
                .markdown("# Lab\n<img src=\"a.png\"> [link](http://x) ![p](q.png) <!-- c"),
                .code(
                    "%matplotlib inline\nimport numpy as np\nx = np.ones(3)\nx.sum()", count: 1,
                    outputs: [Notebook.executeResult("3.0", count: 1)]),
                .code("%%writefile h.py\nprint(1)"), .code("%run h.py"), .code("for i in range(2):\n    !ls\n"),
            ]).serialized().utf8)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var notebooks = 0
        for _ in 0..<400 {
            var bytes = original
            for _ in 0..<(1 + next(4)) {
                let at = next(bytes.count)
                switch next(3) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(bytes[at], at: at)
                default: bytes[at] = UInt8(truncatingIfNeeded: next(256))
                }
            }
            guard let notebook = try? Notebook.parse(Data(bytes)) else { continue }
            notebooks += 1
            for cell in notebook.cells {
                _ = NotebookMarkdown.prose(cell.source)
                let code = NotebookCode(cell.source)
                _ = try? Parser.parse(code.code)
            }
            _ = notebook.serialized()
        }
        #expect(notebooks > 0)
    }
}
