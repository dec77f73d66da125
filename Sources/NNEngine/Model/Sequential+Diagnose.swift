/// The numbers `model.diagnose()` reads: one step's forward and backward pass without the update.
extension Sequential {
    /// The trace of a training step on the first `limit` examples of x, y, with every gradient but
    /// no weight or optimizer state changed.
    public func diagnosticTrace(x: Tensor, y: Tensor, limit: Int = 256) throws(EngineError) -> StepTrace {
        let (configuration, data) = try prepare(x: x, y: y, method: "diagnose")
        var metrics: [MetricAccumulator] = []
        let rows = min(max(limit, 1), data.rows)
        let (_, trace) = try withSubnormalsFlushed { () throws(EngineError) in
            try withPlan { () throws(EngineError) in
                try trainingStep(
                    x: data.x.pointer, y: data.y.pointer, rows: rows, configuration: configuration,
                    metrics: &metrics, position: (1, 1), recordTrace: true, update: false)
            }
        }
        guard let trace else { throw .invalidArgument("the step was not recorded") }
        return trace
    }
}
