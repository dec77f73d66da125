import Foundation
import Testing

/// The `nn` command line as a user meets it: sources, flags, exit codes and where errors go.
@Suite struct CLITests {
    @Test func runsCodeFromTheCommandLine() throws {
        let result = try NNProcess.run(["-c", "import numpy as np; print(np.ones(3) * 2)"])
        #expect(result.output == "[2. 2. 2.]\n")
        #expect(result.status == 0)
    }

    /// Narration is a string standing alone at the top level of a lesson; docstrings, strings in
    /// blocks and every string of a .py file are values only, as in Python.
    @Test func onlyTopLevelStringsOfALessonAreNarration() throws {
        let program =
            "\"\"\"Told.\"\"\"\ndef f():\n    \"\"\"A docstring.\"\"\"\n    \"inside\"\n    return 1\n"
            + "f()\nif True:\n    \"in a block\"\n\"Also told.\"\n"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nn-narration-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["lesson.nn", "script.py"] {
            try program.write(to: folder.appendingPathComponent(name), atomically: false, encoding: .utf8)
        }
        let lesson = try NNProcess.run([folder.appendingPathComponent("lesson.nn").path])
        #expect(lesson.output == "\n  Told.\n\n  Also told.\n")
        let script = try NNProcess.run([folder.appendingPathComponent("script.py").path])
        #expect(script.output == "")
        #expect(script.status == 0)
    }

    @Test func readsTheProgramFromStandardInput() throws {
        let result = try NNProcess.run(["-"], input: "x = 6 * 7\nprint(x)\n")
        #expect(result.output == "42\n")
        #expect(result.status == 0)
    }

    @Test func errorsGoToStandardErrorWithANonZeroStatus() throws {
        let result = try NNProcess.run(["-c", "print('before')\nprint(undefined_name)\nprint('after')"])
        #expect(result.output == "before\n")
        #expect(result.error.contains("error: name 'undefined_name' is not defined"))
        #expect(result.error.contains("--> <string>:2:7"))
        #expect(result.error.contains("2 | print(undefined_name)"))
        #expect(result.status == 1)
    }

    /// An error inside a helper module's function shows Python's traceback, then the located message.
    @Test func anErrorInAHelperShowsTheCallChain() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nn-traceback-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let helper = "def outer(x):\n    return inner(x)\n\ndef inner(x):\n    return 10 / x\n"
        try Data(helper.utf8).write(to: folder.appendingPathComponent("helper.py"))
        try Data("from helper import outer\nprint(outer(2))\nprint(outer(0))\n".utf8).write(
            to: folder.appendingPathComponent("prog.py"))
        let result = try NNProcess.run([folder.appendingPathComponent("prog.py").path])
        #expect(result.output == "5.0\n")
        let path = folder.path
        #expect(
            result.error.hasPrefix(
                "Traceback (most recent call last):\n  File \"\(path)/prog.py\", line 3, in <module>\n"
                    + "    print(outer(0))\n  File \"\(path)/helper.py\", line 2, in outer\n    return inner(x)\n"
                    + "  File \"\(path)/helper.py\", line 5, in inner\n"), "\(result.error)")
        #expect(result.error.contains("--> \(path)/helper.py:5:12"))
        #expect(result.status == 1)
    }

    @Test func reportsEverySyntaxErrorBeforeRunningAnything() throws {
        let result = try NNProcess.run(["-"], input: "print('never')\nx = 1 +\ny = 2\nz = * 3\n")
        #expect(result.output.isEmpty)
        #expect(result.error.components(separatedBy: "syntax error").count - 1 >= 2)
        #expect(result.status == 1)
    }

    @Test func checkResolvesNamesWithoutRunning() throws {
        let good = try NNProcess.run(["--check", "examples/week1_assignment.nn"])
        #expect(good.output == "examples/week1_assignment.nn: no problems found\n")
        #expect(good.status == 0)
        let bad = try NNProcess.run(
            ["--check", "-"], input: "import numpy as np\nprint('no')\nmodel = Sequentail([])\n")
        #expect(bad.output.isEmpty)
        #expect(bad.error.contains("name 'Sequentail' is not defined"))
        #expect(bad.error.contains("did you mean 'Sequential'?"))
        #expect(bad.status == 1)
    }

    @Test func versionHelpAndMissingFiles() throws {
        #expect(try NNProcess.run(["--version"]).output == "0.1.0\n")
        let help = try NNProcess.run(["--help"])
        for flag in ["-c", "--check", "--seed", "--no-color", "--version"] { #expect(help.output.contains(flag)) }
        let missing = try NNProcess.run(["no-such-lesson.nn"])
        #expect(missing.error.contains("there is no file 'no-such-lesson.nn'"))
        #expect(missing.status == 1)
        #expect(try NNProcess.run(["--no-such-flag"]).status != 0)
    }

    @Test func theSeedChangesTheNumbers() throws {
        let code = "import numpy as np; print(np.random.rand(2))"
        let a = try NNProcess.run(["-c", code]).output
        let b = try NNProcess.run(["-c", code]).output
        let c = try NNProcess.run(["--seed", "7", "-c", code]).output
        #expect(a == b)
        #expect(a != c)
    }

    @Test func binaryGarbageIsAnErrorNotACrash() throws {
        let garbage = String(decoding: (0..<2000).map { UInt8(($0 * 37 + 11) % 256) }, as: UTF8.self)
        let result = try NNProcess.run(["-"], input: garbage)
        #expect(result.status == 1)
        #expect(result.error.contains("error"))
    }
}

