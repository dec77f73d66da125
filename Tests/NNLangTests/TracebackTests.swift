import Foundation
import NNLang
import Testing

/// Python-style tracebacks for errors that leave calls, with NNLab's located message for the innermost
/// place; exception chains (`raise ... from`, raised while handling); `traceback` and `sys.exc_info`.
@Suite struct TracebackTests {
    /// Runs `text` as `prog.py` and returns the error as the command line shows it (no colour).
    func failure(_ text: String, interpreter: Interpreter = Interpreter(output: CapturedOutput())) -> String {
        let source = SourceFile(name: "prog.py", text: text)
        do { try interpreter.run(source) } catch {
            return error.diagnostics.map { DiagnosticFormatter().format($0, in: source) }.joined(separator: "\n")
        }
        return ""
    }

    @Test func anErrorAtTheTopLevelLooksAsBefore() {
        let text = failure("x = 1\nprint(y)\n")
        #expect(!text.contains("Traceback"))
        #expect(text.hasPrefix("error: name 'y' is not defined\n --> prog.py:2:7"))
    }

    @Test func anErrorInsideCallsShowsTheFramesOutermostFirstThenThePlace() {
        let text = failure(
            "def inner(x):\n    return x / 0\n\ndef outer(x):\n    return inner(x) + 1\n\nprint(outer(3))\n")
        let expected = """
            Traceback (most recent call last):
              File "prog.py", line 7, in <module>
                print(outer(3))
              File "prog.py", line 5, in outer
                return inner(x) + 1
              File "prog.py", line 2, in inner
            """
        #expect(text.hasPrefix(expected + "\n"), "\(text)")
        #expect(text.contains(" --> prog.py:2:12\n  |\n2 |     return x / 0\n  |            ^^^^^"), "\(text)")
    }

    @Test func methodsAndLambdasAreFramesToo() {
        let text = failure(
            "class Box:\n    def get(self, key):\n        return {}[key]\n\nf = lambda b: b.get('k')\nf(Box())\n")
        #expect(text.contains("  File \"prog.py\", line 6, in <module>\n    f(Box())\n"), "\(text)")
        #expect(text.contains("  File \"prog.py\", line 5, in <lambda>\n    f = lambda b: b.get('k')\n"))
        #expect(text.contains("  File \"prog.py\", line 3, in get\n"))
    }

    @Test func recursionCollapsesRepeatedFramesAsPythonDoes() {
        let text = failure("def f(n):\n    return f(n + 1)\n\nf(0)\n")
        let frames = text.components(separatedBy: "  File ").count - 1
        #expect(frames == 4, "\(text.prefix(600))")
        #expect(text.contains("  [Previous line repeated 197 more times]\n"), "\(text.prefix(600))")
        #expect(text.contains("maximum recursion depth exceeded"))
    }

    @Test func aCaughtErrorLeavesNoFramesBehind() {
        let text = failure(
            "def bad():\n    return 1 / 0\n\ntry:\n    bad()\nexcept ZeroDivisionError:\n    pass\nprint(missing)\n")
        #expect(!text.contains("Traceback"), "\(text)")
    }

    @Test func raiseFromShowsTheCauseFirst() {
        let text = failure(
            "def load():\n    raise KeyError('cfg')\n\ntry:\n    load()\nexcept KeyError as e:\n"
                + "    raise RuntimeError('no config') from e\n")
        let parts = text.components(
            separatedBy: "\n\nThe above exception was the direct cause of the following exception:\n\n")
        #expect(parts.count == 2, "\(text)")
        #expect(parts.first?.hasPrefix("Traceback (most recent call last):\n  File \"prog.py\", line 5") == true)
        #expect(parts.first?.contains("KeyError: 'cfg'") == true, "\(text)")
        #expect(parts.last?.hasPrefix("RuntimeError: no config\n --> prog.py:7:5") == true, "\(text)")
    }

