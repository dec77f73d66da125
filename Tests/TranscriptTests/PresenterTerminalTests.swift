import Foundation
import Testing

/// Presenter mode (`nn --step`) on a real pseudo-terminal, keys pressed one at a time as a
/// presenter (or a clicker) presses them: no Enter after b, r, i or ?.
@Suite struct PresenterTerminalTests {
    static let lesson = """
        import numpy as np
        from tensorflow.keras import Sequential
        from tensorflow.keras.layers import Dense
        x = 41
        print('x is', x)
        "Narration between the statements."
        y = x + 1
        pause('look at y')
        print('y is', y)
        model = Sequential([Dense(1, activation='sigmoid')])
        model.compile(loss='binary_crossentropy', optimizer='sgd')
        loss = model.step(np.array([[1.0, 2.0]]), np.array([1.0]))
        print('done')

        """

    func withLesson(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-presenter-pty-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(PresenterTerminalTests.lesson.utf8).write(to: folder.appendingPathComponent("lesson.nn"))
        try body(folder)
    }

    @Test func keysAtATerminal() throws {
        try withLesson { folder in
            let terminal = try PseudoTerminal(
                arguments: ["--step", folder.appendingPathComponent("lesson.nn").path],
                environment: [
                    "HOME": folder.path, "TERM": "xterm", "NO_COLOR": "1",
                    "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin",
                ])
            #expect(terminal.waitFor("> import numpy as np"))
            #expect(terminal.waitFor("? keys"), "the key hint, once")
            terminal.type("\r")
            #expect(terminal.waitFor("> from tensorflow.keras import Sequential"))
            terminal.type(" ")
            #expect(terminal.waitFor("> from tensorflow.keras.layers import Dense"))
            terminal.type("\u{1B}[C")
            #expect(terminal.waitFor("> x = 41"), "Right arrow (a clicker) runs too")
            terminal.type("\r")
            #expect(terminal.waitFor("> print('x is', x)"))
            terminal.type("\r")
            #expect(terminal.waitFor("x is 41"))
            #expect(terminal.waitFor("Narration between the statements."))
            #expect(terminal.waitFor("> y = x + 1"))

            terminal.type("b")
            #expect(terminal.waitFor("< print('x is', x)\r\nx is 41"), "b shows the previous statement and its output")
            #expect(terminal.waitFor("> y = x + 1"))
            terminal.type("b")
            #expect(terminal.waitFor("< x = 41"), "b again goes further back")
            #expect(terminal.waitFor("> y = x + 1"))
            terminal.type("r")
            #expect(terminal.waitFor("@ x = 41"), "r after b runs the statement shown")
            terminal.type("\u{1B}[D")
            #expect(terminal.waitFor("< print('x is', x)"))
            terminal.type("r")
            #expect(terminal.waitFor("@ print('x is', x)\r\nx is 41"), "r runs it again")
            #expect(terminal.waitFor("> y = x + 1"))

            terminal.type("i")
            #expect(terminal.waitFor("In [1]: "))
            terminal.type("x * 2\r")
            #expect(terminal.waitFor("Out[1]: 82"), "the REPL has the lesson's variables")
            #expect(terminal.waitFor("In [2]: "))
            terminal.type("x = 100\r")
            #expect(terminal.waitFor("In [3]: "))
            terminal.type("\u{04}")
            #expect(terminal.waitFor("Back to the lesson."), "Ctrl-D returns to the lesson")
            #expect(terminal.waitFor("> y = x + 1"))
            terminal.type("?")
            #expect(terminal.waitFor("q                 quit"))
            terminal.type("\r")
            #expect(terminal.waitFor("look at y"))
            terminal.type("\r")
            #expect(terminal.waitFor("> print('y is', y)"), "pause() waits for one Enter, not two")
            terminal.type("\r")
            #expect(terminal.waitFor("y is 101"), "what the REPL changed stays")

            terminal.type("\r")
            terminal.type("\r")
            #expect(terminal.waitFor("> loss = model.step("))
            terminal.type("\r")
            #expect(terminal.waitFor("forward pass, example 1 of 1"))
            #expect(terminal.waitFor("(next: loss)"), "a full step stops between its sections")
            #expect(!terminal.transcript.contains("Backpropagation"))
            terminal.type("\r")
            #expect(terminal.waitFor("(next: backpropagation)"))
            terminal.type("\r")
            #expect(terminal.waitFor("Backpropagation (chain rule"))
            #expect(terminal.waitFor("(next: update)"))
            terminal.type("\r")
            #expect(terminal.waitFor("Update: SGD"))
            #expect(terminal.waitFor("> print('done')"))
            terminal.type("q")
            #expect(terminal.exitStatus(timeout: 20) == 0, "q quits")
            #expect(!terminal.transcript.contains("done\r\n"))
            #expect(terminal.transcript.components(separatedBy: "? keys").count == 2, "the hint appears once")
        }
    }
}

/// Lesson 10 as an instructor shows it, on a real pseudo-terminal with `--live`: the fit is drawn
/// live (no progress bar), the three learning rates are compared in one picture, the diagram
/// carries values, and each pause() waits for one Enter.
@Suite struct LiveLessonTerminalTests {
    @Test func lessonTenLive() throws {
        let home = NSTemporaryDirectory() + "nnlab-live-lesson-\(getpid())"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let lesson = NNProcess.root.appendingPathComponent("lessons/10-learning-rates.nn").path
        let terminal = try PseudoTerminal(
            arguments: ["--live", lesson],
            environment: ["HOME": home, "TERM": "xterm", "NO_COLOR": "1", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"])
        #expect(terminal.waitFor("Activations for one example"))
        #expect(terminal.waitFor("Trained: epoch 40/40, loss 0.1822", timeout: 60))
        #expect(terminal.waitFor("points: O class 0  X class 1"))
        #expect(terminal.waitFor("press Enter"))
        terminal.type("\r")
        #expect(terminal.waitFor("right (0.5): loss 0.5058 -> 0.1822 after 40 epochs", timeout: 60))
        #expect(terminal.waitFor("epoch (loss on a log scale)"))
        #expect(terminal.waitFor("press Enter"))
        terminal.type("\r")
        #expect(terminal.waitFor("Gradients for one example"))
        #expect(terminal.exitStatus(timeout: 30) == 0)
        #expect(!terminal.transcript.contains("Epoch 1/40"), "the live view replaced the progress bar")
        #expect(terminal.transcript.contains("Training (live): epoch "), "frames were drawn while it trained")
        #expect(terminal.transcript.contains("\u{1B}[J"), "each frame went back up over the one before")
        #expect(
            terminal.transcript.components(separatedBy: "Trained: epoch 40/40").count - 1 == 4,
            "the fit and compare's three runs are each drawn live")
    }
}
