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
            let texts = zip(cells, widths).enumerated().map { index, pair -> String in
                let (text, width) = pair
                let room = width - 2
                let clipped = text.count > room ? String(text.prefix(room - 1)) + "…" : text
                let padding = String(repeating: " ", count: room - clipped.count)
                return " " + (index == 2 ? padding + clipped : clipped + padding) + " "
            }
            return bar + texts.joined(separator: bar) + bar
        }
        lines.append(rule(box.topLeft, box.heavy, box.topMiddle, box.topRight))
        lines.append(row(["Layer (type)", "Output Shape", "Param #"], box.heavyBar))
        lines.append(rule(box.headLeft, box.heavy, box.headMiddle, box.headRight))
        for (index, layer) in model.layers.enumerated() {
            if index > 0 { lines.append(rule(box.rowLeft, box.light, box.rowMiddle, box.rowRight)) }
            let shape = layer.isBuilt ? layer.outputShape.map { "(" + (["None"] + $0.map(String.init)).joined(separator: ", ") + ")" } ?? "?" : "?"
            let parameters = layer.isBuilt || layer.parameters.isEmpty && model.isBuilt
                ? groupThousands(String(layer.parameterCount)) : "0 (unbuilt)"
            lines.append(row(["\(layer.name) (\(layer.kind))", shape, parameters], box.lightBar))
        }
        lines.append(rule(box.bottomLeft, box.light, box.bottomMiddle, box.bottomRight))
        let total = model.parameterCount, trainable = model.trainableParameterCount
        let optimizerParameters = optimizerParameterCount(model)
        lines.append(" Total params: \(count(total + optimizerParameters))")
        lines.append(" Trainable params: \(count(trainable))")
        lines.append(" Non-trainable params: \(count(total - trainable))")
        if optimizerParameters > 0 { lines.append(" Optimizer params: \(count(optimizerParameters))") }
        return lines.joined(separator: "\n") + "\n"
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
