/// `heatmap(W)`: a weight matrix as coloured cells, blue for negative and orange for positive
/// (TensorFlow Playground's colours), stronger for larger magnitudes; in ASCII, `-` and `+` marks.
public struct WeightHeatmap {
    let style: Style
    static let maximumColumns = 36
    static let maximumRows = 24

    /// Each cell's number written in it (six columns a cell instead of two).
    public var numbers = false
    /// Names of the rows and columns (by default their numbers, from 0, as `W[i, j]` counts them).
    public var rowLabels: [String]?
    public var columnLabels: [String]?

    public init(style: Style) { self.style = style }

    /// - Parameter values: the matrix's entries, row by row (`rows` x `columns`).
    public func render(_ values: [Float], rows: Int, columns: Int, title: String) -> String {
        let rowStep = max(1, (rows + WeightHeatmap.maximumRows - 1) / WeightHeatmap.maximumRows)
        let columnStep = max(1, (columns + WeightHeatmap.maximumColumns - 1) / WeightHeatmap.maximumColumns)
        let largest = max(values.map(abs).max() ?? 1, 1e-12)
        var lines = [
            style.emphasis(title) + "  "
                + style.note(
                    "\(rows)x\(columns)"
                        + (rowStep > 1 || columnStep > 1 ? ", averaged in \(rowStep)x\(columnStep) blocks" : ""))
        ]
        let rowNames = stride(from: 0, to: rows, by: rowStep).map { r in
            rowLabels.map { r < $0.count ? $0[r] : "\(r)" } ?? "\(r)"
        }
        let margin = (rowNames.map(\.count).max() ?? 1) + 1
        let cellWidth = numbers ? 6 : 2
        let columnNames = stride(from: 0, to: columns, by: columnStep).map { c in
            columnLabels.map { c < $0.count ? $0[c] : "\(c)" } ?? "\(c)"
        }
        // Column names fit their cells: each one that fits, else every few (whole names, never cut).
        var header = String(repeating: " ", count: margin)
        // A two-column cell's mark is its second character: the name stands over it.
        let shift = numbers ? 0 : 1
        for (index, name) in columnNames.enumerated() where header.count <= margin + index * cellWidth + shift {
            header += String(repeating: " ", count: margin + index * cellWidth + shift - header.count) + name + " "
        }
        lines.append(style.note(header.trimmingTrailing()))
        for (rowIndex, r) in stride(from: 0, to: rows, by: rowStep).enumerated() {
            var line = rowNames[rowIndex] + String(repeating: " ", count: margin - rowNames[rowIndex].count)
            for c in stride(from: 0, to: columns, by: columnStep) {
                var total: Float = 0
                var count: Float = 0
                for i in r..<min(rows, r + rowStep) {
                    for j in c..<min(columns, c + columnStep) {
                        total += values[i * columns + j]
                        count += 1
                    }
                }
                let mean = total / max(count, 1)
                line += numbers ? numberCell(mean, scaled: mean / largest) : cell(mean / largest)
            }
            lines.append(style.color ? line + style.reset : line.trimmingTrailing())
        }
        lines.append(
            style.note(
                "largest magnitude \(style.decimal(largest)); "
                    + (style.color ? "blue negative, orange positive" : "- negative, + positive, more marks for larger")
            ))
        return lines.joined(separator: "\n") + "\n"
    }

    /// A cell with its number (`+0.12` in six columns), on its colour in colour.
    func numberCell(_ value: Float, scaled: Float) -> String {
        let magnitude = abs(value)
        let hundredths = magnitude.isFinite ? Int(truncating: (magnitude * 100).rounded()) ?? 0 : 0
        var digits =
            magnitude >= 9.995
            ? (magnitude.isFinite && magnitude < 999.5 ? "\(Int(truncating: magnitude.rounded()) ?? 0)" : "big")
            : "\(hundredths / 100)." + (hundredths % 100 < 10 ? "0" : "") + "\(hundredths % 100)"
        if !value.isFinite { digits = value.isNaN ? "nan" : "inf" }
        let text = (value < 0 ? "-" : "+") + digits
        let padded = String(repeating: " ", count: max(0, 5 - text.count)) + text + " "
        guard style.color else { return padded }
        let strength = min(4, Int(truncating: (abs(scaled) * 4).rounded()) ?? 0)
        let blues = [255, 153, 111, 68, 25]
        let oranges = [255, 223, 215, 209, 208]
        return style.escape("48;5;\((scaled < 0 ? blues : oranges)[strength]);30") + padded
    }

    /// One cell for a value scaled to -1…1, two characters wide.
    func cell(_ value: Float) -> String {
        let strength = min(4, Int(truncating: (abs(value) * 4).rounded()) ?? 0)
        if style.color {
            let blues = [255, 153, 111, 68, 25]
            let oranges = [255, 223, 215, 209, 208]
            return style.escape("48;5;\((value < 0 ? blues : oranges)[strength])") + "  "
        }
        if strength == 0 { return style.unicode ? " ·" : " ." }
        let mark = value < 0 ? "-" : "+"
        return strength >= 3 ? mark + mark : " " + mark
    }
}
