import NNEngine
import Testing

/// Backpropagation through every kind of layer against central finite differences of the
/// training-mode loss (Dropout with a fixed mask, BatchNormalization with batch statistics).
@Suite struct LayerGradientTests {
    struct Case: CustomTestStringConvertible, @unchecked Sendable {
        let name: String
        let inputShape: [Int]
        let loss: Loss
        let outputs: Int
        let make: @Sendable () throws -> [Layer]
        var testDescription: String { name }
    }

    static func dense(_ units: Int, _ activation: Activation = .linear, bias: Initializer = .zeros) throws -> Dense {
        try Dense(units: units, activation: activation, biasInitializer: bias)
    }

    static let cases: [Case] = [
        Case(
            name: "Flatten after BatchNormalization on 2×3 examples", inputShape: [2, 3],
            loss: Loss(.binaryCrossentropy),
            outputs: 2
        ) { [try BatchNormalization(), try Flatten(), try dense(2, .sigmoid)] },
        Case(
            name: "Dense along the last axis of 2×3 examples", inputShape: [2, 3], loss: Loss(.meanSquaredError),
            outputs: 2
        ) { [try dense(3, .tanh), try Flatten(), try dense(2)] },
        Case(name: "Dropout with a fixed mask", inputShape: [3], loss: Loss(.binaryCrossentropy), outputs: 2) {
            let dropout = try Dropout(rate: 0.4)
            dropout.fixedMasks = [Tensor(shape: [6, 5]) { Float(($0 * 7 + 3) % 5 == 0 ? 0 : 1) }]
            return [try dense(5, .tanh), dropout, try dense(2, .sigmoid)]
        },
        Case(name: "Activation('tanh')", inputShape: [3], loss: Loss(.meanSquaredError), outputs: 2) {
            [try dense(4), ActivationLayer(kind: "Activation", function: .standard(.tanh)), try dense(2)]
        },
        Case(name: "ReLU()", inputShape: [3], loss: Loss(.meanSquaredError), outputs: 2) {
            [try dense(4, bias: .ones), ActivationLayer(kind: "ReLU", function: .standard(.relu)), try dense(2)]
        },
        Case(
            name: "ReLU(max_value=1.5, negative_slope=0.1, threshold=0.2)", inputShape: [3],
            loss: Loss(.meanSquaredError), outputs: 2
        ) {
            [
                try dense(4), ActivationLayer(kind: "ReLU", function: .relu(maxValue: 1.5, slope: 0.1, threshold: 0.2)),
                try dense(2),
            ]
        },
        Case(name: "LeakyReLU()", inputShape: [3], loss: Loss(.meanSquaredError), outputs: 2) {
            [
                try dense(4),
                ActivationLayer(kind: "LeakyReLU", function: .relu(maxValue: nil, slope: 0.3, threshold: 0)),
                try dense(2),
            ]
        },
        Case(
            name: "Softmax() with categorical cross-entropy (fused)", inputShape: [3],
            loss: Loss(.categoricalCrossentropy), outputs: 3
        ) {
            [try dense(4, .tanh), try dense(3), ActivationLayer(kind: "Softmax", function: .standard(.softmax))]
        },
        Case(name: "Softmax() with mean squared error", inputShape: [3], loss: Loss(.meanSquaredError), outputs: 3) {
            [try dense(3), ActivationLayer(kind: "Softmax", function: .standard(.softmax))]
        },
        Case(name: "Normalization", inputShape: [3], loss: Loss(.meanSquaredError), outputs: 2) {
            [try dense(4), try Normalization(mean: [0.5, -1, 2, 0], variance: [4, 0.25, 1, 9]), try dense(2)]
        },
        Case(name: "Normalization(invert=True)", inputShape: [3], loss: Loss(.meanSquaredError), outputs: 2) {
            [try dense(4), try Normalization(mean: [0.5], variance: [4], invert: true), try dense(2)]
        },
        Case(name: "BatchNormalization", inputShape: [3], loss: Loss(.binaryCrossentropy), outputs: 2) {
            [try dense(4), try BatchNormalization(), try dense(2, .sigmoid)]
        },
        Case(
            name: "BatchNormalization(center=False, scale=False)", inputShape: [3], loss: Loss(.meanSquaredError),
            outputs: 2
        ) { [try dense(4), try BatchNormalization(center: false, scale: false), try dense(2)] },
        Case(
            name: "frozen BatchNormalization (moving statistics)", inputShape: [3], loss: Loss(.meanSquaredError),
            outputs: 2
        ) {
            let norm = try BatchNormalization()
            norm.trainable = false
            return [try dense(4), norm, try dense(2)]
        },
        Case(name: "a Sequential inside a Sequential", inputShape: [3], loss: Loss(.meanSquaredError), outputs: 2) {
            [try Sequential(layers: [try dense(4, .tanh), try BatchNormalization()]), try dense(2)]
        },
    ]

    @Test(arguments: cases)
    func backpropagationMatchesFiniteDifferences(_ testCase: Case) throws {
        var random = RandomGenerator(seed: 11)
        let rows = 6
        let width = testCase.inputShape.reduce(1, *)
        let units = testCase.outputs
        let x = Tensor(shape: [rows] + testCase.inputShape) { _ in Float(random.nextNormal()) * 1.5 + 0.3 }
        let y: Tensor
        switch testCase.loss.kind {
        case .categoricalCrossentropy:
            y = Tensor(shape: [rows, units]) { $0 % units == ($0 / units) % units ? 1 : 0 }
        case .binaryCrossentropy:
            y = Tensor(shape: [rows, units]) { _ in random.nextFloat() < 0.5 ? 0 : 1 }
        default:
            y = Tensor(shape: [rows, units]) { _ in Float(random.nextNormal()) }
        }
        _ = width
        let model = try Sequential(layers: try testCase.make(), random: RandomSource(seed: 5))
        try model.build(inputShape: testCase.inputShape)
        model.compile(loss: testCase.loss, optimizer: try SGD(learningRate: 0))
        let (_, trace) = try model.step(x: x, y: y)
        let analytic: [Tensor?] = trace.layers.flatMap { $0.parameters.map(\.gradient) }
        var weights = model.weights()
        let start = weights
        #expect(analytic.count == weights.count)
        func loss() throws -> Float {
            try model.setWeights(weights)
            return try model.step(x: x, y: y).loss
        }
        let h: Float = 1e-3
        var checked = 0
        for (index, gradient) in analytic.enumerated() {
            guard let gradient else { continue }
            for element in 0..<weights[index].count {
                let original = weights[index][flat: element]
                weights[index][flat: element] = original + h
                let plus = try loss()
                weights[index][flat: element] = original - h
                let minus = try loss()
                weights = start
                let numeric = (plus - minus) / (2 * h)
                let got = gradient[flat: element]
                #expect(
                    abs(numeric - got) <= 3e-3 + 3e-2 * abs(numeric),
                    "weight array \(index), element \(element): backprop \(got), finite difference \(numeric)")
                checked += 1
            }
        }
        #expect(checked > 0)
    }
}
