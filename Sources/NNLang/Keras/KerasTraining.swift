import NNEngine

/// `compile`, `fit`, `predict` and `evaluate` with Keras 3's signatures and defaults.
enum KerasTraining {
    static func compileMethod(_ object: ModelObject) -> Value {
        function(
            "compile",
            "optimizer='rmsprop', loss=None, loss_weights=None, metrics=None, weighted_metrics=None, "
                + "run_eagerly=False, steps_per_execution=1, jit_compile='auto', auto_scale_loss=True",
            summary:
                "Choose the loss to minimize, the optimizer that updates the weights (RMSprop if none), and metrics to report"
        ) { a, interpreter throws(Diagnostic) in
            for unsupported in ["loss_weights", "weighted_metrics"] where a[unsupported] != nil {
                throw .unsupported("compile(\(unsupported)=...) is not supported", at: a.range(unsupported))
            }
            guard let lossValue = a["loss"] else {
                throw Diagnostic(
                    "compile() needs a loss, such as loss=BinaryCrossentropy() or loss='mse'", at: a.callRange)
            }
            let loss = try KerasLibrary.loss(from: lossValue, range: a.range("loss"))
            let optimizerValue = a["optimizer"] ?? .string("rmsprop")
            let optimizer = try KerasLibrary.optimizer(from: optimizerValue, range: a.range("optimizer"))
            var metrics: [Metric] = []
            if let metricsValue = a["metrics"] {
                let items: [Value]
                if case .string = metricsValue {
                    items = [metricsValue]
                } else {
                    items = try interpreter.iterate(metricsValue, range: a.range("metrics"))
                }
                for item in items {
                    guard case .string(let name) = item else {
                        throw .unsupported(
                            "metrics are given by name here, like metrics=['accuracy']", at: a.range("metrics"))
                    }
                    guard let metric = Metric(name: name) else {
                        throw Diagnostic(
                            "unknown metric '\(name)'", at: a.range("metrics"),
                            hint: didYouMean(name, Metric.names.keys) ?? "try 'accuracy', 'mse' or 'mae'")
                    }
                    metrics.append(metric)
                }
            }
            object.model.compile(loss: loss, optimizer: optimizer, metrics: metrics)
            object.lossValue = lossValue
            object.metricsNames = a["metrics"] == nil ? ["loss"] : ["loss", "compile_metrics"]
            object.optimizerValue =
                a["optimizer"].flatMap { if case .object = $0 { $0 } else { nil } }
                ?? .object(OptimizerObject(optimizer))
            object.usesDefaultOptimizer = a["optimizer"] == nil
            return .none
        }
    }

    /// Keras's `verbose`: 'auto' and 1 show a bar, 2 a line per epoch, 0 nothing.
    static func verbosity(_ a: BoundArguments) throws(Diagnostic) -> Int {
        guard let value = a["verbose"] else { return 1 }
        if case .string(let text) = value {
            guard text == "auto" else { throw Diagnostic("verbose must be 'auto', 0, 1 or 2", at: a.range("verbose")) }
            return 1
        }
        let level = try a.int("verbose")
        guard (0...2).contains(level) else {
            throw Diagnostic("verbose must be 'auto', 0, 1 or 2; got \(level)", at: a.range("verbose"))
        }
        return level
    }

    /// `example=i`: which example of the batch a full step tells, checked against the batch.
    static func exampleIndex(_ a: BoundArguments, rows: Int) throws(Diagnostic) -> Int? {
        guard a["example"] != nil else { return nil }
        let index = try a.int("example")
        guard index >= 0, index < rows else {
            throw Diagnostic(
                "example=\(index) is not an example of the batch: choose 0 to \(rows - 1)", at: a.range("example"))
        }
        return index
    }

