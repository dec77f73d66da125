import Foundation
import NNEngine
import Testing

/// One case of Fixtures/keras_parity.json, written by scripts/make_keras_fixtures.py from a Keras run.
// The fields are named as the Python script writes the JSON keys.
// swift-format-ignore: AlwaysUseLowerCamelCase
struct KerasCase: Decodable, CustomTestStringConvertible {
    struct Array: Decodable {
        let shape: [Int]
        let values: [Double]
        var tensor: Tensor { Tensor(shape: shape) { Float(values[$0]) } }
    }
    struct LayerSpec: Decodable {
        let units: Int
        let activation: String
        let use_bias: Bool
        let l1: Double
        let l2: Double
    }
    struct LossSpec: Decodable {
        let kind: String
        let from_logits: Bool
    }
    struct OptimizerSpec: Decodable {
        let name: String
        let learning_rate: Double
        let momentum: Double?
        let nesterov: Bool?
        let rho: Double?
        let beta_1: Double?
        let beta_2: Double?
    }

    let name: String
    let input_width: Int
    let layers: [LayerSpec]
    let loss: LossSpec
    let optimizer: OptimizerSpec
    let metrics: [String]
    let batch_size: Int
    let epochs: Int
    let validation_split: Double
    let x: Array
    let y: Array
    let initial_weights: [Array]
    let history: [String: [Double]]
    let final_weights: [Array]
    let predictions: Array
    let evaluate: [String: Double]

    var testDescription: String { name }

    static let all: [KerasCase] = {
        struct File: Decodable { let cases: [KerasCase] }
        guard let url = Bundle.module.url(forResource: "keras_parity", withExtension: "json", subdirectory: "Fixtures"),
            let data = try? Data(contentsOf: url),
            let file = try? JSONDecoder().decode(File.self, from: data)
        else { return [] }
        return file.cases
    }()

    /// The case's model in NNEngine, with Keras's initial weights, compiled as in Keras.
    func makeModel() throws -> Sequential {
        let dense = try layers.map { spec in
            try Dense(
                units: spec.units, activation: Activation(name: spec.activation) ?? .linear, useBias: spec.use_bias,
                kernelRegularizer: spec.l1 != 0 || spec.l2 != 0
                    ? Regularizer(l1: Float(spec.l1), l2: Float(spec.l2)) : nil)
        }
        let model = try Sequential(layers: dense, inputWidth: input_width)
        try model.setWeights(initial_weights.map(\.tensor))
        let lossKind = Loss.Kind(rawValue: loss.kind) ?? .meanSquaredError
        model.compile(
            loss: Loss(lossKind, fromLogits: loss.from_logits), optimizer: try makeOptimizer(),
            metrics: metrics.compactMap { Metric(name: $0) })
        return model
    }

    func makeOptimizer() throws -> Optimizer { try KerasCase.optimizer(optimizer) }

    static func optimizer(_ optimizer: OptimizerSpec) throws -> Optimizer {
        let rate = Float(optimizer.learning_rate)
        switch optimizer.name {
        case "SGD":
            return try SGD(
                learningRate: rate, momentum: Float(optimizer.momentum ?? 0), nesterov: optimizer.nesterov ?? false)
        case "RMSprop": return RMSprop(learningRate: rate, rho: optimizer.rho ?? 0.9)
        default: return Adam(learningRate: rate, beta1: optimizer.beta_1 ?? 0.9, beta2: optimizer.beta_2 ?? 0.999)
        }
    }
}

/// Whether `a` and `b` agree to `relative` tolerance, with an absolute floor for values near zero.
func agree(_ a: Float, _ b: Double, relative: Double = 1e-5, absolute: Double = 1e-6) -> Bool {
    abs(Double(a) - b) <= relative * max(abs(Double(a)), abs(b)) + absolute
}
