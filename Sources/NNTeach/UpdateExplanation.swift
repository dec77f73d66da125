import NNEngine
import NNPlot

/// The update part of a full step: the optimizer's rule, then each parameter before and after with
/// the optimizer's state.
extension StepExplanation {
    /// Networks with at most this many parameters show every one; larger ones show a few per array.
    static let allParametersLimit = 40

    func update(_ trace: StepTrace) -> [String] {
        let trained = trace.layers.enumerated().flatMap { position, layer in
            layer.parameters.filter { $0.trainable }.map { (position + 1, $0) }
        }
        guard let firstState = trained.first?.1.optimizerState else { return [] }
        var lines = formulas.update(firstState).map { "  " + $0 }
        let total = trained.reduce(0) { $0 + $1.1.after.count }
        let showAll = total <= StepExplanation.allParametersLimit
        let header = ["parameter", "before", "gradient"] + stateColumns(firstState) + ["after"]
        var rows: [[String]] = []
        var hidden = 0
        var worked: (name: String, parameter: ParameterTrace, element: Int)?
        for (n, parameter) in trained {
            guard let gradient = parameter.gradient, let state = parameter.optimizerState else { continue }
            // A convolution's kernel (kh, kw, in, out) is K, as in its forward formula.
            let isConvolutionKernel = parameter.before.rank == 4 && parameter.name == "kernel"
            let name = style.layer(isConvolutionKernel ? "K" : symbol(parameter.name), n)
            let before = parameter.before
            let limit = showAll ? before.count : min(before.count, 3)
            // A large array shows the entries with the largest gradients, the ones that move most.
            let chosen =
                showAll
                ? Array(0..<limit)
                : Array(
                    (0..<before.count).sorted {
                        abs(gradient[flat: $0]) > abs(gradient[flat: $1])
                            || (abs(gradient[flat: $0]) == abs(gradient[flat: $1]) && $0 < $1)
                    }.prefix(limit))
            for element in chosen {
                if worked == nil { worked = (name + index(before, element), parameter, element) }
                rows.append(
                    [name + index(before, element)]
                        + [before[flat: element], gradient[flat: element]].map(numbers.number)
                        + stateValues(state, element).map(numbers.number) + [
                            numbers.number(parameter.after[flat: element])
                        ])
            }
            hidden += before.count - limit
        }
        lines += table(header, rows).map { "  " + $0 }
        if hidden > 0 {
            lines.append(
                "  \(style.ellipsis) and \(hidden) more parameters with smaller gradients (each array shows its "
                    + "largest), each updated the same way")
        }
        if let worked { lines += workedUpdate(worked.name, worked.parameter, worked.element).map { style.note($0) } }
        lines += firstStepNote(firstState, iteration: trace.iteration)
        return lines
    }

    /// One parameter's update worked by hand with the optimizer's real formula and that parameter's
    /// numbers: its value and gradient as the table prints them, the state it started from, and the
    /// state and value it ended with (state with four significant digits, so the line holds on them).
    func workedUpdate(_ name: String, _ parameter: ParameterTrace, _ element: Int) -> [String] {
        guard let gradient = parameter.gradient, let state = parameter.optimizerState else { return [] }
        let w = numbers.number(parameter.before[flat: element])
        let after = numbers.number(parameter.after[flat: element])
        // The table's four decimals are too few for g² or g/√s: the state's own four digits are used.
        let g = "(" + (state.isPlainSGD ? numbers.number : significant)(gradient[flat: element]) + ")"
        let (x, m, sq) = (style.times, style.minus, style.unicode ? "²" : "^2")
        let head = "  e.g. \(name): "
        let pad = String(repeating: " ", count: head.count)
        let old = parameter.stateBefore.map { stateValues($0, element) } ?? []
        func start(_ index: Int) -> String { significant(index < old.count ? old[index] : 0) }
        func short(_ value: Double) -> String { cFormat("%g", value) }
        switch state {
        case .sgd(let rate):
            return [head + "\(w) \(m) \(formulas.short(rate)) \(x) \(g) = \(after)"]
        case .momentum(let rate, let mu, let nesterov, _):
            let v = significant(stateValues(state, element)[0])
            let step = nesterov ? "\(formulas.short(mu)) \(x) (\(v)) \(m) \(formulas.short(rate)) \(x) \(g)" : "(\(v))"
            return [
                head + "v = \(formulas.short(mu)) \(x) (\(start(0))) \(m) \(formulas.short(rate)) \(x) \(g) = \(v)",
                pad + "w = \(w) + \(step) = \(after)",
            ]
        case .rmsprop(let rate, let rho, let epsilon, _):
            let s = significant(stateValues(state, element)[0])
            return [
                head + "s = \(short(rho)) \(x) \(start(0)) + \(short(1 - rho)) \(x) \(g)\(sq) = \(s)",
                pad + "w = \(w) \(m) \(formulas.short(rate)) \(x) \(g) / \(style.sqrt)(\(s) + \(short(epsilon)))"
                    + " = \(after)",
            ]
        case .adam(_, let beta1, let beta2, let epsilon, _, let alpha, _, _):
            let now = stateValues(state, element).map(significant)
            return [
                head + "m = \(short(beta1)) \(x) (\(start(0))) + \(short(1 - beta1)) \(x) \(g) = \(now[0])",
                pad + "v = \(short(beta2)) \(x) \(start(1)) + \(short(1 - beta2)) \(x) \(g)\(sq) = \(now[1])",
                pad + "w = \(w) \(m) \(cFormat("%.6g", Double(alpha))) \(x) (\(now[0])) / "
                    + "(\(style.sqrt)(\(now[1])) + \(short(epsilon))) = \(after)",
            ]
        }
    }

