/// Keras's `fit`: epochs of mini-batch steps, with running logs, validation and a `History`.
extension Sequential {
    public func fit(
        x: Tensor, y: Tensor, options: FitOptions = FitOptions(), observer: TrainingObserver? = nil,
        cancellation: CancellationFlag? = nil
    ) throws(EngineError) -> History {
        try withSubnormalsFlushed { () throws(EngineError) in
            try train(x: x, y: y, options: options, observer: observer, cancellation: cancellation)
        }
    }

    private func train(
        x: Tensor, y: Tensor, options: FitOptions, observer: TrainingObserver?, cancellation: CancellationFlag?
    ) throws(EngineError) -> History {
        try options.validate()
        let (configuration, all) = try prepare(x: x, y: y, method: "fit")
        var training = all
        var validation: TrainingData?
        if options.validationSplit > 0 {
            let splitAt = Int((Double(all.rows) * (1 - options.validationSplit)).rounded(.down))
            guard splitAt > 0, splitAt < all.rows else {
                throw .invalidArgument(
                    "validation_split=\(options.validationSplit) leaves no examples for "
                        + "\(splitAt == 0 ? "training" : "validation") out of \(all.rows)")
            }
            training = all.slice(0..<splitAt)
            validation = all.slice(splitAt..<all.rows)
        }
        if let data = options.validationData {
            validation = try TrainingData(x: data.x, y: data.y, outputUnits: outputWidth ?? 0, loss: configuration.loss)
            try build(inputShape: Array(data.x.shape.dropFirst()))
        }

        let batchSize = min(options.batchSize, training.rows)
        let stepsPerEpoch = (training.rows + batchSize - 1) / batchSize
        let metricKinds = resolvedMetrics(configuration, data: training)
        var history = History()
        history.params = ["verbose": 1, "epochs": options.epochs, "steps": stepsPerEpoch]
        observer?.trainingWillBegin(
            TrainingPlan(
                epochs: options.epochs, batchSize: batchSize, trainingExamples: training.rows,
                validationExamples: validation?.rows ?? 0, stepsPerEpoch: stepsPerEpoch, shuffle: options.shuffle,
                lossName: configuration.loss.kind.rawValue, optimizerName: configuration.optimizer.name))

        BLAS.chooseThreads(
            rows: batchSize, widths: [inputWidth ?? 0] + leafLayers.compactMap { ($0 as? Dense)?.units },
            products: leafLayers.compactMap { ($0 as? Conv2D)?.productSize(examples: batchSize) })
        let ownsPlan = activePlan == nil
        if ownsPlan { activePlan = ComputePlan(leafLayers) }
        defer { if ownsPlan { activePlan = nil } }
        let backup = WeightBackup(plan.trainable, optimizer: configuration.optimizer)
        var lowest = Float.infinity
        func stopped(
            _ history: inout History, _ stop: TrainingStop, _ mean: MeanTracker, _ step: Int,
            _ observer: TrainingObserver?
        ) -> History {
            var stop = stop
            backup.restore()
            (stop.restoredEpoch, stop.restoredStep) = (backup.position?.epoch, backup.position?.step)
            // The epoch's good steps so far make its point on the curve.
            if step > 1 {
                var logs = Logs()
                logs["loss"] = mean.value
                history.record(epoch: stop.epoch - 1, logs: logs)
            }
            history.stop = stop
            observer?.trainingDidEnd(history)
            return history
        }
        var order = Array(0..<training.rows)
        var batch = BatchBuffer(rows: batchSize, inputWidth: training.x.rowWidth, targetWidth: training.targetWidth)
        let xWidth = training.x.rowWidth
        let yWidth = training.targetWidth

        for epoch in 1...max(options.epochs, 1) where options.epochs > 0 {
            observer?.epochWillBegin(epoch: epoch)
            if options.shuffle { random.draw { $0.shuffle(&order) } }
            var lossMean = MeanTracker()
            var metrics = metricKinds.map { MetricAccumulator(kind: $0) }
            for step in 1...stepsPerEpoch {
                if cancellation?.isCancelled == true {
                    history.interruption = (epoch, step)
                    observer?.trainingDidEnd(history)
                    return history
                }
                let start = (step - 1) * batchSize
                let rows = min(batchSize, training.rows - start)
                let (xb, yb) =
                    options.shuffle
                    ? batch.gather(order[start..<(start + rows)], from: training)
                    : (
                        UnsafePointer(training.x.pointer + start * xWidth),
                        UnsafePointer(training.y.pointer + start * yWidth)
                    )
                let wantsTrace = observer?.wantsTrace(epoch: epoch, step: step) ?? false
                let loss: Float
                let trace: StepTrace?
                do {
                    (loss, trace) = try trainingStep(
                        x: xb, y: yb, rows: rows, configuration: configuration, metrics: &metrics,
                        position: (epoch, step), recordTrace: wantsTrace, backup: backup)
                } catch .nonFiniteLoss(_, _, let value) {
                    // Stop, as Keras's TerminateOnNaN does, but with the weights from before the step that broke them.
                    return stopped(
                        &history, TrainingStop(epoch: epoch, step: step, loss: value, reason: nil),
                        lossMean, step, observer)
                }
                lossMean.add(loss, weight: rows)
                lowest = min(lowest, loss)
                backup.threshold = 2 * lowest
                if let trace { observer?.stepDidFinish(trace) }
                if let observer {
                    observer.stepDidEnd(epoch: epoch, step: step, loss: loss, examples: rows)
                    observer.batchDidEnd(epoch: epoch, step: step, logs: logs(lossMean.value, metrics, configuration))
                    if let reason = observer.reasonToStop(epoch: epoch, step: step, loss: loss) {
                        return stopped(
                            &history, TrainingStop(epoch: epoch, step: step, loss: loss, reason: reason),
                            lossMean, step + 1, observer)
                    }
                    if observer.stopRequested { break }
                }
            }
            var epochLogs = logs(lossMean.value, metrics, configuration)
            if let validation {
                let result = evaluate(
                    validation, configuration: configuration, metricKinds: metricKinds, batchSize: options.batchSize)
                for (name, value) in result.entries { epochLogs["val_" + name] = value }
                epochLogs = epochLogs.sorted()
            }
            history.record(epoch: epoch - 1, logs: epochLogs)
            observer?.epochDidEnd(epoch: epoch, logs: epochLogs)
            if observer?.stopRequested == true { break }
        }
        observer?.trainingDidEnd(history)
        return history
    }

