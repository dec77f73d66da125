import NNEngine
import NNPlot

/// `plot_boundary(model, X, y)`, `plot_boundary([m1, m2], X, y)` side by side, and
/// `plot_boundary(model, X, y, neuron=(layer, unit))`: where one neuron is active, as TensorFlow
/// Playground draws its hidden units.
enum BoundaryPictures {
    /// The text drawing, and its SVG made on demand (only a host that shows images asks for it).
    static func render(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic)
        -> (text: String, svg: () -> String)
    {
        var models: [ModelObject] = []
        switch a["model"] {
        case .object(let model as ModelObject)?: models = [model]
        case .list(let list)?:
            for item in list.items {
                guard case .object(let model as ModelObject) = item else {
                    throw Diagnostic(
                        "plot_boundary() draws models; the list holds a \(item.typeName)", at: a.range("model"))
                }
                models.append(model)
            }
        default: break
        }
        guard !models.isEmpty else {
            throw Diagnostic("plot_boundary() needs a model first: plot_boundary(model, X, y)", at: a.range("model"))
        }
        let points = try a.tensor("X", dtype: .float32)
        let labels = try a.tensor("y")
        guard points.rank == 2, points.shape[1] == 2 else {
            throw Diagnostic(
                "plot_boundary() draws two input features; X has shape \(formatShape(points.shape))", at: a.range("X"))
        }
        let count = points.shape[0]
        let xs = (0..<count).map { points[flat: 2 * $0] }
        let ys = (0..<count).map { points[flat: 2 * $0 + 1] }
        var picture = DecisionBoundary(style: interpreter.style)
        if let names = a["feature_names"], !names.isNone {
            let items = try interpreter.iterate(names, range: a.range("feature_names")).map { interpreter.str($0) }
            guard items.count == 2 else {
                throw Diagnostic("feature_names needs two names, one per column of X", at: a.range("feature_names"))
            }
            picture.featureNames = (items[0], items[1])
        }
        var titles = models.map { $0.model.name }
        if let given = a["labels"], !given.isNone {
            for (index, label) in try interpreter.iterate(given, range: a.range("labels")).enumerated()
            where index < titles.count {
                titles[index] = interpreter.str(label)
            }
        }
        let neuron = try neuronChoice(a, interpreter)
        let classes = max(2, Int(labels.scalars.filter(\.isFinite).max() ?? 1) + 1)
        var drawings: [(title: String, text: String)] = []
        var predictions: [(title: String?, predict: ([Float]) -> (values: [Float], width: Int))] = []
        if models.count > 1 {
            let width = max(20, min(60, (interpreter.style.width - 3 * (models.count - 1)) / models.count))
            picture.width = width
            picture.height = min(24, max(12, width / 2))
            picture.showsLegend = false
        }
        for (model, title) in zip(models, titles) {
            try engine(a.callRange) { () throws(EngineError) in try model.model.build(inputWidth: 2) }
            var drawn = picture
            var heading = title
            let predict: ([Float]) -> (values: [Float], width: Int)
            if let (layerIndex, unit) = neuron {
                let layers = model.model.leafLayers
                guard layerIndex >= 0, layerIndex < layers.count, unit >= 0,
                    unit < (layers[layerIndex].outputWidth ?? 0)
                else {
                    let sizes = layers.map { "\($0.outputWidth ?? 0)" }.joined(separator: ", ")
                    throw Diagnostic(
                        "neuron=(\(layerIndex), \(unit)) is not in the model: its layers 0 to \(layers.count - 1) "
                            + "have \(sizes) units", at: a.range("neuron"))
                }
                let activation = layers[layerIndex].finalActivation
                heading =
                    "\(title): neuron \(unit) of layer \(layerIndex) (\(layers[layerIndex].name), \(activation.name))"
                drawn.regionNames = ["low output", "high output"]
                predict = { grid in
                    neuronOutputs(model.model, grid, layer: layerIndex, unit: unit, activation: activation)
                }
            } else {
                predict = { grid in
                    let batch = Tensor(shape: [grid.count / 2, 2]) { grid[$0] }
                    guard let outputs = try? model.model.predict(batch, batchSize: 4096) else { return ([], 1) }
                    return (outputs.scalars, outputs.rowWidth)
                }
            }
            drawings.append((heading, drawn.render(xs: xs, ys: ys, labels: labels.scalars, predict: predict)))
            predictions.append((models.count == 1 && neuron == nil ? nil : heading, predict))
        }
        let featureNames = picture.featureNames
        let svg = { () -> String in
            let panels = predictions.map { title, predict in
                PictureFigures.BoundaryPanel(
                    title: title,
                    regions: DecisionBoundary.regions(
                        xs: xs, ys: ys, columns: PictureFigures.regionColumns, rows: PictureFigures.regionRows,
                        predict: predict))
            }
            return SVGFigure().render(
                PictureFigures.boundary(panels, xs: xs, ys: ys, labels: labels.scalars, featureNames: featureNames))
        }
        if drawings.count == 1 {
            return ((neuron == nil ? "" : interpreter.style.emphasis(drawings[0].title) + "\n") + drawings[0].text, svg)
        }
        var legend = picture
        legend.regionNames = neuron == nil ? nil : ["low output", "high output"]
        let style = interpreter.style
        let text =
            SideBySide.join(drawings.map { (style.emphasis($0.title), $0.text) })
            + style.note(
                "\(style.rightArrow) \(picture.featureNames.0), \(style.unicode ? "↑" : "^") "
                    + picture.featureNames.1)
            + "\n"
            + legend.legend(classes: classes).map { style.note($0) }.joined(separator: "\n") + "\n"
        return (text, svg)
    }

    /// `neuron=(layer, unit)`, both counted from 0 (Keras's `model.layers[layer]`).
    static func neuronChoice(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> (Int, Int)? {
        guard let value = a["neuron"], !value.isNone else { return nil }
        let parts = try interpreter.iterate(value, range: a.range("neuron"))
        guard parts.count == 2, case .int(let layer) = parts[0], case .int(let unit) = parts[1] else {
            throw Diagnostic(
                "neuron= is a (layer, unit) pair of whole numbers, like neuron=(0, 2)", at: a.range("neuron"))
        }
        return (layer, unit)
    }

    /// One neuron's outputs over the grid, put on 0 to 1 so that the picture's middle (0.5) is the
    /// middle of its range: sigmoid as it is, tanh from -1…1, others scaled by the largest output.
    static func neuronOutputs(
        _ model: Sequential, _ grid: [Float], layer: Int, unit: Int,
        activation: Activation
    ) -> (values: [Float], width: Int) {
        let batch = Tensor(shape: [grid.count / 2, 2]) { grid[$0] }
        guard let trace = try? model.forwardTrace(batch), layer < trace.layers.count else { return ([], 1) }
        let outputs = trace.layers[layer].a
        let width = outputs.rowWidth
        var values = (0..<outputs.rows).map { outputs[flat: $0 * width + unit] }
        switch activation.name {
        case "sigmoid", "softmax": break
        case "tanh": values = values.map { ($0 + 1) / 2 }
        default:
            let low = values.min() ?? 0
            let high = values.max() ?? 1
            values = values.map { high > low ? ($0 - low) / (high - low) : 0.5 }
        }
        return (values, 1)
    }
}
