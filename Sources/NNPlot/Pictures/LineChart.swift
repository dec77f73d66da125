#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `plot(history)` and `plot(values)`: line charts in the terminal, in braille dots (2x4 per
/// character) on a Unicode terminal or `*` and letters in ASCII, with a labelled y axis, an x axis
/// and a legend.
public struct LineChart {
    public struct Series {
        public var name: String
        public var values: [Float]
        public init(name: String, values: [Float]) {
            self.name = name
            self.values = values
        }
    }

    let style: Style
    public var height = 12
    /// The y axis's range when it is known in advance (accuracy: 0 to 1); the data's otherwise.
    public var yRange: (low: Float, high: Float)?
    /// A logarithmic y axis (for losses spanning several powers of ten); the labels stay the values.
    public var logScale = false

    public init(style: Style) {
        self.style = style
        labelText = { style.decimal($0) }
    }

    static let colors = ["34", "33", "32", "35"]
    static let asciiMarks: [Character] = ["*", "o", "+", "x"]
    /// Several curves are drawn in marks of their own (not braille), so that each stays visible
    /// without colour; a cell two curves pass through shows the overlap mark.
    static let unicodeMarks: [Character] = ["•", "○", "▪", "×"]
    var overlapMark: String { style.unicode ? "◉" : "#" }

    func mark(_ index: Int) -> String {
        String((style.unicode ? LineChart.unicodeMarks : LineChart.asciiMarks)[index % LineChart.asciiMarks.count])
    }

    public func render(_ series: [Series], xLabel: String, title: String? = nil) -> String {
        guard !logScale else { return renderLogarithmic(series, xLabel: xLabel, title: title) }
        let finite = series.flatMap(\.values).filter(\.isFinite)
        guard let low0 = finite.min(), let high0 = finite.max(), let longest = series.map(\.values.count).max(),
            longest > 0
        else {
            return "(nothing to plot)\n"
        }
        let (low, high) = yRange ?? (low0 == high0 ? (low0 - 1, high0 + 1) : (low0, high0))
        let labels = [high, (high + low) / 2, low].map { labelText($0) }
        let labelWidth = labels.map(\.count).max() ?? 6
        let plotWidth = max(20, min(style.width - labelWidth - 3, 64))
        let dotsWide = style.unicode && series.count == 1 ? plotWidth * 2 : plotWidth
        let dotsHigh = style.unicode && series.count == 1 ? height * 4 : height
        // Each cell: braille dot bits, or the ASCII mark; and which series drew there last.
        var bits = [[UInt8]](repeating: [UInt8](repeating: 0, count: plotWidth), count: height)
        var owner = [[Int]](repeating: [Int](repeating: -1, count: plotWidth), count: height)
        // Which curves pass through each cell, one bit each (for the overlap mark).
        var passing = [[UInt64]](repeating: [UInt64](repeating: 0, count: plotWidth), count: height)
        let braille = style.unicode && series.count == 1
        for (index, line) in series.enumerated() {
            var previous: (Int, Int)?
            for (i, value) in line.values.enumerated() where value.isFinite {
                let x =
                    longest == 1
                    ? 0 : Int(truncating: (Float(i) / Float(longest - 1) * Float(dotsWide - 1)).rounded()) ?? 0
                let y = Int(truncating: ((high - value) / (high - low) * Float(dotsHigh - 1)).rounded()) ?? 0
                for (px, py) in Canvas.segment(previous ?? (x, y), (x, y)) {
                    let column = braille ? px / 2 : px
                    let row = braille ? py / 4 : py
                    guard row >= 0, row < height, column >= 0, column < plotWidth else { continue }
                    if braille { bits[row][column] |= LineChart.brailleBit(px % 2, py % 4) }
                    owner[row][column] = index
                    passing[row][column] |= 1 << UInt64(min(index, 63))
                }
                previous = (x, y)
            }
        }
        var lines: [String] = []
        if let title { lines.append(style.emphasis(title)) }
        for row in 0..<height {
            let label = row == 0 ? labels[0] : (row == height / 2 ? labels[1] : (row == height - 1 ? labels[2] : ""))
            var line =
                String(repeating: " ", count: labelWidth - label.count) + label + " " + (style.unicode ? "┤" : "|")
            for column in 0..<plotWidth {
                let who = owner[row][column]
                guard who >= 0 else {
                    line += " "
                    continue
                }
                if passing[row][column].nonzeroBitCount > 1 {
                    line += style.paint(overlapMark, "1")
                    continue
                }
                let mark =
                    braille
                    ? String(Character(Unicode.Scalar(0x2800 + UInt32(bits[row][column])) ?? " ")) : self.mark(who)
                line += style.paint(mark, LineChart.colors[who % LineChart.colors.count])
            }
            lines.append(line)
        }
        let axis =
            String(repeating: " ", count: labelWidth + 1) + (style.unicode ? "└" : "+")
            + String(repeating: style.unicode ? "─" : "-", count: plotWidth)
        lines.append(axis)
        let first = "1"
        let last = "\(longest)"
        lines.append(
            String(repeating: " ", count: labelWidth + 2) + first
                + String(repeating: " ", count: max(1, plotWidth - first.count - last.count)) + last)
        var entries = series.enumerated().map { index, line in
            style.paint(braille ? "⣿" : mark(index), LineChart.colors[index % LineChart.colors.count]) + " " + line.name
        }
        if passing.contains(where: { $0.contains { $0.nonzeroBitCount > 1 } }) {
            entries.append(style.paint(overlapMark, "1") + " " + (series.count == 2 ? "both" : "several"))
        }
        let legend = entries.joined(separator: "   ")
        lines.append(String(repeating: " ", count: labelWidth + 2) + xLabel + "    " + legend)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The y labels: the values themselves, also on a logarithmic axis (whose heights are log10).
    var labelText: (Float) -> String = { _ in "" }

    func renderLogarithmic(_ series: [Series], xLabel: String, title: String?) -> String {
        var chart = self
        chart.logScale = false
        let style = self.style
        chart.labelText = { style.decimal(Float(pow(10, Double($0)))) }
        let logged = series.map {
            Series(name: $0.name, values: $0.values.map { $0 > 0 ? Float(log10(Double($0))) : .nan })
        }
        return chart.render(logged, xLabel: xLabel + " (loss on a log scale)", title: title)
    }

    /// The braille dot for column `x` (0-1) and row `y` (0-3) of a character.
    static func brailleBit(_ x: Int, _ y: Int) -> UInt8 {
        let left: [UInt8] = [0x01, 0x02, 0x04, 0x40]
        let right: [UInt8] = [0x08, 0x10, 0x20, 0x80]
        return x == 0 ? left[y] : right[y]
    }
}
