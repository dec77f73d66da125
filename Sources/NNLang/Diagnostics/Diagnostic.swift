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

    /// This diagnostic, said to be in `source` if it has a location in no other source yet.
    public func inSource(_ source: SourceFile?) -> Diagnostic {
        var copy = self
        if copy.source == nil, copy.range != nil { copy.source = source }
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
    }
    let fields: Fields
    init(_ fields: Fields = Fields()) { self.fields = fields }
    var hint: String? { fields.hint }
    var source: SourceFile? { fields.source }
    var exception: String? { fields.exception }
    var exceptionText: String? { fields.exceptionText }
    var raisedToken: Int? { fields.raisedToken }
    func with(_ change: (inout Fields) -> Void) -> DiagnosticExtras {
        var copy = fields
        change(&copy)
        return DiagnosticExtras(copy)
    }
    static func == (a: DiagnosticExtras, b: DiagnosticExtras) -> Bool { a.fields == b.fields }
}

/// Several diagnostics from one pass (the parser reports every statement it cannot read).
public struct DiagnosticList: Error, Sendable {
    public var diagnostics: [Diagnostic]
}
