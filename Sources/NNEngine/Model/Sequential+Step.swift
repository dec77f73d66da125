/// The computations of one batch: forward pass, loss, backpropagation and update.
extension Sequential {
    /// Runs the layers on `rows` examples at `x`; the prediction is then in the last layer's workspace.
    func forwardPass(_ x: UnsafePointer<Float>, rows: Int) {
        var input = x
        for layer in layers {
            layer.forward(input, rows: rows)
            input = UnsafePointer(layer.workspace.a)
        }
    }

    /// The loss of the batch at `y` after a forward pass (regularization penalties apart), with its
    /// gradient written into the output layer's workspace (∂L/∂z or ∂L/∂a) when `withGradient`.
    func batchLoss(_ loss: Loss, y: UnsafePointer<Float>, rows: Int, withGradient: Bool)
        -> (data: Float, regularization: Float, target: LossGradientTarget)
    {
        let output = layers[layers.count - 1]
        let workspace = output.workspace
        let gradient = withGradient
            ? (loss.logitSource(after: output.activation) == .preActivation ? workspace.dz : workspace.da) : nil
        let (value, target) = loss.evaluate(
            z: workspace.z, a: workspace.a, activation: output.activation, target: y, rows: rows,
            columns: output.units, gradient: gradient)
        return (value, regularizationLoss, target)
    }

    /// Σ of every layer's regularization penalty.
    var regularizationLoss: Float {
        var total: Float = 0
        for layer in layers where layer.kernelRegularizer != nil { total += layer.regularizationLoss }
        return total
    }

    /// Backpropagation from the loss gradient in the output layer's workspace down to the first layer.
    func backwardPass(_ x: UnsafePointer<Float>, rows: Int, lossTarget: LossGradientTarget) {
        for index in layers.indices.reversed() {
            let layer = layers[index]
            if index < layers.count - 1 || lossTarget == .activations { layer.backwardThroughActivation(rows: rows) }
            let input = index == 0 ? x : UnsafePointer(layers[index - 1].workspace.a)
            layer.backward(input: input, rows: rows, inputGradient: index == 0 ? nil : layers[index - 1].workspace.da)
        }
    }

    /// One training step on `rows` examples; returns the loss before the update (regularization
    /// included). Throws, before changing any weight, if the loss is not finite.
    func trainingStep(
        x: UnsafePointer<Float>, y: UnsafePointer<Float>, rows: Int, configuration: TrainingConfiguration,
        metrics: inout [MetricAccumulator], position: (epoch: Int, step: Int), recordTrace: Bool
    ) throws(EngineError) -> (loss: Float, trace: StepTrace?) {
        forwardPass(x, rows: rows)
        let output = layers[layers.count - 1]
        for index in metrics.indices {
            metrics[index].add(a: output.workspace.a, y: y, rows: rows, columns: output.units)
        }
        let (data, regularization, lossTarget) = batchLoss(configuration.loss, y: y, rows: rows, withGradient: true)
        let loss = data + regularization
        guard loss.isFinite else { throw .nonFiniteLoss(epoch: position.epoch, step: position.step, value: loss) }
        var recorder = recordTrace
            ? TraceRecorder(model: self, x: x, y: y, rows: rows, targetWidth: configuration.loss.takesClassIndices ? 1 : output.units)
            : nil
        backwardPass(x, rows: rows, lossTarget: lossTarget)
        recorder?.recordGradients(model: self, rows: rows, lossTarget: lossTarget)
        let optimizer = configuration.optimizer
        for (index, layer) in layers.enumerated() { layer.applyUpdate(optimizer, index: index) }
        optimizer.finishStep()
        let trace = recorder?.finish(
            model: self, optimizer: optimizer, position: position, loss: configuration.loss,
            dataLoss: data, regularizationLoss: regularization, lossTarget: lossTarget)
        return (loss, trace)
    }
}
