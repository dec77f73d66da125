import NNEngine
import NNPlot

/// A training step told in full with the engine's own numbers: the forward pass for the first
/// example of the batch, the loss, backpropagation from the output back, and the update.
public struct StepExplanation {
    let style: Style
    let numbers: NumberText
    let formulas: Formulas
    /// The example of the batch told (0-based); `render` picks the highest-loss one unless asked.
    var row = 0

    public init(style: Style) {
        self.style = style
        self.numbers = NumberText(style: style)
        self.formulas = Formulas(style: style)
    }

    /// - Parameters:
    ///   - inFit: whether the step ran inside `fit` (its epoch and batch are then named).
    ///   - example: the example to tell (0-based); by default the batch's highest-loss one, the
    ///     example that has most to teach.
    public func render(_ trace: StepTrace, inFit: Bool = true, example: Int? = nil) -> String {
        renderSections(trace, inFit: inFit, example: example).map(\.text).joined()
    }

    /// The step in its four sections (forward pass, loss, backpropagation, update), each named, so
    /// that a presenter can stop between them.
    public func renderSections(_ trace: StepTrace, inFit: Bool = true, example: Int? = nil) -> [(
        name: String, text: String
    )] {
        var told = self
        told.row = example.map { min(max($0, 0), trace.input.rows - 1) } ?? highestLoss(trace)
        return told.sections(trace, inFit: inFit, chosen: example != nil)
    }

    /// The index of the batch's example with the largest loss (the first, on ties).
    func highestLoss(_ trace: StepTrace) -> Int {
        var best = 0
        var bestLoss = -Float.infinity
        for r in 0..<trace.input.rows {
            var copy = self
            copy.row = r
            let value = copy.exampleLoss(trace, target: copy.targetRow(trace))
            if value > bestLoss || (bestLoss.isNaN && !value.isNaN) {
                best = r
                bestLoss = value
            }
        }
        return best
    }

    func targetRow(_ trace: StepTrace) -> Tensor {
        trace.target.rank == 1 ? Tensor([trace.target[flat: row]]) : trace.target.rows(row..<(row + 1))
    }

    func sections(_ trace: StepTrace, inFit: Bool, chosen: Bool) -> [(name: String, text: String)] {
        var lines: [String] = []
        let batch = trace.input.rows
        let place = inFit ? " (epoch \(trace.epoch), batch \(trace.step))" : ""
        let why = batch > 1 && !chosen ? " (highest loss)" : ""
        lines.append(
            style.heading("Step \(trace.iteration)\(place): forward pass, example \(row + 1) of \(batch)\(why)"))
        lines += forward(
            trace.layers.map {
                LayerView(
                    name: $0.name, kind: $0.kind, activation: $0.activation, input: $0.input, kernel: $0.kernelBefore,
                    bias: $0.biasBefore, z: $0.z, a: $0.a, details: $0.details)
            }, batch: batch)
        let parts: [(String, [String])] = [
            ("forward pass", lines), ("loss", loss(trace)),
            (
                "backpropagation",
                [style.heading("Backpropagation (chain rule, from the output back)")] + backward(trace)
            ),
            ("update", [style.heading("Update: \(trace.optimizerName)")] + update(trace)),
        ]
        return parts.map { ($0.0, style.wrapped($0.1.joined(separator: "\n")) + "\n") }
    }

    /// A prediction told layer by layer (`model.explain(x)`), for the first example of `x`.
    public func render(_ trace: ForwardTrace) -> String {
        var lines = [style.heading("Forward pass, example 1 of \(trace.input.rows)")]
        lines += forward(
            trace.layers.map {
                LayerView(
                    name: $0.name, kind: $0.kind, activation: $0.activation, input: $0.input, kernel: $0.kernel,
                    bias: $0.bias, z: $0.z, a: $0.a, details: $0.details)
            }, batch: trace.input.rows)
        if let last = trace.layers.last, trace.input.rows > 1 {
            lines.append(
                "All \(trace.input.rows) predictions: "
                    + numbers.vector((0..<min(trace.input.rows, 6)).map { last.a[flat: $0 * last.a.rowWidth] })
                    + (last.a.rowWidth > 1 ? " (first output of each)" : ""))
        }
        return style.wrapped(lines.joined(separator: "\n")) + "\n"
    }

    /// What the forward pass shows of a layer, from a training step or a prediction.
    struct LayerView {
        var name: String
        var kind: String
        var activation: Activation
        var input: Tensor
        var kernel: Tensor
        var bias: Tensor?
        var z: Tensor
        var a: Tensor
        var details: LayerDetails?
    }

    func forward(_ layers: [LayerView], batch: Int) -> [String] {
        var lines: [String] = []
        guard let first = layers.first else { return lines }
        let input = "x = \(numbers.row(first.input, row))"
        let column = style.width - 26
        lines.append(
            (input.count >= column ? input + "  " : input.padding(column))
                + "one example: shape \(formatShape(Array(first.input.shape.dropFirst())))")
        for (index, layer) in layers.enumerated() {
            let n = index + 1
            guard layer.kind == "Dense" else {
                lines += forwardOther(layer, n: n, batch: batch, isLast: index == layers.count - 1)
                continue
            }
            let input = index == 0 ? "x" : style.layer("a", n - 1)
            let z = style.layer("z", n)
            let w = style.layer("W", n)
            let b = style.layer("b", n)
            let formula =
                layer.bias == nil ? "\(z) = \(input)\(style.dot)\(w)" : "\(z) = \(input)\(style.dot)\(w) + \(b)"
            let shapes =
                "\(w) \(numbers.shape(layer.kernel))" + (layer.bias.map { ", \(b) \(numbers.shape($0))" } ?? "")
            lines.append(
                style.emphasis("Layer \(n)")
                    + "  \(layer.name): Dense(\(layer.kernel.shape.last ?? layer.a.rowWidth), \(layer.activation.name))   \(formula)   \(shapes)"
            )
            lines.append("  \(z) = \(numbers.row(layer.z, row))")
            let prediction = index == layers.count - 1 ? "   \(style.arrow) the prediction \(style.yHat)" : ""
            lines.append(
                "  \(formulas.activation(layer.activation, layer: n)) = \(numbers.row(layer.a, row))\(prediction)")
        }
        return lines
    }