/// What `nn` does with its standard streams and arguments when they are not what it expects.
@Suite struct CLIMisuseTests {
    /// Runs `nn` through the shell, for redirections a `Process` cannot set up (`>&-`).
    func shell(_ arguments: String) throws -> NNProcess.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\"$0\" " + arguments, NNProcess.executable.path]
        process.currentDirectoryURL = NNProcess.root
        let home = try NNProcess.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": home]
        let stderr = Pipe()
        process.standardError = stderr
        try process.run()
        let errData = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let error = String(decoding: errData, as: UTF8.self)
        return NNProcess.Result(output: "", error: error, status: process.terminationStatus)
    }

    @Test func outputToAClosedStandardOutputIsReported() throws {
        let result = try shell("-c 'print(1)' >&-")
        #expect(result.status == 120)
        #expect(
            result.error
                == "nn: the program's output was lost: cannot write to standard output (standard output is closed)\n")
        #expect(try shell("-c 'x = 1' >&-").status == 0, "nothing written, nothing lost")
    }

    @Test func outputToAFullDeviceIsReported() throws {
        let result = try shell("-c 'print(1)' >/dev/full")
        #expect(result.status == 120)
        #expect(result.error.contains("cannot write to standard output (No space left on device)"))
        let failing = try shell("-c 'print(1)\nprint(undefined)' >/dev/full")
        #expect(failing.status == 120, "lost output outweighs the program's error, as in Python")
        #expect(failing.error.contains("name 'undefined' is not defined"))
        #expect(try shell("--check examples/xor.nn >/dev/full").status == 120)
    }

    @Test func codeAndAFileTogetherAreRefused() throws {
        let result = try NNProcess.run(["-c", "print(1)", "examples/xor.nn"])
        #expect(result.status == 64)
        #expect(result.output.isEmpty)
        #expect(
            result.error.contains(
                "give either -c CODE or a program file, not both ('examples/xor.nn' would not run)"))
    }

    @Test func aBadSeedIsExplained() throws {
        let notANumber = "the seed must be a whole number 0 or more"
        for (seed, message) in [
            ("-1", notANumber), ("abc", notANumber), ("1.5", notANumber),
            ("18446744073709551616", "the seed must be at most 18446744073709551615"),
        ] {
            let result = try NNProcess.run(["--seed", seed, "-c", "print(1)"])
            #expect(result.status == 64)
            #expect(result.error.contains("The value '\(seed)' is invalid for '--seed <seed>': \(message)"), "\(seed)")
            #expect(!result.error.contains("Missing value"))
        }
        let code = "import numpy as np; print(np.random.rand())"
        let seven = try NNProcess.run(["--seed", "7", "-c", code]).output
        #expect(try NNProcess.run(["--seed=7", "-c", code]).output == seven)
        #expect(try NNProcess.run(["--seed", "+7", "-c", code]).output == seven)
        #expect(try NNProcess.run(["--seed", "18446744073709551615", "-c", "print(1)"]).status == 0)
    }
}

/// Presenter mode (`nn --step`) with answers scripted on standard input.
@Suite struct PresenterTests {
    let lesson = "lessons/01-neurons-and-layers.nn"

    @Test func enterRunsOneStatementAtATimeAndQQuits() throws {
        let result = try NNProcess.run(["--step", lesson], input: "\n\n\nq\n")
        #expect(result.status == 0)
        #expect(result.output.split(separator: "\n").filter { $0.hasPrefix("> ") }.count == 4)
        #expect(result.output.components(separatedBy: "[Enter] run").count - 1 == 1, "the key hint appears once")
        #expect(result.output.contains("> import numpy as np"))
        #expect(!result.output.contains("Exercise"))
    }

