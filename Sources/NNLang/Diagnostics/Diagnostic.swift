/// An error in a program, located in its source: what went wrong in plain words, and how to fix it.
/// Errors are values, made where they are found and reported in one place (`DiagnosticFormatter`).
public struct Diagnostic: Error, Equatable, Sendable {
    public enum Kind: String, Sendable {
        /// The text is not valid in the language (a syntax error).
        case syntax = "syntax error"
        /// Valid Python, but outside what NNLab supports yet.
        case unsupported = "not supported"
        /// A name, attribute, argument or value is wrong.
        case error = "error"
    }

    public var kind: Kind
    public var message: String
    public var range: SourceRange?
    /// The rarer parts, boxed, so that a Diagnostic (thrown through every level of a deep
    /// expression, where each call keeps room for one) stays small.
    private var extras = DiagnosticExtras()
    /// A suggestion such as "did you mean 'Dense'?", shown after the source line.
    public var hint: String? {
        get { extras.hint }
        set { extras = extras.with { $0.hint = newValue } }
    }
    /// The source `range` is in, when it is not the one being run (the error is inside a function
    /// written in an earlier REPL cell or another file).
    public var source: SourceFile? {
        get { extras.source }
        set { extras = extras.with { $0.source = newValue } }
    }
    /// The Python exception class this error is (`ValueError`, …), when set where it was made;
    /// otherwise `exceptionName` infers it from the message.
    public var exception: String? {
        get { extras.exception }
        set { extras = extras.with { $0.exception = newValue } }
    }
    /// What `str(e)` gives for a raised exception, when it is not the message (`raise ValueError()`).
    public var exceptionText: String? {
        get { extras.exceptionText }
        set { extras = extras.with { $0.exceptionText = newValue } }
    }

    /// The calls the error unwound through, innermost first (empty for an error at the top level):
    /// recorded only as an error leaves a call, so calls that succeed pay nothing.
    public var traceback: [TracebackEntry] {
        get { extras.traceback }
        set { extras = extras.with { $0.traceback = newValue } }
    }
    /// The function whose frame the error was caught in, when it was caught before leaving any call
    /// (so a chained exception's traceback names it).
    public var caughtIn: String? {
        get { extras.caughtIn }
        set { extras = extras.with { $0.caughtIn = newValue } }
    }
    /// `raise X from Y`: Y, Python's `__cause__`.
    public var cause: Diagnostic? {
        get { extras.chain?.cause }
        set { extras = extras.with { $0.chain = ExceptionChain(newValue, context, suppressContext) } }
    }
    /// The exception being handled when this one was raised, Python's `__context__`.
    public var context: Diagnostic? {
        get { extras.chain?.context }
        set { extras = extras.with { $0.chain = ExceptionChain(cause, newValue, suppressContext) } }
    }
    /// Python's `__suppress_context__` (set by `raise X from Y`, `raise X from None`).
    public var suppressContext: Bool {
        get { extras.chain?.suppressContext ?? false }
        set { extras = extras.with { $0.chain = ExceptionChain(cause, context, newValue) } }
    }

    /// Which raised object of the program this is (an instance of its own exception class), if any.
    var raisedToken: Int? {
        get { extras.raisedToken }
        set { extras = extras.with { $0.raisedToken = newValue } }
    }

    public init(_ message: String, at range: SourceRange?, hint: String? = nil) {
        self.init(.error, message, at: range, hint: hint)
    }

    public init(_ kind: Kind, _ message: String, at range: SourceRange?, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.range = range
        self.hint = hint
    }

    public static func syntax(_ message: String, at range: SourceRange, hint: String? = nil) -> Diagnostic {
        Diagnostic(.syntax, message, at: range, hint: hint)
    }

    public static func unsupported(_ message: String, at range: SourceRange?, hint: String? = nil) -> Diagnostic {
        Diagnostic(.unsupported, message, at: range, hint: hint)
    }

    /// This diagnostic, said to be in `source` if it has a location in no other source yet (and so are
    /// the call sites it unwound through and the exceptions it chains to, which were in the same frame).
    public func inSource(_ source: SourceFile?) -> Diagnostic {
        var copy = self
        if copy.source == nil, copy.range != nil { copy.source = source }
        guard source != nil else { return copy }
        if copy.traceback.contains(where: { $0.source == nil }) {
            copy.traceback = copy.traceback.map { entry in
                var entry = entry
                if entry.source == nil { entry.source = source }
                return entry
            }
        }
        if let chain = extras.chain {
            copy.extras = copy.extras.with {
                $0.chain = ExceptionChain(
                    chain.cause?.inSource(source), chain.context?.inSource(source), chain.suppressContext)
            }
        }
        return copy
    }

    /// This diagnostic, having unwound out of a call of `function` made at `callSite` by the function
    /// `caller` (`<module>` at the top level).
    public func leaving(_ function: String, calledAt callSite: SourceRange, by caller: String) -> Diagnostic {
        var copy = self
        copy.traceback.append(TracebackEntry(function: function, callSite: callSite, caller: caller))
        return copy
    }

    /// This diagnostic, placed at `range` if it has no location yet.
    public func located(at range: SourceRange) -> Diagnostic {
        var copy = self
        if copy.range == nil { copy.range = range }
        return copy
    }
}

/// A diagnostic's hint, source and Python exception, immutable and shared.
final class DiagnosticExtras: Equatable, Sendable {
    struct Fields: Equatable {
        var hint: String?
        var source: SourceFile?
        var exception: String?
        var exceptionText: String?
        var raisedToken: Int?
        var traceback: [TracebackEntry] = []
        var caughtIn: String?
        var chain: ExceptionChain?
    }
    let fields: Fields
    init(_ fields: Fields = Fields()) { self.fields = fields }
    var hint: String? { fields.hint }
    var source: SourceFile? { fields.source }
    var exception: String? { fields.exception }
    var exceptionText: String? { fields.exceptionText }
    var raisedToken: Int? { fields.raisedToken }
    var traceback: [TracebackEntry] { fields.traceback }
    var caughtIn: String? { fields.caughtIn }
    var chain: ExceptionChain? { fields.chain }
    func with(_ change: (inout Fields) -> Void) -> DiagnosticExtras {
        var copy = fields
        change(&copy)
        return DiagnosticExtras(copy)
    }
    static func == (a: DiagnosticExtras, b: DiagnosticExtras) -> Bool { a.fields == b.fields }
}

/// One call an error unwound through: which function was called, where, and by which function.
public struct TracebackEntry: Equatable, Sendable {
    /// The function called (the frame the error came out of).
    public var function: String
    /// The call, in the caller's source.
    public var callSite: SourceRange
    /// The caller's source; nil until the error leaves the caller (then the running source, at the top).
    public var source: SourceFile?
    /// The function that made the call (`<module>` for a module's top level).
    public var caller: String

    public init(function: String, callSite: SourceRange, source: SourceFile? = nil, caller: String) {
        self.function = function
        self.callSite = callSite
        self.source = source
        self.caller = caller
    }
}

/// An exception's `__cause__`, `__context__` and `__suppress_context__`.
struct ExceptionChain: Equatable, Sendable {
    var cause: Diagnostic?
    var context: Diagnostic?
    var suppressContext: Bool
    init(_ cause: Diagnostic?, _ context: Diagnostic?, _ suppressContext: Bool) {
        self.cause = cause
        self.context = context
        self.suppressContext = suppressContext
    }
}

/// Several diagnostics from one pass (the parser reports every statement it cannot read).
public struct DiagnosticList: Error, Sendable {
    public var diagnostics: [Diagnostic]
}
