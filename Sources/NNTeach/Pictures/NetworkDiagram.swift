import NNEngine

/// The network as a diagram: a column of neurons per layer (long layers shown by their first and
/// last neurons), the activations, and the parameter counts. `model.summary()` stays Keras's table.
public struct NetworkDiagram {
    let style: Style
    static let visibleNeurons = 5

    public init(style: Style) { self.style = style }

    public func render(_ model: Sequential) -> String {
        guard let inputWidth = model.inputWidth else {
            return "(the model is not built yet: give it an Input(shape=...) or fit it first)\n"
        }
        let layers = model.leafLayers
        let widths = [inputWidth] + layers.map { $0.outputWidth ?? 0 }
        let names = ["input"] + layers.map(\.name)
        let details = [""] + layers.map { $0 is Dense ? $0.finalActivation.name : $0.kind }
        let counts = [""] + layers.map { "\($0.parameterCount) params" }
        let columnWidth = max(12, (names + details + counts).map(\.count).max() ?? 0) + 2
        let node = style.unicode ? "○" : "o", dots = style.unicode ? "⋮" : ":"
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
                        let number = width > NetworkDiagram.visibleNeurons && position == shown - 1 ? width : position + 1
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
        lines.append(line(widths.enumerated().map { index, width in
            index == 0 ? "\(width) feature\(width == 1 ? "" : "s")" : "\(width) unit\(width == 1 ? "" : "s")"
        }))
        lines.append(line(details))
        lines.append(line(counts))
        lines.append(style.note("\(model.parameterCount) parameters in all; every neuron of a layer connects to every neuron of the next"))
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    func trimmingTrailing() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
