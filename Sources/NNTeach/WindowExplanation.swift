import NNEngine
import NNPlot

/// Conv2D and the pooling layers in a full step: what the sliding window computes, with one
/// output worked from the step's own input and kernel.
extension StepExplanation {
    func forwardWindow(_ layer: LayerView, _ details: WindowDetails, n: Int) -> [String] {
        let w = details.window
        let times = style.times
        let input = n == 1 ? "x" : style.layer("a", n - 1)
        let inShape = formatShape(Array(layer.input.shape.dropFirst()))
        let outShape = formatShape(Array(layer.a.shape.dropFirst()))
        let geometry =
            "\(w.kernelHeight)\(times)\(w.kernelWidth) window, strides \(w.strideHeight)\(times)\(w.strideWidth), "
            + "padding '\(w.padding.rawValue)'"
        let title = style.emphasis("Layer \(n)") + "  \(layer.name): \(layer.kind)"
        guard details.operation == "convolution" else {
            let what = details.operation == "max" ? "max" : "mean"
            var lines = [
                title + "   \(style.layer("a", n))[i,j,c] = \(what) of \(input) over the window at (i, j), "
                    + "each channel on its own",
                "  \(geometry): \(inShape) \(style.rightArrow) \(outShape)",
            ]
            let values = windowValues(layer.input, w, channels: details.channels, oy: 0, ox: 0, channel: 0)
            let out = layer.a[flat: row * layer.a.rowWidth]
            lines.append(
                "  at (0, 0), channel 0: \(what)(\(numbers.vector(values))) = \(numbers.number(out))"
                    + (w.padding == .same && values.count < w.kernelHeight * w.kernelWidth
                        ? style.note("  (only the values inside the input)") : ""))
            return lines
        }
        let filters = layer.a.shape.last ?? 1
        let z = style.layer("z", n)
        let k = style.layer("K", n)
        let b = style.layer("b", n)
        let formula =
            "\(z)[i,j,f] = \(style.sum) \(input)[window(i,j)] \(style.hadamard) \(k)[:,:,:,f]"
            + (layer.bias == nil ? "" : " + \(b)[f]")
        let shapes = "\(k) \(numbers.shape(layer.kernel))" + (layer.bias.map { ", \(b) \(numbers.shape($0))" } ?? "")
        var lines = [
            title + "(\(filters), \(layer.activation.name))   \(formula)   \(shapes)",
            "  each of the \(filters) filters slides a \(geometry) over \(inShape): \(style.rightArrow) \(outShape)",
        ]
        // The strongest response of the told example, worked from its window and its filter.
        let width = layer.z.rowWidth
        var best = 0
        for i in 0..<width where abs(layer.z[flat: row * width + i]) > abs(layer.z[flat: row * width + best]) {
            best = i
        }
        let f = best % filters
        let (oy, ox) = (best / filters / w.outputWidth, best / filters % w.outputWidth)
        let window = windowValues(layer.input, w, channels: details.channels, oy: oy, ox: ox, channel: nil)
        guard layer.kernel.count == window.count * filters, width > 0 else { return lines }
        let kernel = (0..<window.count).map { layer.kernel[flat: $0 * filters + f] }
        let zValue = layer.z[flat: row * width + best]
        lines.append("  the largest |\(z)| of example \(row + 1), at i=\(oy), j=\(ox), f=\(f):")
        // A 3×3 window on one channel is shown whole, so the sum can be checked by hand.
        var whole = numbers
        whole.vectorLimit = max(numbers.vectorLimit, 9)
        lines.append("    window = \(whole.vector(window))")
        lines.append("    \(k)[:,:,:,\(f)] = \(whole.vector(kernel))")
        if let bias = layer.bias {
            let bf = bias[flat: f]
            lines.append(
                "    \(style.sum) window \(style.hadamard) \(k) = \(numbers.number(zValue - bf)),  + \(b)[\(f)] "
                    + "\(numbers.number(bf)) = \(numbers.number(zValue))")
        } else {
            lines.append("    \(style.sum) window \(style.hadamard) \(k) = \(numbers.number(zValue))")
        }
        if layer.activation != .linear {
            lines.append(
                "  \(formulas.activation(layer.activation, layer: n)) element by element: \(z)[\(oy),\(ox),\(f)] "
                    + "\(style.rightArrow) \(numbers.number(layer.a[flat: row * width + best]))")
        }
        return lines
    }

    /// The input values under the window at output (oy, ox) for the told example, in the kernel's
    /// order (rows, columns, channels); padding counts as 0 for a convolution and is left out of a
    /// pooling window (`channel` given).
    func windowValues(_ x: Tensor, _ w: Window2D, channels c: Int, oy: Int, ox: Int, channel: Int?) -> [Float] {
        var values: [Float] = []
        let base = row * x.rowWidth
        for ky in 0..<w.kernelHeight {
            let iy = oy * w.strideHeight - w.padTop + ky
            for kx in 0..<w.kernelWidth {
                let ix = ox * w.strideWidth - w.padLeft + kx
                let inside = iy >= 0 && iy < w.inputHeight && ix >= 0 && ix < w.inputWidth
                for ch in 0..<c where channel == nil || channel == ch {
                    if inside {
                        values.append(x[flat: base + (iy * w.inputWidth + ix) * c + ch])
                    } else if channel == nil {
                        values.append(0)
                    }
                }
            }
        }
        return values
    }

    func backwardWindow(_ layer: LayerTrace, _ details: WindowDetails, n: Int, pad: String) -> [String] {
        let before = style.gradient(n == 1 ? "x" : style.layer("a", n - 1))
        let dz = style.gradient(style.layer("z", n))
        switch details.operation {
        case "max":
            return [
                pad + "\(before): each output's gradient goes to the input that was the max of its window; "
                    + "the others get 0"
            ]
        case "average":
            return [pad + "\(before): each output's gradient is shared equally by the inputs of its window"]
        default:
            var lines: [String] = []
            if layer.activation != .linear, layer.outputGradient != nil {
                lines.append(
                    pad + "\(dz) = \(style.gradient(style.layer("a", n))) \(style.hadamard) "
                        + "f\(style.prime)(\(style.layer("z", n))),  \(formulas.derivative(layer.activation))")
            }
            let k = style.layer("K", n)
            lines.append(
                pad + "\(style.gradient(k))[:,:,:,f] = \(style.sum) over examples and positions of "
                    + "window \(style.hadamard) \(dz)[i,j,f]   shape \(numbers.shape(layer.kernelGradient))")
            lines.append(pad + "  = \(numbers.vector(layer.kernelGradient.scalars))")
            if let bias = layer.biasGradient {
                lines.append(
                    pad + "\(style.gradient(style.layer("b", n)))[f] = \(style.sum) \(dz)[:,:,f] over the batch = "
                        + numbers.vector(bias.scalars))
            }
            if layer.inputGradient != nil {
                lines.append(
                    pad + "\(before): each window's \(dz)\(style.dot)\(k)\(style.transpose) added back where the "
                        + "window lay")
            }
            return lines
        }
    }
}
