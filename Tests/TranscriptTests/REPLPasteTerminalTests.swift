import Foundation
import Testing

/// Pasting and editing whole cells on a real pseudo-terminal, as a learner does with course code:
/// bracketed pastes (the markers a terminal puts around a paste) with blank lines inside a
/// function, a whole lesson pasted at once, Up recalling a multi-line cell to edit and re-run,
/// auto-indent and Backspace dedent in typed blocks, Tab that indents, `%cpaste` and `%edit`.
@Suite struct REPLPasteTerminalTests {
    static let myDense = """
        import numpy as np
        def my_dense(a_in, W, b):
            units = W.shape[1]
            a_out = np.zeros(units)

            for j in range(units):
                w = W[:, j]
                z = np.dot(w, a_in) + b[j]
                a_out[j] = z
            return a_out
        my_dense(np.array([1.0, 2.0]), np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([0.5, -0.5]))
        """

    func home() throws -> String {
        let home = NSTemporaryDirectory() + "nnlab-pty-paste-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        return home
    }

    func start(home: String, extra: [String: String] = [:]) throws -> PseudoTerminal {
        let environment = [
            "HOME": home, "TERM": "xterm", "NO_COLOR": "1", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin",
            "SWIFT_BACKTRACE": "interactive=no",
        ].merging(extra) { $1 }
        return try PseudoTerminal(arguments: [], environment: environment)
    }

    /// Text as a terminal pastes it in bracketed-paste mode: line breaks sent as carriage returns.
    func paste(_ text: String) -> String {
        "\u{1B}[200~" + text.replacingOccurrences(of: "\n", with: "\r") + "\u{1B}[201~"
    }

    @Test func aPastedFunctionWithABlankLineRunsAsOneCellAndUpRecallsIt() throws {
        let home = try home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let terminal = try start(home: home)
        try #require(terminal.waitFor("In [1]: "))
        #expect(terminal.transcript.contains("\u{1B}[?2004h"), "bracketed paste is on while a line is read")
        terminal.type(paste(Self.myDense + "\n"))
        #expect(terminal.waitFor("Out[1]: array([1.5, 1.5])"), "the paste is one cell, run when it ends")
        try #require(terminal.waitFor("In [2]: "))
        #expect(!terminal.transcript.contains("Error"), "no piece of the paste ran alone")

        // Up brings the whole cell back; edited at its end and entered, it runs again whole.
        terminal.type("\u{1B}[A")
        #expect(terminal.waitFor("def my_dense(a_in, W, b):"), "Up shows the cell's first line")
        #expect(terminal.waitFor("    return a_out"), "and its lines after")
        terminal.type(" * 2\r")
        #expect(terminal.waitFor("Out[2]: array([3., 3.])"), "the recalled cell, edited, runs whole")
        try #require(terminal.waitFor("In [3]: "))

        // A paste of one line, without a line break, is typed into the line, not run.
        terminal.type("value = ")
        terminal.type(paste("\t40"))
        terminal.type(" + 2\r")
        try #require(terminal.waitFor("In [4]: "))
        terminal.type("value\r")
        #expect(terminal.waitFor("Out[4]: 42"), "a tab inside a paste is not a completion")
        try #require(terminal.waitFor("In [5]: "))
        terminal.type("word = 'é∂")
        terminal.type(paste("→'"))
        terminal.type("\r")
        try #require(terminal.waitFor("In [6]: "))
        terminal.type("word, len(word)\r")
        #expect(terminal.waitFor("Out[6]: ('é∂→', 3)"), "characters beyond ASCII, typed and pasted, are kept")
        try #require(terminal.waitFor("In [7]: "))
        terminal.type("\u{04}")
        // Read up to the mode switch before waiting for the exit: on a loaded machine the child can
        // be gone before its last bytes were read.
        #expect(terminal.waitFor("\u{1B}[?2004l"), "bracketed paste is off on leaving")
        #expect(terminal.exitStatus() == 0)

        let history = (try? String(contentsOfFile: home + "/.local/state/nnlab/history", encoding: .utf8)) ?? ""
        #expect(history.contains("def my_dense(a_in, W, b):\n   ...:     units = W.shape[1]\n"), "\(history)")
        #expect(history.contains("   ...: \n   ...:     for j in range(units):\n"), "the blank line stays in the cell")
    }

