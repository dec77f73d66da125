import Foundation
import NNEngine
import NNPlot

/// The loss of one example and its gradient at the output, told as the engine computes them:
/// from the logits z with p = softmax(z) or σ(z) when Keras folds the activation into the loss (or
/// `from_logits=True`), else from the probabilities ŷ as Keras clips and renormalizes them.
struct LossExplanation {
    let style: Style
    let numbers: NumberText
    let trace: StepTrace
    /// The example told (a row of the batch).
    let row: Int

    var output: LayerTrace { trace.layers[trace.layers.count - 1] }
    var kind: Loss.Kind { trace.lossFunction.kind }
    var source: LogitSource { trace.lossFunction.logitSource(after: output.activation) }
    var batch: Int { trace.input.rows }
    var width: Int { output.a.rowWidth }
    var isCrossEntropy: Bool { kind != .meanSquaredError && kind != .meanAbsoluteError }
    /// The class the example belongs to, for the sparse loss or a one-hot target.
    var label: Int? {
        if kind == .sparseCategoricalCrossentropy { return Int(trace.target[flat: row]) }
        guard kind == .categoricalCrossentropy else { return nil }
        let y = targetRow
        return y.filter({ $0 != 0 }).count == 1 && y.contains(1) ? y.firstIndex(of: 1) : nil
    }
    var targetRow: [Float] {
        if trace.target.rank == 1 && kind == .sparseCategoricalCrossentropy { return [trace.target[flat: row]] }
        let w = trace.target.count / max(batch, 1)
        return (0..<w).map { trace.target[flat: row * w + $0] }
    }
    func values(_ tensor: Tensor) -> [Float] { (0..<tensor.rowWidth).map { tensor[flat: row * tensor.rowWidth + $0] } }
    /// The logits the loss reads, when it reads logits.
    var logits: [Float]? {
        switch source {
        case .preActivation: values(output.z)
        case .output: values(output.a)
        case .none: nil
        }
    }
    /// p = σ(z) for binary cross-entropy, softmax(z) for the categorical ones.
    func probabilities(_ z: [Float]) -> [Float] {
        if kind == .binaryCrossentropy { return z.map { 1 / (1 + exp(-$0)) } }
        let top = z.max() ?? 0
        let e = z.map { exp(Double($0 - top)) }
        let total = e.reduce(0, +)
        return e.map { Float($0 / total) }
    }
    /// The divisor of the mean: the batch, times the outputs for the element-wise losses.
    var divisor: String {
        kind == .sparseCategoricalCrossentropy || kind == .categoricalCrossentropy || width == 1
            ? "\(batch)" : "(\(batch)\(style.dot)\(width))"
    }

    func vector(_ values: [Float]) -> String { numbers.vector(values, keeping: label) }
    var targetText: String {
        if kind == .sparseCategoricalCrossentropy { return "\(label ?? 0)" }
        let y = targetRow
        if y.count == 1, let only = y.first { return only == 0 || only == 1 ? "\(Int(only))" : numbers.number(only) }
        if y.allSatisfy({ $0 == 0 || $0 == 1 }) && isCrossEntropy { return numbers.integers(y, keeping: label) }
        return vector(y)
    }

    /// The loss lines: the target, z and p (or ŷ), and L with its numbers put in.
    func lossLines(exampleLoss: Float) -> [String] {
        let m = style.minus
        let h = style.yHat
        let lossText = numbers.number(exampleLoss)
        var lines = ["  example \(row + 1) of \(batch): y = \(targetText)"]
        guard isCrossEntropy else {
            lines.append("  \(h) = \(vector(values(output.a)))")
            let body =
                kind == .meanSquaredError ? "mean((\(h) \(m) y)\(style.unicode ? "²" : "^2"))" : "mean(|\(h) \(m) y|)"
            lines.append("  L = \(body) = \(lossText)")
            return lines
        }
        if let z = logits {
            let p = probabilities(z)
            let name = kind == .binaryCrossentropy ? "\(style.sigma)(z)" : "softmax(z)"
            let function = kind == .binaryCrossentropy ? "sigmoid" : "softmax"
            let logitsNote = source == .output ? "(the logits: from_logits=True)" : "(the logits)"
            lines.append("  z = \(vector(z))   " + style.note(logitsNote))
            lines.append("  p = \(name) = \(vector(p))")
            lines.append(
                style.note(
                    source == .preActivation
                        ? "  (Keras folds the \(output.activation.name) into the loss: log-\(function) of z, no log(0))"
                        : "  (from_logits=True: the loss applies \(function) itself, from z)"))
            lines.append(crossEntropyLine(p, symbol: "p", loss: lossText))
        } else {
            let a = values(output.a)
            let clipNote = "(probabilities, clipped to [1e-7, 1\(m)1e-7] by Keras)"
            lines.append("  \(h) = \(vector(a))   " + style.note(clipNote))
            lines.append(crossEntropyLine(a, symbol: h, loss: lossText))
        }
        return lines
    }

