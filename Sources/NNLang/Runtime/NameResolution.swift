/// Resolves the names of a function's body when the function is defined, as CPython's compiler does:
/// a local becomes a slot of the call's environment, a local used by nested functions or a name of an
/// enclosing function a cell of it, anything else a global. Reading or writing one costs no string hashing.
///
/// Only what runs in the function's own frame is rewritten: nested `def` and `lambda` bodies are
/// resolved when they are defined, and comprehension bodies and class bodies (their own frames) keep
/// plain names, which the name-keyed lookup still finds, so both paths see the same variables.
struct NameResolver {
    let scope: FunctionScope
    /// The cells of the function's calls: its own captured locals, then its free names.
    let layout: CellLayout
    /// The running thread's stack bounds: where a tall expression would not fit, the rest of it keeps
    /// its plain names (found by the name-keyed lookup, whose evaluation then reports the RecursionError).
    var stackGuard: StackGuard?
    /// Names the parser uses as markers (see `Expression.starredValue` and `yieldMarker`).
    static let markerNames: Set<String> = ["*", "**", "yield"]

    func place(of name: String) -> ResolvedName.Place {
        if let slot = scope.slotIndex[name] { return .local(slot) }
        if let cell = layout.index[name] { return .cell(cell) }
        return .global
    }

    func statements(_ body: [Statement]) -> [Statement] { body.map(statement) }

    func statement(_ original: Statement) -> Statement {
        if let stackGuard, stackGuard.isExhausted { return original }
        switch original {
        case .expression(let e): return .expression(expression(e))
        case .assign(let targets, let value, let r):
            return .assign(targets: targets.map(expression), value: expression(value), r)
        case .augmentedAssign(let target, let op, let value, let r):
            return .augmentedAssign(target: expression(target), op: op, value: expression(value), r)
        case .importModule, .importNames, .pass, .breakLoop, .continueLoop, .global, .nonlocal:
            return original
        case .ifStatement(let branches, let otherwise, let r):
            return .ifStatement(
                branches: branches.map { (condition: expression($0.condition), body: statements($0.body)) },
                otherwise: otherwise.map(statements), r)
        case .forLoop(let target, let iterable, let body, let r):
            return .forLoop(target: expression(target), iterable: expression(iterable), body: statements(body), r)
        case .whileLoop(let condition, let body, let r):
            return .whileLoop(condition: expression(condition), body: statements(body), r)
        case .functionDefinition(let name, let parameters, let body, let r):
            // Defaults are evaluated here; the body is resolved when this definition runs.
            return .functionDefinition(
                name: name,
                parameters: parameters.map { (name: $0.name, defaultValue: $0.defaultValue.map(expression)) },
                body: body, r)
        case .returnValue(let e, let r): return .returnValue(e.map(expression), r)
        case .tryStatement(let block, let r):
            let handlers = block.handlers.map {
                ExceptHandler(type: $0.type.map(expression), name: $0.name, body: statements($0.body), range: $0.range)
            }
            return .tryStatement(
                TryBlock(
                    body: statements(block.body), handlers: handlers, otherwise: block.otherwise.map(statements),
                    finally: block.finally.map(statements)), r)
        case .raise(let e, let c, let r): return .raise(e.map(expression), from: c.map(expression), r)
        case .assertion(let e, let message, let r):
            return .assertion(expression(e), message: message.map(expression), r)
        case .delete(let targets, let r): return .delete(targets.map(expression), r)
        case .withBlock(let items, let body, let r):
            return .withBlock(
                items: items.map { (manager: expression($0.manager), target: $0.target.map(expression)) },
                body: statements(body), r)
        case .classDefinition(let name, let base, let body, let r):
            return .classDefinition(name: name, base: base.map(expression), body: body, r)
        case .decorated(let decorators, let definition, let r):
            return .decorated(decorators: decorators.map(expression), definition: statement(definition), r)
        case .yieldValue(let e, let r): return .yieldValue(e.map(expression), r)
        case .yieldFrom(let e, let r): return .yieldFrom(expression(e), r)
        }
    }

