import NNEngine

/// A training step told in full with the engine's own numbers: the forward pass for the first
/// example of the batch, the loss, backpropagation from the output back, and the update.
public struct StepExplanation {
    let style: Style
    let numbers: NumberText
    let formulas: Formulas

    public init(style: Style) {
        self.style = style
        self.numbers = NumberText(style: style)
        self.formulas = Formulas(style: style)
    }

    /// - Parameter inFit: whether the step ran inside `fit` (its epoch and batch are then named).
    public func render(_ trace: StepTrace, inFit: Bool = true) -> String {
        var lines: [String] = []
        let batch = trace.input.rows
        let place = inFit ? " (epoch \(trace.epoch), batch \(trace.step))" : ""
        lines.append(style.heading("Step \(trace.iteration)\(place): forward pass, example 1 of \(batch)"))
        lines += forward(trace.layers.map {
            LayerView(name: $0.name, kind: $0.kind, activation: $0.activation, input: $0.input, kernel: $0.kernelBefore,
                      bias: $0.biasBefore, z: $0.z, a: $0.a, details: $0.details)
        }, batch: batch)
        lines += loss(trace)
        lines.append(style.heading("Backpropagation (chain rule, from the output back)"))
        lines += backward(trace)
        lines.append(style.heading("Update: \(trace.optimizerName)"))
        lines += update(trace)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A prediction told layer by layer (`model.explain(x)`), for the first example of `x`.
    public func render(_ trace: ForwardTrace) -> String {
        var lines = [style.heading("Forward pass, example 1 of \(trace.input.rows)")]
        lines += forward(trace.layers.map {
            LayerView(name: $0.name, kind: $0.kind, activation: $0.activation, input: $0.input, kernel: $0.kernel,
                      bias: $0.bias, z: $0.z, a: $0.a, details: $0.details)
        }, batch: trace.input.rows)
        if let last = trace.layers.last, trace.input.rows > 1 {
            lines.append("All \(trace.input.rows) predictions: " + numbers.vector((0..<min(trace.input.rows, 6)).map { last.a[flat: $0 * last.a.rowWidth] })
                         + (last.a.rowWidth > 1 ? " (first output of each)" : ""))
        }
        return lines.joined(separator: "\n") + "\n"
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
        let input = "x = \(numbers.row(first.input, 0))", column = style.width - 22
        lines.append((input.count >= column ? input + "  " : input.padding(column)) + "one example: shape \(formatShape(Array(first.input.shape.dropFirst())))")
        for (index, layer) in layers.enumerated() {
            let n = index + 1
            guard layer.kind == "Dense" else {
                lines += forwardOther(layer, n: n, batch: batch, isLast: index == layers.count - 1)
                continue
            }
            let input = index == 0 ? "x" : style.layer("a", n - 1)
            let z = style.layer("z", n), w = style.layer("W", n), b = style.layer("b", n)
            let formula = layer.bias == nil ? "\(z) = \(input)\(style.dot)\(w)" : "\(z) = \(input)\(style.dot)\(w) + \(b)"
            let shapes = "\(w) \(numbers.shape(layer.kernel))" + (layer.bias.map { ", \(b) \(numbers.shape($0))" } ?? "")
            lines.append(style.emphasis("Layer \(n)") + "  \(layer.name): Dense(\(layer.kernel.shape.last ?? layer.a.rowWidth), \(layer.activation.name))   \(formula)   \(shapes)")
            lines.append("  \(z) = \(numbers.row(layer.z, 0))")
            let prediction = index == layers.count - 1 ? "   \(style.arrow) the prediction \(style.yHat)" : ""
            lines.append("  \(formulas.activation(layer.activation, layer: n)) = \(numbers.row(layer.a, 0))\(prediction)")
        }
        return lines
    }

    func loss(_ trace: StepTrace) -> [String] {
        let (name, formula) = formulas.loss(trace.lossFunction)
        let output = trace.layers[trace.layers.count - 1]
        let batch = trace.input.rows
        var lines = [style.emphasis("Loss") + "     \(name)   \(formula)"]
        let targetRow = trace.target.rank == 1 ? Tensor([trace.target[flat: 0]]) : trace.target.rows(0..<1)
        let exampleLoss = exampleLoss(trace, target: targetRow)
        let target = trace.target.rank == 1 ? numbers.number(trace.target[flat: 0]) : numbers.row(trace.target, 0)
        lines.append("  example 1: y = \(target), \(style.yHat) = \(numbers.row(output.a, 0))  \(style.rightArrow)  L = \(numbers.number(exampleLoss))")
        if trace.lossGradientTarget == .logits {
            lines.append(style.note("  (Keras computes this from z, the logits, which avoids log(0) for confident predictions)"))
        }
        lines.append("  batch loss = mean over the \(batch) example\(batch == 1 ? "" : "s") = \(numbers.number(trace.dataLoss))")
        if trace.regularizationLoss != 0 {
            lines.append("  + weight penalty (regularization) \(numbers.number(trace.regularizationLoss)) = \(numbers.number(trace.loss))")
        }
        return lines
    }

    /// The loss of the first example alone, by the engine's own loss function.
    func exampleLoss(_ trace: StepTrace, target: Tensor) -> Float {
        let output = trace.layers[trace.layers.count - 1]
        let logits = trace.lossGradientTarget == .logits
        let loss = Loss(trace.lossFunction.kind, fromLogits: logits || trace.lossFunction.fromLogits)
        let prediction = logits ? output.z.rows(0..<1) : output.a.rows(0..<1)
        return (try? loss(target: target, prediction: prediction)) ?? .nan
    }

    func backward(_ trace: StepTrace) -> [String] {
        var lines: [String] = []
        let batch = trace.input.rows
        for index in trace.layers.indices.reversed() {
            let layer = trace.layers[index]
            let n = index + 1
            let dz = style.gradient(style.layer("z", n)), da = style.gradient(style.layer("a", n))
            let label = style.emphasis("Layer \(n)") + "  "
            let pad = String(repeating: " ", count: 9)
            if layer.outputGradient == nil, layer.zGradient.count == 0 {
                lines.append(style.emphasis("Layer \(n)") + "  \(layer.kind): "
                             + style.note("no weights to learn here or below, so backpropagation stops above it"))
                continue
            }
            if layer.kind != "Dense", !(index == trace.layers.count - 1 && trace.lossGradientTarget == .logits) {
                lines += backwardOther(layer, n: n, trace: trace)
                continue
            }
            if index == trace.layers.count - 1, trace.lossGradientTarget == .logits {
                lines.append(label + "\(dz) = (\(style.yHat) \(style.minus) y)/\(batch)   "
                             + style.note("(\(layer.activation == .softmax ? "softmax" : "sigmoid") and cross-entropy together simplify to \(style.yHat) \(style.minus) y; /\(batch) because the loss is the batch mean)"))
                lines.append(pad + "example 1: \(numbers.row(layer.zGradient, 0))")
                if layer.kind != "Dense" {
                    lines += passedOn(n: n, index: index, dz)
                    continue
                }
            } else {
                if let outputGradient = layer.outputGradient {
                    let origin = index == trace.layers.count - 1
                        ? "from the loss: \(lossDerivative(trace.lossFunction.kind, batch: batch, outputs: layer.a.rowWidth))"
                        : trace.layers[index + 1].kind != "Dense" ? "from layer \(n + 1) (\(trace.layers[index + 1].kind)), above"
                        : "from layer \(n + 1): \(da) = \(style.gradient(style.layer("z", n + 1)))\(style.dot)\(style.layer("W", n + 1))\(style.transpose)"
                    lines.append(label + "\(da) \(origin)")
                    lines.append(pad + "example 1: \(numbers.row(outputGradient, 0))")
                }
                lines.append(pad + "\(dz) = \(da) \(style.hadamard) f\(style.prime)(\(style.layer("z", n))),  \(formulas.derivative(layer.activation))")
                lines.append(pad + "example 1: \(numbers.row(layer.zGradient, 0))")
            }
            let input = index == 0 ? "x" : style.layer("a", n - 1)
            lines.append(pad + "\(style.gradient(style.layer("W", n))) = \(input)\(style.transpose)\(style.dot)\(dz), summed over the \(batch) example\(batch == 1 ? "" : "s")"
                         + (layer.kernelGradient.count > 0 && trace.regularizationLoss != 0 ? " (+ the penalty's gradient)" : "") + ":")
            lines += numbers.matrix(layer.kernelGradient, indent: pad + "  ")
            if let bias = layer.biasGradient {
                lines.append(pad + "\(style.gradient(style.layer("b", n))) = \(style.sum) \(dz) over the batch = \(numbers.vector(bias.scalars))")
            }
        }
        return lines
    }

    func lossDerivative(_ kind: Loss.Kind, batch: Int, outputs: Int) -> String {
        let m = style.minus, h = style.yHat
        let count = batch * outputs
        switch kind {
        case .meanSquaredError: return "\(style.partial)L/\(style.partial)\(h) = 2(\(h) \(m) y)/\(count)"
        case .meanAbsoluteError: return "\(style.partial)L/\(style.partial)\(h) = sign(\(h) \(m) y)/\(count)"
        case .binaryCrossentropy: return "\(style.partial)L/\(style.partial)\(h) = \(m)(y/\(h) \(m) (1\(m)y)/(1\(m)\(h)))/\(count)"
        case .categoricalCrossentropy, .sparseCategoricalCrossentropy: return "\(style.partial)L/\(style.partial)\(h) = \(m)y/\(h) / \(batch)"
        }
    }
}
