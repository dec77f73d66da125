/// `diagram(model, x)`: the network for one example, with a number in every neuron (its activation,
/// or after `grads=True` its gradient ∂L/∂z) and every connection drawn as a line of marks whose
/// sign and size class follow its weight (or the weight's gradient): `#` `+` `:` positive (strong,
/// medium, weak) and `=` `-` `.` negative; in colour, blue positive and orange negative as in
/// TensorFlow Playground. micrograd draws this for a scalar graph; here it is a Keras model.
public struct ValueDiagram {
    let style: Style
    /// Neurons shown per layer: longer layers show their first three, `⋮`, and their last two.
    static let visibleNeurons = 6
    static let nodeWidth = 7
    static let gap = 14

    /// One layer: its name, what it computes, a number per neuron and its incoming weights.
    public struct Layer: Sendable {
        public var name: String
        public var detail: String
        public var values: [Float]
        /// Inputs x units, row by row: `weights[i * units + j]` joins neuron i of the layer before to j.
        public var weights: [Float]

        public init(name: String, detail: String, values: [Float], weights: [Float]) {
            self.name = name
            self.detail = detail
            self.values = values
            self.weights = weights
        }
    }

    public init(style: Style) { self.style = style }

    /// The neurons drawn for a layer of `count`: their indices, nil standing for the elided middle.
    static func shown(_ count: Int) -> [Int?] {
        guard count > visibleNeurons else { return (0..<count).map { $0 } }
        return [0, 1, 2, nil, count - 2, count - 1]
    }

    /// - Parameters:
    ///   - input: the example's features (the first column).
    ///   - edgeName: what the lines stand for (`weights W` or `gradients ∂L/∂W`).
    public func render(input: [Float], layers: [Layer], title: String, edgeName: String) -> String {
        let columns = [Layer(name: "input", detail: "x", values: input, weights: [])] + layers
        let tallest = columns.map { ValueDiagram.shown($0.values.count).count }.max() ?? 1
        let height = tallest * 2 - 1
        let stride = ValueDiagram.nodeWidth + ValueDiagram.gap
        let width = stride * (columns.count - 1) + ValueDiagram.nodeWidth
        // Each cell of the drawing: its text, and the strength of the edge drawn there (the strongest wins).
        var cells = [[String]](repeating: [String](repeating: " ", count: width), count: height)
        var strength = [[Float]](repeating: [Float](repeating: -1, count: width), count: height)
        func rows(_ column: Layer) -> [(index: Int?, row: Int)] {
            let shown = ValueDiagram.shown(column.values.count)
            let offset = tallest - shown.count
            return shown.enumerated().map { ($0.element, offset + 2 * $0.offset) }
        }
        var largest: [Float] = []
        for (number, column) in columns.enumerated().dropFirst() {
            let previous = columns[number - 1]
            let units = column.values.count
            let inputs = previous.values.count
            let scale = max(column.weights.map(abs).max() ?? 0, 1e-12)
            largest.append(column.weights.map(abs).max() ?? 0)
            let start = stride * (number - 1) + ValueDiagram.nodeWidth
            let end = stride * number - 1
            for (source, fromRow) in rows(previous) {
                for (target, toRow) in rows(column) {
                    guard let source, let target, source * units + target < column.weights.count, inputs > 0 else {
                        continue
                    }
                    let weight = column.weights[source * units + target]
                    let size = abs(weight) / scale
                    let text = mark(weight, size: size)
                    for x in start..<end {
                        let progress = Float(x - start) / Float(max(1, end - start - 1))
                        let y = fromRow + Int((Float(toRow - fromRow) * progress).rounded())
                        guard y >= 0, y < height, size > strength[y][x] else { continue }
                        strength[y][x] = size
                        cells[y][x] = text
                    }
                }
            }
        }
        for (number, column) in columns.enumerated() {
            for (index, row) in rows(column) {
                let text =
                    index.map { node(column.values[$0]) }
                    ?? String(repeating: " ", count: 3) + (style.unicode ? "⋮" : ":") + "   "
                for (offset, character) in text.enumerated() {
                    cells[row][stride * number + offset] = String(character)
                }
            }
        }
        var lines = [style.emphasis(title)]
        lines.append(labelRow(columns.map { $0.name }, stride: stride))
        lines += cells.map { $0.joined().trimmingTrailing() }
        lines.append(labelRow(columns.map { $0.detail }, stride: stride))
        lines.append(
            labelRow(columns.map { "\($0.values.count) neuron" + ($0.values.count == 1 ? "" : "s") }, stride: stride))
        let signs =
            style.color
            ? style.paint("blue", "34") + " positive, " + style.paint("orange", "38;5;208") + " negative; "
                + "# + : strong, medium, weak"
            : "# + : positive, = - . negative (strong, medium, weak)"
        lines.append(style.note("lines: \(edgeName); \(signs)"))
        lines.append(
            style.note("largest |value| per layer: " + largest.map { style.decimal($0) }.joined(separator: ", ")))
        return lines.joined(separator: "\n") + "\n"
    }

    /// A neuron: its number, signed, in 7 columns: `(+0.61)`.
    func node(_ value: Float) -> String {
        guard value.isFinite else { return value.isNaN ? "( nan )" : value > 0 ? "( +inf)" : "( -inf)" }
        let magnitude = abs(value)
        let digits =
            magnitude >= 999.5
            ? "999+"
            : magnitude >= 99.5
                ? "\(Int(magnitude.rounded()))"
                : magnitude >= 9.95 ? cFormatOne(magnitude) : cFormatTwo(magnitude)
        let text = (value < 0 ? "-" : "+") + digits
        let padded = text.count >= 5 ? text : String(repeating: " ", count: 5 - text.count) + text
        return "(" + padded + ")"
    }

    /// A line's mark for a weight of relative `size` (0 to 1).
    func mark(_ weight: Float, size: Float) -> String {
        let level = size > 0.5 ? 0 : size > 0.2 ? 1 : 2
        let text = weight >= 0 ? ["#", "+", ":"][level] : ["=", "-", "."][level]
        guard style.color else { return text }
        return style.paint(text, (weight >= 0 ? "34" : "38;5;208") + (level == 0 ? ";1" : ""))
    }

    func labelRow(_ labels: [String], stride: Int) -> String {
        var line = ""
        for (index, label) in labels.enumerated() {
            let start = stride * index
            if line.count < start { line += String(repeating: " ", count: start - line.count) }
            line += label
        }
        return line
    }

    func cFormatOne(_ value: Float) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    func cFormatTwo(_ value: Float) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}
