import NNLang
import Testing

/// Where messages point: into the source a function was written in, through CRLF line breaks, and
/// never cut short by a NUL.
@Suite struct DiagnosticSourceTests {
    func failure(_ interpreter: Interpreter, _ source: SourceFile) throws -> Diagnostic {
        var failure: Diagnostic?
        do { try interpreter.run(source) } catch { failure = error.diagnostics.first }
        return try #require(failure, "\(source.name) ran without an error")
    }

    @Test func anErrorInsideAFunctionPointsIntoTheCellThatDefinedIt() throws {
        let interpreter = Interpreter(output: CapturedOutput())
        let first = SourceFile(name: "In [1]", text: "x = 1\ndef scale(v):\n    y = v * 2\n    return y + 'a'\n")
        try interpreter.run(first)
        let second = SourceFile(name: "In [2]", text: "z = 3\nscale(z)\n")
        let diagnostic = try failure(interpreter, second)
        #expect(diagnostic.source?.name == "In [1]")
        #expect(diagnostic.range?.start.line == 4)
        let text = DiagnosticFormatter().format(diagnostic, in: second)
        #expect(text.contains("--> In [1]:4:12"), "\(text)")
        #expect(text.contains("4 |     return y + 'a'"), "\(text)")
        #expect(text.contains("^^^^^^^"), "\(text)")
    }

    @Test func argumentErrorsStayAtTheCall() throws {
        let interpreter = Interpreter(output: CapturedOutput())
        try interpreter.run(SourceFile(name: "In [1]", text: "def f(a):\n    return a\n"))
        let second = SourceFile(name: "In [2]", text: "f(1, 2)\n")
        let diagnostic = try failure(interpreter, second)
        #expect(diagnostic.source == nil)
        #expect(DiagnosticFormatter().format(diagnostic, in: second).contains("--> In [2]:1:6"))
    }

    @Test func nestedCallsPointIntoTheInnermostFunction() throws {
        let interpreter = Interpreter(output: CapturedOutput())
        try interpreter.run(SourceFile(name: "a.nn", text: "def inner():\n    return undefined_name\n"))
        try interpreter.run(SourceFile(name: "b.nn", text: "def outer():\n    return inner()\n"))
        let diagnostic = try failure(interpreter, SourceFile(name: "c.nn", text: "outer()\n"))
        #expect(diagnostic.source?.name == "a.nn")
        #expect(diagnostic.range?.start.line == 2)
    }

    @Test func crlfSourcesKeepTheirSnippet() throws {
        let source = SourceFile(name: "crlf.nn", text: "x = 1\r\ny = x + 'a'\r\nprint(y)\r\n")
        let diagnostic = try failure(Interpreter(output: CapturedOutput()), source)
        let text = DiagnosticFormatter().format(diagnostic, in: source)
        #expect(text.contains("2 | y = x + 'a'\n"), "\(text)")
        #expect(text.contains("  |     ^^^^^^^\n"), "\(text)")
        #expect(source.line(3) == "print(y)")
    }

    @Test func aNulCharacterIsAnErrorAndNeverCutsAMessage() throws {
        let source = SourceFile(name: "nul.nn", text: "x = 1\ny = 'a\u{0}b' + 1\n")
        let diagnostic = try failure(Interpreter(output: CapturedOutput()), source)
        #expect(diagnostic.message == "source code cannot contain null bytes")
        #expect(diagnostic.range?.start == SourceLocation(line: 2, column: 7))
        let text = DiagnosticFormatter().format(diagnostic, in: source)
        #expect(!text.contains("\u{0}"))
        #expect(text.contains("2 | y = 'a\u{FFFD}b' + 1"), "\(text)")
        let message = Diagnostic("there is no file 'a\u{0}b'", at: nil, hint: "tab\there")
        let formatted = DiagnosticFormatter().format(message, in: source)
        #expect(formatted == "error: there is no file 'a\\x00b'\n  = tab\there")
    }
}
