import NNEngine
import NNPlot

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Keras 3's progress bar (`32/32 ━━━━━━━━━━━━━━━━━━━━ 1s 2ms/step - loss: 0.6543`). On a terminal it
/// redraws in place and shows timings; elsewhere it prints each finished bar once, without timings,
/// so transcripts are the same on every run.
final class ProgressBar {
    let total: Int
    let verbose: Int
    let output: OutputSink
    let options: InterpreterOptions
    private let start = ProgressBar.now()
    private var lastDraw = -1.0
    private var previousWidth = 0

    init(total: Int, verbose: Int, output: OutputSink, options: InterpreterOptions) {
        self.total = total
        self.verbose = verbose
        self.output = output
        self.options = options
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Draws the bar after `step` of `total`; `final` ends the line.
    func update(step: Int, logs: Logs, final: Bool) {
        let now = ProgressBar.now()
        if verbose == 2 {
            guard final else { return }
            var line = "\(countText(step))"
            if options.interactive { line += " - \(Int((now - start).rounded()))s -\(stepTime(now, step))" }
            output.write(line + metricsText(logs, absolute: false) + "\n")
            return
        }
        guard verbose == 1 else { return }
        if !options.interactive {
            if final { output.write(barText(step) + metricsText(logs, absolute: true) + "\n") }
            return
        }
        guard final || now - lastDraw >= 0.05 else { return }
        lastDraw = now
        let elapsed = now - start
        let perStep = step > 0 ? elapsed / Double(step) : 0
        let time = final ? "\(Int(elapsed.rounded()))s" : etaText(perStep * Double(total - step))
        let plain = barText(step) + " " + time + stepTime(now, step) + metricsText(logs, absolute: true)
        let visible = plain.count
        var text = "\r" + styled(step) + " " + bold(time) + stepTime(now, step) + metricsText(logs, absolute: true)
        if previousWidth > visible { text += String(repeating: " ", count: previousWidth - visible) }
        previousWidth = visible
        output.write(text + (final ? "\n" : ""))
    }

    private func countText(_ step: Int) -> String {
        let digits = String(total).count
        return String(repeating: " ", count: max(0, digits - String(step).count)) + "\(step)/\(total)"
    }

    private func barCells(_ step: Int) -> (done: Int, rest: Int) {
        let done = total > 0 ? Int(20 * Double(step) / Double(total)) : 0
        return (done, 20 - done)
    }

    private var cell: String { options.unicode ? "━" : "=" }

    func barText(_ step: Int) -> String {
        let (done, rest) = barCells(step)
        return countText(step) + " " + String(repeating: cell, count: done)
            + String(repeating: options.unicode ? cell : ".", count: rest)
    }

    private func styled(_ step: Int) -> String {
        guard options.color else { return barText(step) }
        let (done, rest) = barCells(step)
        let style = Style(unicode: options.unicode, color: true)
        return style.paint(countText(step), "1") + " " + style.paint(String(repeating: cell, count: done), "32")
            + style.paint(String(repeating: options.unicode ? cell : ".", count: rest), "37")
    }

    private func bold(_ text: String) -> String {
        Style(unicode: options.unicode, color: options.color).paint(text, "1")
    }

    private func etaText(_ seconds: Double) -> String {
        let s = Int(seconds)
        if seconds > 3600 { return "\(s / 3600):" + twoDigits((s % 3600) / 60) + ":" + twoDigits(s % 60) }
        if seconds > 60 { return "\(s / 60):" + twoDigits(s % 60) }
        return "\(s)s"
    }

    private func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private func stepTime(_ now: Double, _ step: Int) -> String {
        let perStep = step > 0 ? (now - start) / Double(step) : 0
        if perStep >= 1 || perStep == 0 { return " \(Int(perStep.rounded()))s/step" }
        if perStep >= 1e-3 { return " \(Int((perStep * 1000).rounded()))ms/step" }
        return " \(Int((perStep * 1e6).rounded()))us/step"
    }

    /// ` - accuracy: 0.9500 - loss: 0.1234`, four decimals, or scientific for tiny values.
    func metricsText(_ logs: Logs, absolute: Bool) -> String {
        logs.entries.map { name, value in
            let magnitude = absolute ? abs(value) : value
            return " - \(name): " + (magnitude > 1e-3 ? cFormat("%.4f", Double(value)) : cFormat("%.4e", Double(value)))
        }.joined()
    }
}

/// Prints `Epoch n/N` and a progress bar per epoch during `fit`, as Keras does for verbose 1 and 2.
final class FitProgress: TrainingObserver {
    let epochs: Int
    let verbose: Int
    let output: OutputSink
    let options: InterpreterOptions
    private var bar: ProgressBar?
    private var steps = 0

    init(epochs: Int, verbose: Int, output: OutputSink, options: InterpreterOptions) {
        self.epochs = epochs
        self.verbose = verbose
        self.output = output
        self.options = options
    }

    func trainingWillBegin(_ plan: TrainingPlan) { steps = plan.stepsPerEpoch }

    func epochWillBegin(epoch: Int) {
        output.write("Epoch \(epoch)/\(epochs)\n")
        bar = ProgressBar(total: steps, verbose: verbose, output: output, options: options)
    }

    func batchDidEnd(epoch: Int, step: Int, logs: Logs) {
        if step < steps { bar?.update(step: step, logs: logs, final: false) }
    }

    func epochDidEnd(epoch: Int, logs: Logs) { bar?.update(step: steps, logs: logs, final: true) }
}

/// Passes training events to several observers in order.
final class ObserverGroup: TrainingObserver {
    let members: [TrainingObserver]
    init(_ members: [TrainingObserver]) { self.members = members }
    func trainingWillBegin(_ plan: TrainingPlan) { for m in members { m.trainingWillBegin(plan) } }
    func epochWillBegin(epoch: Int) { for m in members { m.epochWillBegin(epoch: epoch) } }
    /// Which members asked for the coming step's trace: only they receive it.
    private var asked: [Bool] = []
    func wantsTrace(epoch: Int, step: Int) -> Bool {
        asked = members.map { $0.wantsTrace(epoch: epoch, step: step) }
        return asked.contains(true)
    }
    func stepDidFinish(_ trace: StepTrace) {
        for (m, wanted) in zip(members, asked) where wanted { m.stepDidFinish(trace) }
    }
    func stepDidEnd(epoch: Int, step: Int, loss: Float, examples: Int) {
        for m in members { m.stepDidEnd(epoch: epoch, step: step, loss: loss, examples: examples) }
    }
    func batchDidEnd(epoch: Int, step: Int, logs: Logs) {
        for m in members { m.batchDidEnd(epoch: epoch, step: step, logs: logs) }
    }
    func epochDidEnd(epoch: Int, logs: Logs) { for m in members { m.epochDidEnd(epoch: epoch, logs: logs) } }
    func trainingDidEnd(_ history: History) { for m in members { m.trainingDidEnd(history) } }
    func reasonToStop(epoch: Int, step: Int, loss: Float) -> String? {
        members.lazy.compactMap { $0.reasonToStop(epoch: epoch, step: step, loss: loss) }.first
    }
    var stopRequested: Bool { members.contains { $0.stopRequested } }
}
