import NNEngine
import NNLang
import Testing

/// Records everything the interpreter tells the teaching layer, as the terminal teacher hears it.
final class RecordingListener: TeachingListener {
    var statements: [StatementStart] = []
    var narrations: [String] = []
    var pauses: [String?] = []
    var forwardTraces: [ForwardTrace] = []
    var stepTraces: [(trace: StepTrace, example: Int?)] = []
    var diagnoses: [(trace: StepTrace, hasHistory: Bool, model: String)] = []
    var fits: [FitContext] = []
    var observers: [RecordingObserver] = []
    /// Stops the program before the statement on this line (a presenter's `q`).
    var stopAtLine: Int?
    let narrates: Bool

    init(narrates: Bool = true) { self.narrates = narrates }

    func statementWillRun(_ statement: StatementStart) -> Bool {
        statements.append(statement)
        return statement.line != stopAtLine
    }
    func narrate(_ text: String) { narrations.append(text) }
    func pause(_ message: String?) { pauses.append(message) }
    func explainForward(_ trace: ForwardTrace) { forwardTraces.append(trace) }
    func explainStep(_ trace: StepTrace, example: Int?) { stepTraces.append((trace, example)) }
    func diagnose(_ trace: StepTrace, history: History?, model: String) {
        diagnoses.append((trace, history != nil, model))
    }
    func trainingObservers(for fit: FitContext) -> [TrainingObserver] {
        fits.append(fit)
        let observer = RecordingObserver(level: fit.level)
        observers.append(observer)
        return [observer]
    }
}

/// A fit's events as a teacher at `level` asks for them: full step traces only at 'full'.
final class RecordingObserver: TrainingObserver {
    let level: ExplainLevel
    var steps: [(epoch: Int, step: Int, loss: Float)] = []
    var traces: [StepTrace] = []
    var epochs: [Int] = []
    var ended = false

    init(level: ExplainLevel) { self.level = level }

    func wantsTrace(epoch: Int, step: Int) -> Bool { level == .full && traces.isEmpty }
    func stepDidFinish(_ trace: StepTrace) { traces.append(trace) }
    func stepDidEnd(epoch: Int, step: Int, loss: Float, examples: Int) { steps.append((epoch, step, loss)) }
    func epochDidEnd(epoch: Int, logs: Logs) { epochs.append(epoch) }
    func trainingDidEnd(_ history: History) { ended = true }
}

/// The language's side of teaching, through a small listener: what reaches the teaching layer, at
/// which level, and the errors for a level that does not exist.
@Suite struct TeachingListenerTests {
    static let model = """
        import numpy as np
        X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
        y = np.array([1, 1, 0, 0])
        model = Sequential([Dense(3, activation='relu'), Dense(1, activation='sigmoid')])
        model.compile(loss='binary_crossentropy', optimizer=SGD(learning_rate=0.1))

        """

    func run(_ code: String, name: String = "lesson.nn", listener: RecordingListener) throws(DiagnosticList) -> String {
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        interpreter.teaching = listener
        try interpreter.run(SourceFile(name: name, text: code))
        return output.text
    }

    @Test func aFitAtTheStepLevelDeliversEveryStep() throws {
        let listener = RecordingListener()
        _ = try run(
            Self.model + "model.fit(X, y, epochs=2, batch_size=2, verbose=0, explain='step')", listener: listener)
        #expect(listener.fits.map(\.level) == [.step])
        #expect(listener.fits.first?.explain == .step)
        #expect(listener.fits.first?.sessionLevel == .epoch)
        let observer = try #require(listener.observers.first)
        #expect(observer.steps.map { [$0.epoch, $0.step] } == [[1, 1], [1, 2], [2, 1], [2, 2]])
        #expect(observer.steps.allSatisfy { $0.loss.isFinite && $0.loss > 0 })
        #expect(observer.epochs == [1, 2] && observer.ended)
        #expect(observer.traces.isEmpty)
    }

    @Test func aFullFitDeliversTheTraceOfItsFirstStep() throws {
        let listener = RecordingListener()
        _ = try run(
            Self.model + "explain('full')\nmodel.fit(X, y, epochs=1, batch_size=4, verbose=0, example=2)",
            listener: listener)
        let fit = try #require(listener.fits.first)
        #expect(fit.level == .full && fit.explain == nil && fit.example == 2)
        let trace = try #require(listener.observers.first?.traces.first)
        #expect(trace.step == 1 && trace.input.shape == [4, 2] && trace.layers.count == 2)
    }

