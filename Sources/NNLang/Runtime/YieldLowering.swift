/// `yield` inside an expression (`print((yield))`, `x = 1 + (yield y)`, `if (yield): …`,
/// `while (yield) is not None: …`, `return (yield)`).
///
/// The generator executor can only pause between statements (Generators.swift says why), so a
/// statement with a yield inside an expression is rewritten, when it is reached, into statements that
/// pause only at `t = yield value`: what Python evaluates before the yield is worked out first into
/// temporaries, then the yield gives its value to a temporary, then the rest of the expression runs
/// with the temporaries in the yields' places. `and`, `or` and `a if c else b` keep their short
/// circuits as `if` statements. The temporaries are names no program can write (`(yield 0)`), local to
/// the generator's call, and are deleted once the statement has run.
struct YieldLowering {
    private var statements: [Statement] = []
    private var temporaries: [Expression] = []

    /// The statements to run in place of `statement`, or nil when the executor runs it as it is (it
    /// has no yield, or its yield is already one it pauses at).
    static func lowered(_ statement: Statement) throws(Diagnostic) -> [Statement]? {
        var lowering = YieldLowering()
        guard let replaced = try lowering.statement(statement) else { return nil }
        var result = lowering.statements + replaced
        // Once the statement is done, the temporaries let go of their values (a `return` or an error
        // skips this, and the call's end lets go of them then). Some may never have been bound (a
        // short circuit skipped them), so they are set to None rather than deleted.
        if !lowering.temporaries.isEmpty, !replaced.endsFlow {
            result.append(.assign(targets: lowering.temporaries, value: .none(statement.range), statement.range))
        }
        return result
    }

    // MARK: - Statements

    /// The statement rewritten after `statements` (nil: run it unchanged).
    private mutating func statement(_ original: Statement) throws(Diagnostic) -> [Statement]? {
        switch original {
        case .expression(let e):
            guard e.containsYieldMarker else { return nil }
            let value = try expression(e)
            if case .name = value { return [] }
            return [.expression(value)]
        case .assign(let targets, let value, let r):
            let targetsHaveYield = targets.contains { $0.containsYieldMarker }
            if let inner = value.yieldMarker, !targetsHaveYield, !(inner?.containsYieldMarker ?? false) { return nil }
            guard value.containsYieldMarker || targetsHaveYield else { return nil }
            var lowered = try expression(value)
            if targetsHaveYield { lowered = hoist(lowered) }
            var newTargets: [Expression] = []
            for target in targets { newTargets.append(try self.target(target)) }
            return [.assign(targets: newTargets, value: lowered, r)]
        case .augmentedAssign(let target, let op, let value, let r):
            guard value.containsYieldMarker || target.containsYieldMarker else { return nil }
            let newTarget = try self.target(target)
            return [.augmentedAssign(target: newTarget, op: op, value: try expression(value), r)]
        case .returnValue(let e?, let r) where e.containsYieldMarker:
            return [.returnValue(try expression(e), r)]
        case .yieldValue(let e?, let r) where e.containsYieldMarker:
            return [.yieldValue(try expression(e), r)]
        case .yieldFrom(let e, let r) where e.containsYieldMarker:
            return [.yieldFrom(try expression(e), r)]
        case .raise(let e?, let cause, let r) where e.containsYieldMarker:
            return [.raise(try expression(e), from: cause, r)]
        case .assertion(let condition, let message, let r):
            if condition.containsYieldMarker {
                let tested = try expression(condition)
                if message?.containsYieldMarker ?? false {
                    return [
                        .ifStatement(
                            branches: [(.unary(.not, tested, r), [original.withoutCondition])], otherwise: nil, r)
                    ]
                }
                return [.assertion(tested, message: message, r)]
            }
            guard message?.containsYieldMarker ?? false else { return nil }
            return [
                .ifStatement(branches: [(.unary(.not, condition, r), [original.withoutCondition])], otherwise: nil, r)
            ]
        case .delete(let targets, let r) where targets.contains(where: \.containsYieldMarker):
            var newTargets: [Expression] = []
            for target in targets { newTargets.append(try self.target(target)) }
            return [.delete(newTargets, r)]
        case .ifStatement(let branches, let otherwise, let r):
            guard let first = branches.firstIndex(where: { $0.condition.containsYieldMarker }) else { return nil }
            let rest = Array(branches[(first + 1)...])
            let later: [Statement]? = rest.isEmpty ? otherwise : [.ifStatement(branches: rest, otherwise: otherwise, r)]
            if first > 0 {
                // The conditions before it run as they are; the one with a yield starts an `else`.
                return [
                    .ifStatement(
                        branches: Array(branches[..<first]),
                        otherwise: [.ifStatement(branches: Array(branches[first...]), otherwise: otherwise, r)], r)
                ]
            }
            let condition = try expression(branches[0].condition)
            return [.ifStatement(branches: [(condition, branches[0].body)], otherwise: later, r)]
        case .whileLoop(let condition, let body, let r) where condition.containsYieldMarker:
            // `while c: body` is `while True: if not c: break` then the body, with the test's
            // statements at the top of each turn.
            var test = YieldLowering()
            let tested = try test.expression(condition)
            temporaries += test.temporaries
            let check: Statement = .ifStatement(
                branches: [(.unary(.not, tested, r), [.breakLoop(r)])], otherwise: nil, r)
            return [.whileLoop(condition: .bool(true, r), body: test.statements + [check] + body, r)]
        case .forLoop(let target, let iterable, let body, let r) where iterable.containsYieldMarker:
            guard !target.containsYieldMarker else { throw Self.unsupported(r) }
            return [.forLoop(target: target, iterable: try expression(iterable), body: body, r)]
        case .withBlock(let items, let body, let r):
            guard let first = items.firstIndex(where: { $0.manager.containsYieldMarker }) else { return nil }
            guard !items.contains(where: { $0.target?.containsYieldMarker ?? false }) else { throw Self.unsupported(r) }
            if first > 0 {
                let inner: Statement = .withBlock(items: Array(items[first...]), body: body, r)
                return [.withBlock(items: Array(items[..<first]), body: [inner], r)]
            }
            let manager = try expression(items[0].manager)
            let inner: [Statement] =
                items.count > 1 ? [.withBlock(items: Array(items.dropFirst()), body: body, r)] : body
            return [.withBlock(items: [(manager: manager, target: items[0].target)], body: inner, r)]
        default:
            return nil
        }
    }

