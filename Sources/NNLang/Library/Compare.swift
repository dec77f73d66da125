import NNEngine
import NNPlot

/// NNLab's `compare(model, X, y, optimizers=[...])` or `learning_rates=[...]`: trains one copy of
/// the model per choice, each from the same initial weights and the same shuffling, plots their
/// loss (and accuracy) curves together and returns their histories. The model itself is left as it
/// was (weights and compile settings).
enum Comparison {
    static func functions() -> [String: Value] {
        [
            "compare": function(
                "compare", "model, X, y, optimizers=None, learning_rates=None, epochs=10, batch_size=32, labels=None",
                summary:
                    "NNLab: train copies of the model from the same initial weights, one per optimizer or learning "
                    + "rate, and plot their curves together; returns their histories"
            ) { a, interpreter throws(Diagnostic) in try compare(a, interpreter) }
        ]
    }

    /// One run of the comparison: its label and its optimizer.
    struct Choice {
        var label: String
        var optimizer: Optimizer
    }

    static func compare(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        guard case .object(let object as ModelObject)? = a["model"] else {
            throw Diagnostic(
                "compare() needs a model first: compare(model, X, y, learning_rates=[0.01, 0.1])",
                at: a.range("model"))
        }
        guard let configuration = object.model.configuration else {
            throw Diagnostic(
                "compare() trains with the model's loss: compile the model first", at: a.range("model"),
                hint: "model.compile(loss='binary_crossentropy', optimizer='sgd')")
        }
        let x = KerasTraining.examples(try a.tensor("X", dtype: .float32))
        let y = try a.tensor("y")
        try FiniteChecks.data(x, "X", range: a.range("X"))
        try FiniteChecks.data(y, "y", range: a.range("y"))
        let choices = try choices(a, interpreter, configuration: configuration)
        var options = FitOptions()
        options.epochs = try a.int("epochs", default: 10)
        options.batchSize = try a.int("batch_size", default: 32)
        try engine(a.range("X")) { () throws(EngineError) in
            try object.model.build(inputShape: Array(x.shape.dropFirst()))
        }
        let model = object.model
        let initial = model.weights().map { $0.copied() }
        let shuffling = interpreter.random.draw { $0 }
        var runs: [(label: String, history: History)] = []
        defer {
            // The model goes back to its own weights and compile settings.
            try? model.setWeights(initial)
            model.compile(loss: configuration.loss, optimizer: configuration.optimizer, metrics: configuration.metrics)
        }
        for choice in choices {
            try engine(a.callRange) { () throws(EngineError) in try model.setWeights(initial) }
            interpreter.random.draw { $0 = shuffling }
            model.compile(loss: configuration.loss, optimizer: choice.optimizer, metrics: configuration.metrics)
            interpreter.cancellation.clear()
            let observer = liveObserver(model, x, y, epochs: options.epochs, interpreter)
            let history = try engine(a.callRange) { () throws(EngineError) in
                try model.fit(x: x, y: y, options: options, observer: observer, cancellation: interpreter.cancellation)
            }
            runs.append((choice.label, history))
            interpreter.write(summary(choice.label, history, style: interpreter.style))
            if history.interruption != nil { break }
        }
        let drawn = charts(runs, style: interpreter.style)
        interpreter.showPicture(drawn.text, svg: SVGFigure().render(drawn.figure))
        return .list(ListBox(runs.map { .object(HistoryObject($0.history, model: .object(object))) }))
    }

    /// With live training on (`nn --live`, `%live on`) at a terminal, each run is drawn as it trains;
    /// otherwise the runs train silently and only their summary lines and the chart show.
    static func liveObserver(
        _ model: Sequential, _ x: Tensor, _ y: Tensor, epochs: Int,
        _ interpreter: Interpreter
    ) -> TrainingObserver? {
        guard interpreter.options.live, interpreter.options.interactive else { return nil }
        var context = FitContext(
            model: model, epochs: epochs, verbose: 0, explain: .off, usesDefaultOptimizer: false,
            sessionLevel: .off)
        context.live = true
        context.data = (x, y)
        let observers = interpreter.teaching?.trainingObservers(for: context) ?? []
        return observers.isEmpty ? nil : ObserverGroup(observers)
    }

