import NNEngine
import NNPlot

/// NNLab's picture functions (not Keras): `show`, `plot`, `plot_boundary`, `heatmap`, `diagram`.
enum PictureFunctions {
    /// The image, row by row, with its rows and columns.
    static func image(_ image: Tensor) -> (values: [Float], rows: Int, columns: Int) {
        (image.scalars, image.shape[0], image.shape.count > 1 ? image.shape[1] : 1)
    }

    /// The model's layers as the network diagram shows them.
    static func diagramLayers(_ model: Sequential) -> [NetworkDiagram.Layer] {
        model.leafLayers.map { layer in
            NetworkDiagram.Layer(
                name: layer.name, width: layer.outputWidth ?? 0,
                detail: layer is Dense ? layer.finalActivation.name : layer.kind,
                parameterCount: layer.parameterCount)
        }
    }

    static func functions() -> [String: Value] {
        [
            "show": function(
                "show", "image",
                summary: "NNLab: draw a 2-D array (or a square row such as a digit's 64 pixels) as shaded blocks"
            ) { a, interpreter throws(Diagnostic) in
                var image = try a.tensor("image")
                if image.rank == 1 {
                    let side = Int(Double(image.count).squareRoot())
                    guard side * side == image.count else {
                        throw Diagnostic(
                            "show() draws a 2-D array; a row of \(image.count) values is not square",
                            at: a.range("image"),
                            hint: "reshape it first, like x.reshape(rows, columns)")
                    }
                    image = (try? image.reshaped([side, side])) ?? image
                }
                guard image.rank == 2, image.count > 0 else {
                    throw Diagnostic(
                        "show() draws a 2-D array; got shape \(formatShape(image.shape))", at: a.range("image"))
                }
                let (values, rows, columns) = PictureFunctions.image(image)
                interpreter.showPicture(
                    ImagePicture(style: interpreter.style).render(values, rows: rows, columns: columns),
                    svg: SVGFigure().render(PictureFigures.image(values, rows: rows, columns: columns)))
                return .none
            },
            "plot": function(
                "plot", "*values, labels=None, title=None",
                summary: "NNLab: a line chart of a History (loss and metrics per epoch) or of lists of numbers"
            ) { a, interpreter throws(Diagnostic) in
                let chart = LineChart(style: interpreter.style)
                let title: String? = a["title"] == nil ? nil : try a.string("title")
                guard !a.rest.isEmpty else {
                    throw Diagnostic("plot() needs something to draw: plot(history) or plot(values)", at: a.callRange)
                }
                if a.rest.count == 1, case .object(let history as HistoryObject) = a.rest[0] {
                    for group in historyGroups(history.history) {
                        var chart = chart
                        if group.title.hasSuffix("accuracy") { chart.yRange = (0, 1) }
                        let yRange = chart.yRange.map { (Double($0.low), Double($0.high)) }
                        interpreter.showPicture(
                            chart.render(group.series, xLabel: "epoch", title: title ?? group.title),
                            svg: SVGFigure().render(
                                PictureFigures.lineChart(
                                    group.series, xLabel: "epoch", title: title ?? group.title, yRange: yRange)))
                    }
                    return .none
                }
                var names: [String] = []
                if let labels = a["labels"] {
                    for label in try interpreter.iterate(labels, range: a.range("labels")) {
                        names.append(interpreter.str(label))
                    }
                }
                // plot([h1, h2], labels=['SGD', 'Adam']) or plot(h1, h2): the runs' curves together.
                if let histories = histories(a.rest, interpreter) {
                    let runs = histories.enumerated().map { index, history in
                        (label: index < names.count ? names[index] : "run \(index + 1)", history: history)
                    }
                    let charts = Comparison.charts(runs, style: interpreter.style)
                    interpreter.showPicture(charts.text, svg: SVGFigure().render(charts.figure))
                    return .none
                }
                var series: [LineChart.Series] = []
                for (index, value) in a.rest.enumerated() {
                    let tensor = try ArrayConversion.tensor(value, range: a.restRange(index))
                    let name =
                        index < names.count ? names[index] : (a.rest.count == 1 ? "values" : "series \(index + 1)")
                    series.append(LineChart.Series(name: name, values: tensor.scalars))
                }
                interpreter.showPicture(
                    chart.render(series, xLabel: "index", title: title),
                    svg: SVGFigure().render(PictureFigures.lineChart(series, xLabel: "index", title: title)))
                return .none
            },
            "plot_boundary": function(
                "plot_boundary", "model, X, y, neuron=None, feature_names=None, labels=None",
                summary:
                    "NNLab: the decision regions of a model (or of several, side by side) on two input features, with the data points; neuron=(layer, unit) maps where one hidden neuron is active"
            ) { a, interpreter throws(Diagnostic) in
                let picture = try BoundaryPictures.render(a, interpreter)
                interpreter.showPicture(picture.text, svg: picture.svg())
                return .none
            },
            "heatmap": function(
                "heatmap", "weights, numbers=False, row_labels=None, col_labels=None",
                summary:
                    "NNLab: a weight matrix (or a layer's kernel) as coloured cells; numbers=True writes each value in its cell; row_labels and col_labels name the rows and columns"
            ) { a, interpreter throws(Diagnostic) in
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
                let rows = matrix.rank >= 2 ? matrix.shape[0] : 1
                let columns = matrix.rank >= 2 ? matrix.rowWidth : matrix.count
                var heatmap = WeightHeatmap(style: interpreter.style)
                heatmap.numbers = try a.bool("numbers", default: false)
                for (key, path) in [
                    ("row_labels", \WeightHeatmap.rowLabels), ("col_labels", \WeightHeatmap.columnLabels),
                ] {
                    guard let given = a[key], !given.isNone else { continue }
                    heatmap[keyPath: path] = try interpreter.iterate(given, range: a.range(key)).map {
                        interpreter.str($0)
                    }
                }
                interpreter.showPicture(
                    heatmap.render(matrix.scalars, rows: rows, columns: columns, title: title),
                    svg: SVGFigure().render(
                        PictureFigures.heatmap(
                            matrix.scalars, rows: rows, columns: columns, title: title, numbers: heatmap.numbers,
                            rowLabels: heatmap.rowLabels, columnLabels: heatmap.columnLabels)))
                return .none
            },
            "diagram": function(
                "diagram", "model, x=None, y=None, grads=False",
                summary:
                    "NNLab: the network drawn as columns of neurons; with x, each neuron's activation for the first example and each weight as a line marked by its sign and size; with y and grads=True, the gradients a step would apply"
            ) { a, interpreter throws(Diagnostic) in
                guard case .object(let model as ModelObject)? = a["model"] else {
                    throw Diagnostic("diagram() needs a model", at: a.range("model"))
                }
                guard let xValue = a["x"], !xValue.isNone else {
                    let diagram = NetworkDiagram(style: interpreter.style)
                    let layers = diagramLayers(model.model)
                    let inputWidth = model.model.inputWidth
                    interpreter.showPicture(
                        diagram.render(inputWidth: inputWidth, layers: layers),
                        svg: inputWidth.map {
                            SVGFigure().render(PictureFigures.network(inputWidth: $0, layers: layers))
                        })
                    return .none
                }
                let picture = try ValueDiagrams.render(model, a, interpreter)
                interpreter.showPicture(picture.text, svg: SVGFigure().render(picture.figure))
                return .none
            },
        ]
    }

    /// The histories in `values` (several, or one list of them), if that is all they are.
    static func histories(_ values: [Value], _ interpreter: Interpreter) -> [History]? {
        var items = values
        if values.count == 1, case .list(let list) = values[0] { items = list.items }
        let histories = items.compactMap { item -> History? in
            if case .object(let history as HistoryObject) = item { return history.history }
            return nil
        }
        return histories.count == items.count && histories.count > 1 ? histories : nil
    }

    /// A History's charts: the loss (with val_loss), then each metric (with its validation twin).
    static func historyGroups(_ history: History) -> [(title: String, series: [LineChart.Series])] {
        let bases = history.names.filter { !$0.hasPrefix("val_") }.sorted {
            ($0 == "loss" ? 0 : 1, $0) < ($1 == "loss" ? 0 : 1, $1)
        }
        return bases.map { name in
            var series = [LineChart.Series(name: name, values: history[name] ?? [])]
            if let validation = history["val_" + name] {
                series.append(LineChart.Series(name: "val_" + name, values: validation))
            }
            return (name, series)
        }
    }
}
