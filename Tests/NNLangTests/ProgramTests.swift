import Foundation
import NNLang
import Testing

/// Runs every program in Programs/: each `# expect: text` comment is a line the program must print
/// (in order), and an `# error: words` comment marks the line where the program must stop with an
/// error containing those words (Crafting Interpreters' test style).
@Suite struct ProgramTests {
    struct Program: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        var testDescription: String { name }

        var expectedOutput: [String] {
            text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
                guard let range = line.range(of: "# expect: ") ?? line.range(of: "# expect:") else { return nil }
                return String(line[range.upperBound...])
            }
        }

        var expectedError: (line: Int, words: String)? {
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if let range = line.range(of: "# error: ") { return (index + 1, String(line[range.upperBound...])) }
            }
            return nil
        }
    }

    static let programs: [Program] = {
        guard let folder = Bundle.module.url(forResource: "Programs", withExtension: nil),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return [] }
        return names.filter { $0.hasSuffix(".nn") }.sorted().compactMap { name in
            (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)).map {
                Program(name: name, text: $0)
            }
        }
    }()

    @Test func thereAreProgramsToRun() { #expect(ProgramTests.programs.count >= 10) }

    @Test(arguments: ProgramTests.programs)
    func programPrintsWhatItsCommentsSay(_ program: Program) throws {
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        var failure: DiagnosticList?
        do { try interpreter.run(SourceFile(name: program.name, text: program.text)) } catch { failure = error }
        var printed = output.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if printed.last == "" { printed.removeLast() }
        #expect(printed == program.expectedOutput)
        if let expected = program.expectedError {
            let diagnostic = try #require(failure?.diagnostics.first, "expected an error on line \(expected.line)")
            #expect(diagnostic.range?.start.line == expected.line, "\(diagnostic.message)")
            let text = diagnostic.message + " " + (diagnostic.hint ?? "")
            #expect(text.contains(expected.words), "got: \(text)")
        } else {
            #expect(failure == nil, "unexpected error: \(failure?.diagnostics.map(\.message) ?? [])")
        }
    }
}