    static func fitMethod(_ object: ModelObject) -> Value {
        function(
            "fit",
            "x=None, y=None, batch_size=None, epochs=1, verbose='auto', callbacks=None, validation_split=0.0, "
                + "validation_data=None, shuffle=True, class_weight=None, sample_weight=None, initial_epoch=0, "
                + "steps_per_epoch=None, validation_steps=None, validation_batch_size=None, validation_freq=1, explain=None, example=None, live=None",
            summary:
                "Train: epochs passes over x, each made of ceil(len(x)/batch_size) gradient steps; returns a History. "
                + "NNLab adds explain='off'|'epoch'|'step'|'full', example=i (the example of the batch a full step tells) "
                + "and live=True (the loss curve redrawn while it trains, on a terminal)"
        ) { a, interpreter throws(Diagnostic) in
            try object.requireOneOutput(a.callRange)
            for unsupported in [
                "class_weight", "sample_weight", "steps_per_epoch", "validation_steps", "validation_batch_size",
            ]
            where a[unsupported] != nil {
                throw .unsupported("fit(\(unsupported)=...) is not supported yet", at: a.range(unsupported))
            }
            if try a.int("initial_epoch", default: 0) != 0 {
                throw .unsupported("fit(initial_epoch=...) is not supported", at: a.range("initial_epoch"))
            }
            guard a["x"] != nil, a["y"] != nil else {
                throw Diagnostic("fit() needs the examples and their targets: model.fit(X, y, ...)", at: a.callRange)
            }
            let x = try examples(a.tensor("x", dtype: .float32))
            let y = try a.tensor("y")
            try FiniteChecks.data(x, "x", range: a.range("x"))
            try FiniteChecks.data(y, "y", range: a.range("y"))
            try FiniteChecks.weights(of: object.model, range: a.callRange)
            var options = FitOptions()
            options.batchSize = try a.int("batch_size", default: 32)
            options.epochs = try a.int("epochs", default: 1)
            // Keras takes any truthy value (`shuffle='true'` in the wild); 'batch' shuffles batches, unsupported.
            if case .string("batch")? = a["shuffle"] {
                throw .unsupported("fit(shuffle='batch') is not supported", at: a.range("shuffle"))
            }
            if let shuffle = a["shuffle"] {
                options.shuffle = try interpreter.truth(shuffle, range: a.range("shuffle"))
            }
            options.validationSplit = try a.double("validation_split", default: 0)
            if let validation = a["validation_data"] {
                let parts = try interpreter.iterate(validation, range: a.range("validation_data"))
                guard parts.count == 2 else {
                    throw Diagnostic("validation_data must be a tuple (x_val, y_val)", at: a.range("validation_data"))
                }
                options.validationData = (
                    try ArrayConversion.tensor(parts[0], dtype: .float32, range: a.range("validation_data")),
                    try ArrayConversion.tensor(parts[1], range: a.range("validation_data"))
                )
                if let (xv, yv) = options.validationData {
                    try FiniteChecks.data(xv, "x_val", range: a.range("validation_data"))
                    try FiniteChecks.data(yv, "y_val", range: a.range("validation_data"))
                }
            }
            // The engine's shuffling order (8 bytes a row) and, with a validation split, copies of x and y.
            let copies = options.validationSplit > 0 ? (x.count + y.count) * MemoryLayout<Float>.stride : 0
            try MemoryCheck.reserve(x.rows * MemoryLayout<Int>.stride + copies, range: a.callRange)
            let verbose = try verbosity(a)
            let explain =
                a["explain"] == nil
                ? nil : try ExplainLevel.parse(a.string("explain"), range: a.range("explain"))
            var context = FitContext(
                model: object.model, epochs: options.epochs, verbose: verbose, explain: explain,
                usesDefaultOptimizer: object.usesDefaultOptimizer,
                sessionLevel: interpreter.explainLevel)
            context.example = try exampleIndex(a, rows: min(options.batchSize, x.rows))
            let live = try liveView(a, interpreter, verbose: verbose)
            context.live = live.drawn
            if live.drawn || live.lastFrame { context.data = (x, y) }
            if live.lastFrame {
                context.showPicture = { [unowned interpreter] text, svg in interpreter.showPicture(text, svg: svg) }
            }
            var observers: [TrainingObserver] = []
            if verbose > 0, !context.live {
                // Per-step explanations print lines of their own; a bar redrawn in place would tangle with them.
                var barOptions = interpreter.options
                if context.level == .step { barOptions.interactive = false }
                observers.append(
                    FitProgress(
                        epochs: options.epochs, verbose: verbose, output: interpreter.output, options: barOptions))
            }
            observers += interpreter.teaching?.trainingObservers(for: context) ?? []
            let callbacks = try KerasCallbacks.callbacks(a["callbacks"], range: a.range("callbacks"), interpreter)
            let runner =
                callbacks.isEmpty
                ? nil
                : CallbackRunner(
                    callbacks, model: object, interpreter: interpreter,
                    range: a.range("callbacks"))
            if let runner { observers.append(runner) }
            interpreter.cancellation.clear()
            let firstBuild = object.model.inputShape == nil
            defer { if firstBuild, object.model.inputShape != nil { object.noteFirstBuild(batch: nil, interpreter) } }
            let history = try engine(a.callRange) { () throws(EngineError) in
                try object.model.fit(
                    x: x, y: y, options: options, observer: observers.isEmpty ? nil : ObserverGroup(observers),
                    cancellation: interpreter.cancellation)
            }
            if let (epoch, step) = history.interruption {
                // This Ctrl-C has done its work: the program goes on, and a later one stops it anew.
                interpreter.cancellation.clear()
                interpreter.write(
                    "\nTraining interrupted at epoch \(epoch), step \(step): the model keeps the weights of the last finished step.\n"
                )
            }
            if let error = runner?.error { throw error }
            object.lastFit = (x, y, history)
            if let stop = history.stop { interpreter.write(StopWarning.text(stop, model: object.model)) }
            var historyObject = history
            historyObject.params["verbose"] = verbose
            return .object(HistoryObject(historyObject, model: .object(object)))
        }
    }

