import NNEngine

/// `keras.callbacks`: the `Callback` class a program subclasses (the TensorFlow course's
/// `on_epoch_end` that sets `self.model.stop_training = True`), `EarlyStopping`, `LambdaCallback`
/// and `History`, run by `fit(callbacks=[...])` at Keras's hooks.
enum KerasCallbacks {
    static func module() -> ModuleObject {
        let base = ClassObject(
            name: "Callback", base: nil, members: [:],
            docstring: "Base class of Keras callbacks: override on_epoch_end(self, epoch, logs=None) and friends.")
        return ModuleObject(
            "keras.callbacks",
            [
                "Callback": .object(base),
                "EarlyStopping": function(
                    "EarlyStopping",
                    "monitor='val_loss', min_delta=0, patience=0, verbose=0, mode='auto', "
                        + "baseline=None, restore_best_weights=False, start_from_epoch=0",
                    summary: "Stop training when the monitored value stops improving"
                ) { a, _ throws(Diagnostic) in
                    .object(try EarlyStoppingObject(a))
                },
                "LambdaCallback": function(
                    "LambdaCallback",
                    "on_epoch_begin=None, on_epoch_end=None, on_train_begin=None, "
                        + "on_train_end=None, on_train_batch_begin=None, on_train_batch_end=None"
                ) { a, _ in
                    var hooks: [String: Value] = [:]
                    for (name, value) in a.values where !value.value.isNone { hooks[name] = value.value }
                    return .object(LambdaCallbackObject(hooks))
                },
                "History": function("History", "") { _, _ in .object(HistoryObject(History(), model: .none)) },
            ])
    }

    /// The callbacks of `fit(callbacks=...)`, checked.
    static func callbacks(_ value: Value?, range: SourceRange, _ interpreter: Interpreter) throws(Diagnostic) -> [Value]
    {
        guard let value, !value.isNone else { return [] }
        let items = try interpreter.iterate(value, range: range)
        for item in items {
            switch item {
            case .object(is InstanceObject), .object(is EarlyStoppingObject), .object(is LambdaCallbackObject),
                .object(is HistoryObject):
                continue
            default:
                throw Diagnostic(
                    "callbacks must be Keras callbacks, like EarlyStopping(patience=3) or an instance of a "
                        + "keras.callbacks.Callback subclass; got \(item.typeName)", at: range, exception: "TypeError")
            }
        }
        return items
    }
}

/// Calls the callbacks' hooks as Keras's `fit` does, with epochs and steps counted from 0 and `logs`
/// a dict of floats; a callback's error stops training and is raised after it.
final class CallbackRunner: TrainingObserver {
    let callbacks: [Value]
    let model: ModelObject
    let interpreter: Interpreter
    let range: SourceRange
    private(set) var error: Diagnostic?
    private var lastLogs: Value = .none
    private let wantsBatches: Bool

    init(_ callbacks: [Value], model: ModelObject, interpreter: Interpreter, range: SourceRange) {
        self.callbacks = callbacks
        self.model = model
        self.interpreter = interpreter
        self.range = range
        wantsBatches = callbacks.contains { callback in
            switch callback {
            case .object(let instance as InstanceObject):
                ["on_train_batch_end", "on_batch_end", "on_train_batch_begin", "on_batch_begin"].contains {
                    instance.type.lookup($0) != nil
                }
            case .object(let lambda as LambdaCallbackObject):
                lambda.hooks["on_train_batch_end"] != nil || lambda.hooks["on_train_batch_begin"] != nil
            default: false
            }
        }
    }

    static func logs(_ logs: Logs) -> Value {
        .dict(DictBox(logs.entries.map { (.string($0.name), .float(Double($0.value))) }))
    }

