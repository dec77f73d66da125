@testable import NNPlot

/// Small figures the renderer tests draw, one per kind of artist.
enum FigureSamples {
    static func lines() -> Figure {
        let figure = Figure(size: (4, 2))
        let axes = figure.axes(at: Axes.Place(rows: 1, columns: 1, index: 1))
        axes.add(Artist(.line(xs: [0, 1, 2, 3], ys: [0, 1, 4, 9]), color: axes.nextColor(), label: "square"))
        var second = Artist(.line(xs: [0, 1, 2, 3], ys: [9, 6, 3, 0]), color: axes.nextColor(), label: "falling")
        second.lineStyle = .dashed
        axes.add(second)
        axes.title = "lines"
        axes.xLabel = "x"
        axes.legend = true
        return figure
    }

    static func scatter() -> Figure {
        let figure = Figure(size: (4, 2))
        let axes = figure.axes(at: Axes.Place(rows: 1, columns: 1, index: 1))
        axes.add(
            Artist(
                .scatter(
                    xs: [0, 1, 2, 3], ys: [0, 1, 0, 1], values: [0, 1, 0, 1],
                    colormap: Colormap.named("bwr") ?? .viridis,
                    range: nil), color: .black))
        return figure
    }

    static func image() -> Figure {
        let figure = Figure()
        let axes = figure.axes(at: Axes.Place(rows: 1, columns: 1, index: 1))
        let values = (0..<16).map(Double.init)
        axes.add(
            Artist(
                .image(
                    ImageData(
                        rows: 4, columns: 4, channels: 1, values: values, colormap: Colormap.named("gray") ?? .viridis)),
                color: .black))
        axes.colorbar = ""
        return figure
    }

    static func bars() -> Figure {
        let figure = Figure(size: (4, 2))
        let axes = figure.axes(at: Axes.Place(rows: 1, columns: 1, index: 1))
        axes.add(
            Artist(
                .bars(positions: [0, 1, 2], heights: [1, 3, 2], width: 0.8, bottoms: [], horizontal: false),
                color: axes.nextColor(), label: "counts"))
        axes.add(Artist(.referenceLine(value: 2.5, horizontal: true), color: Color(name: "r") ?? .black))
        axes.xTicks = [(0, "a"), (1, "b"), (2, "c")]
        axes.legend = true
        return figure
    }

    static func contour() -> Figure {
        let figure = Figure(size: (4, 2))
        let axes = figure.axes(at: Axes.Place(rows: 1, columns: 1, index: 1))
        let xs = (0..<5).map(Double.init)
        let ys = (0..<5).map(Double.init)
        let values = ys.flatMap { y in xs.map { x in x + y } }
        axes.add(
            Artist(
                .contour(
                    ContourData(
                        xs: xs, ys: ys, values: values, levels: [0, 4, 8], filled: true,
                        colormap: Colormap.named("RdBu") ?? .viridis)), color: .black))
        return figure
    }

    static func grid() -> Figure {
        let figure = Figure(size: (8, 3))
        for index in 1...2 {
            let axes = figure.addAxes(at: Axes.Place(rows: 1, columns: 2, index: index))
            axes.add(Artist(.line(xs: [0, 1], ys: [0, Double(index)]), color: axes.nextColor()))
            axes.title = "panel \(index)"
        }
        figure.suptitle = "two panels"
        return figure
    }
}
