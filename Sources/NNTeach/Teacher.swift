import Foundation
import NNEngine
import NNPlot

/// Explains a running `fit` at the chosen level, listening to the engine's training events.
public final class Teacher: TrainingObserver {
    public let level: ExplainLevel
    let fixedStyle: Style
    /// Where the style comes from when it can change during a fit (a terminal resized).
    public var styles: StyleSource?
    var style: Style { styles?.current ?? fixedStyle }
    /// Stops between the sections of a full step (`nn --step`).
    public weak var presenter: StatementPresenter?
    let write: (String) -> Void
    let notes: [String]
    private var plan: TrainingPlan?
    private var firstLoss: Float?
    private var previousLoss: Float?
    private var explainedStep = false
    /// Which example of the batch the full step tells (0-based); nil for the highest-loss one.
    public var example: Int?
    private var reachedHalvings = 0
    private var reachedFullAccuracy: Set<String> = []

    /// - Parameter notes: plain-words remarks to add when training starts (such as "compile() was
    ///   given no optimizer, so Keras uses RMSprop").
    public init(level: ExplainLevel, style: Style, notes: [String] = [], write: @escaping (String) -> Void) {
        self.level = level
        self.fixedStyle = style
        self.notes = notes
        self.write = write
    }

    /// A remark, wrapped to the terminal's width with a hanging indent.
    func say(_ text: String) {
        let leading = String(text.prefix { $0 == " " })
        let indent = leading + "  "
        var lines: [String] = []
        var line = leading
        for word in text.split(separator: " ") {
            if line.count > leading.count, line.count + 1 + word.count > style.width {
                lines.append(line)
                line = indent + word
            } else {
                line += (line.count == leading.count ? "" : " ") + word
            }
        }
        lines.append(line)
        write(lines.map { style.note($0) }.joined(separator: "\n") + "\n")
    }

    public func trainingWillBegin(_ plan: TrainingPlan) {
        self.plan = plan
        guard level >= .epoch else { return }
        let steps = plan.stepsPerEpoch
        say(
            "\(style.rightArrow) Each epoch is one pass over all \(plan.trainingExamples) training examples: "
                + "ceil(\(plan.trainingExamples) / \(plan.batchSize)) = \(steps) gradient step\(steps == 1 ? "" : "s") of up to \(plan.batchSize) examples"
                + (plan.epochs > 1 ? ", so \(plan.epochs) epochs make \(plan.epochs * steps) steps." : "."))
        if plan.validationExamples > 0 {
            say(
                "\(style.rightArrow) \(plan.validationExamples) examples are held out for validation: the model never trains on them."
            )
        }
        for note in notes { say("\(style.rightArrow) \(note)") }
    }

    public func wantsTrace(epoch: Int, step: Int) -> Bool { level == .full && !explainedStep }

    public func stepDidFinish(_ trace: StepTrace) {
        explainedStep = true
        for (index, section) in StepExplanation(style: style).renderSections(trace, example: example).enumerated() {
            if index > 0 { presenter?.sectionBreak(section.name) }
            write(section.text)
        }
        if (plan?.stepsPerEpoch ?? 1) * (plan?.epochs ?? 1) > 1 {
            say(
                "(That was step \(trace.iteration) in full; the rest of training continues at the epoch level. "
                    + "model.step(x, y) explains any single step.)")
        }
    }

    public func stepDidEnd(epoch: Int, step: Int, loss: Float, examples: Int) {
        guard level == .step else { return }
        say(
            "  step \(step)/\(plan?.stepsPerEpoch ?? step): \(examples) example\(examples == 1 ? "" : "s"), loss \(NumberText(style: style).number(loss))"
        )
    }

    public func epochDidEnd(epoch: Int, logs: Logs) {
        guard level >= .epoch, let loss = logs["loss"] else { return }
        // Keras's bar already gives each epoch's loss: only the step level repeats it; the epoch
        // level (and the full level after its step) speaks at milestones.
        guard level == .step else {
            milestones(epoch: epoch, loss: loss, logs: logs)
            if firstLoss == nil { firstLoss = loss }
            previousLoss = loss
            return
        }
        let numbers = NumberText(style: style)
        let steps = plan?.stepsPerEpoch ?? 0
        var line = "  epoch \(epoch): \(steps) step\(steps == 1 ? "" : "s"); average loss \(numbers.number(loss))"
        if let previousLoss, previousLoss != 0 {
            let change = (loss - previousLoss) / previousLoss * 100
            line += " (\(change <= 0 ? "down" : "up") \(cFormat("%.1f", Double(abs(change))))% from epoch \(epoch - 1))"
        }
        if let validation = logs["val_loss"] { line += "; validation loss \(numbers.number(validation))" }
        say(line)
        if firstLoss == nil { firstLoss = loss }
        previousLoss = loss
    }

    /// The loss halving again since epoch 1, and accuracy first reaching 100%, each said once.
    func milestones(epoch: Int, loss: Float, logs: Logs) {
        let numbers = NumberText(style: style)
        if let first = firstLoss, first > 0, loss > 0 {
            let halvings = Int((log2(Double(first / loss))).rounded(.down))
            if halvings > reachedHalvings {
                reachedHalvings = halvings
                let share = halvings == 1 ? "half" : "1/\(1 << min(halvings, 30))"
                say(
                    "  epoch \(epoch): the loss is down to \(share) of epoch 1's (\(numbers.number(first)) "
                        + "\(style.rightArrow) \(numbers.number(loss)))")
            }
        }
        for (name, said) in [("accuracy", "training"), ("val_accuracy", "validation")] where logs[name] == 1 {
            guard !reachedFullAccuracy.contains(name) else { continue }
            reachedFullAccuracy.insert(name)
            say("  epoch \(epoch): every \(said) example is now classified right (\(name) 100%)")
        }
    }

    public func trainingDidEnd(_ history: History) {
        guard level >= .epoch, let plan, let first = firstLoss, let last = previousLoss, history.epochs.count > 1 else {
            return
        }
        let numbers = NumberText(style: style)
        say(
            "\(style.rightArrow) After \(history.epochs.count) epochs (\(history.epochs.count * plan.stepsPerEpoch) gradient steps) "
                + "the average loss went from \(numbers.number(first)) to \(numbers.number(last)).")
    }
}
