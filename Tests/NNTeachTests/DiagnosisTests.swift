import NNEngine
import Testing

@testable import NNTeach

/// Each check of the training watcher, on a small seeded network built to show its problem.
@Suite struct DiagnosisTests {
    /// Fits with a watcher and returns what it said and the history.
    func watch(
        _ layers: [Layer], inputWidth: Int, loss: Loss, optimizer: Optimizer, x: Tensor, y: Tensor,
        options: FitOptions
    ) throws -> (findings: [Finding], text: String, history: History) {
        let model = try Sequential(layers: layers, inputWidth: inputWidth, random: RandomSource(seed: 7))
        model.compile(loss: loss, optimizer: optimizer)
        var text = ""
        let watcher = TrainingWatcher(style: .plain) { text += $0 + "\n" }
        let history = try model.fit(x: x, y: y, options: options, observer: watcher)
        return (watcher.said, text, history)
    }

    func uniform(_ rows: Int, _ columns: Int, seed: UInt64, scale: Float = 1) -> Tensor {
        var random = RandomGenerator(seed: seed)
        return Tensor(shape: [rows, columns]) { _ in Float(random.nextDouble()) * scale }
    }

    @Test func lossStuckAtTheBaseRate() throws {
        // Inputs that say nothing: only the bias can learn, and balanced labels keep it at 0.5.
        let y = Tensor(shape: [32, 1]) { Float($0 % 2) }
        let result = try watch(
            [Dense(units: 1, activation: .sigmoid)], inputWidth: 2, loss: Loss(.binaryCrossentropy),
            optimizer: try SGD(learningRate: 0.1), x: Tensor(shape: [32, 2]), y: y,
            options: FitOptions(batchSize: 32, epochs: 4, shuffle: false))
        #expect(result.findings.map(\.kind) == [.baseRate])
        #expect(result.text.contains("stayed at 0.693 ~ ln 2 = 0.693 for 3 epochs"), "\(result.text)")
        #expect(result.text.contains("base rate"))
    }

    @Test func divergenceStopsWithTheHistorySoFar() throws {
        let x = uniform(64, 1, seed: 1, scale: 10)
        let y = Tensor(shape: [64, 1]) { x[flat: $0] * 3 }
        let result = try watch(
            [Dense(units: 1)], inputWidth: 1, loss: Loss(.meanSquaredError),
            optimizer: try SGD(learningRate: 0.5), x: x, y: y,
            options: FitOptions(batchSize: 8, epochs: 20, shuffle: false))
        #expect(result.findings.map(\.kind) == [.divergence])
        let stop = try #require(result.history.stop)
        #expect(stop.reason?.contains("training is diverging") == true)
        #expect(stop.epoch == 1 && stop.restoredStep == stop.step)
        let text = try #require(result.findings.first?.text)
        #expect(text.range(of: #"\(x[0-9.]+e[0-9]+\)"#, options: .regularExpression) != nil, "\(text)")
        #expect(!text.contains("%"))
        #expect(result.text.isEmpty, "the stop warning says it")
    }

    @Test func deadReLUUnits() throws {
        let x = uniform(32, 3, seed: 2)
        let y = Tensor(shape: [32, 1]) { Float($0 % 2) }
        let result = try watch(
            [
                Dense(units: 8, activation: .relu, biasInitializer: .randomUniform(min: -9, max: -8)),
                Dense(units: 1, activation: .sigmoid),
            ], inputWidth: 3,
            loss: Loss(.binaryCrossentropy), optimizer: try SGD(), x: x, y: y,
            options: FitOptions(batchSize: 32, epochs: 1))
        #expect(result.findings.map(\.kind) == [.deadUnits])
        #expect(result.text.contains("8 of 8 units of layer"), "\(result.text)")
        #expect(result.text.contains("output 0 for every one of the 32 examples"))
    }

    @Test func saturatedSigmoidUnits() throws {
        let x = uniform(32, 3, seed: 3)
        let y = Tensor(shape: [32, 1]) { Float($0 % 2) }
        let result = try watch(
            [
                Dense(units: 6, activation: .sigmoid, biasInitializer: .randomUniform(min: 8, max: 9)),
                Dense(units: 1, activation: .sigmoid),
            ], inputWidth: 3,
            loss: Loss(.binaryCrossentropy), optimizer: try SGD(), x: x, y: y,
            options: FitOptions(batchSize: 32, epochs: 1))
        // Saturation is one cause of vanishing gradients, said too.
        #expect(result.findings.map(\.kind).contains(.saturatedUnits))
        #expect(result.text.contains("6 of 6 units of layer"), "\(result.text)")
        #expect(result.text.contains("(sigmoid) have |z| > 4"))
    }

