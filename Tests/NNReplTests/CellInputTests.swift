import NNLang
import Testing

@testable import NNRepl

/// Cells entered whole (a paste, a recalled cell), auto-indent, pastes on terminals that do not
/// mark them, cells in the history file, Tab that indents, and `%cpaste`.
@Suite struct CellInputTests {
    static let myDense = """
        import numpy as np
        def my_dense(a_in, W, b):
            units = W.shape[1]
            a_out = np.zeros(units)

            for j in range(units):
                w = W[:, j]
                a_out[j] = np.dot(w, a_in) + b[j]
            return a_out
        my_dense(np.array([1.0, 2.0]), np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([0.5, -0.5]))
        """

    func run(_ inputs: [LineInput], waiting: Bool = false) -> (Session, CapturedOutput, ScriptedLineReader) {
        let output = CapturedOutput()
        let reader = ScriptedLineReader(inputs)
        reader.inputIsWaiting = waiting
        let session = Session(interpreter: Interpreter(output: output), reader: reader, output: output)
        session.run()
        return (session, output, reader)
    }

    @Test func aPastedCellWithABlankLineInsideRunsWhole() {
        let (session, output, reader) = run([.cell(Self.myDense), .line("units = 3")])
        #expect(output.text == "Out[1]: array([1.5, 1.5])\n\n")
        #expect(session.cells[1] == Self.myDense)
        #expect(reader.remembered == [Self.myDense, "units = 3"])
    }

    @Test func aPasteWithABracketLeftOpenAsksForMore() {
        let (_, output, reader) = run([.cell("x = [1,\n2,"), .line("3]"), .line("x")])
        #expect(output.text == "Out[2]: [1, 2, 3]\n\n")
        #expect(reader.remembered.first == "x = [1,\n2,\n3]")
    }

