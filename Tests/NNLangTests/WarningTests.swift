import NNLang
import Testing

/// NumPy's RuntimeWarnings: shown as Python shows them (`file:line: RuntimeWarning: …` and the line), once
/// per line.
@Suite struct WarningTests {
    @Test func invalidCastsWarnOncePerLine() throws {
        let interpreter = Interpreter(output: CapturedOutput())
        var warnings: [String] = []
        interpreter.warningHandler = { warnings.append($0) }
        let program = """
            import numpy as np
            for i in range(3):
                a = np.array([np.nan, 1]).astype('int64')
            b = np.array([1.5]).astype('int64')
            c = np.array([4]) // 0
            """
        try interpreter.run(SourceFile(name: "cast.nn", text: program))
        #expect(
            warnings == [
                "cast.nn:3: RuntimeWarning: invalid value encountered in cast\n  a = np.array([np.nan, 1]).astype('int64')\n",
                "cast.nn:5: RuntimeWarning: divide by zero encountered in floor_divide\n  c = np.array([4]) // 0\n",
            ])
    }
}
