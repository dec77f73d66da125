/// `try`/`except`/`else`/`finally`, `raise`, `assert` and `del`. Errors stay located `Diagnostic`s;
/// each has a Python exception class (`exceptionName`) that `except` clauses match by inheritance.
extension Interpreter {
    func executeTry(_ block: TryBlock) throws(Diagnostic) -> Flow {
        var flow: Flow = .next(nil)
        var pending: Diagnostic?
        var failed = false
        do {
            flow = try executeBlock(block.body)
        } catch {
            failed = true
            // Raised while another exception is handled: that one is its `__context__`.
            let error = handling.last.map { error.chained(to: $0) } ?? error
            do {
                if let handler = try handler(for: error, in: block.handlers) {
                    flow = try runHandler(handler, for: error)
                } else {
                    pending = error
                }
            } catch { pending = error }
        }
        if !failed, case .next = flow, let otherwise = block.otherwise {
            do { flow = try executeBlock(otherwise) } catch { pending = error }
        }
        if let finally = block.finally {
            let finalFlow: Flow
            do { finalFlow = try executeBlock(finally) } catch { throw pending.map { error.chained(to: $0) } ?? error }
            if case .next = finalFlow {} else { return finalFlow }
        }
        if let pending { throw pending }
        return flow
    }

    /// The first `except` clause that catches `error`.
    func handler(for error: Diagnostic, in handlers: [ExceptHandler]) throws(Diagnostic) -> ExceptHandler? {
        let name = error.exceptionName
        for handler in handlers {
            guard let type = handler.type else {
                return name == "KeyboardInterrupt" ? nil : handler
            }
            let value = try evaluate(type)
            let classes: [Value]
            if case .tuple(let items) = value { classes = items.items } else { classes = [value] }
            for candidate in classes {
                guard let className = exceptionClassName(candidate) else {
                    throw Diagnostic(
                        "catching classes that do not inherit from BaseException is not allowed",
                        at: type.range, exception: "TypeError")
                }
                if isException(name, subclassOf: className) { return handler }
            }
        }
        return nil
    }

    private func runHandler(_ handler: ExceptHandler, for error: Diagnostic) throws(Diagnostic) -> Flow {
        let error = handled(error)
        handling.append(error)
        defer { handling.removeLast() }
        if let name = handler.name { try bind(name, to: exceptionValue(for: error)) }
        let flow: Flow
        do { flow = try executeBlock(handler.body) } catch { throw error.chained(to: handling.last ?? error) }
        // As in Python, the name is unbound at the end of the handler.
        if let name = handler.name { try? unbind(name, range: handler.range) }
        return flow
    }

    /// The error a `raise` statement throws.
    func raised(_ expression: Expression?, from cause: Expression?, range: SourceRange) throws(Diagnostic) -> Diagnostic
    {
        guard let expression else {
            guard let current = handling.last else {
                return Diagnostic("No active exception to reraise", at: range, exception: "RuntimeError")
            }
            return current
        }
        var error = try raisedError(try evaluate(expression), range: range, valueRange: expression.range)
        if let cause {
            // `from None` hides the context; `from e` shows e (with its own traceback, if it was raised).
            let value = try evaluate(cause)
            if case .none = value { error.cause = nil } else { error.cause = try causeError(value, range: cause.range) }
            error.suppressContext = true
        }
        return error
    }

    /// The error a `from` clause names: the handled exception that is this object, or a new one, unraised.
    private func causeError(_ value: Value, range: SourceRange) throws(Diagnostic) -> Diagnostic {
        if let handled = handledError(for: value) { return handled }
        guard exceptionClassName(value) != nil || isExceptionObject(value) else {
            throw Diagnostic("exception causes must derive from BaseException", at: range, exception: "TypeError")
        }
        var error = try raisedError(value, range: range, valueRange: range)
        error.range = nil
        return error
    }

    private func isExceptionObject(_ value: Value) -> Bool {
        switch value {
        case .object(let object as InstanceObject): object.type.isException
        case .object(is ExceptionInstance): true
        default: false
        }
    }

    /// The error as an `except` clause handles it: with an object registered for it (so `raise ... from e`
    /// finds it), and the function it was caught in when it left no call.
    private func handled(_ error: Diagnostic) -> Diagnostic {
        var error = error
        if error.raisedToken == nil {
            let token = language.nextToken
            language.nextToken += 1
            language.raised[token] = ExceptionInstance(caught: error)
            language.raised[token - LanguageState.raisedLimit] = nil
            error.raisedToken = token
        }
        if error.traceback.isEmpty, error.caughtIn == nil { error.caughtIn = runningFunctionName }
        return error
    }

