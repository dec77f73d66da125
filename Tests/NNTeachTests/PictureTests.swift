import NNEngine
@testable import NNTeach
import Testing

/// The picture renderers on small inputs, character for character.
@Suite struct PictureTests {
    @Test func imageShadesFromSmallestToLargest() throws {
        let image = try Tensor(rows: [[0, 4], [8, 16]])
        let ascii = ImagePicture(style: .plain).render(image)
        #expect(ascii == "  ::\n++@@\n2x2 image, values 0.0000 to 16.0000\n")
        let unicode = ImagePicture(style: Style(unicode: true, color: false)).render(image)
        #expect(unicode.hasPrefix("  ░░\n▒▒██\n"))
        let colored = ImagePicture(style: Style(unicode: true, color: true)).render(try Tensor(rows: [[0, 1]]))
        #expect(colored.hasPrefix("\u{1B}[48;5;232m  \u{1B}[48;5;255m  \u{1B}[0m"))
    }

    @Test func largeImagesAreAveragedDown() {
        let image = Tensor(shape: [100, 100]) { Float($0 % 100) }
        let lines = ImagePicture(style: .plain).render(image).split(separator: "\n")
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
        let points = Tensor(shape: [2, 2]) { [Float(-1), 0, 1, 0][$0] }
        let text = boundary.render(points: points, labels: Tensor([0, 1])) { grid in
            Tensor(shape: [grid.rows, 1]) { grid[flat: 2 * $0] > 0 ? 0.9 : 0.1 }
        }
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "....++++")
        #expect(lines[1] == "O...+++X")
    }

    @Test func heatmapMarksSignAndSize() throws {
        let map = WeightHeatmap(style: .plain).render(try Tensor(rows: [[-1, 0, 0.5], [1, -0.25, 0]]), title: "W")
        let lines = map.split(separator: "\n")
        #expect(lines[0] == "W  2x3")
        #expect(lines[1] == "-- . +")
        #expect(lines[2] == "++ - .")
    }

    @Test func diagramShowsEveryLayer() throws {
        let model = try Sequential(layers: [Dense(units: 3, activation: .relu, name: "hidden"), Dense(units: 1, activation: .sigmoid, name: "out")],
                                   inputWidth: 2)
        let text = NetworkDiagram(style: .plain).render(model)
        #expect(text.contains("input         hidden        out"))
        #expect(text.contains("2 features    3 units       1 unit"))
        #expect(text.contains("13 parameters in all"))
        #expect(text.split(separator: "\n")[1] == " o 2      -->  o 2      -->  o 1")
    }
}