    /// An assignment target with the yields in its parts (`x[(yield)] = 1`) worked out first.
    private mutating func target(_ target: Expression) throws(Diagnostic) -> Expression {
        guard target.containsYieldMarker else { return target }
        switch target {
        case .attribute(let base, let name, let r): return .attribute(try expression(base), name: name, r)
        case .subscription(let base, let items, let r):
            let (newBase, newItems) = try subscriptParts(base, items)
            return .subscription(newBase, newItems, r)
        case .tuple(let items, let r), .list(let items, let r):
            var parts: [Expression] = []
            for item in items { parts.append(try self.target(item)) }
            if case .list = target { return .list(parts, r) }
            return .tuple(parts, r)
        default: throw Self.unsupported(target.range)
        }
    }

    // MARK: - Expressions

    /// An expression without yields that, once `statements` have run, has the value `e` would have.
    private mutating func expression(_ e: Expression) throws(Diagnostic) -> Expression {
        guard e.containsYieldMarker else { return e }
        if let inner = e.yieldMarker {
            let value = try inner.map { v throws(Diagnostic) in try expression(v) }
            let arguments: [Argument]
            if case .call(_, let original, _) = e, let first = original.first, let value {
                arguments = [Argument(name: first.name, value: value, range: first.range)]
            } else {
                arguments = []
            }
            let temporary = newTemporary(e.range)
            statements.append(
                .assign(targets: [temporary], value: .call(.name("yield", e.range), arguments, e.range), e.range))
            return temporary
        }
        switch e {
        case .list(let items, let r): return .list(try sequence(items), r)
        case .tuple(let items, let r): return .tuple(try sequence(items), r)
        case .set(let items, let r): return .set(try sequence(items), r)
        case .dict(let entries, let r):
            let parts = try sequence(entries.flatMap { [$0.key, $0.value] })
            return .dict(stride(from: 0, to: parts.count, by: 2).map { (key: parts[$0], value: parts[$0 + 1]) }, r)
        case .attribute(let base, let name, let r): return .attribute(try expression(base), name: name, r)
        case .subscription(let base, let items, let r):
            let (newBase, newItems) = try subscriptParts(base, items)
            return .subscription(newBase, newItems, r)
        case .call(let callee, let arguments, let r):
            // A method's object is evaluated before the arguments; the method is looked up after them.
            var parts: [Expression]
            if case .attribute(let base, _, _) = callee { parts = [base] } else { parts = [callee] }
            parts += arguments.map(\.value)
            parts = try sequence(parts)
            var newCallee = parts[0]
            if case .attribute(_, let name, let ar) = callee { newCallee = .attribute(parts[0], name: name, ar) }
            var newArguments = arguments
            for index in newArguments.indices { newArguments[index].value = parts[index + 1] }
            return .call(newCallee, newArguments, r)
        case .binary(let op, let left, let right, let r):
            let parts = try sequence([left, right])
            return .binary(op, parts[0], parts[1], r)
        case .unary(let op, let operand, let r): return .unary(op, try expression(operand), r)
        case .compare(let first, let rest, let r):
            let parts = try sequence([first] + rest.map(\.right))
            return .compare(parts[0], zip(rest, parts.dropFirst()).map { (op: $0.0.op, right: $0.1) }, r)
        case .and(let left, let right, let r): return try shortCircuit(left, right, whenTrue: true, r)
        case .or(let left, let right, let r): return try shortCircuit(left, right, whenTrue: false, r)
        case .conditional(let condition, let then, let otherwise, let r):
            let tested = try expression(condition)
            guard then.containsYieldMarker || otherwise.containsYieldMarker else {
                return .conditional(condition: tested, then: then, otherwise: otherwise, r)
            }
            let result = newTemporary(r)
            var thenPart = YieldLowering()
            let thenValue = try thenPart.expression(then)
            var elsePart = YieldLowering()
            let elseValue = try elsePart.expression(otherwise)
            temporaries += thenPart.temporaries + elsePart.temporaries
            statements.append(
                .ifStatement(
                    branches: [(tested, thenPart.statements + [.assign(targets: [result], value: thenValue, r)])],
                    otherwise: elsePart.statements + [.assign(targets: [result], value: elseValue, r)], r))
            return result
        case .formattedString(let parts, let r):
            var values = try sequence(parts.formattedValues)[...]
            return .formattedString(parts.replacingValues(&values), r)
        case .comprehension(let node, let r):
            // Only the first iterable may hold a yield (the parser rejects the others, as Python does).
            guard case .loop(let target, let iterable) = node.clauses.first else { throw Self.unsupported(r) }
            let clauses = [ComprehensionClause.loop(target: target, iterable: try expression(iterable))]
            return .comprehension(
                ComprehensionNode(
                    node.kind, element: node.element, value: node.value, clauses: clauses + node.clauses.dropFirst()),
                r)
        default:
            throw Self.unsupported(e.range)
        }
    }

