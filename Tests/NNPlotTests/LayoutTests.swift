import Testing

@testable import NNPlot

/// Where axes sit in a figure, against the numbers matplotlib 3.10 gives for the same layouts
/// (`ax.get_position()` printed by real Python), and how the terminal draws GridSpec blocks and
/// axes placed by hand.
@Suite struct LayoutTests {
    @Test func gridCellsAreWhereMatplotlibPutsThem() {
        // GridSpec(2, 2): gs[1, 1] is Bbox(x0=0.5477272727272726, y0=0.10999999999999999, x1=0.8999999999999999, y1=0.46).
        let grid = GridGeometry(rows: 2, columns: 2)
        let box = grid.box(rows: 1..<2, columns: 1..<2, in: SubplotParameters())
        #expect(box == Box(x0: 0.5477272727272726, y0: 0.10999999999999999, x1: 0.8999999999999999, y1: 0.46))
        #expect(box.width == 0.3522727272727273)
        #expect(box.height == 0.35000000000000003)
    }

    @Test func ratiosSpansAndGapsFollowGetGridPositions() {
        // fig.add_gridspec(3, 3, width_ratios=[1, 2, 1], hspace=0.4)
        var grid = GridGeometry(rows: 3, columns: 3, widthRatios: [1, 2, 1])
        grid.overrides["hspace"] = 0.4
        let figure = SubplotParameters()
        #expect(
            grid.box(rows: 0..<1, columns: 0..<3, in: figure)
                == Box(x0: 0.125, y0: 0.6773684210526316, x1: 0.8999999999999999, y1: 0.88))
        #expect(
            grid.box(rows: 1..<3, columns: 0..<1, in: figure)
                == Box(x0: 0.125, y0: 0.1100000000000001, x1: 0.2959558823529412, y1: 0.5963157894736842))
        #expect(
            grid.box(rows: 2..<3, columns: 2..<3, in: figure)
                == Box(x0: 0.7290441176470588, y0: 0.1100000000000001, x1: 0.8999999999999999, y1: 0.3126315789473685))
    }

    @Test func subplotsAdjustMovesTheCells() {
        // fig, axs = plt.subplots(2, 2); fig.subplots_adjust(left=0.2, hspace=0.5); axs[1, 1]
        let figure = Figure()
        figure.subplotParameters["left"] = 0.2
        figure.subplotParameters["hspace"] = 0.5
        let axes = figure.addAxes(at: Axes.Place(rows: 2, columns: 2, index: 4))
        #expect(
            figure.position(of: axes)
                == Box(x0: 0.5818181818181818, y0: 0.10999999999999999, x1: 0.8999999999999999, y1: 0.41800000000000004)
        )
        #expect(SubplotParameters()["nothing"] == nil)
    }

    @Test func axesPlacedByHandKeepTheirBox() {
        let figure = Figure()
        figure.addAxes(at: Axes.Place(rows: 2, columns: 2, index: 1))
        figure.addAxes(at: Axes.Place(rows: 2, columns: 2, index: 4))
        // plt.axes([0.1, 0.2, 0.3, 0.4]): Bbox(x0=0.1, y0=0.2, x1=0.4, y1=0.6000000000000001)
        let free = figure.addAxes(at: Box(left: 0.1, bottom: 0.2, width: 0.3, height: 0.4))
        #expect(figure.position(of: free) == Box(x0: 0.1, y0: 0.2, x1: 0.4, y1: 0.6000000000000001))
        // For the terminal it stands in the grid cell nearest its centre (0.25, 0.4): the lower left.
        #expect(free.place == Axes.Place(rows: 2, columns: 2, index: 3))
        #expect(free.isPlaceholder)
        // A subplot made at that cell later is a new axes, not the hand-placed one.
        #expect(figure.axes(at: Axes.Place(rows: 2, columns: 2, index: 3)) !== free)
        free.add(Artist(.line(xs: [0, 1], ys: [0, 1]), color: .black))
        #expect(!free.isPlaceholder)
    }

    @Test func aBlockSpanningTheColumnsIsDrawnAcrossThem() {
        let style = Style(unicode: false, color: false, width: 80)
        let spanning = Figure(size: (4, 3))
        let top = spanning.addAxes(at: Axes.Place(rows: 2, columns: 2, index: 1, columnSpan: 2))
        top.add(Artist(.line(xs: [0, 1, 2], ys: [2, 1, 2]), color: .black))
        // A widget's empty axes is left out of the drawing.
        spanning.addAxes(at: Box(left: 0.2, bottom: 0.1, width: 0.6, height: 0.03))
        let single = Figure(size: (4, 3))
        single.axes(at: Axes.Place(rows: 1, columns: 1, index: 1)).add(
            Artist(.line(xs: [0, 1, 2], ys: [2, 1, 2]), color: .black))
        let drawn = TerminalFigure(style: style).render(spanning)
        #expect(drawn == TerminalFigure(style: style).render(single))
        #expect(drawn.split(separator: "\n").contains { $0.count > 60 })
    }

    @Test func spanningPanelsShareABandWithTheirNeighbours() {
        let style = Style(unicode: false, color: false, width: 120)
        let figure = Figure()
        let wide = figure.addAxes(at: Axes.Place(rows: 2, columns: 3, index: 1, columnSpan: 2))
        wide.title = "wide"
        let narrow = figure.addAxes(at: Axes.Place(rows: 2, columns: 3, index: 3))
        narrow.title = "narrow"
        let lines = TerminalFigure(style: style).render(figure).split(separator: "\n", omittingEmptySubsequences: false)
        let titles = lines.first { $0.contains("wide") } ?? ""
        // Three panels of 38 columns with gaps of 3: the wide one takes 79, so the narrow one starts past them.
        let narrowStart = titles.range(of: "narrow").map { titles.distance(from: titles.startIndex, to: $0.lowerBound) }
        #expect((narrowStart ?? 0) > 79)
    }
}