    func crossEntropyLine(_ p: [Float], symbol s: String, loss: String) -> String {
        let m = style.minus
        let d = style.dot
        switch kind {
        case .binaryCrossentropy:
            let y = targetRow
            if p.count == 1, let y0 = y.first {
                let p0 = s == "p" ? p[0] : min(max(p[0], Loss.epsilon), 1 - Loss.epsilon)
                let y0Text = y0 == 0 || y0 == 1 ? "\(Int(y0))" : numbers.number(y0)
                return
                    "  L = \(m)[y\(d)log \(s) + (1\(m)y)\(d)log(1\(m)\(s))] = \(m)[\(y0Text)\(d)log(\(numbers.number(p0)))"
                    + " + (1\(m)\(y0Text))\(d)log(\(numbers.number(1 - p0)))] = \(loss)"
            }
            return
                "  L = mean over the \(p.count) outputs of \(m)[y\(d)log \(s) + (1\(m)y)\(d)log(1\(m)\(s))] = \(loss)"
        case .sparseCategoricalCrossentropy, .categoricalCrossentropy:
            let renormalized = s != "p" ? "/\(style.sum)\(s)" : ""
            guard let k = label, k >= 0, k < p.count else {
                return "  L = \(m)\(style.sum) y\(d)log(\(s)\(renormalized)) = \(loss)"
            }
            if s != "p" {
                // The sparse loss clips each ŷ before it divides by their sum; the categorical one
                // divides first and clips the ratio.
                let sparse = kind == .sparseCategoricalCrossentropy
                let clip = { (v: Float) in sparse ? min(max(v, Loss.epsilon), 1 - Loss.epsilon) : v }
                let total = p.reduce(0) { $0 + clip($1) }
                return
                    "  L = \(m)log(\(s)[\(k)]/\(style.sum)\(s)) = \(m)log(\(numbers.number(clip(p[k])))/\(numbers.number(total)))"
                    + " = \(loss)"
            }
            return "  L = \(m)log p[\(k)] = \(m)log(\(numbers.number(p[k]))) = \(loss)"
        case .meanSquaredError, .meanAbsoluteError:
            return "  L = \(loss)"
        }
    }

    /// The gradient at the output: ∂L/∂z from logits, else ∂L/∂ŷ; the formula and this example's numbers.
    func gradientLines(n: Int) -> [String] {
        let m = style.minus
        let h = style.yHat
        let d = "\(style.partial)L/\(style.partial)"
        let onehot = label.map { kind == .sparseCategoricalCrossentropy ? "onehot(\($0))" : "y" } ?? "y"
        let formula: String
        let numbersRow: Tensor
        if logits != nil {
            let target = isCrossEntropy && kind != .binaryCrossentropy ? onehot : "y"
            let z = source == .preActivation ? style.layer("z", n) : h
            formula = "\(d)\(z) = (p \(m) \(target))/\(divisor)"
            numbersRow = source == .preActivation ? output.zGradient : (output.outputGradient ?? output.zGradient)
        } else {
            switch kind {
            case .meanSquaredError: formula = "\(d)\(h) = 2(\(h) \(m) y)/\(divisor)"
            case .meanAbsoluteError: formula = "\(d)\(h) = sign(\(h) \(m) y)/\(divisor)"
            case .binaryCrossentropy: formula = "\(d)\(h) = \(m)(y/\(h) \(m) (1\(m)y)/(1\(m)\(h)))/\(divisor)"
            case .categoricalCrossentropy, .sparseCategoricalCrossentropy:
                formula = "\(d)\(h) = (1/\(style.sum)\(h) \(m) \(onehot)/\(h))/\(batch)"
            }
            numbersRow = output.outputGradient ?? output.zGradient
        }
        return [formula + " = \(vector(values(numbersRow)))"]
    }
}
