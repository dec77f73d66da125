/// What the interpreter tells the teaching layer, through one reference
/// (`Interpreter.teaching`): statements about to run, narration, `pause()`, the traces of
/// `model.explain`, `model.step` and `model.diagnose`, and each `fit` (for an observer). Every method
/// has a default that does nothing, so a listener implements only what it shows; the terminal
/// teacher (NNTeach) implements them all, and tests implement small ones.
public protocol TeachingListener: AnyObject {
    /// A statement of the program is about to run; false stops the program (a presenter's `q`).
    func statementWillRun(_ statement: StatementStart) -> Bool
    /// Whether a string standing alone at a program's top level is narration for this listener
    /// (a lesson run as a script) rather than a value (the REPL shows it as `Out[n]`).
    var narrates: Bool { get }
    /// Shows narration: a string standing alone at the top level of a lesson.
    func narrate(_ text: String)
    /// `pause(message)`: waits when a person is there to continue.
    func pause(_ message: String?)
    /// `model.explain(x)`: a forward pass, layer by layer.
    func explainForward(_ trace: ForwardTrace)
    /// `model.step(x, y)`: one training step in full; `example` is the example to tell (0-based),
    /// nil for the batch's highest-loss one.
    func explainStep(_ trace: StepTrace, example: Int?)
    /// `model.diagnose()`: a step's trace (no update), the last fit's history and the model's name.
    func diagnose(_ trace: StepTrace, history: History?, model: String)
    /// A `fit` is about to start: the observers that explain and watch it (none to stay silent).
    func trainingObservers(for fit: FitContext) -> [TrainingObserver]
}

extension TeachingListener {
    public func statementWillRun(_ statement: StatementStart) -> Bool { true }
    public var narrates: Bool { false }
    public func narrate(_ text: String) {}
    public func pause(_ message: String?) {}
    public func explainForward(_ trace: ForwardTrace) {}
    public func explainStep(_ trace: StepTrace, example: Int?) {}
    public func diagnose(_ trace: StepTrace, history: History?, model: String) {}
    public func trainingObservers(for fit: FitContext) -> [TrainingObserver] { [] }
}

/// A statement about to run, as a presenter shows it: its source lines, where it is, and whether it
/// is a string standing alone (narration, which shows itself).
public struct StatementStart: Sendable, Equatable {
    /// The program's name (a file path, `<string>`, `In [3]`).
    public var sourceName: String
    /// The statement's first line, from 1.
    public var line: Int
    /// The statement's text, one entry per source line.
    public var lines: [String]
    /// Whether the statement is a string standing alone.
    public var isString: Bool
    /// The column (from 1) where the statement starts on its first line.
    public var column: Int
    /// Whether the statement is a call of `pause()`, which is a stop of its own.
    public var isPause: Bool

    public init(
        sourceName: String, line: Int, lines: [String], isString: Bool, column: Int = 1,
        isPause: Bool = false
    ) {
        self.sourceName = sourceName
        self.line = line
        self.lines = lines
        self.isString = isString
        self.column = column
        self.isPause = isPause
    }
}

/// What the teaching layer is told about a `fit` call when it may attach an observer.
public struct FitContext {
    public let model: Sequential
    public let epochs: Int
    public let verbose: Int
    /// The `explain=` argument of this call, if given.
    public let explain: ExplainLevel?
    /// Whether compile() was given no optimizer (so Keras's default, RMSprop, runs).
    public let usesDefaultOptimizer: Bool
    /// The session's level, for when the call gives none.
    public let sessionLevel: ExplainLevel
    /// The `example=` argument: which example of the batch a full step tells (0-based).
    public var example: Int?
    /// Whether training is to be drawn live (on a terminal), and the examples it trains on.
    public var live = false
    public var data: (x: Tensor, y: Tensor)?
    /// Where a live fit's last frame goes as a picture (its text and SVG) when the host shows
    /// pictures rather than redrawing a terminal (a notebook); the progress then prints as usual.
    public var showPicture: ((_ text: String, _ svg: String?) -> Void)?

    public init(
        model: Sequential, epochs: Int, verbose: Int, explain: ExplainLevel?, usesDefaultOptimizer: Bool,
        sessionLevel: ExplainLevel, example: Int? = nil
    ) {
        self.model = model
        self.epochs = epochs
        self.verbose = verbose
        self.explain = explain
        self.usesDefaultOptimizer = usesDefaultOptimizer
        self.sessionLevel = sessionLevel
        self.example = example
    }

    /// The level this fit runs at: its own `explain=`, else the session's.
    public var level: ExplainLevel { explain ?? sessionLevel }
}