    @Test func anErrorWhileHandlingShowsTheContextUnlessFromNone() {
        let during = failure("try:\n    1 / 0\nexcept ZeroDivisionError:\n    print(missing)\n")
        #expect(during.contains("\n\nDuring handling of the above exception, another exception occurred:\n\n"))
        #expect(during.hasSuffix("print(missing)\n  |           ^^^^^^^"), "\(during)")
        let hidden = failure("try:\n    1 / 0\nexcept ZeroDivisionError:\n    raise ValueError('x') from None\n")
        #expect(!hidden.contains("During handling"), "\(hidden)")
        #expect(hidden.hasPrefix("ValueError: x\n"), "\(hidden)")
        let reraised = failure("try:\n    1 / 0\nexcept ZeroDivisionError:\n    raise\n")
        #expect(!reraised.contains("During handling"), "\(reraised)")
    }

    @Test func aHelperModuleIsAFrameWithItsOwnFile() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("nnlab-traceback-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let helper =
            "def scale(xs):\n    return [check(x) for x in xs]\n\ndef check(x):\n"
            + "    if x < 0:\n        raise ValueError('negative: ' + str(x))\n    return x * 2\n"
        try Data(helper.utf8).write(to: URL(fileURLWithPath: folder + "/helper.py"))
        let main = "from helper import scale\nprint(scale([1, -2]))\n"
        let source = SourceFile(name: folder + "/main.py", text: main)
        var text = ""
        do { try Interpreter(output: CapturedOutput()).run(source) } catch {
            text = DiagnosticFormatter().format(error.diagnostics[0], in: source)
        }
        #expect(text.contains("  File \"\(folder)/main.py\", line 2, in <module>\n    print(scale([1, -2]))\n"))
        #expect(text.contains("  File \"\(folder)/helper.py\", line 2, in scale\n    return [check(x) for x in xs]\n"))
        #expect(text.contains("  File \"\(folder)/helper.py\", line 6, in check\nValueError: negative: -2\n"))
        #expect(text.contains(" --> \(folder)/helper.py:6:9"), "\(text)")
    }

    @Test func anImportThatFailsIsAFrameOfTheModule() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("nnlab-traceback-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("def f():\n    return 1 / 0\n\nvalue = f()\n".utf8).write(
            to: URL(fileURLWithPath: folder + "/broken.py"))
        let source = SourceFile(name: folder + "/main.py", text: "x = 1\nimport broken\n")
        var text = ""
        do { try Interpreter(output: CapturedOutput()).run(source) } catch {
            text = DiagnosticFormatter().format(error.diagnostics[0], in: source)
        }
        let expected = """
            Traceback (most recent call last):
              File "\(folder)/main.py", line 2, in <module>
                import broken
              File "\(folder)/broken.py", line 4, in <module>
                value = f()
              File "\(folder)/broken.py", line 2, in f
            """
        #expect(text.hasPrefix(expected + "\n"), "\(text)")
    }

    @Test func framesFromEarlierCellsNameTheirCell() {
        let interpreter = Interpreter(output: CapturedOutput())
        try? interpreter.run(SourceFile(name: "In [1]", text: "def f(x):\n    return x['k']\n"))
        let source = SourceFile(name: "In [2]", text: "f({})\n")
        var text = ""
        do { try interpreter.run(source) } catch {
            text = DiagnosticFormatter().format(error.diagnostics[0], in: source)
        }
        #expect(
            text.hasPrefix(
                "Traceback (most recent call last):\n  File \"In [2]\", line 1, in <module>\n"
                    + "    f({})\n  File \"In [1]\", line 2, in f\n"), "\(text)")
        #expect(text.contains(" --> In [1]:2:14"), "\(text)")
    }

    @Test func printExcWritesPythonsTextToAFile() {
        let output = CapturedOutput()
        let program = """
            import sys, traceback
            def g():
                raise ValueError('v')
            try:
                g()
            except ValueError:
                traceback.print_exc(file=sys.stdout)
            """
        try? Interpreter(output: output).run(SourceFile(name: "p.py", text: program))
        #expect(
            output.text == """
                Traceback (most recent call last):
                  File "p.py", line 5, in <module>
                    g()
                  File "p.py", line 3, in g
                    raise ValueError('v')
                ValueError: v

                """)
    }

    @Test func raiseFromParsesItsCause() throws {
        let program = try Parser.parse("raise ValueError('a') from None\n")
        guard case .raise(_, let cause?, _)? = program.statements.first, case .none = cause else {
            Issue.record("not a raise with a cause: \(program.statements)")
            return
        }
    }
}
