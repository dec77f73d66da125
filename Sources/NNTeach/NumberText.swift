import NNEngine
import NNPlot

/// Numbers as the teacher prints them: four decimals, vectors cut with an ellipsis and a count,
/// small matrices whole.
struct NumberText {
    let style: Style
    /// Longest vector shown whole; longer ones show their first items and how many are left.
    var vectorLimit = 6
    /// Largest matrix shown whole (rows and columns).
    var matrixLimit = 6

    func number(_ value: Float) -> String { style.decimal(value) }

    /// `[0.6130, 0.3729, 0.6083]`, or `[0.6130, 0.3729, … 23 more]`.
    func vector(_ values: [Float]) -> String {
        let shown = values.count > vectorLimit ? Array(values.prefix(vectorLimit - 2)) : values
        var parts = shown.map(number)
        if values.count > vectorLimit { parts.append("\(style.ellipsis) \(values.count - shown.count) more") }
        return "[" + parts.joined(separator: ", ") + "]"
    }

    /// A vector that never hides entry `kept` (the label's own value): past the shown items it
    /// appears as `[k] value` between the counts of the items left out.
    func vector(_ values: [Float], keeping kept: Int?) -> String {
        vector(values.map(number), keeping: kept)
    }

    /// Class targets as integers (`[0, 0, 1]`), never hiding the entry `kept`.
    func integers(_ values: [Float], keeping kept: Int?) -> String {
        vector(values.map { String(Int($0)) }, keeping: kept)
    }

    private func vector(_ texts: [String], keeping kept: Int?) -> String {
        let shownCount = texts.count > vectorLimit ? vectorLimit - 2 : texts.count
        guard let kept, kept >= shownCount, kept < texts.count else {
            var parts = Array(texts.prefix(shownCount))
            if texts.count > shownCount { parts.append("\(style.ellipsis) \(texts.count - shownCount) more") }
            return "[" + parts.joined(separator: ", ") + "]"
        }
        let head = min(shownCount, 3)
        var parts = Array(texts.prefix(head))
        if kept > head { parts.append("\(style.ellipsis) \(kept - head) more") }
        parts.append("[\(kept)] \(texts[kept])")
        if kept < texts.count - 1 { parts.append("\(style.ellipsis) \(texts.count - kept - 1) more") }
        return "[" + parts.joined(separator: ", ") + "]"
    }

    /// A row of `tensor` (row `index`) as a vector.
    func row(_ tensor: Tensor, _ index: Int) -> String {
        let width = tensor.rowWidth
        return vector((0..<width).map { tensor[flat: index * width + $0] })
    }

    /// A matrix whole when small, else its shape and first rows; indented lines.
    func matrix(_ tensor: Tensor, indent: String) -> [String] {
        let rows = tensor.rank >= 2 ? tensor.shape[0] : 1
        let columns = tensor.rank >= 2 ? tensor.rowWidth : tensor.count
        let shownRows = rows > matrixLimit ? 3 : rows
        let shownColumns = columns > vectorLimit ? vectorLimit - 2 : columns
        // Columns are right-aligned to the widest number shown.
        let cells = (0..<shownRows).map { r in (0..<shownColumns).map { number(tensor[flat: r * columns + $0]) } }
        let width = cells.joined().map(\.count).max() ?? 0
        var lines: [String] = []
        for r in 0..<shownRows {
            var parts = cells[r].map { String(repeating: " ", count: width - $0.count) + $0 }
            if shownColumns < columns { parts.append("\(style.ellipsis) \(columns - shownColumns) more") }
            lines.append(
                indent + (r == 0 ? "[" : " ") + "[" + parts.joined(separator: ", ") + "]" + (r == rows - 1 ? "]" : ""))
        }
        if shownRows < rows { lines.append(indent + " \(style.ellipsis) \(rows - shownRows) more rows]") }
        return lines
    }

    func shape(_ tensor: Tensor) -> String { formatShape(tensor.shape) }
}
