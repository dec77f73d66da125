import NNEngine

/// How pictures are drawn: the teaching layer supplies these (the language only gathers the data).
public struct PictureDrawing {
    public var image: (Tensor) -> String
    public var chart: (_ series: [(name: String, values: [Float])], _ xLabel: String, _ title: String?) -> String
    public var boundary: (_ points: Tensor, _ labels: Tensor, _ predict: (Tensor) -> Tensor?) -> String
    public var heatmap: (_ matrix: Tensor, _ title: String) -> String
    public var diagram: (Sequential) -> String

    public init(image: @escaping (Tensor) -> String,
                chart: @escaping ([(name: String, values: [Float])], String, String?) -> String,
                boundary: @escaping (Tensor, Tensor, (Tensor) -> Tensor?) -> String,
                heatmap: @escaping (Tensor, String) -> String, diagram: @escaping (Sequential) -> String) {
        self.image = image
        self.chart = chart
        self.boundary = boundary
        self.heatmap = heatmap
        self.diagram = diagram
    }
}

/// NNLab's picture functions (not Keras): `show`, `plot`, `plot_boundary`, `heatmap`, `diagram`.
enum PictureFunctions {
    static func drawing(_ interpreter: Interpreter, _ range: SourceRange) throws(Diagnostic) -> PictureDrawing {
        guard let pictures = interpreter.pictures else {
            throw Diagnostic("pictures are drawn by nn's teaching layer, which this session does not have", at: range)
        }
        return pictures
    }

    static func functions() -> [String: Value] {
        [
            "show": function("show", "image", summary: "NNLab: draw a 2-D array (or a square row such as a digit's 64 pixels) as shaded blocks") { a, interpreter throws(Diagnostic) in
                var image = try a.tensor("image")
                if image.rank == 1 {
                    let side = Int(Double(image.count).squareRoot())
                    guard side * side == image.count else {
                        throw Diagnostic("show() draws a 2-D array; a row of \(image.count) values is not square", at: a.range("image"),
                                         hint: "reshape it first, like x.reshape(rows, columns)")
                    }
                    image = (try? image.reshaped([side, side])) ?? image
                }
                guard image.rank == 2, image.count > 0 else {
                    throw Diagnostic("show() draws a 2-D array; got shape \(formatShape(image.shape))", at: a.range("image"))
                }
                interpreter.write(try drawing(interpreter, a.callRange).image(image))
                return .none
            },
            "plot": function("plot", "*values, labels=None, title=None", summary: "NNLab: a line chart of a History (loss and metrics per epoch) or of lists of numbers") { a, interpreter throws(Diagnostic) in
                let pictures = try drawing(interpreter, a.callRange)
                let title: String? = a["title"] == nil ? nil : try a.string("title")
                guard !a.rest.isEmpty else { throw Diagnostic("plot() needs something to draw: plot(history) or plot(values)", at: a.callRange) }
                if a.rest.count == 1, case .object(let history as HistoryObject) = a.rest[0] {
                    for group in historyGroups(history.history) {
                        interpreter.write(pictures.chart(group.series, "epoch", title ?? group.title))
                    }
                    return .none
                }
                var names: [String] = []
                if let labels = a["labels"] {
                    for label in try interpreter.iterate(labels, range: a.range("labels")) { names.append(interpreter.str(label)) }
                }
                var series: [(name: String, values: [Float])] = []
                for (index, value) in a.rest.enumerated() {
                    let tensor = try ArrayConversion.tensor(value, range: a.restRange(index))
                    let name = index < names.count ? names[index] : (a.rest.count == 1 ? "values" : "series \(index + 1)")
                    series.append((name, tensor.scalars))
                }
                interpreter.write(pictures.chart(series, "index", title))
                return .none
            },
            "plot_boundary": function("plot_boundary", "model, X, y", summary: "NNLab: the decision regions of a model on two input features, with the data points") { a, interpreter throws(Diagnostic) in
                guard case .object(let model as ModelObject)? = a["model"] else {
                    throw Diagnostic("plot_boundary() needs a model first: plot_boundary(model, X, y)", at: a.range("model"))
                }
                let points = try a.tensor("X", dtype: .float32), labels = try a.tensor("y")
                guard points.rank == 2, points.shape[1] == 2 else {
                    throw Diagnostic("plot_boundary() draws two input features; X has shape \(formatShape(points.shape))", at: a.range("X"))
                }
                try engine(a.callRange) { () throws(EngineError) in try model.model.build(inputWidth: 2) }
                let text = try drawing(interpreter, a.callRange).boundary(points, labels) { grid in try? model.model.predict(grid, batchSize: 4096) }
                interpreter.write(text)
                return .none
            },
            "heatmap": function("heatmap", "weights", summary: "NNLab: a weight matrix (or a layer's kernel) as coloured cells") { a, interpreter throws(Diagnostic) in
                var title = "weights"
                let matrix: Tensor
                if case .object(let object as LayerObject)? = a["weights"] {
                    guard let layer = object.layer as? Dense, layer.isBuilt else {
                        throw Diagnostic("layer '\(object.layer.name)' has no kernel to draw", at: a.range("weights"))
                    }
                    matrix = layer.kernel
                    title = "\(layer.name) kernel W"
                } else {
                    matrix = try a.tensor("weights")
                }
                interpreter.write(try drawing(interpreter, a.callRange).heatmap(matrix, title))
                return .none
            },
            "diagram": function("diagram", "model", summary: "NNLab: the network drawn as columns of neurons, with activations and parameter counts") { a, interpreter throws(Diagnostic) in
                guard case .object(let model as ModelObject)? = a["model"] else {
                    throw Diagnostic("diagram() needs a model", at: a.range("model"))
                }
                interpreter.write(try drawing(interpreter, a.callRange).diagram(model.model))
                return .none
            },
        ]
    }

    /// A History's charts: the loss (with val_loss), then each metric (with its validation twin).
    static func historyGroups(_ history: History) -> [(title: String, series: [(name: String, values: [Float])])] {
        let bases = history.names.filter { !$0.hasPrefix("val_") }.sorted { ($0 == "loss" ? 0 : 1, $0) < ($1 == "loss" ? 0 : 1, $1) }
        return bases.map { name in
            var series = [(name: name, values: history[name] ?? [])]
            if let validation = history["val_" + name] { series.append(("val_" + name, validation)) }
            return (name, series)
        }
    }
}
