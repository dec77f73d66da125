import Foundation
import NNEngine
import NNLang
import Testing

@testable import NNRepl

/// Nothing typed in a cell loses the session: errors of every kind, exit() in a %run script, and a
/// Ctrl-C left over from the prompt.
@Suite struct SessionSafetyTests {
    func run(_ lines: [String], interactive: Bool = false) -> (Session, String) {
        let output = CapturedOutput()
        let reader = ScriptedLineReader(lines: lines, interactive: interactive)
        let session = Session(interpreter: Interpreter(output: output), reader: reader, output: output)
        session.run()
        return (session, output.text)
    }

    @Test func errorsOfEveryKindKeepEveryVariable() throws {
        let folder = try TemporaryFolder()
        let (session, text) = run([
            "keep = 42", "import numpy as np", "X = np.ones((3, 2))",
            "x = [1, 2, 3]", "x[10]", "{'a': 1}['b']", "1/0", "undefined_name", "int('abc')", "(1 +", ")",
            "def f(n):", "    return f(n + 1)", "", "f(0)",
            "partial = 7; 1/0",
            "np.zeros((100000, 100000))", "X @ np.ones((5, 1))",
            "model = Sequential([Dense(1)])", "model.fit(X, np.ones((4, 1)))",
            "%run \(folder.path)/missing.nn", "%load \(folder.path)", "%save \(folder.path)/s.nn 999", "%nosuch",
            "nope?", "%time 1/0",
            "keep, partial, X.shape, x",
        ])
        for message in [
            "list index 10 is out of range", "KeyError", "ZeroDivisionError", "name 'undefined_name'",
            "invalid literal", "syntax error", "maximum recursion depth", "too large", "do not line up",
            "must be compiled", "there is no file", "not a regular file", "there is no cell 999",
            "Line magic function `%nosuch` not found", "Object `nope` not found",
        ] {
            #expect(text.contains(message), "\(message)")
        }
        #expect(text.hasSuffix("Out[24]: (42, 7, (3, 2), [1, 2, 3])\n\n"))
        #expect(!session.interpreter.exitRequested)
    }

    @Test func exitInARunScriptEndsTheScriptNotTheSession() throws {
        let folder = try TemporaryFolder()
        try folder.write("a = 1\nexit()\na = 2\n", to: "leaves.nn")
        try folder.write("def stop():\n    quit()\n\nb = 1\nstop()\nb = 2\n", to: "quits.nn")
        let (_, text) = run(["keep = 5", "%run \(folder.path)/leaves.nn", "%run \(folder.path)/quits.nn", "keep, a, b"])
        #expect(text == "Out[4]: (5, 1, 1)\n\n")
    }

    @Test func aFIFOGivenToRunOrLoadIsRefusedAtOnce() throws {
        let folder = try TemporaryFolder()
        #expect(mkfifo(folder.path + "/pipe.nn", 0o600) == 0)
        let (_, text) = run(["keep = 1", "%run \(folder.path)/pipe.nn", "%load \(folder.path)/pipe.nn", "keep"])
        #expect(
            text == """
                UsageError: '\(folder.path)/pipe.nn' is not a regular file
                UsageError: '\(folder.path)/pipe.nn' is not a regular file
                Out[4]: 1


                """)
    }

    @Test func aBareExitLeavesOnlyWhileItIsTheBuiltin() {
        let (_, text) = run(["exit = 5", "exit", "quit = 'q'", "quit", "exit + 1"])
        #expect(text == "Out[2]: 5\n\nOut[4]: 'q'\n\nOut[5]: 6\n\n")
        let (session, _) = run(["x = 1", "exit", "x"])
        #expect(session.count == 3, "the bare word left before the third cell")
    }

    @Test func exitTypedInACellStillLeaves() {
        let (_, text) = run(["1", "for i in range(3):", "    exit()", "", "2"])
        #expect(text == "Out[1]: 1\n\n")
    }

    /// A Ctrl-C at an idle prompt (or during work that never looks at it) must not stop the next loop.
    @Test func aCtrlCFromThePromptDoesNotInterruptTheNextCell() {
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        let reader = InterruptingReader(
            interpreter: interpreter,
            lines: [
                "total = 0", "for i in range(1000):", "    total += i", "", "total",
            ])
        Session(interpreter: interpreter, reader: reader, output: output).run()
        #expect(!output.text.contains("interrupted"))
        #expect(output.text.hasSuffix("Out[3]: 499500\n\n"))
    }
}

@Suite struct UnheededInterruptTests {
    /// A Ctrl-C during work that cannot stop midway is said once the work ends, then forgotten.
    @Test func aCtrlCNoLoopHeardIsSaid() {
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        var pressed = false
        let listener = StatementListener { statement in
            // Ctrl-C while the first statement of the second cell works.
            if statement.lines == ["y = 2"], !pressed, interpreter.globals["x"] != nil {
                pressed = true
                interpreter.cancellation.cancel()
            }
        }
        interpreter.teaching = listener
        let reader = ScriptedLineReader(lines: ["x = 1", "y = 2", "x + y", "for i in range(100): x += 1", "", "x"])
        Session(interpreter: interpreter, reader: reader, output: output).run()
        #expect(
            output.text == """
                KeyboardInterrupt: Ctrl-C came during work that cannot stop midway; it ran to its end
                Out[3]: 3

                Out[5]: 101


                """)
    }
}

/// Stands for a person pressing Ctrl-C at every idle prompt: the signal handler sets the
/// interpreter's cancellation flag while the line is being read.
final class InterruptingReader: LineReader {
    let interpreter: Interpreter
    private var lines: [String]

    init(interpreter: Interpreter, lines: [String]) {
        self.interpreter = interpreter
        self.lines = lines
    }

    func read(prompt: String) -> LineInput {
        interpreter.cancellation.cancel()
        return lines.isEmpty ? .end : .line(lines.removeFirst())
    }
}

@Suite struct InputCompletenessTests {
    @Test(arguments: [
        ("x = 1", false), ("x = [1,", true), ("x = [1,\n2]", false), ("s = '''a", true), ("s = '''a\nb'''", false),
        ("s = 'a", false), ("s = 'a\\\nb'", false), ("s = 'a\\\n(b'", false), ("x = 1 + \\", true),
        ("for i in x:", true), ("for i in x:\n    y", true), ("for i in x:\n    y\n", false), ("f(  # (\n", true),
        ("f('(')", false), ("s = \"\"\"x\n(\n\"\"\"", false), ("x = ]", false),
    ])
    func cellsAreWholeAsBefore(_ text: String, _ more: Bool) {
        #expect(InputCompleteness.needsMore(text) == more, "\(text)")
    }

    @Test func linesAddedOneByOneGiveTheSameAnswer() {
        let lines = [
            "model = Sequential([", "  Dense(3, activation='relu'),  # a comment (", "  '''text",
            "more''',", "])",
        ]
        var state = InputCompleteness()
        for (index, line) in lines.enumerated() {
            state.append(line)
            #expect(state.needsMore == InputCompleteness.needsMore(lines[...index].joined(separator: "\n")))
        }
        #expect(!state.needsMore)
    }
}

/// Calls `heard` before each statement runs.
final class StatementListener: TeachingListener {
    let heard: (StatementStart) -> Void
    init(_ heard: @escaping (StatementStart) -> Void) { self.heard = heard }

    func statementWillRun(_ statement: StatementStart) -> Bool {
        heard(statement)
        return true
    }
}
