/// Expressions, by Python's precedence from the conditional expression down to atoms.
extension Parser {
    /// `a, b, c` (a tuple when there is a comma) or a single expression.
    mutating func expressionList() throws(Diagnostic) -> Expression {
        let first = try starredItem()
        guard current.isOp(",") else {
            if first.starredValue != nil { throw .syntax("can't use starred expression here", at: first.range) }
            return first
        }
        var items = [first]
        while acceptOp(",") {
            if endsExpressionList { break }
            items.append(try starredItem())
        }
        return .tuple(items, first.range.through(items.last?.range ?? first.range))
    }

    /// An item of a list, tuple or set display or of a target list: an expression, or `*iterable`
    /// (written as a call of the name `*`, which no program can bind; see `Expression.starredValue`).
    mutating func starredItem() throws(Diagnostic) -> Expression {
        guard current.isOp("*") else { return try expression() }
        let start = current.range
        advance()
        let value = try expression()
        return .call(
            .name("*", start), [Argument(name: nil, value: value, range: value.range)], start.through(value.range))
    }

    var endsExpressionList: Bool {
        current.kind == .newline || current.kind == .endOfFile || current.isOp("=") || current.isOp(")")
            || current.isOp("]") || current.isOp(";")
            || (current.kind == .op && current.text.hasSuffix("=") && current.text.count == 2
                && !["==", "!=", "<=", ">="].contains(current.text))
    }

