import Testing

@testable import NNPlot

/// The picture renderers on small inputs, character for character.
@Suite struct PictureTests {
    @Test func imageShadesFromSmallestToLargest() {
        let ascii = ImagePicture(style: .plain).render([0, 4, 8, 16], rows: 2, columns: 2)
        #expect(ascii == "  ::\n++@@\n2x2 image, values 0.0000 to 16.0000\n")
        let unicode = ImagePicture(style: Style(unicode: true, color: false)).render(
            [0, 4, 8, 16], rows: 2, columns: 2)
        #expect(unicode.hasPrefix("  ░░\n▒▒██\n"))
        let colored = ImagePicture(style: Style(unicode: true, color: true)).render([0, 1], rows: 1, columns: 2)
        #expect(colored.hasPrefix("\u{1B}[48;5;232m  \u{1B}[48;5;255m  \u{1B}[0m"))
    }

    @Test func largeImagesAreAveragedDown() {
        let image = (0..<10_000).map { Float($0 % 100) }
        let lines = ImagePicture(style: .plain).render(image, rows: 100, columns: 100).split(separator: "\n")
        #expect(lines.count == 34 + 1)
        #expect(lines[0].count == 68)
    }

    @Test func lineChartOfAStraightLine() {
        var chart = LineChart(style: Style(unicode: false, color: false, width: 40))
        chart.height = 3
        let text = chart.render([.init(name: "loss", values: [3, 2, 1])], xLabel: "epoch")
        let expected = [
            "3.0000 |********                       ",
            "2.0000 |        ***************        ",
            "1.0000 |                       ********",
            "       +-------------------------------",
            "        1                             3",
            "        epoch    * loss",
        ]
        #expect(text == expected.joined(separator: "\n") + "\n")
    }

    @Test func brailleChartsUseTwoByFourDots() {
        #expect(LineChart.brailleBit(0, 0) == 0x01)
        #expect(LineChart.brailleBit(1, 3) == 0x80)
        var chart = LineChart(style: Style(unicode: true, color: false, width: 40))
        chart.height = 2
        let text = chart.render([.init(name: "a", values: [1, 1])], xLabel: "x")
        #expect(text.split(separator: "\n")[1].hasSuffix("┤" + String(repeating: "⠉", count: 31)))
    }

    @Test func decisionBoundaryOfAVerticalSplit() {
        var boundary = DecisionBoundary(style: .plain)
        boundary.width = 8
        boundary.height = 2
        let text = boundary.render(xs: [-1, 1], ys: [0, 0], labels: [0, 1]) { grid in
            (stride(from: 0, to: grid.count, by: 2).map { grid[$0] > 0 ? 0.9 : 0.1 }, 1)
        }
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "....++++")
        #expect(lines[1] == "O...+++X")
    }

    @Test func heatmapMarksSignAndSize() {
        let map = WeightHeatmap(style: .plain).render([-1, 0, 0.5, 1, -0.25, 0], rows: 2, columns: 3, title: "W")
        let lines = map.split(separator: "\n")
        #expect(lines[0] == "W  2x3")
        #expect(lines[1] == "   0 1 2")
        #expect(lines[2] == "0 -- . +")
        #expect(lines[3] == "1 ++ - .")
    }

    @Test func diagramShowsEveryLayer() {
        let layers = [
            NetworkDiagram.Layer(name: "hidden", width: 3, detail: "relu", parameterCount: 9),
            NetworkDiagram.Layer(name: "out", width: 1, detail: "sigmoid", parameterCount: 4),
        ]
        let text = NetworkDiagram(style: .plain).render(inputWidth: 2, layers: layers)
        #expect(text.contains("input         hidden        out"))
        #expect(text.contains("2 features    3 units       1 unit"))
        #expect(text.contains("13 parameters in all"))
        #expect(text.split(separator: "\n")[1] == " o 2      -->  o 2      -->  o 1")
    }
}
