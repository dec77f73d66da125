/// The network as a diagram: a column of neurons per layer (long layers shown by their first and
/// last neurons), the activations, and the parameter counts. `model.summary()` stays Keras's table.
public struct NetworkDiagram {
    let style: Style
    static let visibleNeurons = 5

    /// One layer as the diagram shows it.
    public struct Layer: Sendable {
        public var name: String
        /// How many neurons it has (its output width).
        public var width: Int
        /// Its activation (for a dense layer) or its kind.
        public var detail: String
        public var parameterCount: Int

        public init(name: String, width: Int, detail: String, parameterCount: Int) {
            self.name = name
            self.width = width
            self.detail = detail
            self.parameterCount = parameterCount
        }
    }

    public init(style: Style) { self.style = style }

    /// - Parameter inputWidth: the number of input features, or nil when the model is not built.
    public func render(inputWidth: Int?, layers: [Layer]) -> String {
        guard let inputWidth else {
            return "(the model is not built yet: give it an Input(shape=...) or fit it first)\n"
        }
        let widths = [inputWidth] + layers.map(\.width)
        let names = ["input"] + layers.map(\.name)
        let details = [""] + layers.map(\.detail)
        let counts = [""] + layers.map { "\($0.parameterCount) params" }
        let columnWidth = max(12, (names + details + counts).map(\.count).max() ?? 0) + 2
        let node = style.unicode ? "○" : "o"
        let dots = style.unicode ? "⋮" : ":"
        let arrow = style.unicode ? "──▶ " : "--> "
        let tallest = min(widths.max() ?? 1, NetworkDiagram.visibleNeurons)
        var rows = [String](repeating: "", count: tallest)
        for (index, width) in widths.enumerated() {
            let shown = min(width, NetworkDiagram.visibleNeurons)
            let offset = (tallest - shown) / 2
            for row in 0..<tallest {
                let position = row - offset
                var text = ""
                if position >= 0 && position < shown {
                    if width > NetworkDiagram.visibleNeurons && position == shown - 2 {
                        text = " \(dots)"
                    } else {
                        let number =
                            width > NetworkDiagram.visibleNeurons && position == shown - 1 ? width : position + 1
                        text = " \(node) \(number)"
                    }
                }
                let connector = index < widths.count - 1 && row == tallest / 2 ? arrow : "    "
                rows[row] += text.padding(columnWidth - 4) + (index < widths.count - 1 ? connector : "")
            }
        }
        func line(_ cells: [String]) -> String { cells.map { $0.padding(columnWidth) }.joined().trimmingTrailing() }
        var lines = rows.map { $0.trimmingTrailing() }
        lines.append(line(names))
        lines.append(
            line(
                widths.enumerated().map { index, width in
                    index == 0 ? "\(width) feature\(width == 1 ? "" : "s")" : "\(width) unit\(width == 1 ? "" : "s")"
                }))
        lines.append(line(details))
        lines.append(line(counts))
        lines.append(
            style.note(
                "\(layers.map(\.parameterCount).reduce(0, +)) parameters in all; every neuron of a layer connects to every neuron of the next"
            ))
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }

    func trimmingTrailing() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
