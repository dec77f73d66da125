import NNEngine
import Testing

@testable import NNTeach

/// The full step told for the layers beyond Dense, with the step's own numbers.
@Suite struct LayerExplanationTests {
    func step(_ layers: [Layer]) throws -> (StepTrace, Sequential) {
        let x = try Tensor(rows: [[0.5, -1, 2], [1, 0, -0.5], [0.2, 0.3, 0.1], [-1, 2, 0.5]])
        let y = Tensor([0, 1, 1, 0])
        let model = try Sequential(layers: layers, inputWidth: 3, random: RandomSource(seed: 4))
        model.compile(
            loss: Loss(.sparseCategoricalCrossentropy, fromLogits: true), optimizer: try SGD(learningRate: 0.1))
        return (try model.step(x: x, y: y).trace, model)
    }

    @Test func dropoutShowsItsMaskAndScale() throws {
        let dropout = try Dropout(rate: 0.5, name: "drop")
        dropout.fixedMasks = [Tensor(shape: [4, 4]) { $0 % 4 == 1 ? 0 : 1 }]
        let (trace, _) = try step([try Dense(units: 4, activation: .relu), dropout, try Dense(units: 2)])
        let text = StepExplanation(style: .plain).render(trace, example: 0)
        #expect(text.contains("Layer 2  drop: Dropout(0.5)   a[2] = a[1] * mask / (1 - 0.5)"))
        #expect(text.contains("mask = [1.0000, 0.0000, 1.0000, 1.0000]   (example 1: 1 of 4 zeroed)"))
        #expect(text.contains("scaled by 1/(1 - 0.5) = 2.0000"))
        let kept = trace.layers[0].a[flat: 2] * 2
        #expect(
            text.contains(
                "a[2] = [\(NumberText(style: .plain).number(trace.layers[0].a[flat: 0] * 2)), 0.0000, "
                    + NumberText(style: .plain).number(kept)))
        #expect(text.contains("dL/da[1] = dL/da[2] * mask / (1 - 0.5)"))
    }

    @Test func batchNormalizationShowsBatchAndMovingStatistics() throws {
        let (trace, model) = try step([try Dense(units: 3), try BatchNormalization(), try Dense(units: 2)])
        let text = StepExplanation(style: .plain).render(trace)
        guard case .batchNormalization(let mean, _, _, _, true, _, let movingMean, _)? = trace.layers[1].details else {
            Issue.record("no batch statistics in the trace")
            return
        }
        let batchMean = (0..<3).map { j in (0..<4).map { trace.layers[0].a[flat: $0 * 3 + j] }.reduce(0, +) / 4 }
        for (got, expected) in zip(mean.scalars, batchMean) { #expect(abs(got - expected) < 1e-5) }
        for (got, expected) in zip(movingMean.scalars, batchMean) { #expect(abs(got - 0.01 * expected) < 1e-6) }
        #expect(text.contains("training: mean and var are this batch's, per feature over its 4 examples"))
        #expect(text.contains("moving mean <- 0.99.moving mean + 0.01.mean"))
        #expect(text.contains("dL/dgamma = sum dL/da[2] * xhat over the batch"))
        let forward = StepExplanation(style: .plain).render(try model.forwardTrace(Tensor(shape: [1, 3])))
        #expect(forward.contains("inference: mean and var are the moving averages learned in training"))
    }
}
