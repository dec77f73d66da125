/// Something drawn on an axes: a line, points, an image, bars, a reference line, contours, a filled
/// band or text, with the look matplotlib gives it.
public struct Artist {
    public enum Kind {
        case line(xs: [Double], ys: [Double])
        /// Points; with `values`, each point's colour comes from the colour map (`c=y, cmap=...`).
        case scatter(xs: [Double], ys: [Double], values: [Double]?, colormap: Colormap, range: (Double, Double)?)
        case image(ImageData)
        /// Bars from `bottom` to `bottom + height` centred on `positions` (or left to right when horizontal).
        case bars(positions: [Double], heights: [Double], width: Double, bottoms: [Double], horizontal: Bool)
        /// `axhline(y)` (`horizontal`) or `axvline(x)`, across the axes.
        case referenceLine(value: Double, horizontal: Bool)
        case contour(ContourData)
        case band(xs: [Double], lower: [Double], upper: [Double])
        case text(x: Double, y: Double, text: String)
    }

    public enum LineStyle: Sendable { case solid, dashed, dotted, dashDot, none }

    public var kind: Kind
    public var color: Color
    public var label: String?
    public var lineStyle = LineStyle.solid
    /// matplotlib's marker letter (`o`, `s`, `^`, `x`, `+`, `.`, `*`, `D`), or nil for none.
    public var marker: Character?
    public var alpha = 1.0
    public var lineWidth = 1.5
    public var markerSize = 6.0

    public init(_ kind: Kind, color: Color, label: String? = nil) {
        self.kind = kind
        self.color = color
        self.label = label
    }

    /// Whether the artist draws lines (for the legend's sample).
    public var drawsLine: Bool {
        switch kind {
        case .line, .referenceLine: lineStyle != .none
        default: false
        }
    }
}

/// An image for `imshow`: grey values through a colour map, or RGB(A) pixels.
public struct ImageData {
    public var rows: Int
    public var columns: Int
    /// 1 for values through the colour map, 3 or 4 for RGB(A) from 0 to 1.
    public var channels: Int
    /// Row by row, `channels` numbers per pixel; row 0 is the top unless `originLower`.
    public var values: [Double]
    public var colormap: Colormap
    public var range: (low: Double, high: Double)
    /// `extent=(left, right, bottom, top)` in data units, or nil for pixel centres at 0, 1, 2, …
    public var extent: (Double, Double, Double, Double)?
    public var originLower = false

    public init(
        rows: Int, columns: Int, channels: Int, values: [Double], colormap: Colormap,
        range: (low: Double, high: Double)? = nil
    ) {
        self.rows = rows
        self.columns = columns
        self.channels = channels
        self.values = values
        self.colormap = colormap
        if let range {
            self.range = range
        } else {
            let finite = values.filter(\.isFinite)
            self.range = (finite.min() ?? 0, finite.max() ?? 1)
        }
    }

    /// The data rectangle the image covers: left, right, bottom, top.
    public var bounds: (left: Double, right: Double, bottom: Double, top: Double) {
        if let extent { return extent }
        return originLower
            ? (-0.5, Double(columns) - 0.5, -0.5, Double(rows) - 0.5)
            : (-0.5, Double(columns) - 0.5, Double(rows) - 0.5, -0.5)
    }

    /// The colour of pixel (`row`, `column`) counted from the top row as stored.
    public func color(row: Int, column: Int) -> Color? {
        let base = (row * columns + column) * channels
        guard row >= 0, row < rows, column >= 0, column < columns, base + channels <= values.count else { return nil }
        if channels >= 3 {
            let scale = values[base..<(base + 3)].contains { $0 > 1 } ? 255.0 : 1.0
            return Color(values[base] / scale, values[base + 1] / scale, values[base + 2] / scale)
        }
        let value = values[base]
        guard value.isFinite else { return nil }
        let span = range.high - range.low
        return colormap.color(span > 0 ? (value - range.low) / span : 0.5)
    }
}

/// `contour` and `contourf`: values on a grid (rows follow `ys`, columns `xs`) cut at `levels`.
public struct ContourData {
    public var xs: [Double]
    public var ys: [Double]
    /// Row by row: `ys.count` rows of `xs.count` values.
    public var values: [Double]
    public var levels: [Double]
    public var filled: Bool
    public var colormap: Colormap
    /// One colour for every level (`colors='k'`), instead of the map.
    public var fixedColor: Color?

    public init(xs: [Double], ys: [Double], values: [Double], levels: [Double], filled: Bool, colormap: Colormap) {
        self.xs = xs
        self.ys = ys
        self.values = values
        self.levels = levels
        self.filled = filled
        self.colormap = colormap
    }

    /// The value at a data point, from the nearest grid cell (nil outside the grid).
    public func value(x: Double, y: Double) -> Double? {
        guard let column = ContourData.nearest(x, in: xs), let row = ContourData.nearest(y, in: ys) else { return nil }
        let index = row * xs.count + column
        return index < values.count ? values[index] : nil
    }

    /// How many levels are at or below `value` (contour lines run where this changes).
    public func level(_ value: Double) -> Int { levels.filter { $0 <= value }.count }

    /// The band (0 below the second level, …) a value falls in, and its colour.
    public func band(_ value: Double) -> (index: Int, color: Color) {
        let count = max(1, levels.count - 1)
        var index = 0
        while index < count - 1, value >= levels[index + 1] { index += 1 }
        let color = fixedColor ?? colormap.color(count == 1 ? 0.5 : Double(index) / Double(count - 1))
        return (index, color)
    }

    static func nearest(_ value: Double, in axis: [Double]) -> Int? {
        guard let first = axis.first, let last = axis.last, axis.count > 0 else { return nil }
        let low = min(first, last)
        let high = max(first, last)
        let half = axis.count > 1 ? abs(last - first) / Double(axis.count - 1) / 2 : 0.5
        guard value >= low - half, value <= high + half else { return nil }
        if axis.count == 1 { return 0 }
        let position = (value - first) / (last - first) * Double(axis.count - 1)
        return min(axis.count - 1, max(0, Int(saturating: (position).rounded())))
    }
}