    private func hook(_ name: String, _ arguments: [Value]) {
        guard error == nil else { return }
        let call = CallArguments(positional: arguments, positionalRanges: arguments.map { _ in range }, range: range)
        for callback in callbacks {
            do {
                switch callback {
                case .object(let instance as InstanceObject):
                    if let method = instance.type.lookup(name) {
                        _ = try interpreter.callMethod(method, on: callback, call)
                    }
                case .object(let native as NativeCallback):
                    try native.hook(name, arguments, model: model, interpreter)
                default: break
                }
            } catch {
                self.error = error
                return
            }
        }
    }

    var stopRequested: Bool { error != nil || model.stopTraining }

    func trainingWillBegin(_ plan: TrainingPlan) {
        model.stopTraining = false
        for case .object(let instance as InstanceObject) in callbacks {
            try? instance.setAttribute("model", to: .object(model), interpreter)
        }
        hook("on_train_begin", [.dict(DictBox([]))])
    }
    func epochWillBegin(epoch: Int) { hook("on_epoch_begin", [.int(epoch - 1), .dict(DictBox([]))]) }
    func batchDidEnd(epoch: Int, step: Int, logs: Logs) {
        guard wantsBatches else { return }
        let values = CallbackRunner.logs(logs)
        hook("on_train_batch_end", [.int(step - 1), values])
        hook("on_batch_end", [.int(step - 1), values])
    }
    func epochDidEnd(epoch: Int, logs: Logs) {
        lastLogs = CallbackRunner.logs(logs)
        hook("on_epoch_end", [.int(epoch - 1), lastLogs])
    }
    func trainingDidEnd(_ history: History) {
        hook("on_train_end", [lastLogs])
        for case .object(let record as HistoryObject) in callbacks {
            record.history = history
            record.model = .object(model)
        }
    }
}

/// A callback written in Swift: it answers the hooks it knows.
protocol NativeCallback: PyObject {
    func hook(_ name: String, _ arguments: [Value], model: ModelObject, _ interpreter: Interpreter) throws(Diagnostic)
}

/// `LambdaCallback(on_epoch_end=lambda epoch, logs: ...)`: the functions given, called at their hooks.
final class LambdaCallbackObject: NativeCallback {
    let hooks: [String: Value]
    init(_ hooks: [String: Value]) { self.hooks = hooks }
    var typeName: String { "LambdaCallback" }
    func repr(_ interpreter: Interpreter) -> String { "<keras.src.callbacks.lambda_callback.LambdaCallback object>" }
    func hook(_ name: String, _ arguments: [Value], model: ModelObject, _ interpreter: Interpreter) throws(Diagnostic) {
        guard case .object(let function as any CallableObject)? = hooks[name] else { return }
        // Keras's on_train_begin/on_train_end lambdas take only logs.
        let given = name == "on_train_begin" || name == "on_train_end" ? Array(arguments.suffix(1)) : arguments
        let range = SourceRange(SourceLocation(line: 1, column: 1), SourceLocation(line: 1, column: 1))
        _ = try function.call(
            CallArguments(positional: given, positionalRanges: given.map { _ in range }, range: range),
            interpreter)
    }
}

/// `EarlyStopping(monitor, min_delta, patience, verbose, mode, baseline, restore_best_weights,
/// start_from_epoch)`, with Keras 3's rules: an improvement is a change beyond `min_delta` in the
/// monitored direction; after `patience` epochs without one (never at the first epoch) training
/// stops, and `restore_best_weights` puts back the best epoch's weights at the end.
final class EarlyStoppingObject: NativeCallback {
    let monitor: String
    let patience: Int
    let verbose: Int
    let baseline: Double?
    let restoreBestWeights: Bool
    let startFromEpoch: Int
    let mode: String
    let minDelta: Double
    private(set) var wait = 0
    private(set) var stoppedEpoch = 0
    private(set) var best: Double?
    private(set) var bestEpoch = 0
    private var bestWeights: [Tensor]?

