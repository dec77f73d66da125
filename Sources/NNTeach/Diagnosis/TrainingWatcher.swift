import Foundation
import NNEngine
import NNPlot

/// Watches a fit and says in plain words, once per kind, what is going wrong: it samples a full
/// step trace only now and then (the first step of epochs 1, 2, 3, 5, 9, 17, …) so training keeps
/// its speed, and reads the losses of every step and epoch. Findings are said at the end of an epoch,
/// after the progress bar and the teacher's line.
public final class TrainingWatcher: TrainingObserver {
    let style: Style
    let say: (String) -> Void
    /// The findings said so far, in order (tests and `model.diagnose` read them).
    public private(set) var said: [Finding] = []
    private var pending: [Finding] = []
    private var firstLoss: Float?
    private var lossName = ""
    private var outputWidth = 1
    private var trainingLosses: [Float] = []
    private var validationLosses: [Float] = []

    /// - Parameter say: writes one remark (wrapped to the terminal by the caller).
    public init(style: Style, say: @escaping (String) -> Void) {
        self.style = style
        self.say = say
    }

    /// How many times the first loss a step's loss must reach to count as diverging.
    static let divergenceRatio: Float = 1000

    public func trainingWillBegin(_ plan: TrainingPlan) { lossName = plan.lossName }

    public func wantsTrace(epoch: Int, step: Int) -> Bool {
        step == 1 && (epoch <= 2 || (epoch - 1) & (epoch - 2) == 0)
    }

    public func stepDidFinish(_ trace: StepTrace) {
        if let output = trace.layers.last, output.a.rank >= 2 { outputWidth = output.a.rowWidth }
        for finding in StepChecks(style: style).findings(trace) { note(finding) }
    }

    public func reasonToStop(epoch: Int, step: Int, loss: Float) -> String? {
        guard let first = firstLoss else {
            firstLoss = loss
            return nil
        }
        guard first > 0, loss >= first * Self.divergenceRatio else { return nil }
        let checks = StepChecks(style: style)
        let reason =
            "the loss grew from \(checks.short(first)) at the first step to \(checks.short(loss)) "
            + "(\(checks.ratio(loss / first))): training is diverging, each step overshooting the minimum "
            + "and landing further from it."
        // The engine's stop warning says it at every level; the watcher only records it.
        said.append(Finding(kind: .divergence, text: "Divergence: " + reason))
        flush()
        return reason
    }

    public func epochDidEnd(epoch: Int, logs: Logs) {
        if let loss = logs["loss"] { trainingLosses.append(loss) }
        if let validation = logs["val_loss"] { validationLosses.append(validation) }
        checkBaseRate(epoch: epoch)
        checkOverfitting()
        flush()
    }

    public func trainingDidEnd(_ history: History) { flush() }

    private func note(_ finding: Finding) {
        guard !said.contains(where: { $0.kind == finding.kind }), !pending.contains(where: { $0.kind == finding.kind })
        else { return }
        pending.append(finding)
    }

    private func flush() {
        for finding in pending {
            said.append(finding)
            say("\(style.unicode ? "⚠" : "!") " + finding.text)
        }
        pending = []
    }

    /// ln K for K classes: the loss of predicting each class's share (1/K) for every example.
    private var chanceLoss: (value: Float, classes: Int)? {
        switch lossName {
        case Loss.Kind.binaryCrossentropy.rawValue: (Float(log(2.0)), 2)
        case Loss.Kind.categoricalCrossentropy.rawValue, Loss.Kind.sparseCategoricalCrossentropy.rawValue:
            outputWidth > 1 ? (Float(log(Double(outputWidth))), outputWidth) : nil
        default: nil
        }
    }

    private func checkBaseRate(epoch: Int) {
        guard let (chance, classes) = chanceLoss, trainingLosses.count >= 3 else { return }
        let recent = trainingLosses.suffix(3)
        guard recent.allSatisfy({ abs($0 - chance) < 0.01 * chance }),
            let high = recent.max(), let low = recent.min(), high - low < 0.002 * chance
        else { return }
        let checks = StepChecks(style: style)
        let last = trainingLosses[trainingLosses.count - 1]
        note(
            Finding(
                kind: .baseRate,
                text:
                    "The loss has stayed at \(checks.short(last)) \(style.unicode ? "≈" : "~") ln \(classes) = "
                    + "\(cFormat("%.3f", Double(chance))) for 3 epochs: that is the loss of predicting 1/\(classes) for "
                    + "every example, the base rate, whatever the input: the model has learned nothing from the inputs. "
                    + "Either it cannot express the rule (without hidden activations a network is linear) or it is not "
                    + "learning: try a higher learning rate, normalized inputs, another seed, or check that x and y "
                    + "belong together."))
    }

    private func checkOverfitting() {
        let validation = validationLosses
        let count = validation.count
        guard count >= 6, trainingLosses.count == count,
            let best = validation.indices.min(by: { validation[$0] < validation[$1] })
        else { return }
        let current = validation[count - 1]
        // Five epochs of patience (as EarlyStopping would want), a clear rise and a clear fall: noise is neither.
        guard count - 1 - best >= 5, current >= validation[best] * 1.1,
            trainingLosses[count - 1] < trainingLosses[best] * 0.95
        else { return }
        let checks = StepChecks(style: style)
        note(
            Finding(
                kind: .overfitting,
                text:
                    "Overfitting: the validation loss was lowest at epoch \(best + 1) (\(checks.short(validation[best]))) and "
                    + "has risen since to \(checks.short(current)) at epoch \(count), while the training loss kept falling "
                    + "(\(checks.short(trainingLosses[best])) \(style.rightArrow) \(checks.short(trainingLosses[count - 1]))). "
                    + "The model is learning its training examples rather than the rule. Stop near epoch \(best + 1), "
                    + "add Dropout or an L2 penalty, or use more data."))
    }
}

extension Teacher {
    /// A watcher that speaks through this teacher, wrapped like its other remarks.
    public func watcher() -> TrainingWatcher { TrainingWatcher(style: style) { [self] in say($0) } }
}
