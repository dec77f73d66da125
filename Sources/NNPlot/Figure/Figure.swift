/// A matplotlib figure: a grid of axes with an optional overall title, drawn in the terminal by
/// `TerminalFigure` and written as SVG by `SVGFigure`.
public final class Figure {
    /// `figsize` in inches (width, height), matplotlib's default 6.4 by 4.8.
    public var size: (width: Double, height: Double)
    public var suptitle: String?
    /// The axes in the order they were made, each with its place in the grid.
    public private(set) var axes: [Axes] = []
    public var number: Int

    public init(number: Int = 1, size: (width: Double, height: Double) = (6.4, 4.8)) {
        self.number = number
        self.size = size
    }

    /// The grid the axes fill: the largest rows and columns any of them was placed in.
    public var grid: (rows: Int, columns: Int) {
        (axes.map { $0.place.rows }.max() ?? 1, axes.map { $0.place.columns }.max() ?? 1)
    }

    /// The axes at `place`, made if there is none yet (as `plt.subplot(2, 2, 3)` finds or makes it).
    @discardableResult
    public func axes(at place: Axes.Place) -> Axes {
        if let existing = axes.first(where: { $0.place == place }) { return existing }
        let made = Axes(place: place)
        axes.append(made)
        return made
    }

    /// A new axes at `place`, even where one is (`fig.add_subplot`, `subplots`).
    @discardableResult
    public func addAxes(at place: Axes.Place) -> Axes {
        axes.removeAll { $0.place == place && $0.artists.isEmpty }
        let made = Axes(place: place)
        axes.append(made)
        return made
    }

    public func remove(_ axes: Axes) { self.axes.removeAll { $0 === axes } }

    /// Whether anything was drawn on any axes.
    public var isEmpty: Bool { axes.allSatisfy { $0.artists.isEmpty && $0.title == nil } && suptitle == nil }
}

/// One plot of a figure (matplotlib's `Axes`): its artists, titles, labels, limits and scales.
public final class Axes {
    /// The cell of the figure's grid: `rows` x `columns`, numbered from 1 row by row, as `subplot` numbers.
    public struct Place: Equatable, Sendable {
        public var rows: Int
        public var columns: Int
        public var index: Int
        public init(rows: Int, columns: Int, index: Int) {
            self.rows = max(1, rows)
            self.columns = max(1, columns)
            self.index = max(1, index)
        }
        public var row: Int { (index - 1) / columns }
        public var column: Int { (index - 1) % columns }
    }

    public enum Scale: String, Sendable { case linear, log, symlog, logit }

    public var place: Place
    public var artists: [Artist] = []
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    public var xLimits: (low: Double?, high: Double?) = (nil, nil)
    public var yLimits: (low: Double?, high: Double?) = (nil, nil)
    public var xScale = Scale.linear
    public var yScale = Scale.linear
    public var grid = false
    public var legend = false
    public var legendTitle: String?
    /// The colour bar's label when `colorbar` was asked for (empty for none).
    public var colorbar: String?
    /// Tick positions and their labels, when the program set them (`xticks`, `set_xticks`).
    public var xTicks: [(Double, String?)]?
    public var yTicks: [(Double, String?)]?
    /// Whether the axes lines and ticks are drawn (`axis('off')` hides them).
    public var axisVisible = true
    /// `invert_yaxis()`.
    public var yInverted = false
    /// How many line-like artists took a colour from the cycle so far.
    var cycled = 0

    init(place: Place) { self.place = place }

    /// The next colour of matplotlib's cycle (`C0`, `C1`, …).
    public func nextColor() -> Color {
        defer { cycled += 1 }
        return Color.cycle[cycled % Color.cycle.count]
    }

    public func add(_ artist: Artist) { artists.append(artist) }

    /// Empties the axes (`cla`).
    public func clear() {
        artists = []
        title = nil
        xLabel = nil
        yLabel = nil
        xLimits = (nil, nil)
        yLimits = (nil, nil)
        xScale = .linear
        yScale = .linear
        legend = false
        colorbar = nil
        xTicks = nil
        yTicks = nil
        cycled = 0
    }

    /// The artists with a label for the legend (matplotlib leaves out labels starting with `_`).
    public var labelled: [Artist] {
        artists.filter { ($0.label.map { !$0.isEmpty && !$0.hasPrefix("_") }) ?? false }
    }
}
