import Foundation
import NNEngine
import Testing

/// One case of Fixtures/keras_layers.json (scripts/keras_layer_cases.py): a model of any layers.
// The fields are named as the Python script writes the JSON keys.
// swift-format-ignore: AlwaysUseLowerCamelCase
struct KerasLayerCase: Decodable, CustomTestStringConvertible, Sendable {
    /// A layer as the script describes it; fields beyond `kind` depend on the kind.
    final class LayerSpec: Decodable, Sendable {
        let kind: String
        let units: Int?
        let activation: String?
        let trainable: Bool?
        let rate: Double?
        let seed: Int?
        let masks: [[[Float]]]?
        let max_value: Double?
        let negative_slope: Double?
        let threshold: Double?
        let mean: [Float]?
        let variance: [Float]?
        let invert: Bool?
        let momentum: Double?
        let epsilon: Double?
        let center: Bool?
        let scale: Bool?
        let layers: [LayerSpec]?
    }

    let name: String
    let input_shape: [Int]
    let layers: [LayerSpec]
    let loss: KerasCase.LossSpec
    let optimizer: KerasCase.OptimizerSpec
    let metrics: [String]
    let batch_size: Int
    let epochs: Int
    let x: KerasCase.Array
    let y: KerasCase.Array
    let initial_weights: [KerasCase.Array]
    let history: [String: [Double]]
    let final_weights: [KerasCase.Array]
    let predictions: KerasCase.Array
    let evaluate: [String: Double]

    var testDescription: String { name }

    static let all: [KerasLayerCase] = {
        struct File: Decodable { let cases: [KerasLayerCase] }
        guard let url = Bundle.module.url(forResource: "keras_layers", withExtension: "json", subdirectory: "Fixtures"),
            let data = try? Data(contentsOf: url),
            let file = try? JSONDecoder().decode(File.self, from: data)
        else { return [] }
        return file.cases
    }()

    /// The engine's layer for `spec`; Normalization layers without given statistics adapt to `x`.
    func makeLayer(_ spec: LayerSpec) throws -> Layer {
        let layer: Layer
        switch spec.kind {
        case "Dense":
            layer = try Dense(
                units: spec.units ?? 1, activation: Activation(name: spec.activation ?? "linear") ?? .linear)
        case "Flatten": layer = try Flatten()
        case "Dropout":
            let dropout = try Dropout(rate: Float(spec.rate ?? 0), seed: spec.seed.map(UInt64.init))
            dropout.fixedMasks = (spec.masks ?? []).map { mask in
                Tensor(shape: [mask.count, mask.first?.count ?? 0]) {
                    mask[$0 / (mask.first?.count ?? 1)][$0 % (mask.first?.count ?? 1)]
                }
            }
            layer = dropout
        case "Activation":
            layer = ActivationLayer(
                kind: "Activation", function: .standard(Activation(name: spec.activation ?? "") ?? .linear))
        case "ReLU":
            let plain = spec.max_value == nil && (spec.negative_slope ?? 0) == 0 && (spec.threshold ?? 0) == 0
            layer = ActivationLayer(
                kind: "ReLU",
                function: plain
                    ? .standard(.relu)
                    : .relu(
                        maxValue: spec.max_value.map(Float.init), slope: Float(spec.negative_slope ?? 0),
                        threshold: Float(spec.threshold ?? 0)))
        case "LeakyReLU":
            layer = ActivationLayer(
                kind: "LeakyReLU",
                function: .relu(maxValue: nil, slope: Float(spec.negative_slope ?? 0.3), threshold: 0))
        case "Softmax": layer = ActivationLayer(kind: "Softmax", function: .standard(.softmax))
        case "Normalization":
            let normalization = try Normalization(
                mean: spec.mean, variance: spec.variance, invert: spec.invert ?? false)
            if spec.mean == nil { try normalization.adapt(x.tensor) }
            layer = normalization
        case "BatchNormalization":
            layer = try BatchNormalization(
                momentum: spec.momentum ?? 0.99, epsilon: spec.epsilon ?? 1e-3,
                center: spec.center ?? true, scale: spec.scale ?? true)
        case "Sequential":
            layer = try Sequential(layers: (spec.layers ?? []).map(makeLayer))
        default:
            throw EngineError.invalidArgument("unknown layer kind \(spec.kind)")
        }
        layer.trainable = spec.trainable ?? true
        return layer
    }

    /// The case's model in NNEngine, built for the input shape, with Keras's initial weights.
    func makeModel() throws -> (model: Sequential, adapted: [Tensor]) {
        let model = try Sequential(layers: layers.map(makeLayer))
        try model.build(inputShape: input_shape)
        let adapted = model.weights()
        try model.setWeights(initial_weights.map(\.tensor))
        model.compile(
            loss: Loss(Loss.Kind(rawValue: loss.kind) ?? .meanSquaredError, fromLogits: loss.from_logits),
            optimizer: try KerasCase.optimizer(optimizer), metrics: metrics.compactMap { Metric(name: $0) })
        return (model, adapted)
    }
}
