import NNEngine
import NNPlot

/// `model.diagnose()` and `%diagnose`: a table of each layer's health in one step (gradient size,
/// dead or saturated share, weight size), then the watcher's findings for that step and the last fit.
public struct DiagnosisReport {
    let style: Style

    public init(style: Style) { self.style = style }

    public func render(_ trace: StepTrace, history: History?, model: String) -> String {
        let checks = StepChecks(style: style)
        let rows = trace.input.rank >= 1 ? trace.input.shape[0] : 0
        var lines = [
            "Diagnosis of model '\(model)' on \(rows) example\(rows == 1 ? "" : "s") "
                + "(loss \(NumberText(style: style).number(trace.loss)); no weights changed):"
        ]
        let d = style.partial
        let header = ["layer", "units", "\(d)L/\(d)W", "\(d)L/\(d)z", "|W|", "dead/saturated"]
        var table = [header]
        for layer in trace.layers.map(LayerHealth.init) {
            table.append([
                layer.name, "\(layer.units)", layer.gradientSize.map(checks.short) ?? "-",
                layer.signalSize.map(checks.short) ?? "-", layer.weightSize.map(checks.short) ?? "-",
                layer.canStick
                    ? "\(layer.stuckUnits) of \(layer.units) "
                        + (layer.activation == .relu ? "dead" : "saturated") : "-",
            ])
        }
        let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        for row in table {
            let cells = row.enumerated().map { column, cell in
                column == 0
                    ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }
            lines.append("  " + cells.joined(separator: "  "))
        }
        lines.append("  (sizes are root mean squares; \(d)L/\(d)z is the error signal each layer receives)")
        var said: [String] = []
        let watcher = TrainingWatcher(style: style) { said.append($0) }
        watcher.trainingWillBegin(
            TrainingPlan(
                epochs: history?.epochs.count ?? 0, batchSize: rows, trainingExamples: rows, validationExamples: 0,
                stepsPerEpoch: 1, shuffle: false, lossName: trace.lossFunction.kind.rawValue,
                optimizerName: trace.optimizerName))
        watcher.stepDidFinish(trace)
        if let history {
            for index in history.epochs.indices {
                var logs = Logs()
                for name in ["loss", "val_loss"] {
                    if let values = history[name], index < values.count { logs[name] = values[index] }
                }
                watcher.epochDidEnd(epoch: index + 1, logs: logs)
            }
            if let stop = history.stop {
                said.append(
                    "\(style.unicode ? "⚠" : "!") The last fit stopped at epoch \(stop.epoch), "
                        + "step \(stop.step): "
                        + (stop.reason ?? "the loss became \(NumberText(style: style).number(stop.loss)).")
                        + " Try a learning rate a tenth as large.")
            }
        }
        watcher.trainingDidEnd(history ?? History())
        lines += said.isEmpty ? ["No problems found."] : said
        return wrap(lines)
    }

    /// Lines past the terminal's width continue on the next with a hanging indent.
    private func wrap(_ lines: [String]) -> String {
        lines.flatMap { line -> [String] in
            guard line.count > style.width else { return [line] }
            var result: [String] = []
            var current = ""
            for word in line.split(separator: " ", omittingEmptySubsequences: false) {
                if !current.isEmpty, current.count + 1 + word.count > style.width {
                    result.append(current)
                    current = "  " + word
                } else {
                    current += (current.isEmpty ? "" : " ") + word
                }
            }
            return result + [current]
        }.joined(separator: "\n") + "\n"
    }
}
