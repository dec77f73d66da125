/// Block statements: `if`/`elif`/`else`, `for`, `while`, each with a suite that is either the rest
/// of the header's line or an indented block.
extension Parser {
    mutating func ifStatement() throws(Diagnostic) -> Statement {
        let start = current.range
        var branches: [(condition: Expression, body: [Statement])] = []
        var otherwise: [Statement]?
        repeat {
            advance()  // 'if' or 'elif'
            let condition = try expression()
            try checkHeight(condition)
            try expectOp(":", "expected ':' after the condition")
            branches.append((condition, try suite()))
        } while current.isName("elif")
        if current.isName("else") {
            advance()
            try expectOp(":", "expected ':' after 'else'")
            otherwise = try suite()
        }
        return .ifStatement(branches: branches, otherwise: otherwise, start)
    }

    /// A target of a `for` line: a name, attribute or subscript, or `*name` among several.
    private mutating func starredTarget() throws(Diagnostic) -> Expression {
        guard current.isOp("*") else { return try postfix() }
        let start = current.range
        advance()
        let value = try postfix()
        return .call(
            .name("*", start), [Argument(name: nil, value: value, range: value.range)], start.through(value.range))
    }

    mutating func forLoop() throws(Diagnostic) -> Statement {
        let start = current.range
        advance()
        var targets = [try starredTarget()]
        while acceptOp(",") { targets.append(try starredTarget()) }
        let target: Expression =
            targets.count == 1
            ? targets[0] : .tuple(targets, targets[0].range.through(targets[targets.count - 1].range))
        try checkTarget(target)
        try checkHeight(target)
        guard current.isName("in") else { throw unexpected("expected 'in' in a for loop (for x in values:)") }
        advance()
        let iterable = try expressionList()
        try checkHeight(iterable)
        try expectOp(":", "expected ':' at the end of the for line")
        let body = try loopBody()
        let range = start.through(iterable.range)
        return try withElse(range) { body in .forLoop(target: target, iterable: iterable, body: body, range) }(body)
    }

    /// A loop's body, with `break` and `continue` allowed in it.
    private mutating func loopBody() throws(Diagnostic) -> [Statement] {
        loopDepth += 1
        defer { loopDepth -= 1 }
        return try suite()
    }

    /// A loop's `else:` block, if one follows: it runs when the loop ends without `break`. Written as
    /// the loop with each of its own `break`s first setting a flag (a name no program can write),
    /// then `if not flag:` the block.
    private mutating func withElse(
        _ range: SourceRange, _ loop: @escaping ([Statement]) -> Statement
    ) throws(Diagnostic) -> ([Statement]) -> Statement {
        guard current.isName("else") else { return loop }
        advance()
        try expectOp(":", "expected ':' after 'else'")
        let otherwise = try suite()
        loopElseCount += 1
        let flag = Expression.name("loop-else \(loopElseCount)", range)
        return { body in
            func marked(_ statements: [Statement]) -> [Statement] {
                statements.map { statement in
                    switch statement {
                    case .breakLoop(let r):
                        return .ifStatement(
                            branches: [
                                (.bool(true, r), [.assign(targets: [flag], value: .bool(true, r), r), statement])
                            ],
                            otherwise: nil, r)
                    case .ifStatement(let branches, let rest, let r):
                        return .ifStatement(
                            branches: branches.map { ($0.condition, marked($0.body)) }, otherwise: rest.map(marked), r)
                    case .tryStatement(var block, let r):
                        block.body = marked(block.body)
                        block.handlers = block.handlers.map { handler in
                            var handler = handler
                            handler.body = marked(handler.body)
                            return handler
                        }
                        block.otherwise = block.otherwise.map(marked)
                        block.finally = block.finally.map(marked)
                        return .tryStatement(block, r)
                    case .withBlock(let items, let inner, let r):
                        return .withBlock(items: items, body: marked(inner), r)
                    default: return statement
                    }
                }
            }
            return .ifStatement(
                branches: [
                    (
                        .bool(true, range),
                        [
                            .assign(targets: [flag], value: .bool(false, range), range), loop(marked(body)),
                            .ifStatement(branches: [(.unary(.not, flag, range), otherwise)], otherwise: nil, range),
                        ]
                    )
                ], otherwise: nil, range)
        }
    }