    /// The error that raising `value` (an exception class or instance) throws.
    func raisedError(_ value: Value, range: SourceRange, valueRange: SourceRange) throws(Diagnostic) -> Diagnostic {
        var value = value
        if case .object(let type as ClassObject) = value, type.isException {
            value = try callValue(value, [], range: valueRange)
        }
        let instance: ExceptionInstance
        switch value {
        case .object(let object as InstanceObject) where object.type.isException:
            return raisedDiagnostic(object, range: range)
        case .object(let object as ExceptionClass): instance = ExceptionInstance(object.name, arguments: [])
        case .object(let object as ExceptionInstance): instance = object
        default:
            return Diagnostic("exceptions must derive from BaseException", at: valueRange, exception: "TypeError")
        }
        // The very object is kept for `except ... as e` (its args as given, StopIteration's value).
        return raisedDiagnostic(instance, range: range)
    }

    func executeAssert(_ condition: Expression, _ message: Expression?, range: SourceRange) throws(Diagnostic) {
        guard !(try truth(try evaluate(condition), range: condition.range)) else { return }
        let text = try message.map { m throws(Diagnostic) in try self.text(of: try evaluate(m), range: m.range) } ?? ""
        var diagnostic = Diagnostic(text.isEmpty ? "AssertionError" : text, at: range, exception: "AssertionError")
        diagnostic.exceptionText = text
        throw diagnostic
    }

    /// `del target`: unbinds a name, removes a list item or dict key.
    func delete(_ target: Expression) throws(Diagnostic) {
        switch target {
        case .name(let name, let range):
            try unbind(name, range: range)
        case .resolved(let resolved, let range):
            try unbind(resolved.name, range: range)
        case .subscription(let base, let items, let range):
            let container = try evaluate(base)
            let index = try evaluateSubscript(items)
            if index.count == 1, case .slice(let start, let stop, let step) = index[0], case .list(let list) = container
            {
                return try deleteListSlice(list, start, stop, step, range: range)
            }
            guard index.count == 1, case .value(let key, let keyRange) = index[0] else {
                throw Diagnostic("deleting a slice is not supported", at: range)
            }
            switch container {
            case .list(let list):
                let position = try Subscripts.position(key, count: list.items.count, range: keyRange, what: "list")
                list.items.remove(at: position)
            case .dict(let dict):
                guard dict[key] != nil else {
                    throw missingKey(key, at: keyRange, hint: nil)
                }
                dict[key] = nil
            default:
                if try instanceSetItem(container, key: key, value: nil, range: range) { return }
                throw Diagnostic(
                    "'\(container.typeName)' object doesn't support item deletion", at: range,
                    exception: "TypeError")
            }
        default:
            throw Diagnostic("cannot delete this attribute", at: target.range, exception: "AttributeError")
        }
    }

    /// Removes a name from the scope it is bound in.
    func unbind(_ name: String, range: SourceRange) throws(Diagnostic) {
        if let environment = frames.last, !environment.scope.globals.contains(name) {
            if environment.scope.nonlocals.contains(name), let outer = environment.enclosing(binding: name),
                outer.removeValue(named: name)
            {
                return
            }
            if environment.removeValue(named: name) { return }
            if environment.scope.locals.contains(name) {
                throw Diagnostic(
                    "cannot access local variable '\(name)' where it is not associated with a value",
                    at: range, exception: "UnboundLocalError")
            }
        }
        guard globals.removeValue(forKey: name) != nil else {
            throw Diagnostic("name '\(name)' is not defined", at: range, exception: "NameError")
        }
    }
}

extension Diagnostic {
    init(_ message: String, at range: SourceRange?, exception: String) {
        self.init(message, at: range)
        self.exception = exception
    }

    /// This error with `handled` as its `__context__` (raised while `handled` was being handled),
    /// unless it has one already or is that very exception, re-raised.
    func chained(to handled: Diagnostic) -> Diagnostic {
        guard context == nil else { return self }
        if let token = raisedToken, token == handled.raisedToken { return self }
        var copy = self
        copy.context = handled
        return copy
    }
}