    /// `left and right` (`whenTrue`) or `left or right` with a yield in `right`: right runs only when
    /// Python would evaluate it.
    private mutating func shortCircuit(
        _ left: Expression, _ right: Expression, whenTrue: Bool, _ r: SourceRange
    ) throws(Diagnostic) -> Expression {
        let first = try expression(left)
        guard right.containsYieldMarker else { return whenTrue ? .and(first, right, r) : .or(first, right, r) }
        let result = newTemporary(r)
        statements.append(.assign(targets: [result], value: first, r))
        var rightPart = YieldLowering()
        let rightValue = try rightPart.expression(right)
        temporaries += rightPart.temporaries
        let test: Expression = whenTrue ? result : .unary(.not, result, r)
        statements.append(
            .ifStatement(
                branches: [(test, rightPart.statements + [.assign(targets: [result], value: rightValue, r)])],
                otherwise: nil, r))
        return result
    }

    /// Expressions evaluated left to right: those before the last one with a yield are kept in
    /// temporaries, so they are evaluated before that yield pauses, as in Python.
    private mutating func sequence(_ parts: [Expression]) throws(Diagnostic) -> [Expression] {
        guard let last = parts.lastIndex(where: \.containsYieldMarker) else { return parts }
        var result: [Expression] = []
        for (index, part) in parts.enumerated() {
            if index < last {
                result.append(hoist(try expression(part)))
            } else if index == last {
                result.append(try expression(part))
            } else {
                result.append(part)
            }
        }
        return result
    }