    @Test func cRunsToTheEndWithoutAskingAgain() throws {
        let result = try NNProcess.run(["--step", lesson], input: "\nc\n")
        #expect(result.output.split(separator: "\n").filter { $0.hasPrefix("> ") }.count == 2)
        #expect(result.output.contains("Exercise"))
        #expect(result.status == 0)
    }

    /// b shows the previous statement with its output, r runs it again, i opens the REPL with the
    /// lesson's variables (a line holding Ctrl-D returns), ? lists the keys; scripted on standard input.
    @Test func backRerunReplAndHelp() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-presenter-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let program = "x = 41\nprint('x is', x)\ny = x + 1\npause('look at y')\nprint('y is', y)\n"
        try Data(program.utf8).write(to: folder.appendingPathComponent("lesson.nn"))
        let answers = ["", "", "b", "r", "i", "x + 1", "w = 7", "\u{04}", "?", "zz", "", "", "", "q"]
        let result = try NNProcess.run(
            ["--step", "lesson.nn"], in: folder, input: answers.joined(separator: "\n") + "\n")
        let expected = """
            > x = 41
              [Enter] run   b back   r re-run   i REPL   c run to the end   q quit   ? keys 
            > print('x is', x)
            x is 41
            > y = x + 1
            < print('x is', x)
            x is 41
            > y = x + 1
            @ print('x is', x)
            x is 41
            > y = x + 1
              The REPL has the lesson's variables; Ctrl-D returns to the lesson.
            In [1]: x + 1
            Out[1]: 42

            In [2]: w = 7
            In [3]: 
              Back to the lesson.
            > y = x + 1
            Enter, Space, →   run the statement shown
            b, ←              show the previous statement and its output again (again: further back)
            r                 run the last statement again (after b: the one shown; then b starts afresh)
            i                 open the REPL with the lesson's variables; Ctrl-D comes back here
            c                 run to the end without stopping
            q                 quit
            ?                 this list
              'zz' is not a key here; ? lists them
              look at y 
            > print('y is', y)
            y is 42

            """
        #expect(result.output == expected)
        #expect(result.status == 0)
    }

    @Test func liveTrainingInAPipePrintsTheProgressAndSaysSoOnce() throws {
        let code =
            "X, y = make_xor(n_samples=20, random_state=1); model = Sequential([Dense(1, activation='sigmoid')]); "
            + "model.compile(loss='binary_crossentropy'); model.fit(X, y, epochs=1, live=True); model.fit(X, y, epochs=1)"
        let result = try NNProcess.run(["--live", "-c", code])
        #expect(result.output.components(separatedBy: "live training is drawn on a terminal").count - 1 == 1)
        #expect(result.output.components(separatedBy: "Epoch 1/1").count - 1 == 2)
        #expect(!result.output.contains("\u{1B}["))
        #expect(result.status == 0)
    }

    @Test func pauseDoesNotWaitWithoutATerminal() throws {
        let result = try NNProcess.run([lesson], input: "")
        #expect(result.status == 0)
        #expect(!result.output.contains("press Enter"))
    }

    /// The golden transcript of a presenter stepping through the first lesson, pressing Enter each time.
    @Test func presenterTranscript() throws {
        let result = try NNProcess.run(["--step", lesson], input: String(repeating: "\n", count: 60))
        let file = NNProcess.root.appendingPathComponent(
            "Tests/TranscriptTests/Transcripts/presenter/01-neurons-and-layers.step.txt")
        if ProcessInfo.processInfo.environment["NNLAB_RECORD"] == "1" {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try result.output.write(to: file, atomically: false, encoding: .utf8)
            return
        }
        #expect(result.output == (try String(contentsOf: file, encoding: .utf8)))
    }
}

/// The digits lesson must teach what it promises: at least 99% training accuracy on the real digits.
@Suite struct LessonOutcomeTests {
    @Test func theDigitsLessonReaches99PercentTrainingAccuracy() throws {
        let result = try NNProcess.run(["lessons/03-training-on-digits.nn"])
        #expect(result.status == 0)
        let line = try #require(result.output.split(separator: "\n").first { $0.hasPrefix("Training accuracy: ") })
        let accuracy = try #require(Double(line.dropFirst("Training accuracy: ".count)))
        #expect(accuracy >= 0.99)
    }

    @Test func thereAreAtLeastEightLessons() throws {
        let names = try FileManager.default.contentsOfDirectory(
            atPath: NNProcess.root.appendingPathComponent("lessons").path)
        #expect(names.filter { $0.hasSuffix(".nn") }.count >= 8)
    }
}