    @Test func typedBlocksAreAutoIndented() {
        let (_, output, reader) = run([
            .line("def f(xs):"), .line("    total = 0"), .line("    for x in xs:"), .line("        if x > 0:"),
            .line("            total += x"), .line("    return total"), .line(""), .line("f([1, -2, 3])"),
        ])
        #expect(output.text == "Out[2]: 4\n\n")
        #expect(reader.indents == [0, 4, 4, 8, 12, 12, 0, 0, 0])
        #expect(
            reader.remembered.first == "def f(xs):\n    total = 0\n    for x in xs:\n        if x > 0:\n"
                + "            total += x\n    return total\n")
    }

    @Test(arguments: [
        ("for i in x:", 4), ("    y = 1", 4), ("        return y", 4), ("    pass", 0), ("if a:  # yes", 4),
        ("x = 1", 0), ("\tif b:", 8), ("    raise ValueError('no')", 0),
    ])
    func indentAfterALine(_ line: String, _ indent: Int) {
        #expect(InputCompleteness.indent(after: line) == indent, "\(line)")
    }

    @Test func typedInputKeepsTodaysRules() {
        // A blank line ends a block when nothing more is waiting: the indented line is an error.
        let (_, output, _) = run([.line("def f():"), .line("    a = 1"), .line(""), .line("    return a"), .line("7")])
        #expect(output.text.contains("IndentationError") || output.text.contains("unexpected indent"))
        #expect(output.text.contains("Out[3]: 7"))
    }

    @Test func waitingInputAfterABlankLineContinuesTheBlock() {
        // A paste on a terminal without bracketed paste: the lines arrive already waiting.
        let lines = Self.myDense.split(separator: "\n", omittingEmptySubsequences: false)
            .map { LineInput.line(String($0)) }
        let (session, output, _) = run(lines, waiting: true)
        // As typed, the block goes on to the call after it (no blank line ends it).
        #expect(output.text == "Out[2]: array([1.5, 1.5])\n\n")
        #expect(session.cells[2]?.contains("np.zeros(units)\n\n    for j in range(units):\n") == true)
    }

    @Test func commentsAtTheMarginInsideAPastedBlockWaitForTheCodeAfterThem() {
        // The course's graded cells: a line of spaces, then `### END CODE HERE ###` at the margin.
        let lines = [
            "def g(A):", "### START CODE HERE ###", "    B = A * 2", "    ", "### END CODE HERE ###",
            "    return B", "", "# a comment", "g(21)",
        ]
        let (session, output, _) = run(lines.map { .line($0) }, waiting: true)
        #expect(output.text == "Out[3]: 42\n\n")
        #expect(session.cells[1] == lines[0...6].joined(separator: "\n"))
    }

    @Test func waitingInputThatIsNotIndentedStartsTheNextCell() {
        let (_, output, _) = run(
            [.line("for i in range(2):"), .line("    print(i)"), .line(""), .line("i * 10")],
            waiting: true)
        #expect(output.text == "0\n1\nOut[2]: 10\n\n")
    }

    @Test func cpasteRunsLinesUntilTwoDashes() {
        let (session, output, reader) = run([
            .line("%cpaste"), .line(">>> def g(x):"), .line("...     return x * 2"), .line(""), .line(">>> g(21)"),
            .line("--"), .line("g(1)"),
        ])
        #expect(
            output.text
                == "Pasting code; enter '--' alone on the line to stop or use Ctrl-D.\nOut[1]: 42\n\nOut[2]: 2\n\n")
        #expect(session.cells[1] == "def g(x):\n    return x * 2\n\ng(21)")
        #expect(reader.prompts.filter { $0 == ":" }.count == 5)
        #expect(reader.remembered.contains("def g(x):\n    return x * 2\n\ng(21)"))
    }

    @Test func cpasteTakesAMarkedPasteAndDedents() {
        let (_, output, _) = run([.line("%cpaste"), .cell("    a = 2\n\n    a + 1\n--"), .line("a")])
        #expect(output.text.hasSuffix("Out[1]: 3\n\nOut[2]: 2\n\n"))
    }

    @Test func aPasteLosesItsPromptsAndMargin() {
        let (session, output, _) = run([
            .cell("    total = 0\n    for i in range(3):\n        total += i\n    total"),
            .cell(">>> def h(x):\n...     return x + 1\n...\n>>> h(1)"),
            .cell("In [7]: def k(x):\n   ...:     return x * 3\n   ...: \nIn [8]: k(2)"),
        ])
        #expect(output.text == "Out[1]: 3\n\nOut[2]: 2\n\nOut[3]: 6\n\n")
        #expect(session.cells[3] == "def k(x):\n    return x * 3\n\nk(2)")
    }

    @Test func editNeedsAnEarlierCell() {
        let (_, output, _) = run([.line("%edit 5"), .line("%edit x")])
        #expect(
            output.text == "UsageError: %edit takes the number of an earlier cell, like %edit 3\n"
                + "UsageError: %edit takes the number of an earlier cell, like %edit 3\n")
    }

    @Test func pastedTextBecomesACell() {
        #expect(PastedText.normalized("a = 1\r\rb = 2\r\n  \r\n") == "a = 1\n\nb = 2")
        #expect(PastedText.normalized("x  ") == "x  ")
        #expect(PastedText.normalized("def f():\n    return 1\n\n") == "def f():\n    return 1")
    }

    @Test func tabWithOnlySpacesBeforeTheCursorIndents() {
        let completer = Completer(interpreter: Interpreter(output: CapturedOutput()))
        #expect(completer.complete("") == ["    "])
        #expect(completer.complete("  ") == ["  "])
        #expect(completer.complete("    ") == ["    "])
        #expect(completer.complete("    pri").contains("print"))
        #expect(completer.complete("    x = pri").contains("print"))
    }
}

@Suite struct HistoryCellTests {
    @Test func cellsRoundTripWithBlankLinesAndOldFilesStillRead() throws {
        let folder = try TemporaryFolder()
        // A file from before cells were kept: a line per entry.
        try folder.write("x = 1\n    print(x)\n\ny = 2\n", to: "history")
        let history = HistoryFile(path: folder.path + "/history") { _ in }
        #expect(history.load() == ["x = 1", "    print(x)", "y = 2"])
        history.append(CellInputTests.myDense)
        history.append("\n\nz = 3")
        #expect(
            HistoryFile(path: folder.path + "/history") { _ in }.load()
                == ["x = 1", "    print(x)", "y = 2", CellInputTests.myDense, "z = 3"])
        #expect(folder.read("history")?.contains("\n   ...: \n   ...:     for j in range(units):\n") == true)
    }

    @Test func aCellCutAtTheStartOfWhatIsReadIsDropped() {
        #expect(HistoryFile.cells(fromLines: ["   ...:     return 1", "a", "   ...: b", "", "c"]) == ["a\nb", "c"])
    }
}