    mutating func tryStatement() throws(Diagnostic) -> Statement {
        let start = current.range
        advance()
        try expectOp(":", "expected ':' after 'try'")
        var block = TryBlock(body: try suite(), handlers: [])
        while current.isName("except") {
            let range = current.range
            advance()
            var type: Expression?
            var name: String?
            if !current.isOp(":") {
                if block.handlers.last.map({ $0.type == nil }) == true {
                    throw .syntax("default 'except:' must be last", at: range)
                }
                type = try expression()
                if current.isName("as") {
                    advance()
                    guard current.kind == .name, !pythonKeywords.contains(current.text) else {
                        throw unexpected("expected a name after 'as'")
                    }
                    name = current.text
                    advance()
                }
            }
            try expectOp(":", "expected ':' at the end of the except line")
            block.handlers.append(ExceptHandler(type: type, name: name, body: try suite(), range: range))
        }
        if current.isName("else") {
            guard !block.handlers.isEmpty else {
                throw .syntax("'else' after 'try' needs an 'except' before it", at: current.range)
            }
            advance()
            try expectOp(":", "expected ':' after 'else'")
            block.otherwise = try suite()
        }
        if current.isName("finally") {
            advance()
            try expectOp(":", "expected ':' after 'finally'")
            block.finally = try suite()
        }
        guard !block.handlers.isEmpty || block.finally != nil else {
            throw .syntax("expected 'except' or 'finally' block", at: current.range)
        }
        return .tryStatement(block, start)
    }

    mutating func withBlock() throws(Diagnostic) -> Statement {
        let start = current.range
        advance()
        var items: [(manager: Expression, target: Expression?)] = []
        var end = start
        repeat {
            let manager = try expression()
            var target: Expression?
            if current.isName("as") {
                advance()
                let name = try postfix()
                try checkTarget(name)
                target = name
            }
            items.append((manager, target))
            end = target?.range ?? manager.range
        } while acceptOp(",")
        try expectOp(":", "expected ':' at the end of the with line")
        return .withBlock(items: items, body: try suite(), start.through(end))
    }

    mutating func classDefinition() throws(Diagnostic) -> Statement {
        let start = current.range
        advance()
        guard current.kind == .name, !pythonKeywords.contains(current.text) else {
            throw unexpected("expected the class's name after 'class'")
        }
        let name = current.text
        var end = current.range
        advance()
        var base: Expression?
        if acceptOp("(") {
            if !current.isOp(")") { base = try expression() }
            if current.isOp(",") {
                throw .unsupported("a class with several base classes is not supported", at: current.range)
            }
            end = try expectOp(")", "expected ')' after the base class").range
        }
        try expectOp(":", "expected ':' at the end of the class line")
        let savedLoops = loopDepth
        let savedFunctions = functionDepth
        let savedClassBody = inClassBody
        loopDepth = 0
        functionDepth = 0
        inClassBody = true
        defer {
            loopDepth = savedLoops
            functionDepth = savedFunctions
            inClassBody = savedClassBody
        }
        return .classDefinition(name: name, base: base, body: try suite(), start.through(end))
    }

    mutating func whileLoop() throws(Diagnostic) -> Statement {
        let start = current.range
        advance()
        let condition = try expression()
        try checkHeight(condition)
        try expectOp(":", "expected ':' after the condition")
        let body = try loopBody()
        let range = start.through(condition.range)
        return try withElse(range) { body in .whileLoop(condition: condition, body: body, range) }(body)
    }

    mutating func functionDefinition() throws(Diagnostic) -> Statement {
        let start = current.range
        advance()
        guard current.kind == .name, !pythonKeywords.contains(current.text) else {
            throw unexpected("expected the function's name after 'def'")
        }
        let name = current.text
        advance()
        try expectOp("(", "expected '(' after the function's name")
        var parameters: [(name: String, defaultValue: Expression?)] = []
        while !current.isOp(")") {
            if parameters.last?.name.hasPrefix("**") == true {
                let last = parameters.last?.name.dropFirst(2) ?? ""
                throw .syntax("no parameter can follow **\(last)", at: current.range)
            }
            var star = ""
            if current.isOp("*") || current.isOp("**") {
                star = current.text
                guard star == "**" || !parameters.contains(where: { $0.name.hasPrefix("*") }) else {
                    throw .syntax("* argument may appear only once", at: current.range)
                }
                advance()
                if star == "*", current.isOp(",") || current.isOp(")") {
                    if current.isOp(")") { throw .syntax("named arguments must follow bare *", at: current.range) }
                    parameters.append(("*", nil))
                    advance()
                    continue
                }
            }
            guard current.kind == .name, !pythonKeywords.contains(current.text) else {
                throw unexpected("expected a parameter name")
            }
            let parameter = star + current.text
            let range = current.range
            guard !parameters.contains(where: { $0.name == parameter }) else {
                throw .syntax("duplicate parameter '\(parameter)' in the definition of \(name)", at: range)
            }
            advance()
            // A parameter's annotation (`x: int`) is read and not evaluated.
            if acceptOp(":") { try checkHeight(try expression()) }
            var defaultValue: Expression?
            if acceptOp("=") {
                defaultValue = try expression()
                try checkHeight(defaultValue ?? .none(range))
            } else if star.isEmpty, !parameters.contains(where: { $0.name.hasPrefix("*") }),
                parameters.contains(where: { $0.defaultValue != nil })
            {
                throw .syntax("a parameter without a default cannot follow one with a default", at: range)
            }
            parameters.append((parameter, defaultValue))
            guard acceptOp(",") else { break }
        }
        let close = try expectOp(")", "expected ')' after the parameters")
        if acceptOp("->") { try checkHeight(try expression()) }  // the return annotation, not evaluated
        try expectOp(":", "expected ':' at the end of the def line")
        let savedLoops = loopDepth
        let savedClassBody = inClassBody
        loopDepth = 0
        functionDepth += 1
        inClassBody = false
        defer {
            inClassBody = savedClassBody
            functionDepth -= 1
            loopDepth = savedLoops
        }
        return .functionDefinition(name: name, parameters: parameters, body: try suite(), start.through(close.range))
    }

