/// What calling a generator function gives: its body, run up to each `yield` as items are asked for,
/// with `send`, `throw` and `close` as Python's generators have them.
///
/// The body is stepped by a small executor that keeps its blocks as a stack of frames (see
/// Generators.swift for why). Statements without a `yield` run through the ordinary interpreter;
/// `if`, `for`, `while`, `try` and `with` around a `yield` become frames. An error, `return`, `break`
/// or `continue` unwinds the frames as Python would: `except` clauses catch, `finally` blocks run
/// (and then carry on with what was unwinding), `with` blocks call `__exit__`.
final class PythonGenerator: LazyIterator {
    /// What is unwinding the frames.
    private enum Unwinding {
        case error(Diagnostic)
        case returned(Value)
        case breakLoop
        case continueLoop
    }

    /// Which part of a `try` statement is running.
    private enum TryPhase {
        case body
        case handler(Diagnostic, name: String?)
        case otherwise
        case finally(Unwinding?)
    }

    private enum Frame {
        case block([Statement], Int)
        case forLoop(target: Expression, body: [Statement], cursor: ItemCursor)
        case whileLoop(condition: Expression, body: [Statement])
        /// `yield from iterable`, and where what a delegated generator returns goes (`x = yield from g`).
        case yieldFrom(ItemCursor, target: Expression?)
        case tryStatement(TryBlock, TryPhase)
        /// A `with` item entered: its `__exit__`, called when the frames above it are done.
        case with(exit: Value, range: SourceRange)
    }

    /// How the generator is resumed: by `next`/`send` with a value, or by `throw`/`close` with an error.
    private enum Resumption {
        case value(Value)
        case error(Diagnostic)
    }

    private let function: UserFunction
    private let environment: Environment
    private var frames: [Frame]
    private var started = false
    private var finished = false
    private var running = false
    /// Where the value sent in goes when the generator resumes (`x = yield value`).
    private var sentTarget: Expression?
    /// What `send` or `throw` passes on to the generator that a `yield from` delegates to.
    private var delegated: Resumption?
    /// The value of the `return` that ended the generator (StopIteration's `value`).
    private var returnValue: Value = .none
    private let range: SourceRange

    /// The interpreter that last ran it, to close it when it is dropped while paused (see deinit).
    private weak var interpreter: Interpreter?

    init(function: UserFunction, environment: Environment, range: SourceRange) {
        self.function = function
        self.environment = environment
        self.frames = [.block(function.body, 0)]
        self.range = range
    }

    /// As CPython does when the last reference to a paused generator goes (a `for` loop left by
    /// `break`, say), it is closed: its `finally` blocks and `with` exits run then. Errors they raise
    /// are ignored, as Python ignores them there (it prints them to stderr).
    deinit {
        guard started, !finished, !running, let interpreter, needsClosing else { return }
        try? close(interpreter, range: range)
    }

    /// Whether closing would run any of the program's code (a `try` or `with` is open).
    private var needsClosing: Bool {
        frames.contains { frame in
            switch frame {
            case .tryStatement, .with: true
            case .yieldFrom(let cursor, _): cursor.lazyIterator is PythonGenerator
            default: false
            }
        }
    }

