import NNEngine
import Testing

/// What each layer does outside the numbers Keras fixes: Dropout's randomness, frozen layers,
/// parameter counts, shapes, and optimizer state that follows the parameter.
@Suite struct LayerBehaviourTests {
    @Test func dropoutDropsAboutRateAndScalesTheRest() throws {
        let dropout = try Dropout(rate: 0.3, seed: 9)
        let x = Tensor(shape: [200, 50], repeating: 1)
        let y = try dropout.apply(x, training: true)
        let zeros = y.scalars.filter { $0 == 0 }.count
        #expect(abs(Double(zeros) / Double(y.count) - 0.3) < 0.02)
        #expect(y.scalars.allSatisfy { $0 == 0 || $0 == Float(1 / 0.7) })
        #expect(try dropout.apply(x) == x)
        let again = try Dropout(rate: 0.3, seed: 9)
        #expect(try again.apply(x, training: true) == y)
    }

    @Test func frozenLayersKeepTheirWeightsAndCountAsNonTrainable() throws {
        let first = try Dense(units: 3)
        let norm = try BatchNormalization()
        let model = try Sequential(
            layers: [first, norm, try Dense(units: 1)], inputWidth: 2, random: RandomSource(seed: 1))
        #expect(model.parameterCount == 9 + 12 + 4)
        #expect(model.trainableParameterCount == 9 + 6 + 4)
        first.trainable = false
        #expect(model.trainableParameterCount == 6 + 4)
        let before = first.weights()
        model.compile(loss: Loss(.meanSquaredError), optimizer: Adam(learningRate: 0.1))
        let x = Tensor(shape: [8, 2]) { Float($0 % 5) - 2 }
        let y = Tensor(shape: [8, 1]) { Float($0) }
        _ = try model.fit(x: x, y: y, options: FitOptions(batchSize: 4, epochs: 2, shuffle: false))
        #expect(first.weights() == before)
        first.trainable = true
        _ = try model.fit(x: x, y: y, options: FitOptions(batchSize: 4, epochs: 1, shuffle: false))
        #expect(first.weights() != before)
    }

    @Test func optimizerStateFollowsTheParameter() throws {
        let a = try Dense(units: 2)
        let b = try Dense(units: 1)
        let model = try Sequential(layers: [a, b], inputWidth: 3, random: RandomSource(seed: 2))
        let adam = Adam(learningRate: 0.01)
        model.compile(loss: Loss(.meanSquaredError), optimizer: adam)
        _ = try model.step(x: Tensor(shape: [4, 3], repeating: 1), y: Tensor(shape: [4, 1]))
        guard case .adam(_, _, _, _, _, _, let m, _) = adam.snapshot(of: a.parameters[0]) else {
            Issue.record("no Adam state")
            return
        }
        #expect(m.count == 6)
        guard case .adam(_, _, _, _, _, _, let mb, _) = adam.snapshot(of: b.parameters[1]) else {
            Issue.record("no Adam state")
            return
        }
        #expect(mb.count == 1)
    }

    @Test func shapesFlowThroughTheLayers() throws {
        let model = try Sequential(
            layers: [
                try Flatten(inputShape: [4, 3]), try Dense(units: 5), try Dropout(rate: 0.5), try Dense(units: 2),
            ])
        try model.build(inputShape: [4, 3])
        #expect(model.layers.map { $0.outputShape ?? [] } == [[12], [5], [5], [2]])
        #expect(try model.predict(Tensor(shape: [7, 4, 3])).shape == [7, 2])
        #expect(throws: EngineError.modelInputMismatch(firstLayerKind: "Flatten", expected: [4, 3], received: [3, 4])) {
            try model.predict(Tensor(shape: [1, 3, 4]))
        }
    }

    @Test func normalizationAdaptsMeanAndVariancePerFeature() throws {
        let norm = try Normalization()
        try norm.adapt(try Tensor(rows: [[1, 10], [3, 30], [5, 20]]))
        #expect(norm.statistics.mean == [3, 20])
        #expect(norm.weights().map(\.shape) == [[2], [2], []])
        let y = try norm.apply(try Tensor(rows: [[3, 30]]))
        #expect(abs(y[flat: 0]) < 1e-6)
        #expect(abs(y[flat: 1] - 10 / (200 / 3 as Float).squareRoot()) < 1e-5)
    }
}
