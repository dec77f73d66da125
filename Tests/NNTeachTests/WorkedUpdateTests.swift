import Foundation
import NNEngine
import NNPlot
import Testing

@testable import NNTeach

/// The worked "check by hand" line of each optimizer, evaluated on the numbers it prints: the
/// state it started from (the previous step's), the state it ends with, and the new weight.
@Suite struct WorkedUpdateTests {
    static let optimizers = ["momentum", "nesterov", "rmsprop", "adam"]

    func optimizer(_ name: String) throws -> Optimizer {
        switch name {
        case "momentum": try SGD(learningRate: 0.1, momentum: 0.9)
        case "nesterov": try SGD(learningRate: 0.1, momentum: 0.9, nesterov: true)
        case "rmsprop": RMSprop(learningRate: 0.01)
        default: Adam(learningRate: 0.01)
        }
    }

    /// The worked lines of two steps in a row, as `(variable, numbers in the formula, result)`.
    func worked(_ name: String) throws -> [[(name: String, inputs: [Double], result: Double)]] {
        let model = try Sequential(
            layers: [Dense(units: 3, activation: .sigmoid), Dense(units: 1, activation: .sigmoid)],
            inputWidth: 2, random: RandomSource(seed: 5))
        model.compile(loss: Loss(.binaryCrossentropy), optimizer: try optimizer(name))
        let x = try Tensor([0.5, -1, 1.5, 0.2, -0.3, 0.8, 0.9, 0.4]).reshaped([4, 2])
        let y = Tensor([1, 0, 1, 0])
        let wide = StepExplanation(style: Style(unicode: false, color: false, width: 1000))
        return try (1...2).map { _ in
            let lines = wide.render(try model.step(x: x, y: y).trace).split(separator: "\n").map(String.init)
            let first = try #require(lines.firstIndex { $0.hasPrefix("  e.g. ") })
            return lines[first...].prefix { $0.hasPrefix("  e.g. ") || $0.hasPrefix("     ") }.map { line in
                let formula = line.hasPrefix("  e.g. ") ? line.components(separatedBy: ": ").dropFirst().joined() : line
                let parts = formula.trimmingCharacters(in: .whitespaces).components(separatedBy: " = ")
                let inputs = parts[1].replacingOccurrences(of: "^2", with: "")
                    .matches(of: /-?[0-9]+(\.[0-9]+)?(e[-+][0-9]+)?/).compactMap { Double($0.output.0) }
                return (parts[0], inputs, Double(parts[2]) ?? .nan)
            }
        }
    }

    func close(_ a: Double, _ b: Double, relative: Double = 2e-3, absolute: Double = 1e-9) -> Bool {
        abs(a - b) <= max(absolute, relative * abs(b))
    }

    @Test(arguments: optimizers)
    func theWorkedLineHoldsOnItsNumbers(_ name: String) throws {
        let steps = try worked(name)
        for lines in steps {
            for (variable, n, result) in lines {
                let value: Double
                switch (name, variable) {
                case (_, "v") where name == "momentum" || name == "nesterov": value = n[0] * n[1] - n[2] * n[3]
                case ("momentum", "w"): value = n[0] + n[1]
                case ("nesterov", "w"): value = n[0] + n[1] * n[2] - n[3] * n[4]
                case ("rmsprop", "s"), ("adam", "v"): value = n[0] * n[1] + n[2] * n[3] * n[3]
                case ("rmsprop", "w"): value = n[0] - n[1] * n[2] / (n[3] + n[4]).squareRoot()
                case ("adam", "m"): value = n[0] * n[1] + n[2] * n[3]
                case ("adam", "w"): value = n[0] - n[1] * n[2] / (n[3].squareRoot() + n[4])
                default:
                    Issue.record("unexpected line for \(variable) with \(name)")
                    continue
                }
                // A weight is printed with four decimals, a state with four significant digits.
                #expect(
                    variable == "w" ? abs(value - result) <= 1.5e-4 : close(value, result),
                    "\(name): \(variable) = \(value) by hand, printed \(result)")
            }
        }
        // The second step starts from the state the first ended with.
        let first = steps[0].filter { $0.name != "w" }
        let second = steps[1].filter { $0.name != "w" }
        #expect(first.count == second.count && !first.isEmpty)
        for (before, after) in zip(first, second) {
            #expect(after.inputs[1] == before.result, "\(name): \(after.name) starts from the previous step's")
            #expect(after.inputs[1] != 0)
        }
    }
}
