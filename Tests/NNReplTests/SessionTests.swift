import NNLang
import Testing

@testable import NNRepl

/// The REPL loop through an injected line reader: cells, continuation, Out numbering, magics, errors.
@Suite struct SessionTests {
    func session(_ lines: [String]) -> (Session, CapturedOutput, ScriptedLineReader) {
        let output = CapturedOutput()
        let reader = ScriptedLineReader(lines: lines)
        let session = Session(interpreter: Interpreter(output: output), reader: reader, output: output)
        session.run()
        return (session, output, reader)
    }

    @Test func expressionsShowOutAndAssignmentsDoNot() {
        let (_, output, reader) = session(["x = 6 * 7", "x", "x + 1;", "[x, _]"])
        #expect(output.text == "Out[2]: 42\n\nOut[4]: [42, 42]\n\n")
        #expect(reader.prompts == ["In [1]: ", "In [2]: ", "In [3]: ", "In [4]: ", "In [5]: "])
    }

    @Test func aValueTooDeepToShowIsARecursionErrorAndTheSessionGoesOn() {
        let (session, output, _) = session([
            "keep = 7", "v = []", "for i in range(2000):\n    v = [v]\n", "v", "keep", "len(_) if False else 1",
        ])
        #expect(output.text.contains("RecursionError: maximum recursion depth exceeded while getting the repr"))
        #expect(output.text.contains(" --> In [4]:1:1"))
        #expect(output.text.contains("Out[5]: 7"))
        #expect(session.count == 7)
    }

    @Test func notebookMagicsAreAcceptedAndTheCellsGoOn() {
        let (_, output, _) = session(["%matplotlib inline", "%load_ext autoreload", "1 + 1"])
        #expect(output.text.contains("(%matplotlib is for Jupyter notebooks; NNLab needs nothing here and goes on)"))
        #expect(!output.text.contains("UsageError"))
        #expect(output.text.contains("Out[3]: 2"))
    }

    @Test func underscoreNamesAndOut() {
        let (session, output, _) = session(["1 + 1", "10", "_ + __", "_2 * 100", "Out[1]"])
        #expect(output.text.contains("Out[3]: 12"))
        #expect(output.text.contains("Out[4]: 1000"))
        #expect(output.text.contains("Out[5]: 2"))
        #expect(session.count == 6)
    }

    @Test func openBracketsAndBackslashesContinueTheCell() {
        let (_, output, reader) = session(["values = [1,", "  2,", "  3]", "total = 1 + \\", "  2", "values, total"])
        #expect(reader.prompts == ["In [1]: ", "   ...: ", "   ...: ", "In [2]: ", "   ...: ", "In [3]: ", "In [4]: "])
        #expect(output.text == "Out[3]: ([1, 2, 3], 3)\n\n")
    }

    @Test func tripleQuotedStringsContinue() {
        let (_, output, reader) = session(["text = '''one", "two'''", "len(text)"])
        #expect(reader.prompts.prefix(3) == ["In [1]: ", "   ...: ", "In [2]: "])
        #expect(output.text == "Out[2]: 7\n\n")
    }

    @Test func anErrorKeepsTheSessionAndItsVariables() {
        let (_, output, _) = session(["a = 5", "b = a +", "print(undefined)", "a * 2"])
        #expect(output.text.contains("syntax error"))
        #expect(output.text.contains("--> In [3]:1:7"))
        #expect(output.text.contains("name 'undefined' is not defined"))
        #expect(output.text.hasSuffix("Out[4]: 10\n\n"))
    }

    @Test func interruptAtThePromptClearsTheLine() {
        let output = CapturedOutput()
        let reader = ScriptedLineReader([.line("x = [1,"), .interrupted, .line("x = 3"), .line("x")])
        let session = Session(interpreter: Interpreter(output: output), reader: reader, output: output)
        session.run()
        #expect(output.text == "Out[2]: 3\n\n")
    }

    @Test func exitAndQuitLeave() {
        let (_, output, reader) = session(["1", "exit()", "2"])
        #expect(output.text == "Out[1]: 1\n\n")
        #expect(reader.prompts.count == 2)
    }

