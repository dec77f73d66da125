import Foundation
import Testing

@testable import NNRepl

/// The history file never blocks or silently fails, and colour prompts are marked for libedit.
@Suite struct HistoryFileTests {
    final class Warnings {
        var messages: [String] = []
    }

    @Test func cellsAreKeptAndReadBack() throws {
        let folder = try TemporaryFolder()
        let warnings = Warnings()
        let history = HistoryFile(path: folder.path + "/history") { warnings.messages.append($0) }
        #expect(history.load().isEmpty)
        history.append("a = 1")
        history.append("for i in x:\n    print(i)")
        #expect(HistoryFile(path: folder.path + "/history") { _ in }.load() == ["a = 1", "for i in x:\n    print(i)"])
        #expect(folder.read("history") == "a = 1\nfor i in x:\n   ...:     print(i)\n")
        #expect(warnings.messages.isEmpty)
    }

    @Test func anUnwritableFileIsReportedOnce() throws {
        let warnings = Warnings()
        // A path under a regular file cannot be created, even by root.
        let history = HistoryFile(path: "/dev/null/history") { warnings.messages.append($0) }
        #expect(history.load().isEmpty)
        history.append("a = 1")
        history.append("b = 2")
        #expect(
            warnings.messages == [
                "nn: history is not kept in this session: /dev/null/history: Not a directory"
            ])
    }

    @Test func aFIFOIsSkippedWithoutWaiting() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/history"
        #expect(mkfifo(path, 0o600) == 0)
        let warnings = Warnings()
        let history = HistoryFile(path: path) { warnings.messages.append($0) }
        let start = Date()
        #expect(history.load().isEmpty)
        history.append("a = 1")
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(warnings.messages.count == 1)
        #expect(warnings.messages.first?.hasSuffix("/history: not a regular file") == true)
    }

    @Test func aFolderIsSkipped() throws {
        let folder = try TemporaryFolder()
        let warnings = Warnings()
        let history = HistoryFile(path: folder.path) { warnings.messages.append($0) }
        #expect(history.load().isEmpty)
        history.append("x")
        #expect(warnings.messages.count == 1)
    }

    @Test func onlyTheEndOfALongFileIsRead() throws {
        let folder = try TemporaryFolder()
        let lines = (0..<200_000).map { "line_\($0) = \($0)" }
        try folder.write(lines.joined(separator: "\n") + "\n", to: "history")
        let loaded = HistoryFile(path: folder.path + "/history") { _ in }.load()
        #expect(loaded.count == HistoryFile.limit)
        #expect(loaded.last == "line_199999 = 199999")
        #expect(loaded.first == "line_198000 = 198000")
    }
}

@Suite struct PromptMarkingTests {
    @Test func escapeSequencesAreMarkedAndTheResetMovesBeforeTheSpace() {
        let green = "\u{1B}[32m"
        let reset = "\u{1B}[0m"
        let bold = "\u{1B}[1;32m"
        let marked = "\u{1}\(green)\u{2}In [1]:\u{1}\(reset)\u{2} "
        #expect(EditLineReader.markingInvisible(green + "In [1]: " + reset) == marked)
        #expect(EditLineReader.markingInvisible("   ...: ") == "   ...: ")
        #expect(EditLineReader.markingInvisible(bold + "A" + reset + "B") == "\u{1}\(bold)\u{2}A\u{1}\(reset)\u{2}B")
        #expect(EditLineReader.markingInvisible("x\u{1B}") == "x\u{1}\u{1B}\u{2}")
    }
}