    /// A number with four significant digits (`0.0001762`, `-0.03118`, `0`).
    func significant(_ value: Float) -> String {
        let text = cFormat("%.4g", Double(abs(value)))
        return (value < 0 && text != "0" ? style.minus : "") + text
    }

    /// RMSprop's and Adam's first step moves every weight by about the same amount whatever its
    /// gradient: s (or v) is then just (1−ρ)·g², so g/√s is ±1/√(1−ρ); Adam's α·m/√v is ±η.
    func firstStepNote(_ snapshot: OptimizerSnapshot, iteration: Int) -> [String] {
        switch snapshot {
        case .rmsprop(let rate, let rho, _, _) where iteration == 1:
            let size = rate / Float((1 - rho).squareRoot())
            return [
                style.note(
                    "  First step: s is just (1\(style.minus)\(style.rho))\(style.dot)g\(style.unicode ? "²" : "^2"), so every "
                        + "weight moves by about \(style.eta)/\(style.sqrt)(1\(style.minus)\(style.rho)) = \(cFormat("%.3g", Double(size))), "
                        + "whatever its gradient")
            ]
        case .adam(let rate, _, _, _, let step, _, _, _) where step == 1:
            return [
                style.note(
                    "  First step: m/\(style.unicode ? "√v" : "sqrt(v)") is \(style.plusMinus)1, so every weight moves by about "
                        + "\(style.eta) = \(formulas.short(rate)), whatever its gradient")
            ]
        default:
            return []
        }
    }

    /// The letter a parameter goes by in formulas: W and b for Dense, γ and β for BatchNormalization.
    func symbol(_ name: String) -> String {
        switch name {
        case "kernel": "W"
        case "bias": "b"
        case "gamma": style.unicode ? "γ" : "gamma"
        case "beta": style.unicode ? "β" : "beta"
        default: name
        }
    }

    func index(_ tensor: Tensor, _ flat: Int) -> String {
        guard tensor.rank >= 2 else { return "[\(flat)]" }
        var rest = flat
        var indices: [Int] = []
        for size in tensor.shape.reversed() {
            indices.append(rest % max(size, 1))
            rest /= max(size, 1)
        }
        return "[" + indices.reversed().map(String.init).joined(separator: ",") + "]"
    }

    func stateColumns(_ snapshot: OptimizerSnapshot) -> [String] {
        switch snapshot {
        case .sgd: []
        case .momentum: ["v"]
        case .rmsprop: ["s"]
        case .adam: ["m", "v"]
        }
    }

    func stateValues(_ snapshot: OptimizerSnapshot, _ element: Int) -> [Float] {
        func at(_ t: Tensor) -> Float { element < t.count ? t[flat: element] : 0 }
        switch snapshot {
        case .sgd: return []
        case .momentum(_, _, _, let velocity): return [at(velocity)]
        case .rmsprop(_, _, _, let velocity): return [at(velocity)]
        case .adam(_, _, _, _, _, _, let m, let v): return [at(m), at(v)]
        }
    }

    /// Columns padded to their widest cell, numbers right-aligned.
    func table(_ header: [String], _ rows: [[String]]) -> [String] {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                column == 0
                    ? cell.padding(widths[column]) : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "   ")
        }
        return [style.emphasis(line(header))] + rows.map(line)
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}

extension OptimizerSnapshot {
    /// SGD without momentum, whose worked line uses the table's numbers as they are.
    var isPlainSGD: Bool {
        if case .sgd = self { return true }
        return false
    }
}