    /// `%live on|off` sets how fit shows training for the session; without a terminal it says the
    /// progress is printed as usual, and the first live fit says so once.
    @Test func liveMagic() {
        let (session, output, _) = session([
            "%live", "%live on", "%live sideways", "X, y = make_xor(n_samples=8, random_state=0)",
            "m = Sequential([Dense(1, activation='sigmoid')]); m.compile(loss='binary_crossentropy')",
            "h = m.fit(X, y, epochs=1, verbose=2); h = m.fit(X, y, epochs=1, verbose=2)", "%live off",
        ])
        let text = output.text
        #expect(text.contains("Live training is off (%live on or %live off)."))
        #expect(
            text.contains("Live training is on; it is drawn on a terminal, so here fit prints its progress as usual."))
        #expect(text.contains("UsageError: %live takes on or off"))
        #expect(text.components(separatedBy: "(live training is drawn on a terminal").count == 2)
        #expect(text.contains("Live training is now off: fit shows its progress bar."))
        #expect(!session.interpreter.options.live)
    }

    @Test func magics() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/session.nn"
        let (_, output, _) = session([
            "import numpy as np", "X = np.zeros((3, 2))", "n = 4", "%who", "%whos", "%explain full", "%explain nope",
            "%history -n", "%save \(path) 1-3", "%reset", "%who", "%run \(path)", "X.shape", "%time n * 2", "%nosuch",
            "%quickref",
        ])
        let text = output.text
        #expect(text.contains("X\tnp\tn") || text.contains("X\tn\tnp"))
        #expect(text.contains("X          ndarray   (3, 2) float64"))
        #expect(text.contains("Explanations are now at the 'full' level."))
        #expect(text.contains("UsageError: unknown explanation level 'nope'"))
        #expect(text.contains("   1: import numpy as np"))
        #expect(
            text.contains(
                "The following commands were written to file `\(path)`:\nimport numpy as np\nX = np.zeros((3, 2))\nn = 4"
            ))
        #expect(text.contains("Cleared 3 names"))
        #expect(text.contains("Interactive namespace is empty."))
        #expect(text.contains("Out[13]: (3, 2)"))
        #expect(text.contains("Out[14]: 8"))
        #expect(text.contains("Wall time: "))
        #expect(text.contains("UsageError: Line magic function `%nosuch` not found."))
        #expect(text.contains("%save FILE"))
    }

    @Test func helpWithAQuestionMark() {
        let (_, output, _) = session(["Dense?", "np?"])
        #expect(output.text.contains("Dense(units, activation=None"))
        #expect(output.text.contains("Object `np` not found."))
    }

    @Test func loadShowsAndRunsAFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/load.nn"
        let (_, setup, _) = session(["y = 21", "%save \(path) 1"])
        #expect(setup.text.contains("written"))
        let (_, output, _) = session(["%load \(path)", "y * 2"])
        #expect(output.text.contains("# %load \(path)\ny = 21"))
        #expect(output.text.contains("Out[2]: 42"))
    }
}

@Suite struct BlockSessionTests {
    @Test func aBlockContinuesUntilAnEmptyLine() {
        let output = CapturedOutput()
        let reader = ScriptedLineReader(lines: ["for i in range(3):", "    print(i)", "", "i"])
        Session(interpreter: Interpreter(output: output), reader: reader, output: output).run()
        #expect(reader.prompts == ["In [1]: ", "   ...: ", "   ...: ", "In [2]: ", "In [3]: "])
        #expect(output.text == "0\n1\n2\nOut[2]: 2\n\n")
    }
}

@Suite struct FunctionSessionTests {
    @Test func aFunctionDefinedInTheREPL() {
        let output = CapturedOutput()
        let reader = ScriptedLineReader(lines: ["def square(x):", "    return x * x", "", "square(7)"])
        Session(interpreter: Interpreter(output: output), reader: reader, output: output).run()
        #expect(output.text == "Out[2]: 49\n\n")
    }
}
