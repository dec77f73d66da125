/// A matplotlib figure: a grid of axes with an optional overall title, drawn in the terminal by
/// `TerminalFigure` and written as SVG by `SVGFigure`.
public final class Figure {
    /// `figsize` in inches (width, height), matplotlib's default 6.4 by 4.8.
    public var size: (width: Double, height: Double)
    public var suptitle: String?
    /// The axes in the order they were made, each with its place in the grid.
    public private(set) var axes: [Axes] = []
    public var number: Int
    /// The margins and gaps of the grid (`subplots_adjust`), for the axes' positions.
    public var subplotParameters = SubplotParameters()

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
        if let existing = axes.first(where: { $0.place == place && $0.position == nil }) { return existing }
        let made = Axes(place: place)
        axes.append(made)
        return made
    }

    /// A new axes at `place`, even where one is (`fig.add_subplot`, `subplots`).
    @discardableResult
    public func addAxes(at place: Axes.Place) -> Axes {
        axes.removeAll { $0.place == place && $0.artists.isEmpty && $0.position == nil }
        let made = Axes(place: place)
        axes.append(made)
        return made
    }

    public func remove(_ axes: Axes) { self.axes.removeAll { $0 === axes } }

    /// Where `axes` sits in the figure (`ax.get_position()`): the place it was given, or its cells of
    /// the grid it was placed in, with this figure's margins.
    public func position(of axes: Axes) -> Box {
        if let box = axes.position { return box }
        let place = axes.place
        let grid = axes.layoutGrid ?? GridGeometry(rows: place.rows, columns: place.columns)
        return grid.box(
            rows: place.row..<(place.row + place.rowSpan), columns: place.column..<(place.column + place.columnSpan),
            in: subplotParameters)
    }

    /// A new axes at `box` (`fig.add_axes([left, bottom, width, height])`), in the grid cell nearest
    /// its centre for drawing in the terminal.
    @discardableResult
    public func addAxes(at box: Box) -> Axes {
        let (rows, columns) = grid
        let row = min(rows - 1, max(0, Int(((1 - (box.y0 + box.y1) / 2) * Double(rows)).rounded(.down))))
        let column = min(columns - 1, max(0, Int(((box.x0 + box.x1) / 2 * Double(columns)).rounded(.down))))
        let made = Axes(place: Axes.Place(rows: rows, columns: columns, index: row * columns + column + 1))
        made.position = box
        axes.append(made)
        return made
    }

    /// Whether anything was drawn on any axes.
    public var isEmpty: Bool { axes.allSatisfy { $0.artists.isEmpty && $0.title == nil } && suptitle == nil }
}

/// One plot of a figure (matplotlib's `Axes`): its artists, titles, labels, limits and scales.
public final class Axes {
    /// The cell of the figure's grid: `rows` x `columns`, numbered from 1 row by row, as `subplot` numbers;
    /// a GridSpec slice (`gs[0, :]`) starts at that cell and spans `rowSpan` rows and `columnSpan` columns.
    public struct Place: Equatable, Sendable {
        public var rows: Int
        public var columns: Int
        public var index: Int
        public var rowSpan: Int
        public var columnSpan: Int
        public init(rows: Int, columns: Int, index: Int, rowSpan: Int = 1, columnSpan: Int = 1) {
            self.rows = max(1, rows)
            self.columns = max(1, columns)
            self.index = max(1, index)
            self.rowSpan = max(1, rowSpan)
            self.columnSpan = max(1, columnSpan)
        }
        public var row: Int { (index - 1) / columns }
        public var column: Int { (index - 1) % columns }
    }

    public enum Scale: String, Sendable { case linear, log, symlog, logit }

    public var place: Place
    /// The grid the axes was placed in when it has ratios or margins of its own (a GridSpec).
    public var layoutGrid: GridGeometry?
    /// Where the program put the axes itself (`fig.add_axes(rect)`, `ax.set_position`).
    public var position: Box?
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

    /// An axes the program placed itself with nothing drawn on it (a widget's, as `Slider(fig.add_axes(...))`
    /// takes): a terminal or an SVG drawing leaves it out rather than draw an empty frame over the grid.
    public var isPlaceholder: Bool {
        position != nil && artists.isEmpty && title == nil && xLabel == nil && yLabel == nil
    }

    /// The artists with a label for the legend (matplotlib leaves out labels starting with `_`).
    public var labelled: [Artist] {
        artists.filter { ($0.label.map { !$0.isEmpty && !$0.hasPrefix("_") }) ?? false }
    }
}
