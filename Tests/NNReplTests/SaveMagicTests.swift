import Foundation
import NNLang
import Testing

@testable import NNRepl

/// `%save` as IPython's: ranges, a bad range is an error that leaves the file alone, an existing
/// file is overwritten only after a yes (or with -f), -a appends.
@Suite struct SaveMagicTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    func run(_ lines: [String], interactive: Bool = false) -> String {
        let output = CapturedOutput()
        let reader = ScriptedLineReader(lines: lines, interactive: interactive)
        Session(interpreter: Interpreter(output: output), reader: reader, output: output).run()
        return output.text
    }

    let cells = ["a = 1", "b = 2", "%who", "c = 3", "d = 4"]

    @Test func rangesChooseCellsAsIPythonDoes() throws {
        let f = folder.path
        let text = run(cells + ["%save \(f)/one 1-2 4", "%save \(f)/two.nn 2:4", "%save \(f)/three.nn 4-"])
        #expect(folder.read("one.nn") == "a = 1\nb = 2\nc = 3\n")
        #expect(folder.read("two.nn") == "b = 2\n", "2:4 leaves 4 out, and the magic in 3 is not code")
        #expect(folder.read("three.nn") == "c = 3\nd = 4\n")
        #expect(text.contains("The following commands were written to file `\(f)/one.nn`:\na = 1\nb = 2\nc = 3\n"))
    }

    @Test(arguments: ["abc", "999", "5-3", "1-x", "-2", "3", "99-100"])
    func aBadRangeIsAnErrorAndTheFileStays(_ range: String) throws {
        try folder.write("precious\n", to: "keep.nn")
        let text = run(cells + ["%save -f \(folder.path)/keep.nn \(range)"])
        #expect(text.contains("UsageError: "), "\(text)")
        #expect(folder.read("keep.nn") == "precious\n")
    }

    @Test func messagesNameTheProblem() {
        let f = folder.path
        let text = run(cells + ["%save \(f)/x 999", "%save \(f)/x abc", "%save \(f)/x 5-3"])
        #expect(text.contains("UsageError: there is no cell 999; this session has cells 1 to 5"))
        #expect(
            text.contains(
                "UsageError: 'abc' is not a cell range (like 3, 1-4 or 1:4); "
                    + "this session has cells 1 to 6\n"))
        #expect(text.contains("UsageError: the range 5-3 holds no cells"))
        #expect(folder.read("x.nn") == nil)
    }

    @Test func anExistingFileIsNotOverwrittenFromAPipe() throws {
        try folder.write("precious\n", to: "keep.nn")
        let text = run(cells + ["%save \(folder.path)/keep.nn 1"])
        let f = folder.path
        #expect(text == "a\tb\nFile `\(f)/keep.nn` exists. Use `%save -f \(f)/keep.nn 1` to overwrite it.\n")
        #expect(folder.read("keep.nn") == "precious\n")
    }

    @Test func minusFOverwrites() throws {
        try folder.write("precious\n", to: "keep.nn")
        _ = run(cells + ["%save -f \(folder.path)/keep.nn 1"])
        #expect(folder.read("keep.nn") == "a = 1\n")
        _ = run(cells + ["%save \(folder.path)/keep.nn 2 -f"])
        #expect(folder.read("keep.nn") == "b = 2\n", "options may come after the file name")
    }

    @Test func atATerminalItAsksFirst() throws {
        try folder.write("precious\n", to: "keep.nn")
        let refused = run(cells + ["%save \(folder.path)/keep.nn 1", ""], interactive: true)
        #expect(refused.hasSuffix("Operation cancelled.\n"))
        #expect(folder.read("keep.nn") == "precious\n")
        _ = run(cells + ["%save \(folder.path)/keep.nn 1", "n"], interactive: true)
        #expect(folder.read("keep.nn") == "precious\n")
        _ = run(cells + ["%save \(folder.path)/keep.nn 1", "y"], interactive: true)
        #expect(folder.read("keep.nn") == "a = 1\n")
    }

    @Test func theQuestionIsAskedAtThePrompt() throws {
        try folder.write("precious\n", to: "keep.nn")
        let output = CapturedOutput()
        let reader = ScriptedLineReader(lines: ["a = 1", "%save \(folder.path)/keep.nn", "yes"], interactive: true)
        Session(interpreter: Interpreter(output: output), reader: reader, output: output).run()
        let question = "File `\(folder.path)/keep.nn` exists. Overwrite (y/[N])? "
        #expect(reader.prompts == ["In [1]: ", "In [2]: ", question, "In [3]: "])
        #expect(folder.read("keep.nn") == "a = 1\n")
    }

    @Test func minusAAppends() throws {
        try folder.write("first = 0\n", to: "more.nn")
        let text = run(cells + ["%save -a \(folder.path)/more.nn 4"])
        #expect(folder.read("more.nn") == "first = 0\nc = 3\n")
        #expect(text.contains("appended to file"))
    }

    @Test func otherMistakes() throws {
        try FileManager.default.createDirectory(atPath: folder.path + "/sub.d", withIntermediateDirectories: false)
        let text = run([
            "%save", "%save \(folder.path)/early.nn", "a = 1", "%save -x \(folder.path)/a.nn",
            "%save \(folder.path)/sub.d", "%who", "%save \(folder.path)/m.nn 4",
        ])
        #expect(text.contains("UsageError: %save needs a file name"))
        #expect(text.contains("UsageError: %save has no option -x"))
        #expect(text.contains("UsageError: '\(folder.path)/sub.d' is a folder"))
        #expect(text.contains("UsageError: those cells hold no code to save"))
        #expect(folder.read("early.nn") == nil && folder.read("a.nn") == nil && folder.read("m.nn") == nil)
    }

    @Test func historyTakesTheSameRanges() {
        let text = run(cells + ["%history -n 2 4-5", "%history 9"])
        #expect(text.hasPrefix("a\tb\n   2: b = 2\n   4: c = 3\n   5: d = 4\n"))
        #expect(text.contains("UsageError: there is no cell 9"))
    }

    @Test func anExtensionIsAddedOnlyWhenThereIsNone() {
        #expect(Magics.withExtension("lesson") == "lesson.nn")
        #expect(Magics.withExtension("./sub.dir/lesson") == "./sub.dir/lesson.nn")
        #expect(Magics.withExtension("lesson.py") == "lesson.py")
        #expect(Magics.withExtension(".hidden") == ".hidden.nn")
    }

    @Test func rangeParsing() {
        #expect(CellRanges.parse("4") == 4..<5)
        #expect(CellRanges.parse("1-3") == 1..<4)
        #expect(CellRanges.parse("1:3") == 1..<3)
        #expect(CellRanges.parse("2:") == 2..<3)
        #expect(CellRanges.parse("2-") == 2..<Int.max)
        #expect(CellRanges.parse("5-3")?.isEmpty == true)
        for bad in ["", "-", "-3", "a", "1-b", "+1", "1.5", "１", "99999999999999999999", "1--2"] {
            #expect(CellRanges.parse(Substring(bad)) == nil, "\(bad)")
        }
    }
}
