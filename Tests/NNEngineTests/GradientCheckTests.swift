import NNEngine
import Testing

/// Backpropagation against central finite differences (tinygrad's gradcheck), for every output
/// activation with every loss, and for Dense with and without bias and regularization.
@Suite struct GradientCheckTests {
    struct Combination: CustomTestStringConvertible, Sendable {
        let activation: Activation
        let loss: Loss
        var testDescription: String {
            "\(activation.name) + \(loss.kind.rawValue)\(loss.fromLogits ? "(from_logits)" : "")"
        }
    }

    static let losses: [Loss] = [
        Loss(.binaryCrossentropy), Loss(.binaryCrossentropy, fromLogits: true),
        Loss(.categoricalCrossentropy), Loss(.categoricalCrossentropy, fromLogits: true),
        Loss(.sparseCategoricalCrossentropy), Loss(.sparseCategoricalCrossentropy, fromLogits: true),
        Loss(.meanSquaredError), Loss(.meanAbsoluteError),
    ]

    static let combinations = Activation.allCases.flatMap { activation in
        losses.map { Combination(activation: activation, loss: $0) }
    }

    @Test(arguments: combinations)
    func everyActivationWithEveryLoss(_ combination: Combination) throws {
        try checkGradients(
            // elu's second derivative jumps at 0, which central differences straddle: its hidden z start away from 0.
            hidden: try Dense(
                units: 4, activation: combination.activation,
                biasInitializer: combination.activation == .elu ? .ones : .zeros),
            // A bias of ones keeps relu (and elu) outputs positive and away from 0, so probabilities never sum to 0
            // and cross-entropy's log stays smooth.
            output: try Dense(
                units: 3, activation: combination.activation,
                biasInitializer: [.relu, .leakyRelu, .relu6, .elu].contains(combination.activation) ? .ones : .zeros),
            loss: combination.loss)
    }

    @Test(
        arguments: [
            (true, nil), (false, nil), (true, Regularizer.l2(0.05)), (true, Regularizer.l1(0.05)),
            (false, Regularizer(l1: 0.02, l2: 0.03)),
        ] as [(Bool, Regularizer?)])
    func denseWithAndWithoutBiasAndRegularization(useBias: Bool, regularizer: Regularizer?) throws {
        try checkGradients(
            hidden: try Dense(units: 4, activation: .tanh, useBias: useBias, kernelRegularizer: regularizer),
            output: try Dense(units: 2, activation: .sigmoid, useBias: useBias, kernelRegularizer: regularizer),
            loss: Loss(.binaryCrossentropy))
    }

    /// Compares the engine's ∂L/∂W and ∂L/∂b with (L(w + h) − L(w − h)) / 2h for every weight.
    func checkGradients(hidden: Dense, output: Dense, loss: Loss) throws {
        var random = RandomGenerator(seed: 7)
        let rows = 6
        let inputs = 3
        let units = output.units
        let x = Tensor(shape: [rows, inputs]) { _ in Float(random.nextNormal()) }
        let y: Tensor
        switch loss.kind {
        case .sparseCategoricalCrossentropy:
            y = Tensor(shape: [rows]) { _ in Float(random.nextInt(below: units)) }
        case .categoricalCrossentropy:
            let labels = (0..<rows).map { _ in random.nextInt(below: units) }
            y = Tensor(shape: [rows, units]) { labels[$0 / units] == $0 % units ? 1 : 0 }
        case .binaryCrossentropy:
            y = Tensor(shape: [rows, units]) { _ in random.nextFloat() < 0.5 ? 0 : 1 }
        case .meanSquaredError, .meanAbsoluteError:
            y = Tensor(shape: [rows, units]) { _ in Float(random.nextNormal()) }
        }
        let model = try Sequential(layers: [hidden, output], inputWidth: inputs, random: RandomSource(seed: 3))
        model.compile(loss: loss, optimizer: try SGD(learningRate: 0))
        let (_, trace) = try model.step(x: x, y: y)
        let analytic = trace.layers.flatMap { layer in [layer.kernelGradient] + (layer.biasGradient.map { [$0] } ?? [])
        }

        var weights = model.weights()
        let h: Float = 1e-3
        for (index, gradient) in analytic.enumerated() {
            for element in 0..<weights[index].count {
                let original = weights[index][flat: element]
                weights[index][flat: element] = original + h
                try model.setWeights(weights)
                let plus = try #require(try model.evaluate(x: x, y: y, batchSize: rows)["loss"])
                weights[index][flat: element] = original - h
                try model.setWeights(weights)
                let minus = try #require(try model.evaluate(x: x, y: y, batchSize: rows)["loss"])
                weights[index][flat: element] = original
                let numeric = (plus - minus) / (2 * h)
                let got = gradient[flat: element]
                #expect(
                    abs(numeric - got) <= 2e-3 + 2e-2 * abs(numeric),
                    "weight array \(index), element \(element): backprop \(got), finite difference \(numeric)")
            }
        }
    }
}