    private mutating func subscriptParts(
        _ base: Expression, _ items: [SubscriptItem]
    ) throws(Diagnostic) -> (Expression, [SubscriptItem]) {
        var parts = [base]
        for item in items {
            switch item {
            case .index(let e): parts.append(e)
            case .slice(let a, let b, let c): parts += [a, b, c].compactMap { $0 }
            case .ellipsis: break
            }
        }
        parts = try sequence(parts)
        var next = 1
        func take() -> Expression {
            defer { next += 1 }
            return parts[next]
        }
        let newItems = items.map { item -> SubscriptItem in
            switch item {
            case .index: return .index(take())
            case .slice(let a, let b, let c):
                let start = a.map { _ in take() }
                let stop = b.map { _ in take() }
                let step = c.map { _ in take() }
                return .slice(start: start, stop: stop, step: step)
            case .ellipsis: return .ellipsis
            }
        }
        return (parts[0], newItems)
    }

    /// The value of `e` kept in a temporary, unless reading it later gives the same (a constant or a
    /// name). A starred item keeps its star (`[*a, (yield)]`).
    private mutating func hoist(_ e: Expression) -> Expression {
        switch e {
        case .int, .float, .string, .bool, .none, .name, .resolved, .lambda: return e
        default: break
        }
        if case .call(let star, let arguments, let r) = e, case .name(let marker, _) = star,
            marker == "*" || marker == "**", var argument = arguments.first
        {
            argument.value = hoist(argument.value)
            return .call(star, [argument], r)
        }
        let temporary = newTemporary(e.range)
        statements.append(.assign(targets: [temporary], value: e, e.range))
        return temporary
    }

    private mutating func newTemporary(_ range: SourceRange) -> Expression {
        let temporary = Expression.name("(yield \(temporaries.count))", range)
        temporaries.append(temporary)
        return temporary
    }

    private static func unsupported(_ range: SourceRange) -> Diagnostic {
        .unsupported("this use of 'yield' is not supported yet", at: range)
    }
}

extension Statement {
    /// `assert c, message` as the statement that raises when `c` was false.
    fileprivate var withoutCondition: Statement {
        guard case .assertion(_, let message, let r) = self else { return self }
        return .assertion(.bool(false, r), message: message, r)
    }

    /// Whether nothing after this statement runs (so the temporaries need no deleting).
    fileprivate var endsFlow: Bool {
        switch self {
        case .returnValue, .raise: true
        default: false
        }
    }
}

extension [Statement] {
    fileprivate var endsFlow: Bool { last?.endsFlow ?? false }
}

extension Expression {
    /// Whether a `yield` is evaluated as part of this expression (not in lambdas it makes, nor in a
    /// comprehension's own frame, where the parser allows none).
    var containsYieldMarker: Bool {
        var pending: [Expression] = [self]
        while let e = pending.popLast() {
            if case .call(.name("yield", _), _, _) = e { return true }
            pending += e.evaluatedChildren
        }
        return false
    }
}

extension [FormattedPart] {
    /// The parts with their expressions taken in order from `values` (as `formattedValues` lists them).
    fileprivate func replacingValues(_ values: inout ArraySlice<Expression>) -> [FormattedPart] {
        map { part -> FormattedPart in
            guard case .value(_, let conversion, let spec) = part, let value = values.popFirst() else { return part }
            return .value(value, conversion: conversion, spec: spec.replacingValues(&values))
        }
    }
}
