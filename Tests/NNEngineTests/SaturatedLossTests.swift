import NNEngine
import Testing

/// A saturated softmax (p[label] ≈ 1 − 1e-7) loses most of 1 − p to float32 rounding, so Keras 3
/// takes the cross-entropies, sparse included, from the cached logits (log-softmax of z). The
/// expected numbers were recorded from Keras 3.15 on TensorFlow 2.21 (GradientTape, float32).
@Suite struct SaturatedLossTests {
    static let kerasLoss: Float = 3.5762778338721546e-07
    static let kerasBiasGradient: [Float] = [-3.5762786865234375e-07, 2.1487805668130022e-07, 1.8149323466332135e-07]

    func step(activation: Activation, loss: Loss, y: Tensor) throws -> (Float, [Float]) {
        let model = try Sequential(layers: [Dense(units: 3, activation: activation)], inputWidth: 2)
        try model.setWeights([Tensor([6, -1, 0.5, 4, 0.2, -0.7]).reshaped([2, 3]), Tensor([0.1, 0, -0.2])])
        model.compile(loss: loss, optimizer: try SGD(learningRate: 0))
        let (value, trace) = try model.step(x: Tensor([1, 2, 2, 1]).reshaped([2, 2]), y: y)
        return (value, trace.layers[0].biasGradient?.scalars ?? [])
    }

    func close(_ a: Float, _ b: Float) -> Bool { abs(a - b) <= 2e-2 * abs(b) + 1e-9 }

    @Test(arguments: [
        (Activation.softmax, Loss(.sparseCategoricalCrossentropy), true),
        (Activation.softmax, Loss(.categoricalCrossentropy), false),
        (Activation.linear, Loss(.sparseCategoricalCrossentropy, fromLogits: true), true),
    ])
    func saturatedSoftmaxLossIsTheLogSoftmaxOfZ(activation: Activation, loss: Loss, sparse: Bool) throws {
        let y = sparse ? Tensor([0, 0]) : try Tensor([1, 0, 0, 1, 0, 0]).reshaped([2, 3])
        let (value, bias) = try step(activation: activation, loss: loss, y: y)
        #expect(close(value, Self.kerasLoss), "loss \(value) vs Keras \(Self.kerasLoss)")
        #expect(bias.count == 3)
        for (mine, keras) in zip(bias, Self.kerasBiasGradient) { #expect(close(mine, keras), "\(bias)") }
    }
}
