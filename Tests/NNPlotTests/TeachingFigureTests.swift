import Foundation
import Testing

@testable import NNPlot

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The teaching pictures' SVG (what a notebook shows through the kernel): each parses as XML and
/// holds as many marks as its data has.
@Suite struct TeachingFigureTests {
    func parse(_ figure: Figure) throws -> SVGFigureTests.Collector {
        try #require(SVGFigureTests().parse(SVGFigure().render(figure)))
    }

    func count(_ document: SVGFigureTests.Collector, _ name: String, _ key: String? = nil, _ value: String? = nil)
        -> Int
    {
        document.elements.filter { $0.name == name && (key == nil || $0.attributes[key ?? ""] == value) }.count
    }

    func axesGroups(_ document: SVGFigureTests.Collector) -> Int {
        document.elements.filter { $0.name == "g" && ($0.attributes["id"] ?? "").hasPrefix("axes_") }.count
    }

    @Test func decisionRegionsAreAnImageUnderOnePointPerExample() throws {
        let xs: [Float] = [-1, -0.5, -0.2, 0.6, 1]
        let ys: [Float] = [0, 1, -1, 0.5, -0.5]
        let labels: [Float] = [0, 0, 0, 1, 1]
        // Class 1 right of x = 0, quite sure everywhere.
        let regions = DecisionBoundary.regions(xs: xs, ys: ys, columns: 8, rows: 6) { grid in
            (stride(from: 0, to: grid.count, by: 2).map { grid[$0] > 0 ? 1 : 0 }, 1)
        }
        #expect(regions.cells.count == 48)
        #expect(regions.classes == 2)
        #expect(regions.decide(0).label == 0 && regions.decide(7).label == 1)
        let figure = PictureFigures.boundary(
            [PictureFigures.BoundaryPanel(title: nil, regions: regions)], xs: xs, ys: ys, labels: labels,
            featureNames: ("x1", "x2"))
        let document = try parse(figure)
        #expect(axesGroups(document) == 1)
        // Half of each of the 6 rows in each class's pale colour, one rectangle a run; the points (and
        // a legend mark) in the class's strong colour.
        #expect(count(document, "rect", "fill", Color.xterm(223).hex) == 6)
        #expect(count(document, "rect", "fill", Color.xterm(153).hex) == 6)
        #expect(count(document, "circle", "fill", Color.xterm(208).hex) == 3 + 1)
        #expect(count(document, "circle", "fill", Color.xterm(25).hex) == 2 + 1)
        for text in ["x1", "x2", "class 0", "class 1"] { #expect(document.texts.contains(text), "missing \(text)") }
    }

    @Test func modelsSideBySideAreOneAxesEach() throws {
        let regions = DecisionBoundary.regions(xs: [0, 1], ys: [0, 1], columns: 4, rows: 4) { grid in
            (Array(repeating: 0.5, count: grid.count / 2), 1)
        }
        let panels = ["sgd", "adam", "rmsprop"].map { PictureFigures.BoundaryPanel(title: $0, regions: regions) }
        let document = try parse(PictureFigures.boundary(panels, xs: [0, 1], ys: [0, 1], labels: [0, 1]))
        #expect(axesGroups(document) == 3)
        for title in ["sgd", "adam", "rmsprop"] { #expect(document.texts.contains(title)) }
        // Unsure everywhere (p = 0.5): every row is one white run.
        #expect(count(document, "rect", "fill", "#ffffff") >= 3 * 4)
    }

    @Test func aHeatmapHasACellPerEntryAndAColourBar() throws {
        let values: [Float] = [0.5, -1, 0, 0.25, 1, -0.5]
        let figure = PictureFigures.heatmap(
            values, rows: 2, columns: 3, title: "dense kernel W", numbers: true, rowLabels: ["a", "b"],
            columnLabels: ["p", "q", "r"])
        let document = try parse(figure)
        #expect(axesGroups(document) == 1)
        let colourBar = document.elements.firstIndex { $0.name == "g" && $0.attributes["class"] == "colorbar" } ?? 0
        // Before the colour bar's 50 steps: the background, the clip rectangle, six cells (the frame has no fill).
        let cells = document.elements[..<colourBar].filter { $0.name == "rect" && $0.attributes["fill"] != "none" }
        #expect(cells.count == 1 + 1 + 6)
        // Positive is orange, negative blue, zero white, on a scale symmetric about zero.
        #expect(cells.contains { $0.attributes["fill"] == PictureFigures.negative.hex })
        #expect(cells.contains { $0.attributes["fill"] == PictureFigures.positive.hex })
        for text in ["dense kernel W", "a", "b", "p", "q", "r", "+0.50", "-1.00", "+0.25"] {
            #expect(document.texts.contains(text), "missing \(text)")
        }
    }

    @Test func theNetworkDiagramJoinsEveryShownNeuron() throws {
        let layers = [
            NetworkDiagram.Layer(name: "hidden", width: 10, detail: "relu", parameterCount: 30),
            NetworkDiagram.Layer(name: "out", width: 1, detail: "sigmoid", parameterCount: 11),
        ]
        let document = try parse(PictureFigures.network(inputWidth: 2, layers: layers))
        // 2 inputs, 10 hidden drawn as 4 and a ⋮, 1 output.
        #expect(count(document, "polyline") == 2 * 4 + 4 * 1)
        #expect(count(document, "circle") == 2 + 4 + 1)
        for text in ["input", "hidden", "out", "10 units", "relu", "30 params", "⋮", "41 parameters in all"] {
            #expect(document.texts.contains(text), "missing \(text)")
        }
    }

    @Test func theValueDiagramDrawsEachWeightBySignAndSize() throws {
        let layers = [
            ValueDiagram.Layer(
                name: "hidden", detail: "relu", values: [0.5, 0, 1.25], weights: [1, -0.5, 0.1, -2, 0.25, 0]),
            ValueDiagram.Layer(name: "out", detail: "sigmoid", values: [0.7], weights: [0.3, -0.6, 0.9]),
        ]
        let figure = PictureFigures.values(
            input: [0.5, -1], layers: layers, title: "Activations for one example", edgeName: "weights W")
        let document = try parse(figure)
        let edges = document.elements.filter { $0.name == "polyline" }
        #expect(edges.count == 2 * 3 + 3 * 1)
        #expect(edges.filter { $0.attributes["stroke"] == PictureFigures.positive.hex }.count == 6)
        #expect(edges.filter { $0.attributes["stroke"] == PictureFigures.negative.hex }.count == 3)
        // The largest weight of a layer is drawn widest, last.
        let widths = edges.compactMap { $0.attributes["stroke-width"].flatMap(Double.init) }
        #expect(widths.last == 4)
        #expect(widths.min() == 0.4)
        #expect(count(document, "circle") == 2 + 3 + 1)
        for text in [
            "+0.50", "-1.00", "+1.25", "+0.70", "hidden", "sigmoid", "3 neurons", "Activations for one example",
        ] {
            #expect(document.texts.contains(text), "missing \(text)")
        }
    }

    @Test func comparedRunsShareACurvePerRunInEachChart() throws {
        let runs = ["sgd", "adam", "rmsprop"]
        let charts = [
            PictureFigures.Chart(
                title: "loss", series: runs.map { LineChart.Series(name: $0, values: [1, 0.1, 0.001]) }, logScale: true),
            PictureFigures.Chart(
                title: "accuracy", series: runs.map { LineChart.Series(name: $0, values: [0.5, 0.7, 0.9]) },
                yRange: (0, 1)),
        ]
        let document = try parse(PictureFigures.charts(charts, xLabel: "epoch"))
        #expect(axesGroups(document) == 2)
        #expect(count(document, "polyline") == 6)
        #expect(count(document, "g", "class", "legend") == 2)
        for text in ["loss", "accuracy", "sgd", "adam", "rmsprop", "epoch"] { #expect(document.texts.contains(text)) }
    }

    @Test func aLiveFitsLastFrameIsItsLossBesideItsRegions() throws {
        let regions = DecisionBoundary.regions(xs: [0, 1], ys: [0, 1], columns: 4, rows: 3) { grid in
            (Array(repeating: 0.9, count: grid.count / 2), 1)
        }
        let chart = PictureFigures.Chart(title: "loss", series: [LineChart.Series(name: "loss", values: [0.7, 0.4])])
        let both = try parse(
            PictureFigures.training(
                chart,
                boundary: (PictureFigures.BoundaryPanel(title: "regions", regions: regions), [0, 1], [0, 1], [0, 1])
            ))
        #expect(axesGroups(both) == 2)
        #expect(count(both, "polyline") == 1)
        // p = 0.9 everywhere: sure to 0.8, shown at 0.75, one run per row.
        #expect(count(both, "rect", "fill", Color.xterm(153).blended(over: .white, alpha: 0.75).hex) == 3)
        #expect(axesGroups(try parse(PictureFigures.training(chart, boundary: nil))) == 1)
    }

    @Test func terminalPaletteColours() {
        #expect(Color.xterm(208).hex == "#ff8700")
        #expect(Color.xterm(25).hex == "#005faf")
        #expect(Color.xterm(255).hex == "#eeeeee")
        #expect(Color.xterm(1).hex == "#800000")
    }
}
