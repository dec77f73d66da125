/// A rectangle in figure fractions, (0, 0) the figure's lower left and (1, 1) its upper right:
/// matplotlib's `Bbox` of an axes (`ax.get_position()`), kept as its two corners.
public struct Box: Equatable, Sendable {
    public var x0: Double
    public var y0: Double
    public var x1: Double
    public var y1: Double

    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
    }

    /// `[left, bottom, width, height]`, as `fig.add_axes` and `Bbox.from_bounds` take it.
    public init(left: Double, bottom: Double, width: Double, height: Double) {
        self.init(x0: left, y0: bottom, x1: left + width, y1: bottom + height)
    }

    public var width: Double { x1 - x0 }
    public var height: Double { y1 - y0 }
}

/// matplotlib's `SubplotParams`: the margins around a figure's grid of axes and the gaps between
/// them, as fractions of the figure (`wspace` and `hspace` as fractions of an average cell).
public struct SubplotParameters: Equatable, Sendable {
    public var left = 0.125
    public var right = 0.9
    public var bottom = 0.11
    public var top = 0.88
    public var wspace = 0.2
    public var hspace = 0.2
    public init() {}

    /// The value named as `subplots_adjust` names it (`left`, …, `hspace`).
    public subscript(name: String) -> Double? {
        get {
            switch name {
            case "left": left
            case "right": right
            case "bottom": bottom
            case "top": top
            case "wspace": wspace
            case "hspace": hspace
            default: nil
            }
        }
        set {
            guard let newValue else { return }
            switch name {
            case "left": left = newValue
            case "right": right = newValue
            case "bottom": bottom = newValue
            case "top": top = newValue
            case "wspace": wspace = newValue
            case "hspace": hspace = newValue
            default: break
            }
        }
    }

    public static let names = ["left", "bottom", "right", "top", "wspace", "hspace"]
}

/// A grid of cells to place axes in (matplotlib's `GridSpec`): its size, the relative sizes of its
/// rows and columns, and any margins of its own that override the figure's.
public struct GridGeometry: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    public var heightRatios: [Double]
    public var widthRatios: [Double]
    /// Margins and gaps given to the grid itself (`GridSpec(2, 2, left=0.05)`), by name.
    public var overrides: [String: Double] = [:]

    public init(rows: Int, columns: Int, heightRatios: [Double]? = nil, widthRatios: [Double]? = nil) {
        self.rows = max(1, rows)
        self.columns = max(1, columns)
        self.heightRatios = heightRatios ?? Array(repeating: 1, count: max(1, rows))
        self.widthRatios = widthRatios ?? Array(repeating: 1, count: max(1, columns))
    }

    /// The figure's parameters with the grid's own in their place.
    public func parameters(in figure: SubplotParameters) -> SubplotParameters {
        var merged = figure
        for (name, value) in overrides { merged[name] = value }
        return merged
    }

    /// The cells' bottoms, tops, lefts and rights in figure fractions, computed in the order
    /// matplotlib's `get_grid_positions` computes them so the numbers agree to the last digit.
    public func edges(_ parameters: SubplotParameters) -> (
        bottoms: [Double], tops: [Double], lefts: [Double], rights: [Double]
    ) {
        let p = parameters
        let (tops, bottoms) = GridGeometry.cells(
            count: rows, total: p.top - p.bottom, space: p.hspace, ratios: heightRatios
        ) { p.top - $0 }
        let (lefts, rights) = GridGeometry.cells(
            count: columns, total: p.right - p.left, space: p.wspace, ratios: widthRatios
        ) { p.left + $0 }
        return (bottoms, tops, lefts, rights)
    }

    /// The start and end of each cell along one direction: running sums of gap, cell, gap, cell, …
    /// each turned into a figure position by `place`.
    static func cells(
        count: Int, total: Double, space: Double, ratios: [Double], place: (Double) -> Double
    ) -> ([Double], [Double]) {
        let cell = total / (Double(count) + space * Double(count - 1))
        let gap = space * cell
        let ratioSum = ratios.reduce(0, +)
        let norm = cell * Double(count) / (ratioSum == 0 ? 1 : ratioSum)
        var starts: [Double] = []
        var ends: [Double] = []
        var running = 0.0
        for index in 0..<count {
            running += index == 0 ? 0 : gap
            starts.append(place(running))
            running += (index < ratios.count ? ratios[index] : 1) * norm
            ends.append(place(running))
        }
        return (starts, ends)
    }

    /// The box covering rows `rowRange` and columns `columnRange` (`SubplotSpec.get_position`).
    public func box(rows rowRange: Range<Int>, columns columnRange: Range<Int>, in figure: SubplotParameters) -> Box {
        let e = edges(parameters(in: figure))
        let rowIndices = rowRange.clamped(to: 0..<rows)
        let columnIndices = columnRange.clamped(to: 0..<columns)
        return Box(
            x0: columnIndices.map { e.lefts[$0] }.min() ?? 0, y0: rowIndices.map { e.bottoms[$0] }.min() ?? 0,
            x1: columnIndices.map { e.rights[$0] }.max() ?? 1, y1: rowIndices.map { e.tops[$0] }.max() ?? 1)
    }
}
