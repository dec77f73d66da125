import NNEngine

/// `model.summary()` drawn as Keras 3 draws it (rich's heavy-headed table, 76 columns).
enum ModelSummary {
    static let widths = [33, 24, 15]

    static func render(_ object: ModelObject, unicode: Bool) -> String {
        let model = object.model
        let box = unicode ? Box.unicode : Box.ascii
        var lines = ["Model: \"\(model.name)\""]
        func rule(_ left: String, _ fill: String, _ middle: String, _ right: String) -> String {
            left + widths.map { String(repeating: fill, count: $0) }.joined(separator: middle) + right
        }
        func row(_ cells: [String], _ bar: String) -> String {
            // Rich wraps a long cell at spaces onto more lines; a word too long for the cell is clipped.
            let wrapped = zip(cells, widths).map { wrap($0, room: $1 - 2) }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { line in
                let texts = wrapped.enumerated().map { index, cellLines -> String in
                    let text = line < cellLines.count ? cellLines[line] : ""
                    let padding = String(repeating: " ", count: widths[index] - 2 - text.count)
                    return " " + (index == 2 ? padding + text : text + padding) + " "
                }
                return bar + texts.joined(separator: bar) + bar
            }.joined(separator: "\n")
        }
        lines.append(rule(box.topLeft, box.heavy, box.topMiddle, box.topRight))
        lines.append(row(["Layer (type)", "Output Shape", "Param #"], box.heavyBar))
        lines.append(rule(box.headLeft, box.heavy, box.headMiddle, box.headRight))
        // Keras shows the batch size of the data that built the model, else None.
        let batch = object.builtBatch.map(String.init) ?? "None"
        if let input = object.functional?.inputLayer {
            lines.append(row(["\(input.name) (InputLayer)", input.tensor.batchShapeText, "0"], box.lightBar))
        }
        for (index, layer) in model.layers.enumerated() {
            if index > 0 || object.functional != nil {
                lines.append(rule(box.rowLeft, box.light, box.rowMiddle, box.rowRight))
            }
            let shape =
                layer.isBuilt
                ? layer.outputShape.map { "(" + ([batch] + $0.map(String.init)).joined(separator: ", ") + ")" } ?? "?"
                : "?"
            let parameters =
                layer.isBuilt || layer.parameters.isEmpty && model.isBuilt
                ? groupThousands(String(layer.parameterCount)) : "0 (unbuilt)"
            lines.append(row(["\(layer.name) (\(layer.kind))", shape, parameters], box.lightBar))
        }
        lines.append(rule(box.bottomLeft, box.light, box.bottomMiddle, box.bottomRight))
        let total = model.parameterCount
        let trainable = model.trainableParameterCount
        let optimizerParameters = optimizerParameterCount(model)
        lines.append(" Total params: \(count(total + optimizerParameters))")
        lines.append(" Trainable params: \(count(trainable))")
        lines.append(" Non-trainable params: \(count(total - trainable))")
        if optimizerParameters > 0 { lines.append(" Optimizer params: \(count(optimizerParameters))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` in lines of at most `room` characters, broken at spaces.
    static func wrap(_ text: String, room: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ").map(String.init) {
            let clipped = word.count > room ? String(word.prefix(room - 1)) + "…" : word
            if current.isEmpty {
                current = clipped
            } else if current.count + 1 + clipped.count <= room {
                current += " " + clipped
            } else {
                lines.append(current)
                current = clipped
            }
        }
        return lines + [current]
    }

    /// Keras counts an optimizer's variables once it has taken a step: its slots plus two scalars
    /// (the iteration count and the learning rate).
    static func optimizerParameterCount(_ model: Sequential) -> Int {
        guard let optimizer = model.configuration?.optimizer, optimizer.iterations > 0 else { return 0 }
        let slots: Int
        switch optimizer {
        case is Adam: slots = 2
        case is RMSprop: slots = 1
        case let sgd as SGD: slots = sgd.momentum != 0 ? 1 : 0
        default: slots = 0
        }
        return slots * model.trainableParameterCount + 2
    }

    /// `10,431 (40.75 KB)`
    static func count(_ parameters: Int) -> String {
        "\(groupThousands(String(parameters))) (\(readableSize(Double(parameters * 4))))"
    }

    /// Keras's `readable_memory_size`.
    static func readableSize(_ bytes: Double) -> String {
        var size = bytes
        for unit in ["B", "KB", "MB", "GB", "TB"] {
            if size / 1024 < 1 { return cFormat("%.2f", size) + " " + unit }
            size /= 1024
        }
        return cFormat("%.2f", size) + " PB"
    }

    struct Box {
        let topLeft, topMiddle, topRight, heavy, heavyBar, headLeft, headMiddle, headRight: String
        let light, lightBar, rowLeft, rowMiddle, rowRight, bottomLeft, bottomMiddle, bottomRight: String

        static let unicode = Box(
            topLeft: "┏", topMiddle: "┳", topRight: "┓", heavy: "━", heavyBar: "┃", headLeft: "┡", headMiddle: "╇",
            headRight: "┩", light: "─", lightBar: "│", rowLeft: "├", rowMiddle: "┼", rowRight: "┤", bottomLeft: "└",
            bottomMiddle: "┴", bottomRight: "┘")
        static let ascii = Box(
            topLeft: "+", topMiddle: "+", topRight: "+", heavy: "=", heavyBar: "|", headLeft: "+", headMiddle: "+",
            headRight: "+", light: "-", lightBar: "|", rowLeft: "+", rowMiddle: "+", rowRight: "+", bottomLeft: "+",
            bottomMiddle: "+", bottomRight: "+")
    }
}