    var typeName: String { "generator" }
    func repr(_ interpreter: Interpreter) -> String { "<generator object \(function.name)>" }
    var attributeNames: [String] { ["send", "throw", "close", "__next__", "__iter__"] }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "send":
            return NNLang.function("send", "value") { [self] a, interpreter throws(Diagnostic) in
                let value = a.values["value"]?.value ?? .none
                if !started, !value.isNone {
                    throw Diagnostic(
                        "can't send non-None value to a just-started generator", at: a.callRange,
                        exception: "TypeError")
                }
                if let item = try resume(.value(value), interpreter) { return item }
                throw stopIteration(interpreter, range: a.callRange)
            }
        case "__next__":
            return NNLang.function("__next__", "") { [self] a, interpreter throws(Diagnostic) in
                try nextOrStop(interpreter, range: a.callRange)
            }
        case "__iter__":
            return NNLang.function("__iter__", "") { [self] _, _ in .object(self) }
        case "throw":
            return NNLang.function("throw", "type, value=None, traceback=None") {
                [self] a, interpreter throws(Diagnostic) in
                var thrown = a.values["type"]?.value ?? .none
                if let value = a.values["value"]?.value, !value.isNone {
                    thrown = try interpreter.callValue(thrown, [value], range: a.callRange)
                }
                let error = try interpreter.raisedError(thrown, range: a.callRange, valueRange: a.range("type"))
                if let item = try resume(.error(error), interpreter) { return item }
                throw stopIteration(interpreter, range: a.callRange)
            }
        case "close":
            return NNLang.function("close", "") { [self] a, interpreter throws(Diagnostic) in
                try close(interpreter, range: a.callRange)
                return .none
            }
        default: return nil
        }
    }

    /// The next item for a loop (which has no use for the value the generator returned).
    func next(_ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        let item = try resume(.value(.none), interpreter)
        if item == nil { returnValue = .none }
        return item
    }

    /// `next(generator)`: the next item, else StopIteration carrying what the generator returned.
    func nextOrStop(_ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> Value {
        if let item = try resume(.value(.none), interpreter) { return item }
        throw stopIteration(interpreter, range: range)
    }

    /// What the generator returned, once (for `x = yield from generator`).
    func takeReturnValue() -> Value {
        defer { returnValue = .none }
        return returnValue
    }

    /// The StopIteration that `next` or `send` raises once the generator has ended: its value is what
    /// the generator returned, given once (a later `next` raises a bare StopIteration, as in Python).
    func stopIteration(_ interpreter: Interpreter, range: SourceRange) -> Diagnostic {
        let instance = ExceptionInstance("StopIteration", arguments: returnValue.isNone ? [] : [returnValue])
        returnValue = .none
        return interpreter.raisedDiagnostic(instance, range: range)
    }

    /// `generator.close()`: GeneratorExit is raised where the generator is paused, so its `finally`
    /// blocks and `with` exits run; a generator that yields again is a RuntimeError, as in Python.
    func close(_ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) {
        guard started, !finished else {
            finished = true
            frames = []
            return
        }
        let exit = Diagnostic("GeneratorExit", at: range, exception: "GeneratorExit")
        do throws(Diagnostic) {
            if try resume(.error(exit), interpreter) != nil {
                throw Diagnostic("generator ignored GeneratorExit", at: range, exception: "RuntimeError")
            }
        } catch {
            if error.exceptionName == "GeneratorExit" || error.exceptionName == "StopIteration" { return }
            throw error
        }
    }

    /// Runs the body from where it paused to its next `yield` (that value) or its end (nil).
    private func resume(_ resumption: Resumption, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        guard !finished else {
            if case .error(let error) = resumption { throw error }
            return nil
        }
        guard !running else { throw Diagnostic("generator already executing", at: range, exception: "ValueError") }
        running = true
        started = true
        self.interpreter = interpreter
        defer { running = false }
        var produced: Value?
        do throws(Diagnostic) {
            _ = try interpreter.withGlobals(of: function.namespace) { () throws(Diagnostic) -> Value in
                try interpreter.callFrame(environment, function: function.name, range: range) {
                    () throws(Diagnostic) in
                    produced = try withHandledErrors(interpreter) { () throws(Diagnostic) in
                        try run(resumption, interpreter)
                    }
                    return .none
                }
            }
        } catch {
            finished = true
            frames = []
            // PEP 479: a StopIteration escaping a generator's body is a RuntimeError.
            if error.exceptionName == "StopIteration" {
                throw Diagnostic("generator raised StopIteration", at: error.range, exception: "RuntimeError")
                    .inSource(function.source)
            }
            // The frame's call site is where the generator was made (usually the `for` that runs it).
            throw error.inSource(function.source).leaving(
                function.name, calledAt: range, by: interpreter.runningFunctionName)
        }
        if produced == nil {
            finished = true
            frames = []
        }
        return produced
    }

    /// The errors being handled by the `except` clauses the generator is paused in are the
    /// interpreter's current ones while it runs (for a bare `raise`), and only then.
    private func withHandledErrors(
        _ interpreter: Interpreter, _ body: () throws(Diagnostic) -> Value?
    ) throws(Diagnostic) -> Value? {
        let base = interpreter.handling.count
        for case .tryStatement(_, .handler(let error, _)) in frames { interpreter.handling.append(error) }
        defer { interpreter.handling.removeSubrange(min(base, interpreter.handling.count)...) }
        return try body()
    }

    /// The stepping loop: each turn runs one statement or moves one frame; errors and jumps unwind.
    private func run(_ resumption: Resumption, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        var unwinding: Unwinding?
        if case .yieldFrom(let cursor, _)? = frames.last, cursor.lazyIterator is PythonGenerator {
            if case .error(let error) = resumption, error.exceptionName == "GeneratorExit" {
                // close() closes the delegate first, then unwinds here.
            } else {
                delegated = resumption
            }
        }
        switch resumption {
        case _ where delegated != nil: break
        case .value(let value):
            if let target = sentTarget {
                sentTarget = nil
                do throws(Diagnostic) { try interpreter.assign(value, to: target) } catch { unwinding = .error(error) }
            }
        case .error(let error):
            sentTarget = nil
            unwinding = .error(error)
        }
        while true {
            if let current = unwinding {
                // An error raised while unwinding (in an `except` test or an `__exit__`) unwinds in its place.
                let rest: Unwinding?
                do throws(Diagnostic) {
                    rest = try unwind(current, interpreter)
                } catch {
                    unwinding = .error(error)
                    continue
                }
                unwinding = nil
                switch rest {
                case .none: continue
                case .error(let error)?: throw error
                case .returned(let value)?:
                    returnValue = value
                    return nil
                case .breakLoop?, .continueLoop?: return nil
                }
            }
            guard !frames.isEmpty else { return nil }
            do throws(Diagnostic) {
                switch try step(interpreter) {
                case .yielded(let value): return value
                case .unwind(let what): unwinding = what
                case .next: break
                }
            } catch { unwinding = .error(error) }
            if interpreter.exitRequested { return nil }
        }
    }

    private enum StepResult {
        case next
        case yielded(Value)
        case unwind(Unwinding)
    }

    /// One turn of the loop on the top frame.
    private func step(_ interpreter: Interpreter) throws(Diagnostic) -> StepResult {
        guard let frame = frames.last else { return .next }
        let top = frames.count - 1
        switch frame {
        case .block(let statements, let index):
            guard index < statements.count else {
                frames.removeLast()
                return .next
            }
            frames[top] = .block(statements, index + 1)
            let statement = statements[index]
            guard statement.containsYield else {
                switch try interpreter.execute(statement) {
                case .next: return .next
                case .returned(let value): return .unwind(.returned(value))
                case .breakLoop: return .unwind(.breakLoop)
                case .continueLoop: return .unwind(.continueLoop)
                }
            }
            return try begin(statement, interpreter)
        case .forLoop(let target, let body, let cursor):
            guard let item = try cursor.next(interpreter) else {
                frames.removeLast()
                return .next
            }
            try interpreter.checkInterrupted(range)
            try interpreter.assign(item, to: target)
            frames.append(.block(body, 0))
        case .whileLoop(let condition, let body):
            try interpreter.checkInterrupted(range)
            if try interpreter.truth(try interpreter.evaluate(condition), range: condition.range) {
                frames.append(.block(body, 0))
            } else {
                frames.removeLast()
            }
        case .yieldFrom(let cursor, let target):
            if let inner = cursor.lazyIterator as? PythonGenerator {
                let resumption = delegated ?? .value(.none)
                delegated = nil
                if let item = try inner.resume(resumption, interpreter) { return .yielded(item) }
                frames.removeLast()
                if let target { try interpreter.assign(inner.takeReturnValue(), to: target) }
                return .next
            }
            if let item = try cursor.next(interpreter) { return .yielded(item) }
            frames.removeLast()
            if let target { try interpreter.assign(.none, to: target) }
        case .tryStatement(let block, let phase):
            // The part that was running ended normally.
            frames.removeLast()
            switch phase {
            case .body:
                if let otherwise = block.otherwise {
                    enter(block, .otherwise, otherwise)
                    return .next
                }
            case .handler(_, let name):
                leaveHandler(name, interpreter)
            case .otherwise: break
            case .finally(let pending):
                if let pending { return .unwind(pending) }
                return .next
            }
            if let finally = block.finally { enter(block, .finally(nil), finally) }
        case .with(let exit, let range):
            frames.removeLast()
            _ = try interpreter.callValue(exit, [.none, .none, .none], range: range)
        }
        return .next
    }

    private func enter(_ block: TryBlock, _ phase: TryPhase, _ statements: [Statement]) {
        frames.append(.tryStatement(block, phase))
        frames.append(.block(statements, 0))
    }

    /// Leaving an `except` clause: its error is handled, and its name unbound, as in Python.
    private func leaveHandler(_ name: String?, _ interpreter: Interpreter) {
        if !interpreter.handling.isEmpty { interpreter.handling.removeLast() }
        if let name { try? interpreter.unbind(name, range: range) }
    }

    /// Starts a statement that has a `yield` in it: a yield gives its value; a block statement pushes frames.
    private func begin(_ statement: Statement, _ interpreter: Interpreter) throws(Diagnostic) -> StepResult {
        if let lowered = try YieldLowering.lowered(statement) {
            frames.append(.block(lowered, 0))
            return .next
        }
        switch statement {
        case .yieldValue(let expression, _):
            return .yielded(try expression.map { e throws(Diagnostic) in try interpreter.evaluate(e) } ?? Value.none)
        case .assign(let targets, let value, _):
            guard let yielded = value.yieldMarker, let first = targets.first else { return .next }
            if value.isYieldFromMarker, let iterable = yielded {
                let cursor = try ItemCursor(try interpreter.evaluate(iterable), interpreter, range: iterable.range)
                frames.append(.yieldFrom(cursor, target: targets.count == 1 ? first : nil))
                return .next
            }
            let item = try yielded.map { e throws(Diagnostic) in try interpreter.evaluate(e) } ?? Value.none
            sentTarget = first
            // `a = b = yield v`: the other targets get the value sent in after the first.
            if targets.count > 1 {
                frames.append(.block(targets.dropFirst().map { .assign(targets: [$0], value: first, $0.range) }, 0))
            }
            return .yielded(item)
        case .yieldFrom(let expression, _):
            frames.append(
                .yieldFrom(
                    try ItemCursor(try interpreter.evaluate(expression), interpreter, range: expression.range),
                    target: nil))
        case .ifStatement(let branches, let otherwise, _):
            for (condition, body) in branches
            where try interpreter.truth(try interpreter.evaluate(condition), range: condition.range) {
                frames.append(.block(body, 0))
                return .next
            }
            if let otherwise { frames.append(.block(otherwise, 0)) }
        case .forLoop(let target, let iterable, let body, _):
            let cursor = try ItemCursor(try interpreter.evaluate(iterable), interpreter, range: iterable.range)
            frames.append(.forLoop(target: target, body: body, cursor: cursor))
        case .whileLoop(let condition, let body, _):
            frames.append(.whileLoop(condition: condition, body: body))
        case .tryStatement(let block, _):
            enter(block, .body, block.body)
        case .withBlock(let items, let body, let range):
            guard let item = items.first else {
                frames.append(.block(body, 0))
                return .next
            }
            let manager = try interpreter.evaluate(item.manager)
            let exit = try interpreter.attribute("__exit__", of: manager, range: item.manager.range)
            let entered = try interpreter.callValue(
                try interpreter.attribute("__enter__", of: manager, range: item.manager.range), [],
                range: item.manager.range)
            frames.append(.with(exit: exit, range: item.manager.range))
            // The other items are a `with` statement of their own inside this one, as in Python.
            let inner: [Statement] =
                items.count > 1 ? [.withBlock(items: Array(items.dropFirst()), body: body, range)] : body
            frames.append(.block(inner, 0))
            if let target = item.target { try interpreter.assign(entered, to: target) }
        default:
            throw .unsupported("this use of 'yield' is not supported yet", at: statement.range)
        }
        return .next
    }

    /// Pops frames for an error, `return`, `break` or `continue` until something takes it: an
    /// `except` clause, a `finally` block (which carries on with it when it ends), a `with` exit that
    /// suppresses the error, or the loop. Returns what is left when the frames run out.
    private func unwind(_ what: Unwinding, _ interpreter: Interpreter) throws(Diagnostic) -> Unwinding? {
        while let frame = frames.popLast() {
            switch frame {
            case .block: continue
            case .forLoop, .whileLoop:
                switch what {
                case .breakLoop: return nil
                case .continueLoop:
                    frames.append(frame)
                    return nil
                default: continue
                }
            case .yieldFrom(let cursor, _):
                if case .error(let error) = what, error.exceptionName == "GeneratorExit",
                    let inner = cursor.lazyIterator as? PythonGenerator
                {
                    try inner.close(interpreter, range: range)
                }
            case .tryStatement(let block, let phase):
                switch phase {
                case .body:
                    if case .error(let error) = what,
                        let handler = try interpreter.handler(for: error, in: block.handlers)
                    {
                        frames.append(.tryStatement(block, .handler(error, name: handler.name)))
                        frames.append(.block(handler.body, 0))
                        interpreter.handling.append(error)
                        if let name = handler.name {
                            try interpreter.bind(name, to: interpreter.exceptionValue(for: error))
                        }
                        return nil
                    }
                case .handler(_, let name): leaveHandler(name, interpreter)
                case .otherwise: break
                case .finally: continue  // what unwinds now replaces what the finally block was carrying
                }
                if let finally = block.finally {
                    enter(block, .finally(what), finally)
                    return nil
                }
            case .with(let exit, let range):
                if case .error(let error) = what {
                    let instance = interpreter.exceptionValue(for: error)
                    let type =
                        interpreter.globals[error.exceptionName] ?? .object(ExceptionClass(error.exceptionName))
                    let suppress = try interpreter.callValue(exit, [type, instance, .none], range: range)
                    if try interpreter.truth(suppress, range: range) { return nil }
                } else {
                    _ = try interpreter.callValue(exit, [.none, .none, .none], range: range)
                }
            }
        }
        return what
    }
}

extension Expression {
    /// For the value side of `x = yield value`, which the parser writes as a call of the keyword
    /// `yield` (a name no program can bind): the yielded expression (nil inside for a bare `yield`).
    var yieldMarker: Expression?? {
        guard case .call(.name("yield", _), let arguments, _) = self else { return nil }
        return .some(arguments.first?.value)
    }

    /// Whether this is the value side of `x = yield from iterable`.
    var isYieldFromMarker: Bool {
        guard case .call(.name("yield", _), let arguments, _) = self else { return false }
        return arguments.first?.name == "from"
    }
}
