import Foundation
import NNEngine
import NNPlot
import Testing

@testable import NNTeach

/// Every loss formula the full step prints, evaluated on the numbers printed beside it, for each
/// final activation × loss × from_logits: p = softmax(z) or σ(z), L, and ∂L/∂z or ∂L/∂ŷ.
@Suite struct FormulaTruthTests {
    static let activations: [Activation] = [.linear, .sigmoid, .softmax, .relu, .tanh]
    static let kinds: [Loss.Kind] = [
        .binaryCrossentropy, .categoricalCrossentropy, .sparseCategoricalCrossentropy,
        .meanSquaredError, .meanAbsoluteError,
    ]
    static var cases: [(Activation, Loss.Kind, Bool)] {
        activations.flatMap { a in
            kinds.flatMap { k in
                (k == .meanSquaredError || k == .meanAbsoluteError ? [false] : [false, true]).map { (a, k, $0) }
            }
        }
    }

    /// One step of a one-layer network with `units` outputs; the plain-text explanation.
    static func explain(
        _ activation: Activation, _ kind: Loss.Kind, fromLogits: Bool, units: Int = 3,
        example: Int? = nil
    ) throws -> String {
        let model = try Sequential(layers: [Dense(units: units, activation: activation)], inputWidth: 2)
        let w = (0..<(2 * units)).map { Float(($0 * 7) % 5) * 0.3 - 0.5 }
        let b = (0..<units).map { Float($0) * 0.1 }
        try model.setWeights([try Tensor(w).reshaped([2, units]), Tensor(b)])
        model.compile(loss: Loss(kind, fromLogits: fromLogits), optimizer: try SGD(learningRate: 0.1))
        let x = try Tensor([0.5, -1, 1.5, 0.2, -0.3, 0.8, 0.9, 0.4]).reshaped([4, 2])
        let labels: [Float] = [Float(units - 2), 0, 1, 2].map { min($0, Float(units - 1)) }
        let y: Tensor
        switch kind {
        case .sparseCategoricalCrossentropy: y = Tensor(labels)
        case .categoricalCrossentropy:
            y = try Tensor((0..<(4 * units)).map { Int(labels[$0 / units]) == $0 % units ? 1 : 0 }).reshaped([4, units])
        case .binaryCrossentropy: y = try Tensor((0..<(4 * units)).map { Float(($0 * 3) % 2) }).reshaped([4, units])
        default: y = try Tensor((0..<(4 * units)).map { Float($0 % 3) * 0.4 - 0.2 }).reshaped([4, units])
        }
        // Wide enough that no line wraps: the parser reads each formula's numbers from its own line.
        let wide = Style(unicode: false, color: false, width: 1000)
        return StepExplanation(style: wide).render(try model.step(x: x, y: y).trace, example: example)
    }