/// A raised exception object's `__cause__`, `__context__` and `__suppress_context__`.
final class ExceptionLinks {
    var cause: Value = .none
    var context: Value = .none
    var suppressContext = false

    func attribute(_ name: String) -> Value? {
        switch name {
        case "__cause__": cause
        case "__context__": context
        case "__suppress_context__": .bool(suppressContext)
        case "__traceback__": Value.none
        default: nil
        }
    }
}

/// A built-in exception class (`ValueError`, …): raised, caught by `except`, called to make an instance.
final class ExceptionClass: CallableObject {
    let name: String
    init(_ name: String) { self.name = name }
    var typeName: String { "type" }
    func repr(_ interpreter: Interpreter) -> String { "<class '\(name)'>" }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        name == "__name__" ? .string(self.name) : nil
    }
    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        .object(ExceptionInstance(name, arguments: arguments.positional))
    }

    /// Every built-in exception class by name, for the built-in names.
    static var all: [String: Value] {
        var classes: [String: Value] = ["BaseException": .object(ExceptionClass("BaseException"))]
        for name in PythonExceptions.bases.keys where name != "StatisticsError" {
            classes[name] = .object(ExceptionClass(name))
        }
        return classes
    }
}

/// An exception value: made by calling its class, or caught with `except E as e`.
final class ExceptionInstance: PyObject {
    let name: String
    private(set) var arguments: [Value]
    /// Whether this stands for an NNLab error (its argument is the message already worded).
    private(set) var caught = false
    /// Its `__cause__` and `__context__`, once raised.
    var links = ExceptionLinks()

    init(_ name: String, arguments: [Value]) {
        self.name = name
        self.arguments = arguments
    }

    /// The exception an error is, with its message as its argument.
    convenience init(caught error: Diagnostic) {
        var text = error.exceptionText ?? error.message
        if text.hasPrefix(error.exceptionName + ": ") { text = String(text.dropFirst(error.exceptionName.count + 2)) }
        self.init(error.exceptionName, arguments: text.isEmpty && error.exceptionText != nil ? [] : [.string(text)])
        caught = true
    }

    deinit { Dismantler.release(&arguments) }

    var typeName: String { name }
    /// `str(e)`: the single argument as text, or the arguments' tuple.
    func text(_ interpreter: Interpreter) -> String {
        switch arguments.count {
        case 0: ""
        // A KeyError shows its key as repr does, as Python's does.
        case 1: name == "KeyError" && !caught ? interpreter.repr(arguments[0]) : interpreter.str(arguments[0])
        default: interpreter.repr(.tuple(arguments))
        }
    }
    func str(_ interpreter: Interpreter) -> String { text(interpreter) }
    func repr(_ interpreter: Interpreter) -> String {
        let inner =
            arguments.count == 1
            ? interpreter.repr(arguments[0])
            : arguments.map { interpreter.repr($0) }.joined(separator: ", ")
        return "\(name)(\(inner))"
    }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "args": .tuple(arguments)
        case "value" where self.name == "StopIteration": arguments.first ?? Value.none
        default: links.attribute(name)
        }
    }
}

extension Interpreter {
    /// `with a as x, b: body`: each manager's `__enter__`, the body, then `__exit__` in reverse order,
    /// told of an error (which it may suppress by returning a true value).
    func executeWith(
        _ items: ArraySlice<(manager: Expression, target: Expression?)>, body: [Statement],
        range: SourceRange
    ) throws(Diagnostic) -> Flow {
        guard let item = items.first else { return try executeBlock(body) }
        let manager = try evaluate(item.manager)
        let exit = try attribute("__exit__", of: manager, range: item.manager.range)
        let entered = try callValue(
            try attribute("__enter__", of: manager, range: item.manager.range), [],
            range: item.manager.range)
        let flow: Flow
        do {
            if let target = item.target { try assign(entered, to: target) }
            flow = try executeWith(items.dropFirst(), body: body, range: range)
        } catch {
            let instance = ExceptionInstance(caught: error)
            let type = globals[instance.name] ?? .object(ExceptionClass(instance.name))
            let suppress = try callValue(
                exit, [type, .object(instance), .none],
                range: item.manager.range)
            if try truth(suppress, range: item.manager.range) { return .next(nil) }
            throw error
        }
        _ = try callValue(exit, [.none, .none, .none], range: item.manager.range)
        return flow
    }
}
