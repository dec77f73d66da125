import NNLang
import NNPlot
import Testing

/// NNLab's picture functions draw through NNPlot by themselves: no teaching layer is attached here.
@Suite struct PictureFunctionTests {
    func run(_ text: String, style: Style = .plain) -> (output: String, failure: DiagnosticList?) {
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        interpreter.style = style
        do { try interpreter.run(SourceFile(name: "program.py", text: text)) } catch { return (output.text, error) }
        return (output.text, nil)
    }

    @Test func showAndPlotDrawWithoutTheTeachingLayer() {
        let (output, failure) = run(
            """
            import numpy as np
            show(np.array([[0.0, 4.0], [8.0, 16.0]]))
            plot([3, 2, 1], title="falling")
            """)
        #expect(failure == nil)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.prefix(3) == ["  ::", "++@@", "2x2 image, values 0.0000 to 16.0000"])
        #expect(lines[3] == "falling")
        #expect(lines[4].hasPrefix("3.0000 |***  "))
    }

    @Test func picturesFollowTheInterpretersStyle() {
        let (output, _) = run("show([[0.0, 1.0]])", style: Style(unicode: true, color: true))
        #expect(output.hasPrefix("\u{1B}[48;5;232m  \u{1B}[48;5;255m  \u{1B}[0m\n"))
    }

    @Test func diagramAndHeatmapOfAModel() {
        let (output, failure) = run(
            """
            from keras import Sequential, Input
            from keras.layers import Dense
            model = Sequential([Input(shape=(2,)), Dense(3, activation="relu", name="hidden"), Dense(1, name="out")])
            diagram(model)
            heatmap(model.layers[0])
            """)
        #expect(failure == nil)
        #expect(output.contains("2 features    3 units       1 unit"))
        #expect(output.contains("13 parameters in all"))
        #expect(output.contains("hidden kernel W  2x3"))
    }
}
