/// Collects the copies a `StepTrace` needs while a step runs; made only when an observer asks.
struct TraceRecorder {
    private let input: Tensor
    private let target: Tensor
    private var layers: [LayerTrace] = []

    /// Records the batch, each layer's forward values and the weights before the update.
    init(model: Sequential, x: UnsafePointer<Float>, y: UnsafePointer<Float>, rows: Int, targetWidth: Int) {
        let shape = model.inputShape ?? [0]
        input = Tensor(shape: [rows] + shape) { x[$0] }
        target = Tensor(shape: targetWidth == 1 ? [rows] : [rows, targetWidth]) { y[$0] }
        var layerInput = input
        for layer in model.leafLayers {
            let outShape = layer.outputShape ?? []
            let output = layer.output
            let logits = layer.logits
            let a = Tensor(shape: [rows] + outShape) { output[$0] }
            let parameters = layer.parameters.map { parameter in
                ParameterTrace(
                    name: parameter.name, trainable: parameter.isTrainable(in: layer),
                    before: parameter.value.copied(), after: Tensor(shape: [0]))
            }
            layers.append(
                LayerTrace(
                    name: layer.name, kind: layer.kind, activation: layer.finalActivation, input: layerInput,
                    z: Tensor(shape: [rows] + outShape) { logits[$0] }, a: a, outputGradient: nil,
                    zGradient: Tensor(shape: [0]), inputGradient: nil, parameters: parameters,
                    details: layer.traceDetails(rows: rows, training: true)))
            layerInput = a
        }
    }

    /// Records ∂L/∂a, ∂L/∂z, ∂L/∂x and every weight's gradient after backpropagation, with the
    /// optimizer's state before it uses them.
    mutating func recordGradients(model: Sequential, optimizer: Optimizer, rows: Int, lossTarget: LossGradientTarget) {
        let leaves = model.leafLayers
        let lowest = model.plan.lowest
        for (index, layer) in leaves.enumerated() where index >= lowest {
            let isOutput = index == leaves.count - 1
            let shape = [rows] + (layer.outputShape ?? [])
            let outputGradient = layer.outputGradient
            let logitsGradient = layer.logitsGradient
            if !(isOutput && lossTarget == .logits) {
                layers[index].outputGradient = Tensor(shape: shape) { outputGradient[$0] }
            }
            layers[index].zGradient = Tensor(shape: shape) { logitsGradient[$0] }
            if index > lowest { layers[index].inputGradient = layers[index - 1].outputGradient }
            for (position, parameter) in layer.parameters.enumerated()
            where layers[index].parameters[position].trainable {
                layers[index].parameters[position].gradient = parameter.gradient.copied()
                layers[index].parameters[position].stateBefore = optimizer.snapshot(of: parameter)
            }
        }
    }

    /// Records the updated weights and the optimizer's state, and assembles the trace.
    func finish(
        model: Sequential, optimizer: Optimizer, position: (epoch: Int, step: Int), loss: Loss,
        dataLoss: Float, regularizationLoss: Float, lossTarget: LossGradientTarget
    ) -> StepTrace {
        var layers = self.layers
        for (index, layer) in model.leafLayers.enumerated() {
            for (position, parameter) in layer.parameters.enumerated() {
                layers[index].parameters[position].after = parameter.value.copied()
                if layers[index].parameters[position].trainable {
                    layers[index].parameters[position].optimizerState = optimizer.snapshot(of: parameter)
                }
            }
        }
        return StepTrace(
            epoch: position.epoch, step: position.step, iteration: optimizer.iterations, input: input,
            target: target, layers: layers, dataLoss: dataLoss, regularizationLoss: regularizationLoss,
            lossFunction: loss, lossGradientTarget: lossTarget, optimizerName: optimizer.name)
    }
}