    /// The statements of a block: on the header's line after ':', or indented on the lines below.
    mutating func suite() throws(Diagnostic) -> [Statement] {
        guard current.kind == .newline else { return try simpleStatements() }
        blockDepth += 1
        defer { blockDepth -= 1 }
        guard blockDepth <= Parser.maximumBlockDepth else {
            throw .syntax(
                "too many levels of indentation (more than \(Parser.maximumBlockDepth) nested blocks)",
                at: peek(1).range, hint: "move the inner blocks into a function")
        }
        advance()
        guard current.kind == .indent else {
            throw .syntax(
                "expected an indented block after ':'", at: current.range,
                hint: "indent the block's lines, for example by 4 spaces")
        }
        advance()
        var body: [Statement] = []
        while current.kind != .dedent && current.kind != .endOfFile {
            if current.kind == .newline {
                advance()
                continue
            }
            body += try statementLine()
        }
        if current.kind == .dedent { advance() }
        return body
    }

    /// `@decorator` lines (each an expression), then the `def` or `class` they decorate.
    mutating func decorated() throws(Diagnostic) -> Statement {
        let start = current.range
        var decorators: [Expression] = []
        while current.isOp("@") {
            advance()
            let decorator = try expression()
            try checkHeight(decorator)
            guard current.kind == .newline else { throw unexpected("expected the end of the line after the decorator") }
            advance()
            decorators.append(decorator)
        }
        guard current.kind == .name, current.text == "def" || current.text == "class" else {
            throw .syntax("a decorator must be followed by a 'def' or 'class' line", at: current.range)
        }
        let definition = current.text == "def" ? try functionDefinition() : try classDefinition()
        return .decorated(decorators: decorators, definition: definition, start.through(definition.range))
    }

    /// `yield`, `yield value`, `yield a, b` or `yield from iterable`, as a statement of a function.
    mutating func yieldStatement() throws(Diagnostic) -> Statement {
        let start = current.range
        guard functionDepth > 0 else { throw .syntax("'yield' outside function", at: start) }
        advance()
        if current.isName("from") {
            advance()
            let value = try expression()
            try checkHeight(value)
            return .yieldFrom(value, start.through(value.range))
        }
        if current.kind == .newline || current.kind == .endOfFile || current.isOp(";") {
            return .yieldValue(nil, start)
        }
        let value = try expressionList()
        try checkHeight(value)
        return .yieldValue(value, start.through(value.range))
    }

    /// The right side of `x = yield value` (or `x = yield`): written as a call of the keyword `yield`,
    /// which the generator executor pauses at and which gives the value sent in.
    mutating func yieldValueOfAssignment() throws(Diagnostic) -> Expression {
        let start = current.range
        guard functionDepth > 0 else { throw .syntax("'yield' outside function", at: start) }
        advance()
        if current.isName("from") {
            // `x = yield from g`: a keyword argument named `from` marks it (x gets what g returned).
            advance()
            let value = try expression()
            try checkHeight(value)
            return .call(
                .name("yield", start), [Argument(name: "from", value: value, range: value.range)],
                start.through(value.range))
        }
        if current.kind == .newline || current.kind == .endOfFile || current.isOp(";") || current.isOp(")") {
            return .call(.name("yield", start), [], start)
        }
        let value = try expressionList()
        try checkHeight(value)
        return .call(
            .name("yield", start), [Argument(name: nil, value: value, range: value.range)], start.through(value.range))
    }
}
