/// Lazy iteration: generator functions (`yield`, `yield from`), generator expressions, and the
/// iterators of `itertools`. The interpreter walks the syntax tree with Swift's own stack, so a
/// generator cannot be paused in the middle of a Swift call. Instead, a generator function's body is
/// run by a small resumable executor (`PythonGenerator`) that keeps its own stack of blocks and loops
/// as data: statements without `yield` in them run through the ordinary interpreter; `if`, `for`,
/// `while`, `try` and `with` around a `yield` are stepped by the executor (GeneratorExecutor.swift),
/// which stops at each `yield` and resumes there. No threads, nothing unbounded: a paused generator is
/// only its frames and its local names.
protocol LazyIterator: PyObject {
    /// The next item, or nil when the iterator is exhausted.
    func next(_ interpreter: Interpreter) throws(Diagnostic) -> Value?
}

/// Where a loop takes its items: a list worked out at once, or a lazy iterator asked item by item.
final class ItemCursor {
    private var items: [Value]
    private var position = 0
    private let lazy: LazyIterator?

    init(_ value: Value, _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) {
        if case .object(let iterator as LazyIterator) = value {
            lazy = iterator
            items = []
        } else if case .object(let instance as InstanceObject) = value {
            lazy = try interpreter.instanceIterator(instance, range: range)
            items = []
        } else {
            lazy = nil
            items = try interpreter.iterate(value, range: range)
        }
    }

    deinit { Dismantler.release(&items) }

    /// The lazy iterator items are taken from, if they are not a list worked out at once.
    var lazyIterator: LazyIterator? { lazy }

    func next(_ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        if let lazy { return try lazy.next(interpreter) }
        guard position < items.count else { return nil }
        position += 1
        return items[position - 1]
    }
}

extension Interpreter {
    /// The most items a lazy iterator gives to `list()`, `sum()` and the other functions that take
    /// all of them (an endless `itertools.count()` stops here with an error instead of hanging).
    static let maximumDrainedItems = 50_000_000

    /// Every item of a lazy iterator.
    func drain(_ iterator: LazyIterator, range: SourceRange) throws(Diagnostic) -> [Value] {
        var items: [Value] = []
        while let item = try iterator.next(self) {
            items.append(item)
            if items.count > Interpreter.maximumDrainedItems {
                throw Diagnostic(
                    "this iterator gives more than 50,000,000 items (is it endless?)", at: range,
                    exception: "MemoryError")
            }
            if items.count & 0xFFF == 0 { try checkInterrupted(range) }
        }
        return items
    }

    /// `for target in iterator: body` over a lazy iterator, item by item.
    func executeLazyFor(
        _ iterator: LazyIterator, target: Expression, body: [Statement],
        range: SourceRange
    ) throws(Diagnostic) -> Flow {
        while let item = try iterator.next(self) {
            try checkInterrupted(range)
            try assign(item, to: target)
            let flow = try executeBlock(body)
            if case .returned = flow { return flow }
            if case .breakLoop = flow { break }
            if exitRequested { break }
        }
        return .next(nil)
    }
}

/// A generator expression `(e for x in xs if c)`: each item is worked out when asked for.
final class GeneratorExpression: LazyIterator {
    private let node: ComprehensionNode
    private let environment: Environment
    private let range: SourceRange
    private var first: ItemCursor?
    /// The loops running, by clause index, innermost last.
    private var loops: [(clause: Int, cursor: ItemCursor)] = []
    /// The clause to run next, or nil to take the next item of the innermost loop.
    private var resume: Int? = 0
    private var finished = false

    init(node: ComprehensionNode, environment: Environment, first: ItemCursor, range: SourceRange) {
        self.node = node
        self.environment = environment
        self.first = first
        self.range = range
    }

    var typeName: String { "generator" }
    func repr(_ interpreter: Interpreter) -> String { "<generator object <genexpr>>" }

    func next(_ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        guard !finished else { return nil }
        let value = try interpreter.callFrame(environment, function: "<genexpr>", range: range) {
            () throws(Diagnostic) -> Value in try step(interpreter) ?? .none
        }
        return finished ? nil : value
    }

    private func step(_ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        let clauses = node.clauses
        while true {
            guard let clause = resume else {
                guard let (index, cursor) = loops.last else {
                    finished = true
                    return nil
                }
                guard let item = try cursor.next(interpreter) else {
                    loops.removeLast()
                    continue
                }
                guard case .loop(let target, _) = clauses[index] else { return nil }
                try interpreter.checkInterrupted(range)
                try interpreter.assign(item, to: target)
                resume = index + 1
                continue
            }
            if clause == clauses.count {
                resume = nil
                return try interpreter.evaluate(node.element)
            }
            switch clauses[clause] {
            case .condition(let condition):
                resume =
                    try interpreter.truth(try interpreter.evaluate(condition), range: condition.range)
                    ? clause + 1 : nil
            case .loop(_, let iterable):
                let cursor: ItemCursor
                if clause == 0, let first {
                    cursor = first
                    self.first = nil
                } else {
                    cursor = try ItemCursor(try interpreter.evaluate(iterable), interpreter, range: iterable.range)
                }
                loops.append((clause, cursor))
                resume = nil
            }
        }
    }
}

extension Statement {
    /// Whether a `yield` runs as part of this statement (not counting functions and classes defined in it).
    var containsYield: Bool {
        switch self {
        case .yieldValue, .yieldFrom: true
        case .expression(let e): e.containsYieldMarker
        case .assign(let targets, let value, _):
            value.yieldMarker != nil || value.containsYieldMarker || targets.contains(where: \.containsYieldMarker)
        case .augmentedAssign(let target, _, let value, _): value.containsYieldMarker || target.containsYieldMarker
        case .returnValue(let e?, _): e.containsYieldMarker
        case .raise(let e, let cause, _): (e?.containsYieldMarker ?? false) || (cause?.containsYieldMarker ?? false)
        case .assertion(let e, let message, _): e.containsYieldMarker || (message?.containsYieldMarker ?? false)
        case .delete(let targets, _): targets.contains(where: \.containsYieldMarker)
        case .ifStatement(let branches, let otherwise, _):
            branches.contains { $0.condition.containsYieldMarker || $0.body.contains(where: \.containsYield) }
                || (otherwise ?? []).contains(where: \.containsYield)
        case .forLoop(_, let iterable, let body, _):
            iterable.containsYieldMarker || body.contains(where: \.containsYield)
        case .whileLoop(let condition, let body, _):
            condition.containsYieldMarker || body.contains(where: \.containsYield)
        case .withBlock(let items, let body, _):
            items.contains { $0.manager.containsYieldMarker } || body.contains(where: \.containsYield)
        case .tryStatement(let block, _):
            ([block.body, block.otherwise ?? [], block.finally ?? []] + block.handlers.map(\.body))
                .contains { $0.contains(where: \.containsYield) }
        default: false
        }
    }
}
