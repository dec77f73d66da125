import NNLang
import Testing

@testable import NNRepl

/// Figures left open at the end of a cell are drawn after it, as a notebook shows them inline.
@Suite struct SessionFigureTests {
    @Test func aCellsFiguresAreDrawnAfterItsOutput() {
        let output = CapturedOutput()
        let reader = ScriptedLineReader(lines: [
            "import matplotlib.pyplot as plt", "plt.plot([1, 3, 2])\n'drawn'", "plt.get_fignums()",
        ])
        Session(interpreter: Interpreter(output: output), reader: reader, output: output).run()
        let text = output.text
        let value = text.range(of: "Out[2]: 'drawn'")
        let axis = text.range(of: "+---")
        #expect(value != nil && axis != nil)
        if let value, let axis { #expect(value.lowerBound < axis.lowerBound) }
        #expect(text.contains("Out[3]: []"))
    }
}
