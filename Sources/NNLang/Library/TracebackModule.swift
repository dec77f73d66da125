/// Python's `traceback` module for the exception being handled: `print_exc`, `format_exc`,
/// `print_exception` and `format_exception`, in Python's own words (no carets under expressions).
enum TracebackModule {
    static func module() -> ModuleObject {
        ModuleObject(
            "traceback",
            [
                "format_exc": function("format_exc", "limit=None, chain=True") { a, interpreter throws(Diagnostic) in
                    .string(interpreter.pythonTraceback(interpreter.handling.last, chain: a.flag("chain")))
                },
                "print_exc": function("print_exc", "limit=None, file=None, chain=True") {
                    a, interpreter throws(Diagnostic) in
                    let text = interpreter.pythonTraceback(interpreter.handling.last, chain: a.flag("chain"))
                    try write(text, to: a["file"], interpreter, range: a.callRange)
                    return .none
                },
                "format_exception": function("format_exception", "exc, value=None, tb=None, limit=None, chain=True") {
                    a, interpreter throws(Diagnostic) in
                    let text = interpreter.pythonTraceback(
                        try error(a["value"] ?? a["exc"], interpreter, range: a.callRange), chain: a.flag("chain"))
                    return .list(
                        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
                            .string($0 + "\n")
                        })
                },
                "print_exception": function("print_exception", "exc, value=None, tb=None, limit=None, file=None") {
                    a, interpreter throws(Diagnostic) in
                    let text = interpreter.pythonTraceback(
                        try error(a["value"] ?? a["exc"], interpreter, range: a.callRange), chain: true)
                    try write(text, to: a["file"], interpreter, range: a.callRange)
                    return .none
                },
            ])
    }

    /// The error an exception object stands for: the handled one that is this object, or itself unraised.
    private static func error(_ value: Value?, _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic)
        -> Diagnostic?
    {
        guard let value else { return nil }
        if let handled = interpreter.handledError(for: value) { return handled }
        var error = try interpreter.raisedError(value, range: range, valueRange: range)
        error.range = nil
        return error
    }

    /// `text` to `file` (an object with `write`), or to standard error as Python's default.
    private static func write(_ text: String, to file: Value?, _ interpreter: Interpreter, range: SourceRange)
        throws(Diagnostic)
    {
        guard let file else { return interpreter.warningHandler(text) }
        _ = try interpreter.callValue(
            try interpreter.attribute("write", of: file, range: range), [.string(text)], range: range)
    }
}

extension BoundArguments {
    /// A flag argument that defaults to true.
    fileprivate func flag(_ name: String) -> Bool {
        if case .bool(let value)? = self[name] { return value }
        return true
    }
}

extension Interpreter {
    /// Python's text for `error` and the exceptions it chains to, ending in a line break
    /// (`NoneType: None` when no exception is being handled).
    func pythonTraceback(_ error: Diagnostic?, chain: Bool) -> String {
        guard var error else { return "NoneType: None\n" }
        if !chain {
            error.cause = nil
            error.context = nil
        }
        let running = frames.last?.function?.source ?? currentSource ?? SourceFile(name: "<stdin>", text: "")
        return DiagnosticFormatter().pythonText(error, in: running) { error in
            let text = str(exceptionValue(for: error))
            return error.exceptionName + (text.isEmpty ? "" : ": " + text)
        } + "\n"
    }

    /// The exception being handled that `value` is, with its traceback.
    func handledError(for value: Value) -> Diagnostic? {
        guard case .object(let object) = value else { return nil }
        for error in handling.reversed() {
            if let token = error.raisedToken, let raised = language.raised[token], raised === object { return error }
        }
        return nil
    }

    /// `sys.exc_info()`: the handled exception's class and object, and None for the traceback.
    func exceptionInfo() -> Value {
        guard let error = handling.last else { return .tuple([.none, .none, .none]) }
        let value = exceptionValue(for: error)
        let type: Value
        if case .object(let object as InstanceObject) = value {
            type = .object(object.type)
        } else {
            type = globals[error.exceptionName] ?? .object(ExceptionClass(error.exceptionName))
        }
        return .tuple([type, value, .none])
    }
}