    @Test func vanishingGradients() throws {
        let x = uniform(32, 4, seed: 4)
        let y = Tensor(shape: [32, 1]) { Float($0 % 2) }
        let hidden: [Layer] = try (0..<8).map { _ in try Dense(units: 4, activation: .sigmoid) }
        let result = try watch(
            hidden + [Dense(units: 1, activation: .sigmoid)], inputWidth: 4,
            loss: Loss(.binaryCrossentropy), optimizer: try SGD(), x: x, y: y,
            options: FitOptions(batchSize: 32, epochs: 1))
        #expect(result.findings.map(\.kind) == [.vanishingGradients])
        #expect(
            result.text.contains("Vanishing gradients: the size of dL/dz per layer, first to last, is"),
            "\(result.text)")
    }

    @Test func explodingGradients() throws {
        let x = uniform(32, 4, seed: 5)
        let y = Tensor(shape: [32, 1]) { Float($0 % 2) }
        let big = Initializer.randomNormal(mean: 0, stddev: 6)
        let hidden: [Layer] = try (0..<4).map { _ in try Dense(units: 8, kernelInitializer: big) }
        let result = try watch(
            hidden + [Dense(units: 1, kernelInitializer: big)],
            inputWidth: 4, loss: Loss(.meanSquaredError), optimizer: try SGD(learningRate: 1e-9),
            x: x, y: y, options: FitOptions(batchSize: 32, epochs: 1))
        #expect(result.findings.map(\.kind) == [.explodingGradients], "\(result.text)")
        #expect(result.text.contains("larger than the last's"))
    }

    @Test func overfitting() throws {
        // Random labels: a big network memorizes them and the held-out loss climbs.
        let x = uniform(60, 5, seed: 6)
        var random = RandomGenerator(seed: 9)
        let y = Tensor(shape: [60, 1]) { _ in random.nextDouble() < 0.5 ? 0 : 1 }
        let result = try watch(
            [
                Dense(units: 64, activation: .relu), Dense(units: 64, activation: .relu),
                Dense(units: 1, activation: .sigmoid),
            ], inputWidth: 5,
            loss: Loss(.binaryCrossentropy), optimizer: Adam(learningRate: 0.01), x: x, y: y,
            options: FitOptions(batchSize: 32, epochs: 60, validationSplit: 0.5))
        #expect(result.findings.map(\.kind).contains(.overfitting), "\(result.text)")
        #expect(result.text.contains("Overfitting: the validation loss was lowest at epoch"))
        #expect(result.text.contains("while the training loss kept falling"))
    }

    @Test func inputsOnDifferentScales() throws {
        let small = uniform(32, 1, seed: 7)
        let large = uniform(32, 1, seed: 8, scale: 400)
        let x = Tensor(shape: [32, 2]) { $0 % 2 == 0 ? small[flat: $0 / 2] : 100 + large[flat: $0 / 2] }
        let y = Tensor(shape: [32, 1]) { Float($0 % 2) }
        let result = try watch(
            [Dense(units: 1)], inputWidth: 2, loss: Loss(.meanSquaredError),
            optimizer: try SGD(learningRate: 1e-6), x: x, y: y,
            options: FitOptions(batchSize: 32, epochs: 1))
        #expect(result.findings.map(\.kind) == [.inputScales], "\(result.text)")
        #expect(result.text.contains("feature 1 reaches"))
        #expect(result.text.contains("Normalize each feature"))
    }

    @Test func mseAfterASigmoidForLabels01() throws {
        let x = uniform(32, 2, seed: 10)
        let y = Tensor(shape: [32, 1]) { Float($0 % 2) }
        let result = try watch(
            [Dense(units: 1, activation: .sigmoid)], inputWidth: 2, loss: Loss(.meanSquaredError),
            optimizer: try SGD(), x: x, y: y, options: FitOptions(batchSize: 32, epochs: 1))
        #expect(result.findings.map(\.kind) == [.lossMismatch])
        #expect(result.text.contains("mean squared error after a sigmoid, with labels 0 and 1"))
        #expect(result.text.contains("loss='binary_crossentropy'"))
    }

    @Test func binaryCrossentropyOnLabelsOutside01() throws {
        let x = uniform(32, 2, seed: 11)
        let y = Tensor(shape: [32, 1]) { Float($0 % 4) }
        let result = try watch(
            [Dense(units: 1, activation: .sigmoid)], inputWidth: 2, loss: Loss(.binaryCrossentropy),
            optimizer: try SGD(), x: x, y: y, options: FitOptions(batchSize: 32, epochs: 1))
        #expect(result.findings.map(\.kind) == [.lossMismatch])
        #expect(result.text.contains("labels in [0, 1] (probabilities), but they run from 0 to 3"), "\(result.text)")
    }

    @Test func ratiosAreWrittenAsPowersOfTen() {
        let checks = StepChecks(style: .plain)
        #expect(checks.ratio(5.2377e8) == "x5.2e8")
        #expect(checks.ratio(37.5) == "x37.5")
        #expect(checks.short(1.6e-5) == "1.6e-5")
        #expect(checks.short(0.0176) == "0.0176")
    }

    @Test func eachKindIsSaidOnce() throws {
        let y = Tensor(shape: [32, 1]) { Float($0 % 2) }
        let result = try watch(
            [Dense(units: 1, activation: .sigmoid)], inputWidth: 2, loss: Loss(.meanSquaredError),
            optimizer: try SGD(), x: uniform(32, 2, seed: 12), y: y,
            options: FitOptions(batchSize: 8, epochs: 9))
        #expect(result.text.components(separatedBy: "mean squared error after a sigmoid").count == 2)
    }
}