    /// The numbers of the first bracketed vector in `text` (a kept entry `[k] v` counts as v).
    static func vector(_ text: Substring) -> [Float] {
        guard let open = text.firstIndex(of: "[") else { return [] }
        var depth = 0
        var end = text.endIndex
        for index in text[open...].indices {
            if text[index] == "[" { depth += 1 }
            if text[index] == "]" {
                depth -= 1
                if depth == 0 {
                    end = index
                    break
                }
            }
        }
        return text[text.index(after: open)..<end].split(separator: ",").compactMap {
            Float(($0.split(separator: "]").last ?? "").trimmingCharacters(in: .whitespaces))
        }
    }
    static func after(_ prefix: String, in lines: [String]) -> String? {
        lines.first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }
    static func close(_ a: Float, _ b: Float, _ tolerance: Float = 2e-3) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test(arguments: cases)
    func formulasHoldOnTheirNumbers(activation: Activation, kind: Loss.Kind, fromLogits: Bool) throws {
        let text = try Self.explain(activation, kind, fromLogits: fromLogits)
        let lines = text.split(separator: "\n").map(String.init)
        let context = "\(activation) \(kind) from_logits=\(fromLogits)\n\(text)"
        let yLine = try #require(lines.first { $0.hasPrefix("  example ") && $0.contains(" of 4: y = ") }, "\(context)")
        let yText = String(yLine[try #require(yLine.range(of: ": y = ")).upperBound...])
        let y: [Float] = kind == .sparseCategoricalCrossentropy ? [] : Self.vector(Substring(yText))
        let label = kind == .sparseCategoricalCrossentropy ? Int(yText) : y.firstIndex(of: 1)
        let lLine = try #require(lines.first { $0.hasPrefix("  L = ") }, "\(context)")
        let printedLoss = try #require(Float(lLine.split(separator: " ").last ?? ""), "\(context)")
        let gradientLine = try #require(
            lines.first { $0.contains("dL/dz[1] = (p") || $0.contains("dL/dy_hat = ") },
            "\(context)")
        let gradient = Self.vector(gradientLine.split(separator: "=").last ?? "")
        let onehot = (0..<3).map { Float($0 == label ? 1 : 0) }
        var expectedLoss: Float
        var expectedGradient: [Float]
        if let zText = Self.after("  z = ", in: lines) {
            // The loss reads logits: p must be the function it names of the z it prints.
            let z = Self.vector(Substring(zText))
            let pText = try #require(Self.after("  p = ", in: lines))
            let p = Self.vector(Substring(pText))
            let isBinary = kind == .binaryCrossentropy
            #expect(pText.hasPrefix(isBinary ? "sigmoid(z)" : "softmax(z)"), "\(context)")
            let total = z.map { exp($0) }.reduce(0, +)
            let computed = isBinary ? z.map { 1 / (1 + exp(-$0)) } : z.map { exp($0) / total }
            for (a, b) in zip(p, computed) { #expect(Self.close(a, b), "p \(p) vs \(computed)\n\(context)") }
            if isBinary {
                expectedLoss = zip(y, p).map { -($0 * log($1) + (1 - $0) * log(1 - $1)) }.reduce(0, +) / Float(p.count)
                expectedGradient = zip(p, y).map { ($0 - $1) / Float(4 * p.count) }
                if p.count == 1 { #expect(lLine.contains("log(\(String(format: "%.4f", p[0])))"), "\(context)") }
            } else {
                let k = try #require(label)
                expectedLoss = -log(p[k])
                #expect(lLine.contains("log p[\(k)] = -log(\(String(format: "%.4f", p[k])))"), "\(context)")
                expectedGradient = zip(p, onehot).map { ($0 - $1) / 4 }
            }
        } else {
            let hat = Self.vector(Substring(try #require(Self.after("  y_hat = ", in: lines), "\(context)")))
            let clipped = hat.map { min(max($0, 1e-7), 1 - 1e-7) }
            let inside = hat.map { $0 >= 1e-7 && $0 <= 1 - 1e-7 }
            let n = Float(4 * hat.count)
            switch kind {
            case .meanSquaredError:
                expectedLoss = zip(hat, y).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Float(hat.count)
                expectedGradient = zip(hat, y).map { 2 * ($0 - $1) / n }
            case .meanAbsoluteError:
                expectedLoss = zip(hat, y).map { abs($0 - $1) }.reduce(0, +) / Float(hat.count)
                expectedGradient = zip(hat, y).map { ($0 > $1 ? 1 : $0 < $1 ? -1 : 0) / n }
            case .binaryCrossentropy:
                expectedLoss =
                    zip(y, clipped).map { -($0 * log($1) + (1 - $0) * log(1 - $1)) }.reduce(0, +)
                    / Float(hat.count)
                expectedGradient = zip(zip(y, clipped), inside).map { pair, ok in
                    ok ? -(pair.0 / pair.1 - (1 - pair.0) / (1 - pair.1)) / n : 0
                }
            default:
                let k = try #require(label)
                if kind == .sparseCategoricalCrossentropy {  // each ŷ clipped, then renormalized
                    let sum = clipped.reduce(0, +)
                    expectedLoss = -log(clipped[k] / sum)
                    expectedGradient = (0..<hat.count).map { j in inside[j] ? (1 / sum - onehot[j] / clipped[j]) / 4 : 0
                    }
                } else {  // renormalized, then the ratio clipped
                    let sum = hat.reduce(0, +)
                    let ratio = hat[k] / sum
                    let ok = ratio >= 1e-7 && ratio <= 1 - 1e-7
                    expectedLoss = -log(min(max(ratio, 1e-7), 1 - 1e-7))
                    expectedGradient = (0..<hat.count).map { j in ok ? (1 / sum - onehot[j] / hat[k]) / 4 : 0 }
                }
            }
        }
        // Printed to four decimals (or four digits): the check allows their rounding.
        #expect(Self.close(printedLoss, expectedLoss, 5e-3), "L \(printedLoss) vs \(expectedLoss)\n\(context)")
        #expect(gradient.count == expectedGradient.count, "\(context)")
        for (a, b) in zip(gradient, expectedGradient) {
            #expect(abs(a - b) <= 2e-3 * max(abs(b), 0.05), "dL \(gradient) vs \(expectedGradient)\n\(context)")
        }
    }

    @Test func theHighestLossExampleIsToldUnlessOneIsChosen() throws {
        let model = try Sequential(layers: [Dense(units: 3, activation: .softmax)], inputWidth: 2)
        try model.setWeights([try Tensor([1, 0, 0, 0, 1, 0]).reshaped([2, 3]), Tensor([0, 0, 0])])
        model.compile(loss: Loss(.sparseCategoricalCrossentropy), optimizer: try SGD(learningRate: 0.1))
        // Example 3 is confidently wrong (label 1, z favours class 0): its loss is the largest.
        let x = try Tensor([0, 1, 1, 0, 3, 0]).reshaped([3, 2])
        let trace = try model.step(x: x, y: Tensor([1, 0, 1])).trace
        let text = StepExplanation(style: .plain).render(trace, inFit: false)
        #expect(text.contains("example 3 of 3 (highest loss)"))
        #expect(text.contains("y = 1\n"))
        let chosen = StepExplanation(style: .plain).render(trace, inFit: false, example: 1)
        #expect(chosen.contains("forward pass, example 2 of 3 --"))
        #expect(chosen.contains("example 2 of 3: y = 0\n"))
    }

    @Test func theLabelsOwnProbabilityIsNeverHidden() throws {
        let text = try Self.explain(.softmax, .sparseCategoricalCrossentropy, fromLogits: false, units: 9, example: 0)
        let p = try #require(text.split(separator: "\n").first { $0.hasPrefix("  p = softmax(z)") })
        #expect(p.contains("[7] "), "\(p)")
        #expect(text.contains("y = 7"))
        #expect(text.contains("L = -log p[7] = -log("))
    }
}
