import Foundation
import Testing

/// SIGWINCH: pictures drawn after the window changed size fit the new width, in the REPL.
@Suite struct WindowSizeTerminalTests {
    /// The plot's x axis (`+-----`) lines in `text`, by their number of dashes.
    static func axes(_ text: String) -> [Int] {
        text.components(separatedBy: "\r\n").compactMap { line in
            guard let plus = line.firstIndex(of: "+"), line[plus...].dropFirst().allSatisfy({ $0 == "-" }),
                line[plus...].count > 10
            else { return nil }
            return line[plus...].count - 1
        }
    }

    @Test func theREPLMeasuresTheWidthAgainAfterAResize() throws {
        let home = NSTemporaryDirectory() + "nnlab-winch-\(getpid())"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let terminal = try PseudoTerminal(
            arguments: [],
            environment: [
                "HOME": home, "TERM": "xterm", "NO_COLOR": "1", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin",
            ])
        #expect(terminal.waitFor("In [1]: "))
        terminal.type("plot([1.0, 2.0, 3.0])\r")
        #expect(terminal.waitFor("In [2]: "))
        terminal.resize(columns: 50)
        terminal.type("plot([1.0, 2.0, 3.0])\r")
        #expect(terminal.waitFor("In [3]: "))
        terminal.resize(columns: 120)
        terminal.type("plot([1.0, 2.0, 3.0])\r")
        #expect(terminal.waitFor("In [4]: "))
        terminal.type("\u{04}")
        #expect(terminal.exitStatus(timeout: 20) == 0)
        let widths = WindowSizeTerminalTests.axes(terminal.transcript)
        #expect(widths.count == 3)
        #expect(widths.first == 64, "100 columns: the chart's full width")
        if widths.count == 3 {
            #expect(widths[1] < 45, "50 columns: narrower")
            #expect(widths[2] == 64, "wide again")
        }
    }

    /// The x axes of the live frames: `+` then a run of dashes (the boundary may follow).
    static func dashRuns(_ text: String) -> [Int] {
        text.components(separatedBy: "\r\n").compactMap { line in
            guard let plus = line.range(of: "+---") else { return nil }
            return line[plus.upperBound...].prefix { $0 == "-" }.count + 3
        }
    }

    @Test func aLiveFitRedrawsAtTheNewWidthAfterAResize() throws {
        let home = NSTemporaryDirectory() + "nnlab-winch-fit-\(getpid())"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let code =
            "X, y = make_xor(n_samples=200, random_state=1); model = Sequential([Dense(4, activation='tanh'), "
            + "Dense(1, activation='sigmoid')]); model.compile(loss='binary_crossentropy', optimizer='adam'); "
            + "model.fit(X, y, epochs=100000, batch_size=16)"
        let terminal = try PseudoTerminal(
            arguments: ["--live", "-c", code],
            environment: [
                "HOME": home, "TERM": "xterm", "NO_COLOR": "1", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin",
            ])
        #expect(terminal.waitFor("Training (live): epoch "))
        terminal.waitFor("Training (live): epoch ", timeout: 2)
        #expect(!terminal.transcript.contains("Epoch 1/100000"), "the live view replaces the progress bar")
        let before = WindowSizeTerminalTests.dashRuns(terminal.transcript)
        terminal.resize(columns: 70)
        Thread.sleep(forTimeInterval: 1)
        terminal.waitFor("Training (live)", timeout: 2)
        terminal.waitFor("Training (live)", timeout: 2)
        terminal.type("\u{03}")
        #expect(terminal.waitFor("Training interrupted"))
        #expect(terminal.exitStatus(timeout: 20) == 0)
        let after = WindowSizeTerminalTests.dashRuns(terminal.transcript).dropFirst(before.count)
        #expect(!before.isEmpty && before.allSatisfy { $0 >= 50 }, "100 columns: \(before)")
        #expect(after.contains { $0 < 45 }, "70 columns: narrower frames \(Array(after))")
    }
}
