import NNEngine
import NNPlot

/// The forward and backward parts of a full step for the layers beyond Dense (Flatten, Dropout,
/// the activation layers, Normalization, BatchNormalization), with the step's own numbers.
extension StepExplanation {
    func forwardOther(_ layer: LayerView, n: Int, batch: Int, isLast: Bool) -> [String] {
        let input = n == 1 ? "x" : style.layer("a", n - 1)
        let a = style.layer("a", n)
        let m = style.minus
        let title = style.emphasis("Layer \(n)") + "  \(layer.name): \(layer.kind)"
        let prediction = isLast ? "   \(style.arrow) the prediction \(style.yHat)" : ""
        var lines: [String] = []
        switch layer.details {
        case .dropout(let rate, let mask, let scale)?:
            let kept = (0..<mask.rowWidth).filter { mask[flat: $0] != 0 }.count
            lines.append(
                title
                    + "(\(formulas.short(rate)))   \(a) = \(input) \(style.hadamard) mask / (1 \(m) \(formulas.short(rate)))"
            )
            lines.append(
                "  training: each value is kept with probability \(formulas.short(1 - rate)), else set to 0; "
                    + "the kept ones are scaled by 1/(1 \(m) \(formulas.short(rate))) = \(numbers.number(scale)) "
                    + "so the expected sum stays the same")
            lines.append(
                "  mask = \(numbers.row(mask, row))   (example \(row + 1): \(mask.rowWidth - kept) of \(mask.rowWidth) zeroed)"
            )
        case .batchNormalization(
            let mean, let variance, let epsilon, let normalized, let batchStatistics, let momentum,
            let movingMean, let movingVariance)?:
            let sq = style.unicode ? "²" : "^2"
            let mu = style.unicode ? "μ" : "mean"
            let sigma = style.unicode ? "σ\(sq)" : "var"
            let hat = style.unicode ? "x̂" : "xhat"
            let gamma = style.unicode ? "γ" : "gamma"
            let beta = style.unicode ? "β" : "beta"
            lines.append(
                title + "   \(hat) = (\(input) \(m) \(mu)) / \(style.sqrt)(\(sigma) + \(formulas.short(epsilon))),"
                    + "  \(a) = \(gamma)\(style.hadamard)\(hat) + \(beta)")
            if batchStatistics {
                lines.append("  training: \(mu) and \(sigma) are this batch's, per feature over its \(batch) examples")
            } else {
                lines.append(
                    "  inference: \(mu) and \(sigma) are the moving averages learned in training, not the batch's")
            }
            lines.append("  \(mu) = \(numbers.vector(mean.scalars))")
            lines.append("  \(sigma) = \(numbers.vector(variance.scalars))")
            lines.append("  \(hat) = \(numbers.row(normalized, row))")
            if batchStatistics {
                lines.append(
                    "  moving \(mu) \(style.arrow) \(cFormat("%g", momentum))\(style.dot)moving \(mu) + "
                        + "\(cFormat("%g", 1 - momentum))\(style.dot)\(mu) = \(numbers.vector(movingMean.scalars))")
                lines.append(
                    "  moving \(sigma) \(style.arrow) likewise = \(numbers.vector(movingVariance.scalars))"
                        + style.note("  (used by predict and evaluate)"))
            }
        case .normalization(let mean, let variance, let invert)?:
            let formula =
                invert
                ? "\(a) = mean + \(input)\(style.dot)\(style.sqrt)(variance)"
                : "\(a) = (\(input) \(m) mean) / \(style.sqrt)(variance)"
            lines.append(title + "   \(formula)   (statistics from adapt, fixed in training)")
            lines.append("  mean = \(numbers.vector(mean.scalars)), variance = \(numbers.vector(variance.scalars))")
        case .window(let details)?:
            lines += forwardWindow(layer, details, n: n)
        case nil:
            switch layer.kind {
            case "GlobalMaxPooling2D", "GlobalAveragePooling2D":
                let shape = Array(layer.input.shape.dropFirst())
                lines.append(
                    title + "   \(a)[c] = \(layer.kind.hasPrefix("GlobalMax") ? "max" : "mean") of \(input) over all "
                        + "\(shape.dropLast().map(String.init).joined(separator: style.times)) positions, per channel: "
                        + "\(formatShape(shape)) \(style.rightArrow) \(formatShape(Array(layer.a.shape.dropFirst())))")
            case "Reshape":
                lines.append(
                    title + "   \(a) = \(input) in another shape, the same numbers in the same order: "
                        + "\(formatShape(Array(layer.input.shape.dropFirst()))) \(style.rightArrow) "
                        + formatShape(Array(layer.a.shape.dropFirst())))
            case "Flatten":
                lines.append(
                    title
                        + "   \(a) = \(input) laid out flat: each example \(formatShape(Array(layer.input.shape.dropFirst())))"
                        + " \(style.rightArrow) \(formatShape([layer.a.rowWidth]))")
            case "Dropout":
                lines.append(title + "   \(a) = \(input)   (outside training dropout passes its input on unchanged)")
            default:
                let name =
                    layer.activation != .linear || layer.kind == "Activation"
                    ? layer.activation.name
                    : layer.kind == "LeakyReLU" ? "leaky_relu" : "relu"
                lines.append(
                    title + "   \(a) = \(name)(\(input)), element by element"
                        + (layer.activation == .softmax ? " along each example" : "") + "  (z = \(input))")
            }
        }
        lines.append("  \(a) = \(numbers.row(layer.a, row))\(prediction)")
        return lines
    }

