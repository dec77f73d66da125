import NNEngine
import Testing

/// Keras behaviours of Sequential beyond the parity fixtures: naming, building, summary counts,
/// shuffling, validation, cancellation and traces.
@Suite(.serialized) struct TrainingTests {
    @Test func layersAndModelsAreNamedAsKerasNamesThem() throws {
        // Counters of its own: other suites make layers in parallel.
        try LayerNames.$current.withValue(LayerNames()) {
            let model = try Sequential(layers: [Dense(units: 3), Dense(units: 2), Dense(units: 1, name: "out")])
            #expect(model.layers.map(\.name) == ["dense", "dense_1", "out"])
            #expect(model.name == "sequential")
            #expect(try Sequential().name == "sequential_1")
            #expect(try Dense(units: 1).name == "dense_2")
            #expect(model.layer(named: "dense_1") === model.layers[1])
        }
    }

    @Test func theSeedNetworkHas10431Parameters() throws {
        let model = try Sequential(
            layers: [Dense(units: 25, activation: .sigmoid), Dense(units: 15, activation: .sigmoid), Dense(units: 1)],
            inputWidth: 400)
        #expect(model.layers.map(\.parameterCount) == [10025, 390, 16])
        #expect(model.parameterCount == 10431)
        #expect(model.weights().map(\.shape) == [[400, 25], [25], [25, 15], [15], [15, 1], [1]])
    }

    @Test func layersBuildLazilyFromTheFirstData() throws {
        let model = try Sequential(layers: [Dense(units: 4), Dense(units: 1)])
        #expect(!model.isBuilt)
        #expect(model.weights().isEmpty)
        _ = try model.predict(Tensor(shape: [2, 7]))
        #expect(model.isBuilt)
        #expect(model.layers[0].parameters.first?.value.shape == [7, 4])
    }

    @Test func sameSeedSameTraining() throws {
        func train(seed: UInt64) throws -> [Float] {
            let random = RandomSource(seed: seed)
            let x = random.draw { g in Tensor(shape: [50, 3]) { _ in Float(g.nextNormal()) } }
            let y = Tensor(shape: [50]) { x[flat: $0 * 3] > 0 ? 1 : 0 }
            let model = try Sequential(
                layers: [Dense(units: 4, activation: .relu), Dense(units: 1, activation: .sigmoid)],
                random: random)
            model.compile(loss: Loss(.binaryCrossentropy), optimizer: Adam(learningRate: 0.01))
            return try model.fit(x: x, y: y, options: FitOptions(batchSize: 8, epochs: 3))["loss"] ?? []
        }
        #expect(try train(seed: 1) == train(seed: 1))
        #expect(try train(seed: 1) != train(seed: 2))
    }

    @Test func validationSplitTakesTheLastExamplesAndReportsValLoss() throws {
        let model = try Sequential(layers: [Dense(units: 1, activation: .sigmoid)], inputWidth: 1)
        model.compile(
            loss: Loss(.binaryCrossentropy), optimizer: try SGD(learningRate: 0), metrics: [Metric(name: "accuracy")!])
        // The first 8 examples are all right; the last 2 all wrong, so a correct split gives val accuracy 0.
        let x = Tensor(shape: [10, 1]) { $0 < 8 ? 5 : -5 }
        try model.setWeights([Tensor(shape: [1, 1], repeating: 1), Tensor(shape: [1])])
        let y = Tensor(shape: [10]) { $0 < 8 ? 1 : 1 }
        let history = try model.fit(x: x, y: y, options: FitOptions(epochs: 2, validationSplit: 0.2))
        #expect(history.names == ["accuracy", "loss", "val_accuracy", "val_loss"])
        #expect(history["accuracy"] == [1, 1])
        #expect(history["val_accuracy"] == [0, 0])
        #expect(history.params["steps"] == 1)
        #expect(history.epochs == [0, 1])
    }

    @Test func cancellationStopsBetweenBatchesWithTheLastStepsWeights() throws {
        final class CancelAfter: TrainingObserver {
            let flag: CancellationFlag
            let steps: Int
            var seen = 0
            init(flag: CancellationFlag, steps: Int) { (self.flag, self.steps) = (flag, steps) }
            func batchDidEnd(epoch: Int, step: Int, logs: Logs) {
                seen += 1
                if seen == steps { flag.cancel() }
            }
        }
        let model = try Sequential(layers: [Dense(units: 1)], inputWidth: 2)
        model.compile(loss: Loss(.meanSquaredError), optimizer: try SGD(learningRate: 0.1))
        let x = Tensor(shape: [40, 2]) { Float($0 % 7) / 7 }
        let y = Tensor(shape: [40]) { Float($0 % 3) }
        let flag = CancellationFlag()
        let observer = CancelAfter(flag: flag, steps: 7)
        let history = try model.fit(
            x: x, y: y, options: FitOptions(batchSize: 10, epochs: 5, shuffle: false),
            observer: observer, cancellation: flag)
        #expect(history.interruption?.epoch == 2)
        #expect(history.interruption?.step == 4)
        #expect(history.epochs == [0])
        #expect(model.configuration?.optimizer.iterations == 7)
    }

    @Test func traceHoldsTheStepsNumbers() throws {
        final class Recorder: TrainingObserver {
            var traces: [StepTrace] = []
            func wantsTrace(epoch: Int, step: Int) -> Bool { epoch == 1 && step == 1 }
            func stepDidFinish(_ trace: StepTrace) { traces.append(trace) }
        }
        let model = try Sequential(
            layers: [Dense(units: 3, activation: .sigmoid), Dense(units: 1, activation: .sigmoid)],
            inputWidth: 2)
        model.compile(loss: Loss(.binaryCrossentropy), optimizer: try SGD(learningRate: 0.5))
        let before = model.weights()
        let x = try Tensor(rows: [[0.6, -0.3], [0.1, 0.2]])
        let recorder = Recorder()
        _ = try model.fit(
            x: x, y: Tensor([1, 0]), options: FitOptions(batchSize: 1, epochs: 2, shuffle: false),
            observer: recorder)
        let trace = try #require(recorder.traces.first)
        #expect(recorder.traces.count == 1)
        #expect(trace.lossGradientTarget == .logits)
        #expect(trace.layers[0].kernelBefore == before[0])
        #expect(trace.layers[1].outputGradient == nil)
        let output = trace.layers[1]
        // ∂L/∂z = ŷ − y for sigmoid with cross-entropy, and SGD moves each weight by −η·∂L/∂w.
        #expect(abs(output.zGradient[flat: 0] - (output.a[flat: 0] - 1)) < 1e-6)
        for i in 0..<output.kernelAfter.count {
            let expected = output.kernelBefore[flat: i] - 0.5 * output.kernelGradient[flat: i]
            #expect(abs(output.kernelAfter[flat: i] - expected) < 1e-6)
        }
        #expect(trace.layers[1].input == trace.layers[0].a)
    }

    @Test func predictionsForOneUnitTargetsOfShapeN() throws {
        let model = try Sequential(layers: [Dense(units: 1, activation: .sigmoid)], inputWidth: 2)
        model.compile(loss: Loss(.binaryCrossentropy), optimizer: Adam(learningRate: 0.1))
        let x = try Tensor(rows: [[1, 0], [0, 1], [1, 1], [0, 0]])
        let history = try model.fit(x: x, y: Tensor([1, 0, 1, 0]), options: FitOptions(batchSize: 4, epochs: 60))
        let losses = try #require(history["loss"])
        #expect(losses.last! < losses.first! / 4)
        #expect(try model.predict(x).shape == [4, 1])
    }
}
