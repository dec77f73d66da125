/// What the interpreter keeps for the language itself, apart from names: the program's own exception
/// classes (by name, with their parents), and the objects raised and not yet caught.
final class LanguageState {
    /// `class MyError(ValueError)`: "MyError" → "ValueError".
    var exceptionParents: [String: String] = [:]
    /// Instances of the program's exception classes in flight, by the token their error carries.
    var raised: [Int: any PyObject] = [:]
    var nextToken = 0
    /// The `tf.GradientTape`s whose `with` block is running, innermost last.
    var gradientTapes: [GradientTapeObject] = []
    /// How many raised objects are remembered (errors that are never caught are forgotten).
    static let raisedLimit = 64
}

extension Interpreter {
    /// The name of an exception class (built-in or the program's), or nil for anything else.
    func exceptionClassName(_ value: Value) -> String? {
        switch value {
        case .object(let type as ExceptionClass): type.name
        case .object(let type as ClassObject) where type.isException: type.name
        default: nil
        }
    }

    /// Whether the exception class `name` is `base` or derives from it (the program's classes too).
    func isException(_ name: String, subclassOf base: String) -> Bool {
        var current: String? = name
        var steps = 0
        while let c = current, steps < 1000 {
            if c == base { return true }
            current = language.exceptionParents[c] ?? PythonExceptions.bases[c]
            steps += 1
        }
        return false
    }

    /// The error that raising an instance of the program's exception class throws.
    func raisedDiagnostic(_ instance: InstanceObject, range: SourceRange) -> Diagnostic {
        raisedDiagnostic(instance, name: instance.type.name, range: range)
    }

    /// The error that raising a built-in exception object throws, keeping the object for `except ... as e`
    /// (StopIteration's `value`).
    func raisedDiagnostic(_ instance: ExceptionInstance, range: SourceRange) -> Diagnostic {
        raisedDiagnostic(instance, name: instance.name, range: range)
    }

    private func raisedDiagnostic(_ instance: any PyObject, name: String, range: SourceRange) -> Diagnostic {
        let text = instance.str(self)
        var diagnostic = Diagnostic(text.isEmpty ? name : text, at: range, exception: name)
        diagnostic.exceptionText = text
        let token = language.nextToken
        language.nextToken += 1
        language.raised[token] = instance
        language.raised[token - LanguageState.raisedLimit] = nil
        diagnostic.raisedToken = token
        return diagnostic
    }

    /// A dict's missing key: NNLab's located message, and for `except KeyError as e` Python's
    /// exception object (`e.args == (key,)`, `str(e)` the key's repr).
    func missingKey(_ key: Value, at range: SourceRange, hint: String?) -> Diagnostic {
        var diagnostic = Diagnostic("KeyError: \(repr(key)) is not a key of this dict", at: range, hint: hint)
        diagnostic.exception = "KeyError"
        let token = language.nextToken
        language.nextToken += 1
        language.raised[token] = ExceptionInstance("KeyError", arguments: [key])
        language.raised[token - LanguageState.raisedLimit] = nil
        diagnostic.raisedToken = token
        return diagnostic
    }

    /// The exception object `except ... as e` binds: the very object raised, or one standing for the error.
    func exceptionValue(for error: Diagnostic, depth: Int = 0) -> Value {
        let object: any PyObject
        if let token = error.raisedToken, let instance = language.raised[token] {
            object = instance
        } else {
            object = ExceptionInstance(caught: error)
        }
        let links = (object as? ExceptionInstance)?.links ?? (object as? InstanceObject)?.exceptionLinks
        if let links, depth < 50 {
            links.cause = error.cause.map { exceptionValue(for: $0, depth: depth + 1) } ?? .none
            links.context = error.context.map { exceptionValue(for: $0, depth: depth + 1) } ?? .none
            links.suppressContext = error.suppressContext
        }
        return .object(object)
    }
}
