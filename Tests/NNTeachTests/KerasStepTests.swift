import Foundation
import NNEngine
import NNTeach
import Testing

/// The numbers the teacher prints are the engine's, and the engine's are Keras's: one step of small
/// networks against TensorFlow's GradientTape (Fixtures/keras_steps.json, from
/// scripts/make_teaching_fixtures.py).
@Suite struct KerasStepTests {
    // The fields are named as the Python script writes the JSON keys.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        struct Array: Decodable, Sendable {
            let shape: [Int]
            let values: [Double]
            var tensor: Tensor { Tensor(shape: shape) { Float(values[$0]) } }
        }
        let name: String
        let units: [Int]
        let activations: [String]
        let loss: String
        let optimizer: [String: OptimizerValue]
        let x: Array
        let y: Array
        let weights: [Array]
        let forward: [Array]
        let loss_value: Double
        let gradients: [Array]
        let after: [Array]
        var testDescription: String { name }
    }

    enum OptimizerValue: Decodable, Sendable {
        case number(Double)
        case text(String)
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }
        var number: Double { if case .number(let n) = self { n } else { 0 } }
    }

    static let cases: [Case] = {
        struct File: Decodable { let cases: [Case] }
        guard let url = Bundle.module.url(forResource: "keras_steps", withExtension: "json", subdirectory: "Fixtures"),
            let data = try? Data(contentsOf: url), let file = try? JSONDecoder().decode(File.self, from: data)
        else { return [] }
        return file.cases
    }()

    func close(_ a: Float, _ b: Double) -> Bool { abs(Double(a) - b) <= 1e-5 * max(abs(b), abs(Double(a))) + 1e-6 }

    func run(_ fixture: Case) throws -> StepTrace {
        let layers = try zip(fixture.units, fixture.activations).map { units, activation in
            try Dense(units: units, activation: Activation(name: activation) ?? .linear)
        }
        let model = try Sequential(layers: layers, inputWidth: 2)
        try model.setWeights(fixture.weights.map(\.tensor))
        let rate = Float(fixture.optimizer["learning_rate"]?.number ?? 0.01)
        let optimizer: Optimizer
        switch fixture.optimizer["name"] {
        case .text("Adam")?: optimizer = Adam(learningRate: rate)
        case .text("RMSprop")?: optimizer = RMSprop(learningRate: rate)
        default: optimizer = try SGD(learningRate: rate, momentum: Float(fixture.optimizer["momentum"]?.number ?? 0))
        }
        model.compile(loss: Loss(Loss.Kind(rawValue: fixture.loss) ?? .meanSquaredError), optimizer: optimizer)
        return try model.step(x: fixture.x.tensor, y: fixture.y.tensor).trace
    }

    @Test func fixturesAreLoaded() { #expect(KerasStepTests.cases.count == 4) }

    @Test(arguments: KerasStepTests.cases)
    func traceNumbersAreKerasNumbers(_ fixture: Case) throws {
        let trace = try run(fixture)
        for (index, layer) in trace.layers.enumerated() {
            for (got, expected) in [(layer.z, fixture.forward[2 * index]), (layer.a, fixture.forward[2 * index + 1])] {
                #expect(
                    zip(got.scalars, expected.values).allSatisfy { close($0, $1) },
                    "layer \(index + 1) forward values differ")
            }
            let gradients = [layer.kernelGradient] + (layer.biasGradient.map { [$0] } ?? [])
            let afters = [layer.kernelAfter] + (layer.biasAfter.map { [$0] } ?? [])
            for (offset, (got, expected)) in zip(gradients, fixture.gradients[(2 * index)...]).enumerated() {
                #expect(
                    zip(got.scalars, expected.values).allSatisfy { close($0, $1) },
                    "layer \(index + 1) gradient \(offset) differs")
            }
            for (offset, (got, expected)) in zip(afters, fixture.after[(2 * index)...]).enumerated() {
                #expect(
                    zip(got.scalars, expected.values).allSatisfy { close($0, $1) },
                    "layer \(index + 1) updated weight \(offset) differs")
            }
        }
        #expect(close(trace.loss, fixture.loss_value))
    }

    /// Every number Keras computed for the step appears in the explanation as the teacher formats it.
    @Test(arguments: KerasStepTests.cases)
    func explanationPrintsKerasNumbers(_ fixture: Case) throws {
        let text = StepExplanation(style: .plain).render(try run(fixture), example: 0)
        func shown(_ value: Double) -> String {
            let formatted = cFormat("%.4f", abs(value))
            return (value < 0 && formatted != "0.0000" ? "-" : "") + formatted
        }
        var expected: [Double] = []
        for (index, values) in fixture.forward.enumerated() {
            let width = values.shape.last ?? 1
            expected += values.values.prefix(width)  // example 1 of every z and a
            _ = index
        }
        expected.append(fixture.loss_value)
        for gradient in fixture.gradients { expected += gradient.values }
        for weight in fixture.after { expected += weight.values }
        let missing = expected.filter { !text.contains(shown($0)) }
        #expect(missing.isEmpty, "not printed: \(missing.prefix(5).map(shown))")
    }
}