    /// Whether this fit is drawn live: `live=` or the session's setting, on a terminal (the picture
    /// replaces the progress bar). In a pipe it is not, and a note says so once a session; in a
    /// host that shows pictures (a notebook) the progress prints and the last frame is a picture.
    static func liveView(_ a: BoundArguments, _ interpreter: Interpreter, verbose: Int) throws(Diagnostic)
        -> (drawn: Bool, lastFrame: Bool)
    {
        var asked = interpreter.options.live
        if let value = a["live"], !value.isNone { asked = try a.bool("live", default: false) }
        guard asked, verbose > 0 else { return (false, false) }
        guard interpreter.options.interactive else {
            if interpreter.pictureHandler != nil { return (false, true) }
            if !interpreter.liveNoteGiven {
                interpreter.liveNoteGiven = true
                interpreter.write("(live training is drawn on a terminal; here the progress is printed as usual)\n")
            }
            return (false, false)
        }
        return (true, false)
    }

    /// A 1-D `x` is one feature per example, as Keras 3 reads it: shape (n,) becomes (n, 1).
    static func examples(_ x: Tensor) -> Tensor {
        guard x.rank == 1, let column = try? x.reshaped([x.count, 1]) else { return x }
        return column
    }

    static func predictMethod(_ object: ModelObject) -> Value {
        function(
            "predict", "x, batch_size=None, verbose='auto', steps=None, callbacks=None",
            summary: "The model's outputs for every row of x (a forward pass, no training)"
        ) { a, interpreter throws(Diagnostic) in
            let x = try examples(a.tensor("x", dtype: .float32))
            let batchSize = try a.int("batch_size", default: 32)
            try MemoryCheck.reserve(
                x.rows, of: (object.model.outputWidth ?? 1) * MemoryLayout<Float>.stride,
                range: a.callRange)
            let firstBuild = object.model.inputShape == nil
            let outputs = try object.predictOutputs(x, batchSize: batchSize, range: a.callRange)
            let result =
                outputs != nil
                ? Tensor(shape: [0])
                : try engine(a.callRange) { () throws(EngineError) in try object.model.predict(x, batchSize: batchSize)
                }
            if firstBuild { object.noteFirstBuild(batch: min(x.rows, max(batchSize, 1)), interpreter) }
            let verbose = try verbosity(a)
            if verbose > 0, batchSize > 0 {
                let steps = (x.rows + batchSize - 1) / batchSize
                ProgressBar(total: steps, verbose: verbose, output: interpreter.output, options: interpreter.options)
                    .update(step: steps, logs: Logs(), final: true)
            }
            return outputs ?? .array(NDArray(result))
        }
    }

    static func evaluateMethod(_ object: ModelObject) -> Value {
        function(
            "evaluate",
            "x=None, y=None, batch_size=None, verbose='auto', sample_weight=None, steps=None, callbacks=None, "
                + "return_dict=False", summary: "The loss (and metrics) on x, y without training"
        ) { a, interpreter throws(Diagnostic) in
            try object.requireOneOutput(a.callRange)
            if a["sample_weight"] != nil {
                throw .unsupported("evaluate(sample_weight=...) is not supported", at: a.range("sample_weight"))
            }
            let x = try examples(a.tensor("x", dtype: .float32))
            let y = try a.tensor("y")
            try FiniteChecks.data(x, "x", range: a.range("x"))
            try FiniteChecks.data(y, "y", range: a.range("y"))
            let batchSize = try a.int("batch_size", default: 32)
            let firstBuild = object.model.inputShape == nil
            let logs = try engine(a.callRange) { () throws(EngineError) in
                try object.model.evaluate(x: x, y: y, batchSize: batchSize)
            }
            if firstBuild { object.noteFirstBuild(batch: nil, interpreter) }
            let verbose = try verbosity(a)
            if verbose > 0, batchSize > 0 {
                let steps = (x.rows + batchSize - 1) / batchSize
                ProgressBar(total: steps, verbose: verbose, output: interpreter.output, options: interpreter.options)
                    .update(step: steps, logs: logs.sorted(), final: true)
            }
            if try a.bool("return_dict", default: false) {
                return .dict(DictBox(logs.sorted().entries.map { (.string($0.name), .float(Double($0.value))) }))
            }
            // Keras lists the loss first, then the metrics in the order compile() was given them.
            let names = ["loss"] + (object.model.configuration?.metrics.map(\.name) ?? [])
            let values = names.compactMap { logs[$0] }.map { Value.float(Double($0)) }
            return values.count == 1 ? values[0] : .list(values)
        }
    }
}