    @Test func stepExplainAndDiagnoseReachTheListener() throws {
        let listener = RecordingListener()
        _ = try run(
            Self.model + """
                model.explain(X[:1])
                loss = model.step(X, y, example=1)
                model.diagnose(X, y)
                model.fit(X, y, epochs=1, verbose=0)
                model.diagnose()
                """, listener: listener)
        #expect(listener.forwardTraces.count == 1)
        #expect(listener.stepTraces.map(\.example) == [1])
        #expect(listener.stepTraces.first?.trace.input.shape == [4, 2])
        #expect(listener.diagnoses.map(\.hasHistory) == [false, true])
        #expect(listener.diagnoses.map(\.model) == ["sequential", "sequential"])
    }

    @Test func topLevelStringsOfALessonAreNarration() throws {
        let code = """
            "Welcome to the lesson."
            def f():
                "A docstring, never narrated."
                return 1
            if f() == 1:
                "Inside a block: a value, not narration."
            print("code")
            \"\"\"Second part.\"\"\"
            """
        let listener = RecordingListener()
        let text = try run(code, listener: listener)
        #expect(listener.narrations == ["Welcome to the lesson.", "Second part."])
        #expect(text == "code\n")
        let quiet = RecordingListener()
        _ = try run(code, name: "module.py", listener: quiet)
        #expect(quiet.narrations.isEmpty)
        let repl = RecordingListener(narrates: false)
        _ = try run(code, listener: repl)
        #expect(repl.narrations.isEmpty)
    }

    @Test func pauseReachesTheListener() throws {
        let listener = RecordingListener()
        _ = try run("pause()\npause('Look at the loss.')\npause(message='Next')", listener: listener)
        #expect(listener.pauses == [nil, "Look at the loss.", "Next"])
    }

    @Test func statementsAreToldBeforeTheyRunAndCanStopTheProgram() throws {
        let listener = RecordingListener()
        listener.stopAtLine = 4
        let text = try run("\"Intro\"\nfor i in range(2):\n    print(i)\nprint('never')\n", listener: listener)
        #expect(text == "0\n1\n")
        #expect(listener.statements.map(\.line) == [1, 2, 4])
        #expect(listener.statements.map(\.isString) == [true, false, false])
        #expect(listener.statements[1].lines == ["for i in range(2):"])
        #expect(listener.statements[1].sourceName == "lesson.nn")
    }

    @Test func theSessionLevelIsAnEnumSetByExplain() throws {
        let listener = RecordingListener()
        let text = try run(
            Self.model + """
                print(explain())
                explain('off')
                print(explain())
                model.fit(X, y, epochs=1, verbose=0)
                model.fit(X, y, epochs=1, verbose=0, explain='full')
                """, listener: listener)
        #expect(text == "epoch\noff\n")
        #expect(listener.fits.map(\.sessionLevel) == [.off, .off])
        #expect(listener.fits.map(\.level) == [.off, .full])
    }

    @Test(arguments: [
        ("explain('stpe')", "did you mean 'step'?", 9),
        ("model.fit(X, y, explain='ful')", "did you mean 'full'?", 17),
        ("explain('loud')", "choose 'off', 'epoch', 'step' or 'full'", 9),
    ])
    func anUnknownLevelIsALocatedError(_ call: String, _ hint: String, _ column: Int) throws {
        let listener = RecordingListener()
        do {
            _ = try run(Self.model + call, listener: listener)
            Issue.record("no error for \(call)")
        } catch {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.message.hasPrefix("unknown explanation level '"))
            #expect(diagnostic.hint == hint)
            #expect(diagnostic.range?.start.line == 6)
            #expect(diagnostic.range?.start.column == column)
        }
        #expect(listener.fits.isEmpty)
    }

    @Test func levelsParseFromTheirNames() throws {
        #expect(try ExplainLevel.parse("full", range: nil) == .full)
        #expect(ExplainLevel.names == ["off", "epoch", "step", "full"])
        #expect(ExplainLevel.off < .epoch && .step < .full)
        #expect(throws: Diagnostic.self) { try ExplainLevel.parse("Full", range: nil) }
    }
}
