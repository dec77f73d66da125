import Foundation
import Testing

@testable import NNPlot

/// The demo kit's pictures, character for character at 60 columns, in ASCII, Unicode and colour:
/// the network with values, runs compared in one chart (distinct marks, the overlap mark),
/// accuracy on [0, 1], a logarithmic loss axis, the boundary's legend, pictures side by side and
/// heatmaps with numbers and labels. ASCII is spelled out here; all three styles are compared
/// with a golden file (re-record on purpose with NNLAB_RECORD=1).
@Suite struct DemoKitPictureTests {
    static let styles = [
        ("ascii", Style(unicode: false, color: false, width: 60)),
        ("unicode", Style(unicode: true, color: false, width: 60)),
        ("color", Style(unicode: true, color: true, width: 60)),
    ]

    static func diagram(_ style: Style) -> String {
        let layers = [
            ValueDiagram.Layer(name: "dense", detail: "tanh", values: [0.5, -0.25], weights: [1, -0.4, 0.1, -1]),
            ValueDiagram.Layer(name: "out", detail: "sigmoid", values: [0.75], weights: [0.8, -0.3]),
        ]
        return ValueDiagram(style: style).render(input: [1, -2], layers: layers, title: "T", edgeName: "weights W")
    }

    static func comparison(_ style: Style) -> String {
        var chart = LineChart(style: style)
        chart.height = 4
        return chart.render(
            [.init(name: "SGD", values: [4, 3, 2, 1]), .init(name: "Adam", values: [4, 2, 1, 1])],
            xLabel: "epoch", title: "loss")
    }

    static func heatmap(_ style: Style) -> String {
        var map = WeightHeatmap(style: style)
        map.numbers = true
        map.rowLabels = ["x1", "x2"]
        map.columnLabels = ["h1", "h2", "h3"]
        return map.render([-1, 0, 0.5, 1, -0.25, 0], rows: 2, columns: 3, title: "W")
    }

    static func all(_ style: Style) -> String {
        var accuracy = LineChart(style: style)
        accuracy.height = 3
        accuracy.yRange = (0, 1)
        var logarithmic = LineChart(style: style)
        logarithmic.height = 3
        logarithmic.logScale = true
        var boundary = DecisionBoundary(style: style)
        boundary.width = 8
        boundary.height = 2
        boundary.featureNames = ("x1", "x2")
        let split = boundary.render(xs: [-1, 1], ys: [0, 0], labels: [0, 1]) { grid in
            (stride(from: 0, to: grid.count, by: 2).map { grid[$0] > 0 ? 0.9 : 0.1 }, 1)
        }
        var neuron = boundary
        neuron.regionNames = ["low output", "high output"]
        neuron.showsLegend = false
        let map = neuron.render(xs: [-1, 1], ys: [0, 0], labels: [0, 1]) { grid in
            (stride(from: 0, to: grid.count, by: 2).map { grid[$0] > 0 ? 0.9 : 0.1 }, 1)
        }
        return [
            "== diagram", diagram(style), "== comparison", comparison(style),
            "== accuracy", accuracy.render([.init(name: "accuracy", values: [0.5, 1])], xLabel: "epoch"),
            "== log scale",
            logarithmic.render(
                [.init(name: "a", values: [100, 1]), .init(name: "b", values: [1, 0.01])], xLabel: "epoch"),
            "== boundary", split, "== side by side", SideBySide.join([("one", map), ("two", map)]),
            "== neuron legend", neuron.legend(classes: 2).joined(separator: "\n") + "\n",
            "== heatmap", heatmap(style),
        ].joined(separator: "\n")
    }

    @Test func diagramInASCII() {
        let expected = """
            T
            input                dense                out
            (+1.00)############# (+0.50)######
                      ------                  ####### (+0.75)
            (-2.00)============= (-0.25)------
            x                    tanh                 sigmoid
            2 neurons            2 neurons            1 neuron
            lines: weights W; # + : positive, = - . negative (strong, medium, weak)
            largest |value| per layer: 1.0000, 0.8000

            """
        #expect(DemoKitPictureTests.diagram(DemoKitPictureTests.styles[0].1) == expected)
    }

    @Test func comparedRunsInASCII() {
        let expected = """
            loss
            4.0000 |#####****                                          
                   |     oooo####************                          
            2.5000 |             oooooooooooo*****************         
            1.0000 |                         ooooooooooooooooo#########
                   +---------------------------------------------------
                    1                                                 4
                    epoch    * SGD   o Adam   # both

            """
        #expect(DemoKitPictureTests.comparison(DemoKitPictureTests.styles[0].1) == expected)
    }

    @Test func heatmapWithNumbersAndLabelsInASCII() {
        let expected = """
            W  2x3
               h1    h2    h3
            x1 -1.00 +0.00 +0.50
            x2 +1.00 -0.25 +0.00
            largest magnitude 1.0000; - negative, + positive, more marks for larger

            """
        #expect(DemoKitPictureTests.heatmap(DemoKitPictureTests.styles[0].1) == expected)
    }

    @Test(arguments: DemoKitPictureTests.styles.map(\.0))
    func everyPictureMatchesItsGoldenText(_ name: String) throws {
        let style = try #require(DemoKitPictureTests.styles.first { $0.0 == name }?.1)
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TranscriptTests/Transcripts/pictures/demo-kit-\(name).txt")
        let text = DemoKitPictureTests.all(style)
        if ProcessInfo.processInfo.environment["NNLAB_RECORD"] == "1" {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
            return
        }
        let expected = try #require(try? String(contentsOf: file, encoding: .utf8), "record with NNLAB_RECORD=1")
        #expect(text == expected)
    }
}
