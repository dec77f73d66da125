/// How tall an expression tree is. The parser bounds it, so that running, checking and freeing a
/// tree (all recursive) stays far within the stack, even in debug builds.
extension Expression {
    /// The expressions directly inside this one.
    var subexpressions: [Expression] {
        switch self {
        case .name, .resolved, .int, .float, .string, .bool, .none: return []
        case .formattedString(let parts, _): return FormattedPart.expressions(in: parts)
        case .list(let items, _), .tuple(let items, _), .set(let items, _): return items
        case .dict(let entries, _): return entries.flatMap { [$0.key, $0.value] }
        case .attribute(let base, _, _): return [base]
        case .subscription(let base, let items, _):
            return [base]
                + items.flatMap { item -> [Expression] in
                    switch item {
                    case .index(let e): [e]
                    case .slice(let a, let b, let c): [a, b, c].compactMap { $0 }
                    case .ellipsis: []
                    }
                }
        case .call(let callee, let arguments, _): return [callee] + arguments.map(\.value)
        case .binary(_, let l, let r, _), .and(let l, let r, _), .or(let l, let r, _): return [l, r]
        case .unary(_, let e, _): return [e]
        case .compare(let first, let rest, _): return [first] + rest.map(\.right)
        case .conditional(let c, let t, let o, _): return [c, t, o]
        case .lambda(let node, _): return node.parameters.compactMap(\.defaultValue) + [node.body]
        case .comprehension(let node, _):
            return [node.element] + (node.value.map { [$0] } ?? [])
                + node.clauses.flatMap { clause -> [Expression] in
                    switch clause {
                    case .loop(let target, let iterable): [target, iterable]
                    case .condition(let condition): [condition]
                    }
                }
        }
    }

    /// The number of levels of the tree (a leaf has 1), counted without recursion and no further
    /// than `limit + 1`.
    func height(limit: Int) -> Int {
        var tallest = 0
        var pending: [(Expression, Int)] = [(self, 1)]
        while let (expression, level) = pending.popLast() {
            tallest = max(tallest, level)
            if tallest > limit { return tallest }
            for child in expression.subexpressions { pending.append((child, level + 1)) }
        }
        return tallest
    }
}

extension FormattedPart {
    static func expressions(in parts: [FormattedPart]) -> [Expression] {
        parts.flatMap { part -> [Expression] in
            if case .value(let e, _, let spec) = part { return [e] + expressions(in: spec) }
            return []
        }
    }
}

extension Parser {
    /// The height of a node made over a left operand of `leftHeight` and `children`, checked.
    func joinedHeight(_ leftHeight: Int, _ children: [Expression], at range: SourceRange) throws(Diagnostic) -> Int {
        var height = leftHeight
        for child in children { height = max(height, child.height(limit: Parser.maximumHeight)) }
        height += 1
        guard height <= Parser.maximumHeight else { throw tooComplex(at: range) }
        return height
    }

    /// Checks a whole expression of a statement (chains are checked while they are read).
    func checkHeight(_ expression: Expression) throws(Diagnostic) {
        guard expression.height(limit: Parser.maximumHeight) <= Parser.maximumHeight else {
            throw tooComplex(at: expression.range)
        }
    }

    func tooComplex(at range: SourceRange) -> Diagnostic {
        .syntax(
            "this expression is too complex (more than \(Parser.maximumHeight) levels)", at: range,
            hint: "split it into several statements, using variables for the parts")
    }
}

extension Expression {
    /// Whether CPython's compiler folds this into a constant: a literal, or a tuple of such.
    var isConstant: Bool {
        switch self {
        case .int, .float, .string, .bool, .none: true
        case .unary(.negate, .int, _), .unary(.negate, .float, _): true
        case .tuple(let items, _): items.allSatisfy(\.isConstant)
        default: false
        }
    }
}