    /// The optimizers to compare: given, or the model's own kind of optimizer at each learning rate.
    static func choices(
        _ a: BoundArguments, _ interpreter: Interpreter,
        configuration: TrainingConfiguration
    ) throws(Diagnostic) -> [Choice] {
        let given = a["optimizers"].flatMap { $0.isNone ? nil : $0 }
        let rates = a["learning_rates"].flatMap { $0.isNone ? nil : $0 }
        guard (given == nil) != (rates == nil) else {
            throw Diagnostic(
                "compare() needs either optimizers=[...] or learning_rates=[...]", at: a.callRange,
                hint: "compare(model, X, y, learning_rates=[0.001, 0.1, 10])")
        }
        var labels: [String] = []
        if let value = a["labels"], !value.isNone {
            for label in try interpreter.iterate(value, range: a.range("labels")) {
                labels.append(interpreter.str(label))
            }
        }
        var choices: [Choice] = []
        if let given {
            for value in try interpreter.iterate(given, range: a.range("optimizers")) {
                let optimizer = try KerasLibrary.optimizer(from: value, range: a.range("optimizers"))
                // Each run starts without another's momentum or moment estimates.
                optimizer.reset()
                choices.append(
                    Choice(label: "\(optimizer.name) lr=\(format(optimizer.learningRate))", optimizer: optimizer))
            }
        } else if let rates {
            for value in try interpreter.iterate(rates, range: a.range("learning_rates")) {
                guard let rate = value.numberValue, rate > 0, rate.isFinite else {
                    throw Diagnostic(
                        "learning rates are positive numbers; got \(interpreter.str(value))",
                        at: a.range("learning_rates"))
                }
                let kind = configuration.optimizer.name
                guard let optimizer = makeOptimizer(named: kind.lowercased()) else {
                    throw Diagnostic("compare() cannot make another \(kind)", at: a.range("model"))
                }
                optimizer.learningRate = Float(rate)
                choices.append(Choice(label: "\(kind) lr=\(format(Float(rate)))", optimizer: optimizer))
            }
        }
        guard !choices.isEmpty else {
            throw Diagnostic("compare() needs at least one choice to train", at: a.callRange)
        }
        for index in choices.indices where index < labels.count { choices[index].label = labels[index] }
        return choices
    }

    /// A learning rate as the program wrote it (0.1, not 0.10000000149011612).
    static func format(_ rate: Float) -> String { "\(rate)" }

    /// One line a run: where its loss went, or why it stopped.
    static func summary(_ label: String, _ history: History, style: Style) -> String {
        let losses = history["loss"] ?? []
        guard let first = losses.first, let last = losses.last else { return "\(label): no epoch finished\n" }
        var line =
            "\(label): loss \(style.decimal(first)) \(style.rightArrow) \(style.decimal(last)) "
            + "after \(losses.count) epoch" + (losses.count == 1 ? "" : "s")
        if let accuracy = history["accuracy"]?.last { line += ", accuracy \(style.decimal(accuracy))" }
        if history.stop != nil { line += "; stopped: the loss stopped being a finite number" }
        return line + "\n"
    }

    /// The runs' loss curves in one chart, then their accuracy (on 0 to 1) when they have it.
    static func charts(_ runs: [(label: String, history: History)], style: Style) -> (text: String, figure: Figure) {
        var text = ""
        var figures: [PictureFigures.Chart] = []
        for name in ["loss", "accuracy"] {
            let series = runs.compactMap { run in
                run.history[name].map { LineChart.Series(name: run.label, values: $0) }
            }
            guard series.count == runs.count, !series.isEmpty else { continue }
            var chart = LineChart(style: style)
            if name.hasSuffix("accuracy") { chart.yRange = (0, 1) }
            // A loss that blew up would flatten the others into the bottom row: powers of ten then.
            let values = series.flatMap(\.values).filter { $0.isFinite && $0 > 0 }
            if name == "loss", let low = values.min(), let high = values.max(), high / low > 100 {
                chart.logScale = true
            }
            text += chart.render(series, xLabel: "epoch", title: name)
            figures.append(
                PictureFigures.Chart(
                    title: name, series: series, yRange: chart.yRange.map { (Double($0.low), Double($0.high)) },
                    logScale: chart.logScale))
        }
        return (text, PictureFigures.charts(figures, xLabel: "epoch"))
    }
}

extension Value {
    var isString: Bool {
        if case .string = self { return true }
        return false
    }

    /// An int or float as a Double; nil for anything else.
    var numberValue: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .float(let value): return value
        default: return nil
        }
    }
}
