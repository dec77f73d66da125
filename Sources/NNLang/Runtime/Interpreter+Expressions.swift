import NNEngine

extension Interpreter {
    /// The value of `expression`. Each kind of node is worked out in its own small function, so that
    /// recursion through a tall tree costs little stack per level (in debug builds too).
    func evaluate(_ expression: Expression) throws(Diagnostic) -> Value {
        if let stackGuard, stackGuard.isExhausted { throw Interpreter.recursionError(at: expression.range) }
        switch expression {
        case .resolved(let resolved, let range): return try lookup(resolved, range: range)
        case .name(let name, let range): return try lookup(name, range: range)
        case .int(let value, _): return .int(value)
        case .float(let value, _): return .float(value)
        case .string(let value, _): return .string(value)
        case .bool(let value, _): return .bool(value)
        case .none: return .none
        case .binary(let op, let left, let right, let range): return try evaluateBinary(op, left, right, range)
        case .call(let callee, let arguments, let range): return try call(callee, arguments, range: range)
        case .attribute(let base, let name, let range): return try evaluateAttribute(base, name, range)
        case .subscription(let base, let items, let range): return try evaluateSubscription(base, items, range)
        case .unary(let op, let operand, let range): return try evaluateUnary(op, operand, range)
        case .compare(let first, let rest, let range): return try evaluateComparison(first, rest, range)
        case .and(let left, let right, let range): return try evaluateAnd(left, right, range)
        case .or(let left, let right, let range): return try evaluateOr(left, right, range)
        case .conditional(let condition, let then, let otherwise, let range):
            return try evaluateConditional(condition, then, otherwise, range)
        case .formattedString, .list, .tuple, .dict, .set: return try evaluateDisplay(expression)
        case .lambda, .comprehension: return try evaluateFunctionLike(expression)
        }
    }

    /// `lambda` and comprehensions, apart so that `evaluate`'s frame stays small.
    @inline(never)
    private func evaluateFunctionLike(_ expression: Expression) throws(Diagnostic) -> Value {
        switch expression {
        case .lambda(let node, let range):
            return .object(
                try makeFunction(
                    "<lambda>", node.parameters, body: [.returnValue(node.body, range)],
                    range: range))
        case .comprehension(let node, let range):
            return try evaluateComprehension(node, range)
        default: return .none
        }
    }

    @inline(never)
    private func evaluateBinary(
        _ op: BinaryOperator, _ left: Expression, _ right: Expression,
        _ range: SourceRange
    ) throws(Diagnostic) -> Value {
        let leftValue = try evaluate(left)
        return try binary(op, leftValue, try evaluate(right), range: range)
    }

    @inline(never)
    private func evaluateAttribute(
        _ base: Expression, _ name: String,
        _ range: SourceRange
    ) throws(Diagnostic) -> Value {
        try attribute(name, of: try evaluate(base), range: range)
    }

    @inline(never)
    private func evaluateSubscription(
        _ base: Expression, _ items: [SubscriptItem],
        _ range: SourceRange
    ) throws(Diagnostic) -> Value {
        let container = try evaluate(base)
        return try subscriptValue(container, try evaluateIndex(items), range: range)
    }

    @inline(never)
    private func evaluateUnary(
        _ op: UnaryOperator, _ operand: Expression,
        _ range: SourceRange
    ) throws(Diagnostic) -> Value {
        try unary(op, try evaluate(operand), range: range)
    }

    @inline(never)
    private func evaluateAnd(
        _ left: Expression, _ right: Expression,
        _ range: SourceRange
    ) throws(Diagnostic) -> Value {
        let value = try evaluate(left)
        return try truth(value, range: range) ? try evaluate(right) : value
    }

    @inline(never)
    private func evaluateOr(
        _ left: Expression, _ right: Expression,
        _ range: SourceRange
    ) throws(Diagnostic) -> Value {
        let value = try evaluate(left)
        return try truth(value, range: range) ? value : try evaluate(right)
    }

    @inline(never)
    private func evaluateConditional(
        _ condition: Expression, _ then: Expression, _ otherwise: Expression,
        _ range: SourceRange
    ) throws(Diagnostic) -> Value {
        try truth(try evaluate(condition), range: range) ? try evaluate(then) : try evaluate(otherwise)
    }

