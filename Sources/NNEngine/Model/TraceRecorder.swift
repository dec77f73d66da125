/// Collects the copies a `StepTrace` needs while a step runs; made only when an observer asks.
struct TraceRecorder {
    private let input: Tensor
    private let target: Tensor
    private var layers: [LayerTrace] = []

    /// Records the batch, each layer's forward values and the weights before the update.
    init(model: Sequential, x: UnsafePointer<Float>, y: UnsafePointer<Float>, rows: Int, targetWidth: Int) {
        let width = model.inputWidth ?? 0
        input = Tensor(shape: [rows, width]) { x[$0] }
        target = Tensor(shape: targetWidth == 1 ? [rows] : [rows, targetWidth]) { y[$0] }
        var layerInput = input
        for layer in model.layers {
            let a = layer.snapshot(layer.workspace.a, rows: rows)
            layers.append(LayerTrace(
                name: layer.name, activation: layer.activation, input: layerInput,
                z: layer.snapshot(layer.workspace.z, rows: rows), a: a,
                outputGradient: nil, zGradient: Tensor(shape: [0]), kernelGradient: Tensor(shape: [0]),
                biasGradient: nil, kernelBefore: layer.kernel.copied(), kernelAfter: Tensor(shape: [0]),
                biasBefore: layer.useBias ? layer.bias.copied() : nil, biasAfter: nil,
                kernelOptimizerState: .sgd(learningRate: 0), biasOptimizerState: nil))
            layerInput = a
        }
    }

    /// Records ∂L/∂a, ∂L/∂z, ∂L/∂W and ∂L/∂b after backpropagation.
    mutating func recordGradients(model: Sequential, rows: Int, lossTarget: LossGradientTarget) {
        for (index, layer) in model.layers.enumerated() {
            let isOutput = index == model.layers.count - 1
            if !(isOutput && lossTarget == .logits) {
                layers[index].outputGradient = layer.snapshot(layer.workspace.da, rows: rows)
            }
            layers[index].zGradient = layer.snapshot(layer.workspace.dz, rows: rows)
            layers[index].kernelGradient = layer.kernelGradient.copied()
            layers[index].biasGradient = layer.useBias ? layer.biasGradient.copied() : nil
        }
    }

    /// Records the updated weights and the optimizer's state, and assembles the trace.
    func finish(
        model: Sequential, optimizer: Optimizer, position: (epoch: Int, step: Int), loss: Loss,
        dataLoss: Float, regularizationLoss: Float, lossTarget: LossGradientTarget
    ) -> StepTrace {
        var layers = self.layers
        for (index, layer) in model.layers.enumerated() {
            layers[index].kernelAfter = layer.kernel.copied()
            layers[index].kernelOptimizerState = optimizer.snapshot(slot: 2 * index)
            if layer.useBias {
                layers[index].biasAfter = layer.bias.copied()
                layers[index].biasOptimizerState = optimizer.snapshot(slot: 2 * index + 1)
            }
        }
        return StepTrace(
            epoch: position.epoch, step: position.step, iteration: optimizer.iterations, input: input,
            target: target, layers: layers, dataLoss: dataLoss, regularizationLoss: regularizationLoss,
            lossFunction: loss, lossGradientTarget: lossTarget, optimizerName: optimizer.name)
    }
}
