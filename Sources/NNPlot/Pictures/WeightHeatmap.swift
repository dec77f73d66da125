/// `heatmap(W)`: a weight matrix as coloured cells, blue for negative and orange for positive
/// (TensorFlow Playground's colours), stronger for larger magnitudes; in ASCII, `-` and `+` marks.
public struct WeightHeatmap {
    let style: Style
    static let maximumColumns = 36
    static let maximumRows = 24

    public init(style: Style) { self.style = style }

    /// - Parameter values: the matrix's entries, row by row (`rows` x `columns`).
    public func render(_ values: [Float], rows: Int, columns: Int, title: String) -> String {
        let rowStep = max(1, (rows + WeightHeatmap.maximumRows - 1) / WeightHeatmap.maximumRows)
        let columnStep = max(1, (columns + WeightHeatmap.maximumColumns - 1) / WeightHeatmap.maximumColumns)
        let largest = max(values.map(abs).max() ?? 1, 1e-12)
        var lines = [style.emphasis(title) + "  " + style.note("\(rows)x\(columns)" + (rowStep > 1 || columnStep > 1 ? ", averaged in \(rowStep)x\(columnStep) blocks" : ""))]
        for r in stride(from: 0, to: rows, by: rowStep) {
            var line = ""
            for c in stride(from: 0, to: columns, by: columnStep) {
                var total: Float = 0, count: Float = 0
                for i in r..<min(rows, r + rowStep) { for j in c..<min(columns, c + columnStep) { total += values[i * columns + j]; count += 1 } }
                line += cell(total / max(count, 1) / largest)
            }
            lines.append(line + style.reset)
        }
        lines.append(style.note("largest magnitude \(style.decimal(largest)); " + (style.color ? "blue negative, orange positive" : "- negative, + positive, more marks for larger")))
        return lines.joined(separator: "\n") + "\n"
    }

    /// One cell for a value scaled to -1…1, two characters wide.
    func cell(_ value: Float) -> String {
        let strength = min(4, Int(truncating: (abs(value) * 4).rounded()) ?? 0)
        if style.color {
            let blues = [255, 153, 111, 68, 25], oranges = [255, 223, 215, 209, 208]
            return style.escape("48;5;\((value < 0 ? blues : oranges)[strength])") + "  "
        }
        if strength == 0 { return style.unicode ? " ·" : " ." }
        let mark = value < 0 ? "-" : "+"
        return strength >= 3 ? mark + mark : " " + mark
    }
}