    /// Checks that the model is compiled and has layers, builds it for x, and checks x and y.
    func prepare(x: Tensor, y: Tensor, method: String) throws(EngineError) -> (TrainingConfiguration, TrainingData) {
        guard let configuration else { throw .notCompiled(method: method) }
        guard !layers.isEmpty else { throw .emptyModel(model: name) }
        if x.rank >= 2 { try build(inputShape: Array(x.shape.dropFirst())) }
        let data = try TrainingData(x: x, y: y, outputUnits: outputWidth ?? 0, loss: configuration.loss)
        return (configuration, data)
    }

    func resolvedMetrics(_ configuration: TrainingConfiguration, data: TrainingData) -> [Metric.Kind] {
        let indices =
            data.y.rank < 2 && (outputWidth ?? 1) > 1
            || (data.y.rank == 2 && data.y.shape[1] == 1 && (outputWidth ?? 1) > 1)
        return configuration.metrics.map { $0.resolved(outputUnits: outputWidth ?? 1, targetsAreIndices: indices) }
    }

    func logs(_ loss: Float, _ metrics: [MetricAccumulator], _ configuration: TrainingConfiguration) -> Logs {
        var logs = Logs()
        logs["loss"] = loss
        for (metric, accumulator) in zip(configuration.metrics, metrics) { logs[metric.name] = accumulator.value }
        return logs.sorted()
    }
}

/// Keras's `Mean` metric for the loss: a float32 running total weighted by batch size.
struct MeanTracker {
    private var total: Float = 0
    private var count: Float = 0
    mutating func add(_ value: Float, weight: Int) {
        total += value * Float(weight)
        count += Float(weight)
    }
    var value: Float { count == 0 ? 0 : total / count }
}
