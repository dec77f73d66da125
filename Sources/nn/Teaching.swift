#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NNEngine
import NNLang
import NNPlot
import NNRepl
import NNTeach

/// Connects the teaching layer to an interpreter: the teacher listens to every `fit`, and
/// `model.step`, `model.explain`, narration and `pause()` show what they should.
enum Teaching {
    /// - Parameter narration: whether a string standing alone is narration (in scripts) rather than
    ///   a value to show (in the REPL).
    /// - Parameter override: the level given on the command line, which wins over the program's own
    ///   `fit(explain=...)` (an instructor silences a lesson with `--explain off`).
    /// - Parameter sectionBreak: a stop between the sections of a full step (the presenter's).
    static func attach(to interpreter: Interpreter, styles: StyleSource, output: OutputSink, narration: Bool,
                       override: ExplainLevel? = nil, sectionBreak: ((String) -> Void)? = nil) {
        var style: Style { styles.current }
        // A live fit's picture; what the teacher and the watcher say meanwhile goes under it.
        let live = LiveSlot()
        func say(_ text: String) { if let view = live.view { view.note(text) } else { output.write(text) } }
        interpreter.trainingObservers.append { context in
            live.view = context.live ? LiveTraining(style: { styles.current }, boundary: boundary(context),
                                                    write: { output.write($0) }) : nil
            return live.view
        }
        interpreter.trainingObservers.append { context in
            let requested = override ?? ExplainLevel(rawValue: context.explain ?? context.sessionLevel) ?? .epoch
            // A quiet fit (verbose=0) stays quiet unless an explanation was asked for explicitly.
            let asked = context.explain != nil || (override.map { $0 != .epoch } ?? false)
            if requested == .off || (context.verbose == 0 && !asked && requested == .epoch) { return nil }
            var notes: [String] = []
            if context.usesDefaultOptimizer {
                notes.append("compile() was given no optimizer, so Keras uses RMSprop (learning rate 0.001).")
            }
            let teacher = Teacher(level: requested, style: style, notes: notes) { say($0) }
            teacher.example = context.example
            teacher.restyle = { styles.current }
            teacher.sectionBreak = sectionBreak
            return teacher
        }
        // The watcher says what is going wrong wherever the teacher speaks.
        interpreter.trainingObservers.append { context in
            let requested = ExplainLevel(rawValue: context.explain ?? context.sessionLevel) ?? .epoch
            let quiet = context.verbose == 0 && context.explain == nil && context.sessionLevel == "epoch"
            return requested == .off || quiet ? nil : Teacher(level: requested, style: style) { say($0) }.watcher()
        }
        interpreter.styleSource = { styles.current }
        interpreter.stepExplainer = { trace, example in
            for (index, section) in StepExplanation(style: style).renderSections(trace, inFit: false, example: example)
                .enumerated()
            {
                if index > 0 { sectionBreak?(section.name) }
                output.write(section.text)
            }
        }
        interpreter.diagnoser = { output.write(DiagnosisReport(style: style).render($0, history: $1, model: $2)) }
        interpreter.forwardExplainer = { output.write(StepExplanation(style: style).render($0)) }
        if narration { interpreter.narrationHandler = { output.write(Prose(style: style).render($0)) } }
        interpreter.pauseHandler = { message in
            guard isatty(0) == 1 else { return }
            output.write(style.note(message ?? "(press Enter to continue)"))
            _ = PresenterKeys.readLine()
        }
    }

    /// The decision boundary a live fit draws beside its loss: for two input features and a
    /// classifier's targets (labels or one-hot rows).
    static func boundary(_ context: FitContext) -> LiveTraining.Boundary? {
        guard let (x, y) = context.data, x.rank == 2, x.shape[1] == 2, x.rows > 0 else { return nil }
        var labels = y
        if y.rank == 2, y.shape[1] > 1 {
            labels = Tensor(shape: [y.rows]) { row in
                var best = 0
                for k in 1..<y.shape[1] where y[flat: row * y.shape[1] + k] > y[flat: row * y.shape[1] + best] { best = k }
                return Float(best)
            }
        }
        guard labels.scalars.allSatisfy({ $0 >= 0 && $0 < 10 && $0 == $0.rounded() }) else { return nil }
        let model = context.model
        return LiveTraining.Boundary(points: x, labels: labels) { grid in try? model.predict(grid, batchSize: 4096) }
    }
}

/// The live view of the fit that is running, if it is drawn live.
final class LiveSlot {
    var view: LiveTraining?
}
