import NNEngine
import Testing

/// Every misuse is a thrown, typed error whose message says what to do.
@Suite struct EngineErrorTests {
    func seedModel() throws -> Sequential {
        try Sequential(layers: [
            Dense(units: 25, activation: .sigmoid), Dense(units: 15, activation: .sigmoid),
            Dense(units: 1, activation: .sigmoid),
        ])
    }

    func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func nonPositiveUnits() {
        #expect(throws: EngineError.invalidArgument("Dense needs a positive number of units; got units=0")) {
            try Dense(units: 0)
        }
        #expect(message { _ = try Dense(units: -3) }.contains("units=-3"))
    }

    @Test func fitBeforeCompile() throws {
        let model = try seedModel()
        #expect(throws: EngineError.notCompiled(method: "fit")) {
            try model.fit(x: Tensor(shape: [4, 400]), y: Tensor(shape: [4]))
        }
        #expect(
            message { _ = try model.evaluate(x: Tensor(shape: [4, 400]), y: Tensor(shape: [4])) }
                .contains("compiled before evaluate()"))
    }

    @Test func shapeMismatchNamesBothWidths() throws {
        let model = try seedModel()
        model.compile(loss: Loss(.binaryCrossentropy))
        _ = try model.fit(x: Tensor(shape: [4, 400]), y: Tensor(shape: [4]), options: FitOptions(epochs: 1))
        #expect(throws: EngineError.modelInputMismatch(firstLayerKind: "Dense", expected: [400], received: [64])) {
            try model.predict(Tensor(shape: [2, 64]))
        }
    }

    @Test func sampleCountMismatch() throws {
        let model = try seedModel()
        model.compile(loss: Loss(.binaryCrossentropy))
        #expect(throws: EngineError.sampleCountMismatch(x: 10, y: 9)) {
            try model.fit(x: Tensor(shape: [10, 400]), y: Tensor(shape: [9]))
        }
    }

    @Test func targetsThatDoNotFitTheOutput() throws {
        let model = try Sequential(layers: [Dense(units: 3, activation: .softmax)], inputWidth: 2)
        model.compile(loss: Loss(.categoricalCrossentropy))
        #expect(throws: EngineError.targetShapeMismatch(outputUnits: 3, yShape: [4], loss: .categoricalCrossentropy)) {
            try model.fit(x: Tensor(shape: [4, 2]), y: Tensor(shape: [4]))
        }
        model.compile(loss: Loss(.sparseCategoricalCrossentropy))
        #expect(
            message { _ = try model.fit(x: Tensor(shape: [2, 2]), y: Tensor([0, 3])) }
                == "y[1] = 3 is not a class index: with 3 output units the labels must be whole numbers from 0 to 2")
    }

    @Test func setWeightsChecksCountAndShapes() throws {
        let model = try Sequential(layers: [Dense(units: 2), Dense(units: 1)], inputWidth: 3)
        #expect(
            throws: EngineError.weightCountMismatch(
                owner: model.name, expected: [[3, 2], [2], [2, 1], [1]], received: 1)
        ) {
            try model.setWeights([Tensor(shape: [3, 2])])
        }
        let text = message {
            try model.setWeights([
                Tensor(shape: [2, 3]), Tensor(shape: [2]), Tensor(shape: [2, 1]), Tensor(shape: [1]),
            ])
        }
        #expect(text.contains("has shape (3, 2); received an array of shape (2, 3)"))
        let unbuilt = try Sequential(layers: [Dense(units: 2)])
        #expect(throws: EngineError.self) { try unbuilt.setWeights([]) }
    }

    @Test func layerTooLargeToAllocate() throws {
        let model = try Sequential(layers: [Dense(units: 1_000_000_000)])
        #expect(message { try model.build(inputWidth: 1_000_000) }.contains("more than this machine can hold"))
        #expect(!model.isBuilt)
    }

    @Test func nonFiniteLossStopsKeepsTheLastGoodWeightsAndReturnsTheHistory() throws {
        let model = try Sequential(layers: [Dense(units: 1)], inputWidth: 1)
        model.compile(loss: Loss(.meanSquaredError), optimizer: try SGD(learningRate: 10))
        let x = Tensor(shape: [64, 1]) { Float($0) * 100 }
        // The same run watched step by step: the weights after step 2 are the ones before the bad update.
        let twin = try Sequential(layers: [Dense(units: 1)], inputWidth: 1)
        try twin.setWeights(model.weights())
        twin.compile(loss: Loss(.meanSquaredError), optimizer: try SGD(learningRate: 10))
        _ = try twin.fit(
            x: Tensor(shape: [16, 1]) { Float($0) * 100 }, y: Tensor(shape: [16, 1]) { Float($0) * 100 },
            options: FitOptions(batchSize: 8, epochs: 1, shuffle: false))
        let history = try model.fit(x: x, y: x, options: FitOptions(batchSize: 8, epochs: 5, shuffle: false))
        let stop = try #require(history.stop)
        #expect(
            stop.epoch == 1 && stop.step == 4 && stop.loss == .infinity && stop.reason == nil && stop.restoredStep == 3)
        #expect(history.epochs == [0] && history["loss"]?.count == 1)
        #expect(model.weights().map(\.scalars) == twin.weights().map(\.scalars))
        #expect(model.weights().allSatisfy { $0.scalars.allSatisfy(\.isFinite) })
    }

    @Test func invalidFitArguments() throws {
        let model = try seedModel()
        model.compile(loss: Loss(.binaryCrossentropy))
        let x = Tensor(shape: [4, 400])
        let y = Tensor(shape: [4])
        #expect(message { _ = try model.fit(x: x, y: y, options: FitOptions(batchSize: 0)) }.contains("batch_size"))
        #expect(
            message { _ = try model.fit(x: x, y: y, options: FitOptions(validationSplit: 1)) }.contains(
                "validation_split"))
        #expect(throws: EngineError.inputRank(expectedAtLeast: 2, shape: [4])) {
            try model.fit(x: Tensor(shape: [4]), y: y)
        }
        #expect(message { _ = try SGD(momentum: 2) }.contains("between 0 and 1"))
    }

    @Test func emptyModel() throws {
        let model = try Sequential()
        model.compile(loss: Loss(.meanSquaredError))
        #expect(message { _ = try model.predict(Tensor(shape: [1, 2])) }.contains("has no layers yet"))
    }
}
