import NNEngine

/// The update part of a full step: the optimizer's rule, then each parameter before and after with
/// the optimizer's state.
extension StepExplanation {
    /// Networks with at most this many parameters show every one; larger ones show a few per array.
    static let allParametersLimit = 40

    func update(_ trace: StepTrace) -> [String] {
        guard let first = trace.layers.first else { return [] }
        var lines = formulas.update(first.kernelOptimizerState).map { "  " + $0 }
        let total = trace.layers.reduce(0) { $0 + $1.kernelAfter.count + ($1.biasAfter?.count ?? 0) }
        let showAll = total <= StepExplanation.allParametersLimit
        let stateNames = stateColumns(first.kernelOptimizerState)
        let header = ["parameter", "before", "gradient"] + stateNames + ["after"]
        var rows: [[String]] = []
        var hidden = 0
        for (position, layer) in trace.layers.enumerated() {
            let n = position + 1
            let arrays: [(String, Tensor, Tensor, Tensor, OptimizerSnapshot)] =
                [(style.layer("W", n), layer.kernelBefore, layer.kernelGradient, layer.kernelAfter, layer.kernelOptimizerState)]
                + (layer.biasBefore.flatMap { before in
                    layer.biasGradient.flatMap { gradient in
                        layer.biasAfter.flatMap { after in layer.biasOptimizerState.map { [(style.layer("b", n), before, gradient, after, $0)] } }
                    }
                } ?? [])
            for (name, before, gradient, after, state) in arrays {
                let limit = showAll ? before.count : min(before.count, 3)
                for element in 0..<limit {
                    rows.append([name + index(before, element)] + [before[flat: element], gradient[flat: element]].map(numbers.number)
                                + stateValues(state, element).map(numbers.number) + [numbers.number(after[flat: element])])
                }
                hidden += before.count - limit
            }
        }
        lines += table(header, rows).map { "  " + $0 }
        if hidden > 0 { lines.append("  \(style.ellipsis) and \(hidden) more parameters, each updated the same way") }
        if case .sgd(let rate) = first.kernelOptimizerState, let row = rows.first, row.count == 4 {
            lines.append(style.note("  e.g. \(row[0]): \(row[1]) \(style.minus) \(formulas.short(rate)) \(style.times) (\(row[2])) = \(row[3])"))
        }
        return lines
    }

    func index(_ tensor: Tensor, _ flat: Int) -> String {
        tensor.rank == 2 ? "[\(flat / tensor.shape[1]),\(flat % tensor.shape[1])]" : "[\(flat)]"
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
                column == 0 ? cell.padding(widths[column]) : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "   ")
        }
        return [style.emphasis(line(header))] + rows.map(line)
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
