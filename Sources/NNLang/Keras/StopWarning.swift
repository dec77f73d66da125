import NNEngine

/// The warning printed, at every explanation level, when a non-finite or exploding loss stopped `fit`.
enum StopWarning {
    static func text(_ stop: TrainingStop, model: Sequential) -> String {
        var text = "Warning: training stopped at epoch \(stop.epoch), step \(stop.step): "
        text += stop.reason ?? "the loss became \(stop.loss)."
        if let epoch = stop.restoredEpoch, let step = stop.restoredStep {
            text +=
                " The model keeps the weights (and its optimizer the state) it had before step \(step) of epoch "
                + "\(epoch), before the loss broke"
        } else {
            text += " The model keeps its weights"
        }
        text += ", and fit() returns the history so far."
        if let rate = model.configuration?.optimizer.learningRate {
            text += " The learning rate (\(formatRate(rate))) is probably too high: try \(formatRate(rate / 10))."
        }
        return wrapped(text) + "\n"
    }

    /// Wrapped at 80 columns with a hanging indent, as the teacher's remarks are.
    static func wrapped(_ text: String, width: Int = 80) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = "  " + word
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        return "\n" + (lines + [line]).joined(separator: "\n")
    }

    /// A learning rate to 6 significant digits, as C's %g writes it (0.001, 1e-05, 10).
    static func formatRate(_ rate: Float) -> String { cFormat("%.6g", Double(rate)) }
}
