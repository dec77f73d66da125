/// Keras's `predict` and `evaluate`, in batches as Keras runs them.
extension Sequential {
    /// The model's outputs for every row of `x`: shape (rows, output units).
    public func predict(_ x: Tensor, batchSize: Int = 32) throws(EngineError) -> Tensor {
        try predict(x, batchSize: batchSize, training: false)
    }

    /// The outputs for `x` with Keras's `training` flag (`model(x, training=True)`).
    public func predict(_ x: Tensor, batchSize: Int, training: Bool) throws(EngineError) -> Tensor {
        guard !layers.isEmpty else { throw .emptyModel(model: name) }
        guard x.rank >= 2 else { throw .inputRank(expectedAtLeast: 2, shape: x.shape) }
        guard batchSize > 0 else { throw .invalidArgument("batch_size must be a positive integer; got \(batchSize)") }
        try build(inputShape: Array(x.shape.dropFirst()))
        return withSubnormalsFlushed { withPlan { predictBatches(x, batchSize: batchSize, training: training) } }
    }

    private func predictBatches(_ x: Tensor, batchSize: Int, training: Bool) -> Tensor {
        let shape = outputShapePerExample ?? [outputWidth ?? 0]
        let units = shape.reduce(1, *)
        var result = Tensor(shape: [x.rows] + shape)
        let out = result.mutablePointer()
        var start = 0
        while start < x.rows {
            let rows = min(batchSize, x.rows - start)
            forwardPass(x.pointer + start * x.rowWidth, rows: rows, training: training)
            out.advanced(by: start * units).update(from: outputLayer.output, count: rows * units)
            start += rows
        }
        return result
    }

    /// The loss and metrics on `x`, `y`: `loss` first, then each metric by name.
    public func evaluate(x: Tensor, y: Tensor, batchSize: Int = 32) throws(EngineError) -> Logs {
        guard batchSize > 0 else { throw .invalidArgument("batch_size must be a positive integer; got \(batchSize)") }
        let (configuration, data) = try prepare(x: x, y: y, method: "evaluate")
        return withSubnormalsFlushed {
            withPlan {
                evaluate(
                    data, configuration: configuration, metricKinds: resolvedMetrics(configuration, data: data),
                    batchSize: batchSize)
            }
        }
    }

    func evaluate(
        _ data: TrainingData, configuration: TrainingConfiguration, metricKinds: [Metric.Kind],
        batchSize: Int
    ) -> Logs {
        var lossMean = MeanTracker()
        var metrics = metricKinds.map { MetricAccumulator(kind: $0) }
        let output = outputLayer
        let width = output.outputWidth ?? 0
        var start = 0
        while start < data.rows {
            let rows = min(batchSize, data.rows - start)
            let y = UnsafePointer(data.y.pointer + start * data.targetWidth)
            forwardPass(data.x.pointer + start * data.x.rowWidth, rows: rows, training: false)
            let (loss, regularization, _) = batchLoss(configuration.loss, y: y, rows: rows, withGradient: false)
            lossMean.add(loss + regularization, weight: rows)
            for index in metrics.indices { metrics[index].add(a: output.output, y: y, rows: rows, columns: width) }
            start += rows
        }
        return logs(lossMean.value, metrics, configuration)
    }

    /// One training step on exactly these examples with the compiled loss and optimizer, returning
    /// the loss before the update and the full trace of the step (NNLab's `model.step(x, y)`).
    public func step(x: Tensor, y: Tensor) throws(EngineError) -> (loss: Float, trace: StepTrace) {
        let (configuration, data) = try prepare(x: x, y: y, method: "step")
        var metrics: [MetricAccumulator] = []
        let (loss, trace) = try withSubnormalsFlushed { () throws(EngineError) in
            try withPlan { () throws(EngineError) in
                try trainingStep(
                    x: data.x.pointer, y: data.y.pointer, rows: data.rows, configuration: configuration,
                    metrics: &metrics, position: (1, 1), recordTrace: true)
            }
        }
        guard let trace else { throw .invalidArgument("the step was not recorded") }
        return (loss, trace)
    }
}