    func loss(_ trace: StepTrace) -> [String] {
        let (name, _) = formulas.loss(trace.lossFunction)
        let told = LossExplanation(style: style, numbers: numbers, trace: trace, row: row)
        let batch = trace.input.rows
        var lines = [style.emphasis("Loss") + "     \(name)" + (told.logits == nil ? "" : ", from the logits z")]
        lines += told.lossLines(exampleLoss: exampleLoss(trace, target: targetRow(trace)))
        lines.append(
            "  batch loss = mean over the \(batch) example\(batch == 1 ? "" : "s") = \(numbers.number(trace.dataLoss))")
        if trace.regularizationLoss != 0 {
            lines.append(
                "  + weight penalty (regularization) \(numbers.number(trace.regularizationLoss)) = \(numbers.number(trace.loss))"
            )
        }
        return lines
    }

    /// The loss of the told example alone, by the engine's own loss function.
    func exampleLoss(_ trace: StepTrace, target: Tensor) -> Float {
        let output = trace.layers[trace.layers.count - 1]
        let logits = trace.lossGradientTarget == .logits
        let loss = Loss(trace.lossFunction.kind, fromLogits: logits || trace.lossFunction.fromLogits)
        let prediction = logits ? output.z.rows(row..<(row + 1)) : output.a.rows(row..<(row + 1))
        return (try? loss(target: target, prediction: prediction)) ?? .nan
    }

    func backward(_ trace: StepTrace) -> [String] {
        var lines: [String] = []
        let batch = trace.input.rows
        for index in trace.layers.indices.reversed() {
            let layer = trace.layers[index]
            let n = index + 1
            let dz = style.gradient(style.layer("z", n))
            let da = style.gradient(style.layer("a", n))
            let label = style.emphasis("Layer \(n)") + "  "
            let pad = String(repeating: " ", count: 9)
            if layer.outputGradient == nil, layer.zGradient.count == 0 {
                lines.append(
                    style.emphasis("Layer \(n)") + "  \(layer.kind): "
                        + style.note("no weights to learn here or below, so backpropagation stops above it"))
                continue
            }
            if layer.kind != "Dense", !(index == trace.layers.count - 1 && trace.lossGradientTarget == .logits) {
                lines += backwardOther(layer, n: n, trace: trace)
                continue
            }
            if index == trace.layers.count - 1, trace.lossGradientTarget == .logits {
                let told = LossExplanation(style: style, numbers: numbers, trace: trace, row: row)
                lines.append(label + told.gradientLines(n: n)[0])
                lines.append(
                    pad
                        + style.note(
                            "(activation and cross-entropy together give p \(style.minus) y; /\(batch): batch mean)"))
                if layer.kind != "Dense" {
                    lines += passedOn(n: n, index: index, dz)
                    continue
                }
            } else {
                if index == trace.layers.count - 1 {
                    let told = LossExplanation(style: style, numbers: numbers, trace: trace, row: row)
                    lines.append(label + "\(da) from the loss: " + told.gradientLines(n: n)[0])
                } else if let outputGradient = layer.outputGradient {
                    let origin =
                        trace.layers[index + 1].kind != "Dense"
                        ? "from layer \(n + 1) (\(trace.layers[index + 1].kind)), above"
                        : "from layer \(n + 1): \(da) = \(style.gradient(style.layer("z", n + 1)))\(style.dot)\(style.layer("W", n + 1))\(style.transpose)"
                    lines.append(label + "\(da) \(origin)")
                    lines.append(pad + "example \(row + 1): \(numbers.row(outputGradient, row))")
                }
                lines.append(
                    pad
                        + "\(dz) = \(da) \(style.hadamard) f\(style.prime)(\(style.layer("z", n))),  \(formulas.derivative(layer.activation))"
                )
                lines.append(pad + "example \(row + 1): \(numbers.row(layer.zGradient, row))")
            }
            let input = index == 0 ? "x" : style.layer("a", n - 1)
            lines.append(
                pad
                    + "\(style.gradient(style.layer("W", n))) = \(input)\(style.transpose)\(style.dot)\(dz), summed over the \(batch) example\(batch == 1 ? "" : "s")"
                    + (layer.kernelGradient.count > 0 && trace.regularizationLoss != 0
                        ? " (+ the penalty's gradient)" : "") + ":")
            lines += numbers.matrix(layer.kernelGradient, indent: pad + "  ")
            if let bias = layer.biasGradient {
                lines.append(
                    pad
                        + "\(style.gradient(style.layer("b", n))) = \(style.sum) \(dz) over the batch = \(numbers.vector(bias.scalars))"
                )
            }
        }
        return lines
    }
}