    @Test func aWholeLessonPastedRuns() throws {
        let home = try home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let lesson = try String(
            contentsOf: NNProcess.root.appendingPathComponent(
                "lessons/01-neurons-and-layers.nn"), encoding: .utf8)
        let terminal = try start(home: home)
        try #require(terminal.waitFor("In [1]: "))
        terminal.type(paste(lesson))
        #expect(terminal.waitFor("the Dense layer says:", timeout: 60))
        for _ in 0..<3 {  // the lesson's pause() calls wait for Enter
            try #require(terminal.waitFor("(press Enter to continue)", timeout: 60))
            terminal.type("\r")
        }
        try #require(terminal.waitFor("In [2]: ", timeout: 60))
        #expect(!terminal.transcript.contains("Error"), "\(terminal.transcript.suffix(2000))")
        terminal.type("neuron.built, linear_layer.get_weights()[1]\r")
        #expect(terminal.waitFor("Out[2]: (True, array([100.], dtype=float32))"))
        terminal.type("\u{04}")
        #expect(terminal.exitStatus() == 0)
    }

    @Test func typedBlocksAreAutoIndentedAndBackspaceDedents() throws {
        let home = try home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let terminal = try start(home: home)
        try #require(terminal.waitFor("In [1]: "))
        terminal.type("def f(xs):\r")
        #expect(terminal.waitFor("   ...:     "), "the body starts indented")
        terminal.type("total = 0\r")
        try #require(terminal.waitFor("   ...:     "))
        terminal.type("for x in xs:\r")
        try #require(terminal.waitFor("   ...:         "))
        terminal.type("if x > 0:\r")
        try #require(terminal.waitFor("   ...:             "))
        terminal.type("total += x\r")
        try #require(terminal.waitFor("   ...:             "))
        terminal.type("\u{7F}\u{7F}return total\r")  // two Backspaces: from 12 spaces to 4
        try #require(terminal.waitFor("   ...: "))
        terminal.type("\r")
        try #require(terminal.waitFor("In [2]: "))
        terminal.type("f([1, -2, 3])\r")
        #expect(terminal.waitFor("Out[2]: 4"), "\(terminal.transcript)")
        try #require(terminal.waitFor("In [3]: "))

        // Tab with only spaces before the cursor indents; after a word it completes.
        terminal.type("for i in range(2):\r")
        try #require(terminal.waitFor("   ...:     "))
        terminal.type("\u{7F}\u{7F}\u{7F}\u{7F}\tpri\t")
        #expect(terminal.waitFor("nt"), "Tab completes a name in an indented line (libedit writes the rest)")
        terminal.type("(i * 10)\r")
        try #require(terminal.waitFor("   ...: "))
        terminal.type("\r")
        #expect(terminal.waitFor("0\r\n10\r\n"))
        try #require(terminal.waitFor("In [4]: "))
        terminal.type("\u{04}")
        #expect(terminal.exitStatus() == 0)
        let history = (try? String(contentsOfFile: home + "/.local/state/nnlab/history", encoding: .utf8)) ?? ""
        #expect(
            history.contains(
                "def f(xs):\n   ...:     total = 0\n   ...:     for x in xs:\n"
                    + "   ...:         if x > 0:\n   ...:             total += x\n   ...:     return total\n"),
            "\(history)")
        #expect(history.contains("for i in range(2):\n   ...:     print(i * 10)\n"), "\(history)")
    }

    @Test func cpasteAndEdit() throws {
        let home = try home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        // The "editor": changes 20 to 21 in the file and adds a line, as a person would in vi.
        let editor = home + "/editor.sh"
        try "#!/bin/sh\nsed -i 's/20/21/' \"$1\"\nprintf 'value * 2\\n' >> \"$1\"\n"
            .write(toFile: editor, atomically: false, encoding: .utf8)
        chmod(editor, 0o755)
        let terminal = try start(home: home, extra: ["EDITOR": editor])
        try #require(terminal.waitFor("In [1]: "))
        terminal.type("%cpaste\r")
        try #require(terminal.waitFor("use Ctrl-D.\r\n"))
        try #require(terminal.waitFor(":"))
        terminal.type("def g(x):\r")
        try #require(terminal.waitFor(":"))
        terminal.type("    return x + 1\r")
        try #require(terminal.waitFor(":"))
        terminal.type("\r")
        try #require(terminal.waitFor(":"))
        terminal.type("g(41)\r")
        try #require(terminal.waitFor(":"))
        terminal.type("--\r")
        #expect(terminal.waitFor("Out[1]: 42"), "%cpaste runs the lines, blank one and all")
        try #require(terminal.waitFor("In [2]: "))

        terminal.type("value = 20\r")
        try #require(terminal.waitFor("In [3]: "))
        terminal.type("%edit 2\r")
        #expect(terminal.waitFor("done. Executing edited code..."))
        #expect(terminal.waitFor("Out[3]: 42"), "the edited cell ran")
        try #require(terminal.waitFor("In [4]: "))
        terminal.type("%history 3\r")
        #expect(terminal.waitFor("value = 21\r\nvalue * 2\r\n"), "%history shows the edited cell")
        try #require(terminal.waitFor("In [5]: "))
        terminal.type("\u{1B}[A\u{1B}[A")
        #expect(terminal.waitFor("value = 21"), "Up recalls the edited cell")
        terminal.type("\u{03}")
        try #require(terminal.waitFor("In [5]: "))
        terminal.type("\u{04}")
        #expect(terminal.exitStatus() == 0)
    }

    @Test func anUnmarkedPasteKeepsItsBlankLineAndCtrlRFindsTheCell() throws {
        let home = try home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let terminal = try start(home: home)
        try #require(terminal.waitFor("In [1]: "))
        // Sent at once, without the paste markers: a terminal that does not mark pastes.
        terminal.type(Self.myDense.replacingOccurrences(of: "\n", with: "\r") + "\r\r")
        #expect(terminal.waitFor("Out[2]: array([1.5, 1.5])"), "the blank line did not end the function")
        try #require(terminal.waitFor("In [3]: "))
        #expect(!terminal.transcript.contains("Error"))
        #expect(!terminal.transcript.contains("       units"), "no auto-indent added to pasted lines")

        terminal.type("\u{12}")  // Ctrl-R, then a word from inside the function
        terminal.type("np.dot")
        #expect(terminal.waitFor("def my_dense(a_in, W, b):"), "Ctrl-R finds the whole cell")
        terminal.type("\r")
        try #require(terminal.waitFor("In [4]: "))
        terminal.type("my_dense(np.ones(2), np.eye(2), np.zeros(2))\r")
        #expect(terminal.waitFor("Out[4]: array([1., 1.])"))
        try #require(terminal.waitFor("In [5]: "))
        terminal.type("a = 1\u{1B}\rb = a + 1\u{1B}\rb * 10\r")  // Alt-Enter adds a line to the cell
        #expect(terminal.waitFor("Out[5]: 20"))
        try #require(terminal.waitFor("In [6]: "))
        terminal.type("\u{04}")
        #expect(terminal.exitStatus() == 0)
    }

    @Test func bracketedPasteIsOffWhileStoppedAndWhenNNIsKilledAtThePrompt() throws {
        let home = try home()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let terminal = try start(home: home)
        try #require(terminal.waitFor("In [1]: "))
        terminal.type("x = 5\r")
        try #require(terminal.waitFor("In [2]: "))
        terminal.type("x +")
        try #require(terminal.waitFor("x +"))
        // Ctrl-Z's signal (nn leads its own session here, so the kernel does not stop it): the mode
        // goes off for the shell, comes back, and the line is drawn again.
        kill(terminal.pid, SIGTSTP)
        #expect(terminal.waitFor("\u{1B}[?2004l"))
        #expect(terminal.waitFor("\u{1B}[?2004h"))
        #expect(terminal.waitFor("In [2]: x +"), "the line is drawn again")
        terminal.type(" 3\r")
        #expect(terminal.waitFor("Out[2]: 8"))
        try #require(terminal.waitFor("In [3]: "))
        Thread.sleep(forTimeInterval: 0.2)
        kill(terminal.pid, SIGTERM)
        #expect(terminal.waitFor("\u{1B}[?2004l"), "\(terminal.transcript.debugDescription)")
        #expect(terminal.exitStatus() != nil)
    }
}
