extension Expression {
    /// The sub-expressions evaluated as part of this one, in order. Scopes are not entered: a lambda
    /// gives its parameter defaults and a comprehension its first iterable, the parts Python evaluates
    /// in the enclosing scope.
    var evaluatedChildren: [Expression] {
        switch self {
        case .name, .int, .float, .string, .bool, .none, .resolved: []
        case .formattedString(let parts, _): parts.formattedValues
        case .list(let items, _), .tuple(let items, _), .set(let items, _): items
        case .dict(let entries, _): entries.flatMap { [$0.key, $0.value] }
        case .attribute(let base, _, _): [base]
        case .subscription(let base, let items, _):
            [base]
                + items.flatMap { item -> [Expression] in
                    switch item {
                    case .index(let index): [index]
                    case .slice(let a, let b, let c): [a, b, c].compactMap { $0 }
                    case .ellipsis: []
                    }
                }
        case .call(let callee, let arguments, _): [callee] + arguments.map(\.value)
        case .binary(_, let left, let right, _), .and(let left, let right, _), .or(let left, let right, _):
            [left, right]
        case .unary(_, let operand, _): [operand]
        case .compare(let first, let rest, _): [first] + rest.map(\.right)
        case .conditional(let condition, let then, let otherwise, _): [condition, then, otherwise]
        case .lambda(let node, _): node.parameters.compactMap(\.defaultValue)
        case .comprehension(let node, _):
            if case .loop(_, let iterable)? = node.clauses.first { [iterable] } else { [] }
        }
    }
}

extension [FormattedPart] {
    /// The expressions of an f-string's parts (format specs included), in the order Python evaluates them.
    var formattedValues: [Expression] {
        flatMap { part -> [Expression] in
            guard case .value(let e, _, let spec) = part else { return [] }
            return [e] + spec.formattedValues
        }
    }
}