    /// f-strings, lists, tuples and dicts written out.
    @inline(never)
    private func evaluateDisplay(_ expression: Expression) throws(Diagnostic) -> Value {
        switch expression {
        case .formattedString(let parts, _): return .string(try format(parts))
        case .list(let items, _): return .list(try evaluateItems(items))
        case .tuple(let items, _): return .tuple(try evaluateItems(items))
        case .dict(let entries, _): return try evaluateDict(entries)
        case .set(let items, _):
            // As CPython compiles it: three or more constants become a frozenset constant merged into a new set.
            let folded = items.count > 2 && items.allSatisfy(\.isConstant)
            let set = SetObject(frozen: folded)
            for (value, range) in try evaluateItemsWithRanges(items) {
                set.add(value, hash: try hashForSet(value, range: range))
            }
            return .object(folded ? set.copy(frozen: false) : set)
        default: return .none
        }
    }

    private func evaluateDict(_ entries: [(key: Expression, value: Expression)]) throws(Diagnostic) -> Value {
        let dict = DictBox()
        for entry in entries {
            if let mapping = entry.key.doubleStarredValue {
                try mergeMapping(try evaluate(mapping), into: dict, range: mapping.range)
                continue
            }
            let key = try evaluate(entry.key)
            try checkHashable(key, range: entry.key.range)
            dict[key] = try evaluate(entry.value)
        }
        return .dict(dict)
    }

    @inline(never)
    private func evaluateComparison(
        _ first: Expression, _ rest: [(op: ComparisonOperator, right: Expression)],
        _ range: SourceRange
    ) throws(Diagnostic) -> Value {
        var left = try evaluate(first)
        var result: Value = .bool(true)
        for (op, rightExpression) in rest {
            let right = try evaluate(rightExpression)
            result = try compare(op, left, right, range: range)
            if rest.count > 1, !(try truth(result, range: range)) { return result }
            left = right
        }
        return result
    }

    /// A dict key must be hashable, as in Python: `unhashable type: 'list'`.
    func checkHashable(_ key: Value, range: SourceRange) throws(Diagnostic) {
        switch key {
        case .int, .string, .float, .bool, .none: return
        default: _ = try PythonHash.hash(key, range: range)
        }
    }

    /// The hash of a set's item (a set inside a set must be a frozenset).
    func hashForSet(_ value: Value, range: SourceRange) throws(Diagnostic) -> Int {
        try PythonHash.hash(value, range: range)
    }

    func call(_ calleeExpression: Expression, _ argumentExpressions: [Argument], range: SourceRange) throws(Diagnostic)
        -> Value
    {
        try call(try evaluate(calleeExpression), calleeExpression, argumentExpressions, range: range)
    }

    /// The rest of a call once the callee is known (apart, so that `f()()()…` recurses through small frames).
    @inline(never)
    private func call(
        _ callee: Value, _ calleeExpression: Expression, _ argumentExpressions: [Argument],
        range: SourceRange
    ) throws(Diagnostic) -> Value {
        var arguments = CallArguments(range: range)
        arguments.positional.reserveCapacity(argumentExpressions.count)
        arguments.positionalRanges.reserveCapacity(argumentExpressions.count)
        for argument in argumentExpressions {
            let value = try evaluate(argument.value)
            if argument.unpack > 0 {
                try unpackArgument(value, argument, into: &arguments)
            } else if let name = argument.name {
                arguments.keywords.append((name, value, argument.range))
            } else {
                arguments.positional.append(value)
                arguments.positionalRanges.append(argument.range)
            }
        }
        // The program's own functions first: a class check costs less than a protocol conformance lookup.
        if case .object(let object) = callee, let function = object as? UserFunction {
            do { return try function.call(arguments, self) } catch { throw error.located(at: range) }
        }
        guard case .object(let object) = callee, let function = object as? CallableObject else {
            throw Diagnostic(
                "'\(callee.typeName)' object is not callable", at: calleeExpression.range,
                hint: calleeExpression.isNamed ? nil : "remove the parentheses to use the value itself")
        }
        do {
            return try function.call(arguments, self)
        } catch {
            throw error.located(at: range)
        }
    }