    func backwardOther(_ layer: LayerTrace, n: Int, trace: StepTrace) -> [String] {
        let pad = String(repeating: " ", count: 9)
        let m = style.minus
        let da = style.gradient(style.layer("a", n))
        let before = style.gradient(n == 1 ? "x" : style.layer("a", n - 1))
        var lines = [
            style.emphasis("Layer \(n)") + "  \(layer.kind): \(da) "
                + (n == trace.layers.count ? "from the loss" : "from layer \(n + 1)")
        ]
        if let gradient = layer.outputGradient {
            lines.append(pad + "example \(row + 1): \(numbers.row(gradient, row))")
        }
        switch layer.details {
        case .dropout(let rate, _, _)?:
            lines.append(
                pad + "\(before) = \(da) \(style.hadamard) mask / (1 \(m) \(formulas.short(rate)))   "
                    + style.note("(a dropped value passed nothing forward, so it gets no gradient)"))
        case .batchNormalization(_, _, _, _, let batchStatistics, _, _, _)?:
            let hat = style.unicode ? "x̂" : "xhat"
            let gamma = style.unicode ? "γ" : "gamma"
            let beta = style.unicode ? "β" : "beta"
            if let g = layer.parameter("gamma")?.gradient {
                lines.append(
                    pad
                        + "\(style.gradient(gamma)) = \(style.sum) \(da) \(style.hadamard) \(hat) over the batch = \(numbers.vector(g.scalars))"
                )
            }
            if let b = layer.parameter("beta")?.gradient {
                lines.append(
                    pad + "\(style.gradient(beta)) = \(style.sum) \(da) over the batch = \(numbers.vector(b.scalars))")
            }
            lines.append(
                pad
                    + (batchStatistics
                        ? "\(before) = \(gamma)/\(style.sqrt)(\(style.unicode ? "σ²" : "var") + \(style.epsilon)) \(style.hadamard) (\(da) \(m) mean(\(da)) \(m) \(hat) \(style.hadamard) mean(\(da) \(style.hadamard) \(hat)))"
                            + style.note("  (the batch's statistics depend on every example)")
                        : "\(before) = \(gamma)/\(style.sqrt)(moving variance + \(style.epsilon)) \(style.hadamard) \(da)")
            )
        case .normalization(_, _, let invert)?:
            lines.append(
                pad
                    + "\(before) = \(da) \(invert ? "\(style.dot) \(style.sqrt)(variance)" : "/ \(style.sqrt)(variance)")"
            )
        case .window(let details)?:
            lines += backwardWindow(layer, details, n: n, pad: pad)
        case nil:
            if layer.kind == "GlobalMaxPooling2D" {
                lines.append(
                    pad + "\(before): each channel's gradient goes to the position holding its max "
                        + "(shared equally on a tie), 0 elsewhere")
            } else if layer.kind == "GlobalAveragePooling2D" {
                lines.append(pad + "\(before): each channel's gradient divided equally among all its positions")
            } else if layer.kind == "Flatten" || layer.kind == "Reshape" {
                lines.append(
                    pad + "\(before) = \(da) in the input's shape \(formatShape(Array(layer.input.shape.dropFirst())))")
            } else {
                let z = style.layer("z", n)
                lines.append(
                    pad + "\(before) = \(da) \(style.hadamard) f\(style.prime)(\(z)),  "
                        + (layer.activation != .linear
                            ? formulas.derivative(layer.activation)
                            : "1 above the layer's threshold (0 by default), its negative slope below"))
            }
        }
        if let gradient = layer.inputGradient {
            lines.append(pad + "example \(row + 1): \(numbers.row(gradient, row))")
        }
        return lines
    }

    /// After a fused output: a layer without weights hands ∂L/∂z straight to the layer below.
    func passedOn(n: Int, index: Int, _ dz: String) -> [String] {
        [
            String(repeating: " ", count: 9) + "\(style.gradient(n == 1 ? "x" : style.layer("a", n - 1))) = \(dz)   "
                + style.note("(z of this layer is its input)")
        ]
    }
}
