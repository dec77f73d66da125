import Foundation
import NNEngine
import Testing

/// The image layers against Keras 3 (Fixtures/keras_conv.json, from scripts/make_conv_fixtures.py):
/// predictions, the training loss, every weight's gradient and the weights after one optimizer
/// step, to 1e-5.
// The fields are named as the Python script writes the JSON keys.
// swift-format-ignore: AlwaysUseLowerCamelCase
@Suite struct ConvolutionParityTests {
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        struct LayerSpec: Decodable, Sendable {
            let kind: String
            let filters: Int?
            let units: Int?
            let kernel_size: Pair?
            let strides: Pair?
            let pool_size: Pair?
            let padding: String?
            let activation: String?
            let use_bias: Bool?
            let keepdims: Bool?
            let target_shape: [Int]?
        }
        /// Keras's `3` or `[3, 2]`.
        struct Pair: Decodable, Sendable {
            let value: (Int, Int)
            init(from decoder: Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let size = try? container.decode(Int.self) {
                    value = (size, size)
                } else {
                    let sizes = try container.decode([Int].self)
                    value = (sizes[0], sizes[sizes.count - 1])
                }
            }
        }

        let name: String
        let input_shape: [Int]
        let layers: [LayerSpec]
        let loss: String
        let from_logits: Bool
        let optimizer: KerasCase.OptimizerSpec
        let x: KerasCase.Array
        let y: KerasCase.Array
        let initial_weights: [KerasCase.Array]
        let predictions: KerasCase.Array
        let loss_value: Double
        let weight_gradients: [KerasCase.Array]
        let step_loss: Double
        let weights_after_step: [KerasCase.Array]

        var testDescription: String { name }

        static let all: [Case] = {
            struct File: Decodable { let cases: [Case] }
            guard
                let url = Bundle.module.url(forResource: "keras_conv", withExtension: "json", subdirectory: "Fixtures"),
                let data = try? Data(contentsOf: url),
                let file = try? JSONDecoder().decode(File.self, from: data)
            else { return [] }
            return file.cases
        }()

        func layer(_ spec: LayerSpec) throws -> Layer {
            let activation = Activation(name: spec.activation ?? "linear") ?? .linear
            let padding = Padding(rawValue: spec.padding ?? "valid") ?? .valid
            switch spec.kind {
            case "Conv2D":
                return try Conv2D(
                    filters: spec.filters ?? 1, kernelSize: spec.kernel_size?.value ?? (1, 1),
                    strides: spec.strides?.value ?? (1, 1), padding: padding, activation: activation,
                    useBias: spec.use_bias ?? true)
            case "MaxPooling2D", "AveragePooling2D":
                return try Pooling2D(
                    mode: spec.kind == "MaxPooling2D" ? .max : .average, poolSize: spec.pool_size?.value ?? (2, 2),
                    strides: spec.strides?.value, padding: padding)
            case "GlobalMaxPooling2D", "GlobalAveragePooling2D":
                return try GlobalPooling2D(
                    mode: spec.kind == "GlobalMaxPooling2D" ? .max : .average, keepDims: spec.keepdims ?? false)
            case "Reshape": return try Reshape(targetShape: spec.target_shape ?? [-1])
            case "Flatten": return try Flatten()
            default: return try Dense(units: spec.units ?? 1, activation: activation)
            }
        }
    }

    static func expectClose(_ got: Tensor, _ want: KerasCase.Array, _ what: String) {
        #expect(got.shape == want.shape, "\(what): shape \(got.shape) against Keras's \(want.shape)")
        guard got.count == want.values.count else { return }
        var worst = 0.0
        for i in 0..<got.count { worst = max(worst, abs(Double(got[flat: i]) - want.values[i])) }
        #expect(worst <= 1e-5, "\(what): largest difference from Keras \(worst)")
    }

    @Test func fixtureIsPresent() { #expect(Case.all.count == 4) }

    @Test(arguments: Case.all)
    func matchesKeras(_ testCase: Case) throws {
        let model = try Sequential(layers: try testCase.layers.map(testCase.layer), random: RandomSource(seed: 1))
        try model.build(inputShape: testCase.input_shape)
        try model.setWeights(testCase.initial_weights.map(\.tensor))
        let kind = Loss.Kind(rawValue: testCase.loss) ?? .meanSquaredError
        model.compile(
            loss: Loss(kind, fromLogits: testCase.from_logits), optimizer: try KerasCase.optimizer(testCase.optimizer))
        let x = testCase.x.tensor
        Self.expectClose(try model.predict(x), testCase.predictions, "predictions")
        let (loss, trace) = try model.step(x: x, y: testCase.y.tensor)
        #expect(abs(Double(loss) - testCase.loss_value) <= 1e-5, "loss \(loss) against Keras's \(testCase.loss_value)")
        #expect(abs(Double(loss) - testCase.step_loss) <= 1e-5)
        let parameters = trace.layers.flatMap(\.parameters)
        #expect(parameters.count == testCase.weight_gradients.count)
        for (index, (parameter, want)) in zip(parameters, testCase.weight_gradients).enumerated() {
            Self.expectClose(parameter.gradient ?? Tensor(shape: [0]), want, "gradient of weight \(index)")
        }
        for (index, (got, want)) in zip(model.weights(), testCase.weights_after_step).enumerated() {
            Self.expectClose(got, want, "weight \(index) after one step")
        }
    }
}