    /// Adds the items of `*values` or the entries of `**mapping` to a call's arguments.
    private func unpackArgument(
        _ value: Value, _ argument: Argument,
        into arguments: inout CallArguments
    ) throws(Diagnostic) {
        guard argument.unpack == 2 else {
            let items = try iterate(value, range: argument.range)
            arguments.positional += items
            arguments.positionalRanges += items.map { _ in argument.range }
            return
        }
        guard case .dict(let dict) = value else {
            throw Diagnostic("argument after ** must be a mapping, not \(value.typeName)", at: argument.range)
        }
        for key in dict.keys {
            guard case .string(let name) = key else { throw Diagnostic("keywords must be strings", at: argument.range) }
            if arguments.keywords.contains(where: { $0.name == name }) {
                throw Diagnostic("got multiple values for keyword argument '\(name)'", at: argument.range)
            }
            arguments.keywords.append((name, dict[key] ?? .none, argument.range))
        }
    }

    /// Calls a function value with positional arguments (a `key=` function, a `map` function, …).
    func callValue(_ callee: Value, _ positional: [Value], range: SourceRange) throws(Diagnostic) -> Value {
        guard case .object(let object) = callee, let function = object as? CallableObject else {
            throw Diagnostic("'\(callee.typeName)' object is not callable", at: range)
        }
        let arguments = CallArguments(
            positional: positional, positionalRanges: positional.map { _ in range },
            range: range)
        do { return try function.call(arguments, self) } catch { throw error.located(at: range) }
    }

    /// The attribute `name` of `value`.
    func attribute(_ name: String, of value: Value, range: SourceRange) throws(Diagnostic) -> Value {
        // The names for "did you mean" are gathered only when the lookup fails: a module sorts its members.
        let found: Value?
        let knownNames: () -> [String]
        switch value {
        case .object(let object):
            do { found = try object.attribute(name, self) } catch { throw error.located(at: range) }
            knownNames = { object.attributeNames }
        case .array(let array):
            found = try ArrayAttributes.attribute(name, of: array, self, range: range)
            knownNames = { ArrayAttributes.names }
        default:
            found = try ContainerMethods.attribute(name, of: value, self)
            knownNames = { ContainerMethods.names(for: value) }
        }
        if let found { return found }
        let names = knownNames()
        throw Diagnostic(
            "'\(value.typeName)' object has no attribute '\(name)'", at: range, hint: didYouMean(name, names))
    }

    func evaluateSubscript(_ items: [SubscriptItem]) throws(Diagnostic) -> [IndexItem] {
        try items.map { item throws(Diagnostic) -> IndexItem in
            switch item {
            case .index(let expression):
                return indexItem(try evaluate(expression), expression.range)
            case .slice(let start, let stop, let step):
                func bound(_ e: Expression?) throws(Diagnostic) -> Int? {
                    guard let e else { return nil }
                    let value = try evaluate(e)
                    if case .none = value { return nil }
                    guard let integer = value.exactInteger else {
                        throw Diagnostic("slice indices must be integers or None, not \(value.typeName)", at: e.range)
                    }
                    return integer
                }
                let s = try bound(step)
                if s == 0 { throw Diagnostic("slice step cannot be zero", at: step?.range) }
                return .slice(try bound(start), try bound(stop), s)
            case .ellipsis:
                return .ellipsis
            }
        }
    }

    func format(_ parts: [FormattedPart]) throws(Diagnostic) -> String {
        var result = ""
        for part in parts {
            switch part {
            case .text(let text): result += text
            case .value(let expression, let conversion, let specParts):
                let value = try evaluate(expression)
                let spec = try format(specParts)
                switch conversion {
                case "r":
                    let text = try self.text(of: value, repr: true, range: expression.range)
                    result += try FormatSpec.apply(spec, to: .string(text), self, range: expression.range)
                case "s":
                    let text = try self.text(of: value, range: expression.range)
                    result += try FormatSpec.apply(spec, to: .string(text), self, range: expression.range)
                default: result += try FormatSpec.apply(spec, to: value, self, range: expression.range)
                }
            }
        }
        return result
    }
}

/// One item of an evaluated subscript.
enum IndexItem {
    case value(Value, SourceRange)
    case slice(Int?, Int?, Int?)
    case newAxis
    case ellipsis
}

extension Expression {
    var isNamed: Bool {
        switch self {
        case .name, .resolved, .attribute: true
        default: false
        }
    }
}