    func expression(_ e: Expression) -> Expression {
        if let stackGuard, stackGuard.isExhausted { return e }
        switch e {
        // `*x`, `**m` and `x = yield v` are written as calls of names no program can bind; they stay as
        // they are so their markers (`starredValue`, `yieldMarker`) are still recognized.
        case .name(let name, _) where Self.markerNames.contains(name): return e
        case .name(let name, let r): return .resolved(ResolvedName(name: name, place: place(of: name)), r)
        case .resolved, .int, .float, .string, .bool, .none: return e
        case .formattedString(let parts, let r): return .formattedString(formatted(parts), r)
        case .list(let items, let r): return .list(items.map(expression), r)
        case .tuple(let items, let r): return .tuple(items.map(expression), r)
        case .set(let items, let r): return .set(items.map(expression), r)
        case .dict(let entries, let r):
            return .dict(entries.map { (key: expression($0.key), value: expression($0.value)) }, r)
        case .attribute(let base, let name, let r): return .attribute(expression(base), name: name, r)
        case .subscription(let base, let items, let r):
            let resolved = items.map { item -> SubscriptItem in
                switch item {
                case .index(let index): .index(expression(index))
                case .slice(let a, let b, let c):
                    .slice(start: a.map(expression), stop: b.map(expression), step: c.map(expression))
                case .ellipsis: .ellipsis
                }
            }
            return .subscription(expression(base), resolved, r)
        case .call(let callee, let arguments, let r):
            let resolved = arguments.map { argument -> Argument in
                var argument = argument
                argument.value = expression(argument.value)
                return argument
            }
            return .call(expression(callee), resolved, r)
        case .binary(let op, let left, let right, let r): return .binary(op, expression(left), expression(right), r)
        case .unary(let op, let operand, let r): return .unary(op, expression(operand), r)
        case .compare(let first, let rest, let r):
            return .compare(expression(first), rest.map { (op: $0.op, right: expression($0.right)) }, r)
        case .and(let left, let right, let r): return .and(expression(left), expression(right), r)
        case .or(let left, let right, let r): return .or(expression(left), expression(right), r)
        case .conditional(let condition, let then, let otherwise, let r):
            return .conditional(
                condition: expression(condition), then: expression(then), otherwise: expression(otherwise), r)
        case .lambda(let node, let r):
            // The defaults are evaluated here; the body is resolved when the lambda is made.
            let parameters = node.parameters.map { (name: $0.name, defaultValue: $0.defaultValue.map(expression)) }
            return .lambda(LambdaNode(parameters: parameters, body: node.body), r)
        case .comprehension(let node, let r):
            // Only the first iterable is read in this frame; the rest runs in the comprehension's own.
            guard case .loop(let target, let iterable) = node.clauses.first else { return e }
            let clauses =
                [ComprehensionClause.loop(target: target, iterable: expression(iterable))]
                + node.clauses.dropFirst()
            return .comprehension(
                ComprehensionNode(
                    node.kind, element: node.element, value: node.value, clauses: clauses, scope: node.scope), r)
        }
    }

    private func formatted(_ parts: [FormattedPart]) -> [FormattedPart] {
        parts.map { part in
            switch part {
            case .text: part
            case .value(let e, let conversion, let spec):
                .value(expression(e), conversion: conversion, spec: formatted(spec))
            }
        }
    }
}

extension Interpreter {
    /// The value of a resolved name, with the errors `lookup` gives.
    @inline(__always)
    func lookup(_ resolved: ResolvedName, range: SourceRange) throws(Diagnostic) -> Value {
        switch resolved.place {
        case .local(let slot):
            if let environment = frames.last, let value = environment.slot(slot) { return value }
        case .cell(let index):
            if let value = frames.last?.cells[index].value { return value }
        case .global:
            if let value = globals[resolved.name] { return value }
        }
        return try lookup(resolved.name, range: range)
    }

    /// Binds a resolved name: the running call's slot, an enclosing call's (`nonlocal`), or a global.
    @inline(__always)
    func bind(_ resolved: ResolvedName, to value: Value) throws(Diagnostic) {
        switch resolved.place {
        case .local(let slot):
            if let environment = frames.last {
                environment.setSlot(slot, value)
                return
            }
        case .cell(let index):
            if let environment = frames.last {
                environment.cells[index].value = value
                return
            }
        case .global:
            break
        }
        try bind(resolved.name, to: value)
    }
}