    init(_ a: BoundArguments) throws(Diagnostic) {
        monitor = a["monitor"] == nil ? "val_loss" : try a.string("monitor")
        minDelta = abs(try a.double("min_delta", default: 0))
        patience = try a.int("patience", default: 0)
        verbose = try a.int("verbose", default: 0)
        mode = a["mode"] == nil ? "auto" : try a.string("mode")
        guard ["auto", "min", "max"].contains(mode) else {
            throw Diagnostic(
                "EarlyStopping mode must be 'auto', 'min' or 'max'; got '\(mode)'", at: a.range("mode"),
                exception: "ValueError")
        }
        baseline = a["baseline"].flatMap(\.numericValue)
        restoreBestWeights = try a.bool("restore_best_weights", default: false)
        startFromEpoch = try a.int("start_from_epoch", default: 0)
    }

    var typeName: String { "EarlyStopping" }
    func repr(_ interpreter: Interpreter) -> String { "<keras.src.callbacks.early_stopping.EarlyStopping object>" }
    var attributeNames: [String] {
        [
            "monitor", "patience", "min_delta", "verbose", "baseline", "restore_best_weights", "wait", "stopped_epoch",
            "best",
            "best_epoch",
        ]
    }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "monitor": .string(monitor)
        case "patience": .int(patience)
        case "min_delta": .float(minDelta)
        case "verbose": .int(verbose)
        case "baseline": baseline.map { .float($0) } ?? Value.none
        case "restore_best_weights": .bool(restoreBestWeights)
        case "wait": .int(wait)
        case "stopped_epoch": .int(stoppedEpoch)
        case "best": best.map { .float($0) } ?? Value.none
        case "best_epoch": .int(bestEpoch)
        default: nil
        }
    }

    /// Whether larger is better for the monitored value: Keras's `mode`, or for 'auto' the metric's direction.
    private var maximizes: Bool {
        if mode != "auto" { return mode == "max" }
        let name = monitor.hasPrefix("val_") ? String(monitor.dropFirst(4)) : monitor
        return [
            "accuracy", "acc", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy", "auc",
            "precision", "recall",
        ].contains(name)
    }

    private func isImprovement(_ value: Double, over reference: Double?) -> Bool {
        guard let reference else { return true }
        return maximizes ? value - minDelta > reference : value + minDelta < reference
    }

    func hook(_ name: String, _ arguments: [Value], model: ModelObject, _ interpreter: Interpreter) throws(Diagnostic) {
        switch name {
        case "on_train_begin":
            (wait, stoppedEpoch, best, bestWeights, bestEpoch) = (0, 0, nil, nil, 0)
        case "on_epoch_end":
            guard case .int(let epoch)? = arguments.first, case .dict(let logs)? = arguments.last else { return }
            guard let current = logs[.string(monitor)]?.numericValue else {
                let available = logs.keys.compactMap { if case .string(let key) = $0 { key } else { nil } }
                interpreter.write(
                    "UserWarning: Early stopping conditioned on metric `\(monitor)` which is not available. "
                        + "Available metrics are: \(available.joined(separator: ","))\n")
                return
            }
            guard epoch >= startFromEpoch else { return }
            if restoreBestWeights, bestWeights == nil {
                bestWeights = model.model.weights()
                bestEpoch = epoch
            }
            wait += 1
            if isImprovement(current, over: best) {
                best = current
                bestEpoch = epoch
                if restoreBestWeights { bestWeights = model.model.weights() }
                if baseline == nil || isImprovement(current, over: baseline) { wait = 0 }
                return
            }
            if wait >= patience, epoch > 0 {
                stoppedEpoch = epoch
                model.stopTraining = true
            }
        case "on_train_end":
            if stoppedEpoch > 0, verbose > 0 { interpreter.write("Epoch \(stoppedEpoch + 1): early stopping\n") }
            if restoreBestWeights, let bestWeights {
                if verbose > 0 {
                    interpreter.write("Restoring model weights from the end of the best epoch: \(bestEpoch + 1).\n")
                }
                try engine(SourceRange(SourceLocation(line: 1, column: 1), SourceLocation(line: 1, column: 1))) {
                    () throws(EngineError) in try model.model.setWeights(bestWeights)
                }
            }
        default: break
        }
    }
}