    mutating func nested<T>(_ body: (inout Parser) throws(Diagnostic) -> T) throws(Diagnostic) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Parser.maximumDepth else {
            throw .syntax(
                "this expression is nested too deeply (more than \(Parser.maximumDepth) levels)", at: current.range)
        }
        return try body(&self)
    }

    /// `a if condition else b`, or an or-expression.
    mutating func expression() throws(Diagnostic) -> Expression {
        try nested { parser throws(Diagnostic) in
            if parser.current.isName("lambda") { return try parser.lambda() }
            let value = try parser.orExpression()
            if parser.current.isOp(":=") {
                throw .unsupported(
                    "the assignment expression ':=' is not supported yet", at: parser.current.range,
                    hint: "assign on a line of its own first: name = value")
            }
            guard parser.current.isName("if") else { return value }
            parser.advance()
            let condition = try parser.orExpression()
            guard parser.current.isName("else") else {
                throw parser.unexpected("expected 'else' in a conditional expression (a if condition else b)")
            }
            parser.advance()
            let otherwise = try parser.expression()
            return .conditional(
                condition: condition, then: value, otherwise: otherwise, value.range.through(otherwise.range))
        }
    }

    mutating func orExpression() throws(Diagnostic) -> Expression {
        var left = try andExpression()
        var height: Int?
        while current.isName("or") {
            let operatorRange = current.range
            advance()
            let right = try andExpression()
            height = try joinedHeight(height ?? left.height(limit: Parser.maximumHeight), [right], at: operatorRange)
            left = .or(left, right, left.range.through(right.range))
        }
        return left
    }

    mutating func andExpression() throws(Diagnostic) -> Expression {
        var left = try notExpression()
        var height: Int?
        while current.isName("and") {
            let operatorRange = current.range
            advance()
            let right = try notExpression()
            height = try joinedHeight(height ?? left.height(limit: Parser.maximumHeight), [right], at: operatorRange)
            left = .and(left, right, left.range.through(right.range))
        }
        return left
    }

    mutating func notExpression() throws(Diagnostic) -> Expression {
        guard current.isName("not") else { return try comparison() }
        let start = current.range
        advance()
        let operand = try nested { parser throws(Diagnostic) in try parser.notExpression() }
        return .unary(.not, operand, start.through(operand.range))
    }

    mutating func comparison() throws(Diagnostic) -> Expression {
        let first = try bitwise()
        var rest: [(op: ComparisonOperator, right: Expression)] = []
        var height: Int?
        while true {
            let operatorRange = current.range
            var op: ComparisonOperator?
            if current.kind == .op, let symbol = ComparisonOperator(rawValue: current.text) {
                op = symbol
                advance()
            } else if current.isName("in") {
                op = .in
                advance()
            } else if current.isName("not"), peek(1).isName("in") {
                op = .notIn
                advance()
                advance()
            } else if current.isName("is") {
                advance()
                if current.isName("not") {
                    advance()
                    op = .isNot
                } else {
                    op = .is
                }
            }
            guard let op else { break }
            let right = try bitwise()
            height = try joinedHeight(height ?? first.height(limit: Parser.maximumHeight), [right], at: operatorRange)
            rest.append((op, right))
        }
        if rest.isEmpty { return first }
        return .compare(first, rest, first.range.through(rest[rest.count - 1].right.range))
    }

    /// `|`, then `^`, then `&`, each binding tighter than the one before (Python's precedence).
    mutating func bitwise() throws(Diagnostic) -> Expression { try bitwiseLevel(0) }

    private mutating func bitwiseLevel(_ level: Int) throws(Diagnostic) -> Expression {
        let symbols = ["|", "^", "&"]
        guard level < symbols.count else {
            let left = try arithmetic()
            if current.kind == .op, ["<<", ">>"].contains(current.text) {
                throw .unsupported("the operator '\(current.text)' is not supported", at: current.range)
            }
            return left
        }
        var left = try bitwiseLevel(level + 1)
        var height: Int?
        while current.isOp(symbols[level]), let op = BinaryOperator(rawValue: symbols[level]) {
            let operatorRange = current.range
            advance()
            let right = try bitwiseLevel(level + 1)
            height = try joinedHeight(height ?? left.height(limit: Parser.maximumHeight), [right], at: operatorRange)
            left = .binary(op, left, right, left.range.through(right.range))
        }
        return left
    }

    mutating func arithmetic() throws(Diagnostic) -> Expression {
        var left = try term()
        var height: Int?
        while current.kind == .op, let op = BinaryOperator(rawValue: current.text), op == .add || op == .subtract {
            let operatorRange = current.range
            advance()
            let right = try term()
            height = try joinedHeight(height ?? left.height(limit: Parser.maximumHeight), [right], at: operatorRange)
            left = .binary(op, left, right, left.range.through(right.range))
        }
        return left
    }

    mutating func term() throws(Diagnostic) -> Expression {
        var left = try factor()
        var height: Int?
        while current.kind == .op, let op = BinaryOperator(rawValue: current.text),
            [.multiply, .divide, .floorDivide, .modulo, .matmul].contains(op)
        {
            let operatorRange = current.range
            advance()
            let right = try factor()
            height = try joinedHeight(height ?? left.height(limit: Parser.maximumHeight), [right], at: operatorRange)
            left = .binary(op, left, right, left.range.through(right.range))
        }
        return left
    }

    mutating func factor() throws(Diagnostic) -> Expression {
        if current.isOp("-") || current.isOp("+") {
            let start = current.range
            let op: UnaryOperator = current.text == "-" ? .negate : .plus
            advance()
            let operand = try nested { parser throws(Diagnostic) in try parser.factor() }
            return .unary(op, operand, start.through(operand.range))
        }
        if current.isOp("~") { throw .unsupported("the operator '~' is not supported", at: current.range) }
        return try power()
    }

    mutating func power() throws(Diagnostic) -> Expression {
        let base = try postfix()
        guard current.isOp("**") else { return base }
        advance()
        let exponent = try nested { parser throws(Diagnostic) in try parser.factor() }
        return .binary(.power, base, exponent, base.range.through(exponent.range))
    }

    /// An atom followed by calls, attributes and subscripts.
    mutating func postfix() throws(Diagnostic) -> Expression {
        var value = try atom()
        var height: Int?
        while true {
            let operatorRange = current.range
            if current.isOp("(") {
                advance()
                let arguments = try nested { parser throws(Diagnostic) in try parser.callArguments() }
                let end = try expectOp(")", "expected ',' or ')' in the call")
                height = try joinedHeight(
                    height ?? value.height(limit: Parser.maximumHeight), arguments.map(\.value),
                    at: operatorRange)
                value = .call(value, arguments, value.range.through(end.range))
            } else if current.isOp(".") {
                advance()
                guard current.kind == .name else { throw unexpected("expected a name after '.'") }
                height = try joinedHeight(height ?? value.height(limit: Parser.maximumHeight), [], at: operatorRange)
                value = .attribute(value, name: current.text, value.range.through(current.range))
                advance()
            } else if current.isOp("[") {
                advance()
                let items = try nested { parser throws(Diagnostic) in try parser.subscriptItems() }
                let end = try expectOp("]", "expected ']' to close the subscript")
                let indexes = Expression.subscription(.none(end.range), items, end.range).subexpressions.dropFirst()
                height = try joinedHeight(
                    height ?? value.height(limit: Parser.maximumHeight), Array(indexes),
                    at: operatorRange)
                value = .subscription(value, items, value.range.through(end.range))
            } else {
                return value
            }
        }
    }

    mutating func callArguments() throws(Diagnostic) -> [Argument] {
        var arguments: [Argument] = []
        var sawKeyword = false
        while !current.isOp(")") {
            let start = current.range
            if current.isOp("*") || current.isOp("**") {
                let unpack = current.text.count
                advance()
                let value = try expression()
                if unpack == 1, arguments.contains(where: { $0.unpack == 2 }) {
                    throw .syntax("iterable argument unpacking follows keyword argument unpacking", at: start)
                }
                arguments.append(Argument(name: nil, value: value, range: start.through(value.range), unpack: unpack))
                if unpack == 2 { sawKeyword = true }
                guard acceptOp(",") else { break }
                continue
            }
            if current.kind == .name, peek(1).isOp("="), !pythonKeywords.contains(current.text) {
                let name = current.text
                advance()
                advance()
                let value = try expression()
                if arguments.contains(where: { $0.name == name }) {
                    throw .syntax("the keyword argument '\(name)' is given twice", at: start)
                }
                arguments.append(Argument(name: name, value: value, range: start.through(value.range)))
                sawKeyword = true
            } else {
                var value = try expression()
                if current.isName("for") {
                    guard arguments.isEmpty else {
                        throw .syntax(
                            "a generator expression must be parenthesized unless it is the only argument",
                            at: current.range)
                    }
                    value = try comprehension(.generator, element: value, value: nil, start: start)
                    guard current.isOp(")") else {
                        throw .syntax(
                            "a generator expression must be parenthesized unless it is the only argument",
                            at: value.range)
                    }
                }
                if sawKeyword {
                    throw .syntax("a positional argument cannot follow keyword arguments", at: value.range)
                }
                arguments.append(Argument(name: nil, value: value, range: value.range))
            }
            guard acceptOp(",") else { break }
        }
        return arguments
    }

    /// The `for … in … if …` clauses after a comprehension's element, which is already read.
    mutating func comprehension(
        _ kind: ComprehensionKind, element: Expression, value: Expression?,
        start: SourceRange
    ) throws(Diagnostic) -> Expression {
        var clauses: [ComprehensionClause] = []
        var end = element.range
        while current.isName("for") || current.isName("if") {
            if current.isName("if") {
                advance()
                let condition = try nested { parser throws(Diagnostic) in try parser.orExpression() }
                clauses.append(.condition(condition))
                end = condition.range
                continue
            }
            advance()
            var targets = [try postfix()]
            while acceptOp(",") { targets.append(try postfix()) }
            let target: Expression =
                targets.count == 1
                ? targets[0] : .tuple(targets, targets[0].range.through(targets[targets.count - 1].range))
            try checkTarget(target)
            guard current.isName("in") else { throw unexpected("expected 'in' in a comprehension (for x in values)") }
            advance()
            let iterable = try nested { parser throws(Diagnostic) in try parser.orExpression() }
            clauses.append(.loop(target: target, iterable: iterable))
            end = iterable.range
        }
        // Only the first iterable is evaluated in the enclosing function, so only it may hold a yield.
        let ownFrame = [element] + [value].compactMap { $0 } + clauses.dropFirst().map(\.expression)
        if let yielding = ownFrame.first(where: \.containsYieldMarker) {
            let what = kind == .generator ? "generator expression" : "\(kind) comprehension"
            throw .syntax("'yield' inside \(what)", at: yielding.range)
        }
        return .comprehension(
            ComprehensionNode(kind, element: element, value: value, clauses: clauses),
            start.through(end))
    }

    /// `lambda a, b=1: expression`
    mutating func lambda() throws(Diagnostic) -> Expression {
        let start = current.range
        advance()
        var parameters: [(name: String, defaultValue: Expression?)] = []
        while !current.isOp(":") {
            guard current.kind == .name, !pythonKeywords.contains(current.text) else {
                throw unexpected("expected a parameter name or ':' in the lambda")
            }
            let name = current.text
            let range = current.range
            guard !parameters.contains(where: { $0.name == name }) else {
                throw .syntax("duplicate parameter '\(name)' in the lambda", at: range)
            }
            advance()
            var defaultValue: Expression?
            if acceptOp("=") {
                defaultValue = try expression()
            } else if parameters.contains(where: { $0.defaultValue != nil }) {
                throw .syntax("a parameter without a default cannot follow one with a default", at: range)
            }
            parameters.append((name, defaultValue))
            guard acceptOp(",") else { break }
        }
        try expectOp(":", "expected ':' after the lambda's parameters")
        let body = try expression()
        if body.containsYieldMarker {
            throw .unsupported("a 'yield' inside a lambda is not supported", at: body.range)
        }
        return .lambda(LambdaNode(parameters: parameters, body: body), start.through(body.range))
    }

    mutating func subscriptItems() throws(Diagnostic) -> [SubscriptItem] {
        var items: [SubscriptItem] = []
        repeat {
            if current.isOp("]") { break }
            if current.isOp("...") {
                advance()
                items.append(.ellipsis)
                continue
            }
            var start: Expression?
            if !current.isOp(":") { start = try expression() }
            if acceptOp(":") {
                var stop: Expression?
                var step: Expression?
                if !current.isOp(":") && !current.isOp(",") && !current.isOp("]") { stop = try expression() }
                if acceptOp(":"), !current.isOp(",") && !current.isOp("]") { step = try expression() }
                items.append(.slice(start: start, stop: stop, step: step))
            } else if let start {
                items.append(.index(start))
            }
        } while acceptOp(",")
        if items.isEmpty { throw unexpected("expected an index inside '[]'") }
        return items
    }

    mutating func atom() throws(Diagnostic) -> Expression {
        let token = current
        if token.isName("yield") {
            // Python takes a yield inside an expression only in parentheses: `print((yield))`.
            throw .syntax("invalid syntax", at: token.range, hint: "put the yield in parentheses: (yield value)")
        }
        switch token.kind {
        case .int:
            advance()
            return .int(token.intValue, token.range)
        case .float:
            advance()
            return .float(token.floatValue, token.range)
        case .string:
            advance()
            return .string(token.text, token.range)
        case .formattedString:
            advance()
            return .formattedString(try FormattedStringParser.parse(token), token.range)
        case .name:
            switch token.text {
            case "True", "False":
                advance()
                return .bool(token.text == "True", token.range)
            case "None":
                advance()
                return .none(token.range)
            default:
                if pythonKeywords.contains(token.text) {
                    if let what = Parser.blockKeywords[token.text] {
                        throw .unsupported(
                            "\(what) \(what.hasSuffix("s") ? "are" : "is") not supported yet", at: token.range)
                    }
                    throw unexpected("expected a value")
                }
                advance()
                return .name(token.text, token.range)
            }
        case .op:
            switch token.text {
            case "(": return try parenthesized()
            case "[": return try listDisplay()
            case "{": return try dictDisplay()
            default: throw unexpected("expected a value")
            }
        case .newline, .endOfFile, .indent, .dedent:
            throw unexpected("expected a value")
        }
    }

    mutating func parenthesized() throws(Diagnostic) -> Expression {
        let open = current.range
        advance()
        if current.isOp(")") {
            let close = current.range
            advance()
            return .tuple([], open.through(close))
        }
        if current.isName("yield") {
            // `(yield value)`: the same marker as the right side of `x = yield value`.
            let value = try yieldValueOfAssignment()
            _ = try expectOp(")", "expected ')' after the yield")
            return value
        }
        let first = try starredItem()
        if current.isName("for") {
            let generator = try comprehension(.generator, element: first, value: nil, start: open)
            let close = try expectOp(")", "expected ')' after the generator expression")
            guard case .comprehension(let node, _) = generator else { return generator }
            return .comprehension(node, open.through(close.range))
        }
        var items = [first]
        var isTuple = false
        while acceptOp(",") {
            isTuple = true
            if current.isOp(")") { break }
            items.append(try starredItem())
        }
        let close = try expectOp(")", "expected ')'")
        if !isTuple, first.starredValue != nil {
            throw .syntax("can't use starred expression here", at: first.range)
        }
        return isTuple ? .tuple(items, open.through(close.range)) : first
    }

    mutating func listDisplay() throws(Diagnostic) -> Expression {
        let open = current.range
        advance()
        var items: [Expression] = []
        while !current.isOp("]") {
            items.append(try starredItem())
            if items.count == 1, current.isName("for") {
                let made = try comprehension(.list, element: items[0], value: nil, start: open)
                let close = try expectOp("]", "expected ']' after the list comprehension")
                guard case .comprehension(let node, _) = made else { return made }
                return .comprehension(node, open.through(close.range))
            }
            guard acceptOp(",") else { break }
        }
        let close = try expectOp("]", "expected ',' or ']' in the list")
        return .list(items, open.through(close.range))
    }

    mutating func dictDisplay() throws(Diagnostic) -> Expression {
        let open = current.range
        advance()
        var entries: [(key: Expression, value: Expression)] = []
        while !current.isOp("}") {
            if current.isOp("**") {
                // `{**mapping}`: its entries merged in, written as a key that is a call of the name `**`.
                let start = current.range
                advance()
                let mapping = try expression()
                let marker = Expression.call(
                    .name("**", start), [Argument(name: nil, value: mapping, range: mapping.range)],
                    start.through(mapping.range))
                entries.append((marker, .none(start)))
                guard acceptOp(",") else { break }
                continue
            }
            let key = try starredItem()
            guard key.starredValue == nil, acceptOp(":") else {
                guard entries.isEmpty else { throw unexpected("expected ':' after the dict key") }
                return try setDisplay(first: key, open: open)
            }
            let value = try expression()
            if entries.isEmpty, current.isName("for") {
                let made = try comprehension(.dict, element: key, value: value, start: open)
                let close = try expectOp("}", "expected '}' after the dict comprehension")
                guard case .comprehension(let node, _) = made else { return made }
                return .comprehension(node, open.through(close.range))
            }
            entries.append((key, value))
            guard acceptOp(",") else { break }
        }
        let close = try expectOp("}", "expected ',' or '}' in the dict")
        return .dict(entries, open.through(close.range))
    }

    /// `{a, b, c}` or `{x for x in xs}`, once the first item is read.
    private mutating func setDisplay(first: Expression, open: SourceRange) throws(Diagnostic) -> Expression {
        if current.isName("for") {
            let made = try comprehension(.set, element: first, value: nil, start: open)
            let close = try expectOp("}", "expected '}' after the set comprehension")
            guard case .comprehension(let node, _) = made else { return made }
            return .comprehension(node, open.through(close.range))
        }
        var items = [first]
        while acceptOp(",") {
            if current.isOp("}") { break }
            items.append(try starredItem())
        }
        let close = try expectOp("}", "expected ',' or '}' in the set")
        return .set(items, open.through(close.range))
    }
}

extension ComprehensionClause {
    /// The iterable of a `for` clause, the test of an `if` clause.
    var expression: Expression {
        switch self {
        case .loop(_, let iterable): iterable
        case .condition(let condition): condition
        }
    }
}
