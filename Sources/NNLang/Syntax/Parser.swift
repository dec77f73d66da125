/// Reads tokens into statements by recursive descent over Python's grammar (the subset of
/// LANGUAGE.md). It recovers at statement boundaries, so one run reports every statement it cannot
/// read; Python that is valid but not yet supported gets an error that says so.
public struct Parser {
    var tokens: [Token]
    var position = 0
    var depth = 0
    /// How many loops enclose the statement being read (for break and continue).
    var loopDepth = 0
    /// How many function definitions enclose it (for return).
    var functionDepth = 0
    /// Whether the statement being read is directly in a class body (where `x: int` is recorded in
    /// the class's `__annotations__`, for `dataclasses`).
    var inClassBody = false
    /// How many loops with an `else:` were read (each gets its own flag name).
    var loopElseCount = 0
    /// Deepest nesting of brackets and operators accepted, far beyond real programs.
    static let maximumDepth = 150
    /// Tallest expression tree accepted (`1 + 1 + …` makes one level per term); Python reads a few
    /// thousand terms, real programs use a few dozen.
    static let maximumHeight = 1000
    /// Deepest nesting of blocks, as Python's limit on indentation levels.
    static let maximumBlockDepth = 100
    /// How many blocks enclose the statement being read.
    var blockDepth = 0

    public init(tokens: [Token]) { self.tokens = tokens }

    /// Parses a whole program; throws every syntax error found, in order.
    public static func parse(_ text: String) throws(DiagnosticList) -> Program {
        let tokens: [Token]
        do { tokens = try Lexer.tokenize(text) } catch { throw DiagnosticList(diagnostics: [error]) }
        var parser = Parser(tokens: tokens)
        return try parser.program()
    }

    mutating func program() throws(DiagnosticList) -> Program {
        var statements: [Statement] = []
        var errors: [Diagnostic] = []
        while current.kind != .endOfFile {
            if current.kind == .newline {
                advance()
                continue
            }
            do {
                statements += try statementLine()
            } catch {
                errors.append(error)
                while current.kind != .newline && current.kind != .endOfFile { advance() }
                advance()
                while current.kind == .indent || current.kind == .dedent { advance() }
            }
        }
        if !errors.isEmpty { throw DiagnosticList(diagnostics: errors) }
        return Program(statements: statements)
    }

    // MARK: Tokens

    var current: Token { tokens[position] }
    func peek(_ offset: Int) -> Token { tokens[min(position + offset, tokens.count - 1)] }

    mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    @discardableResult
    mutating func expectOp(_ symbol: String, _ message: @autoclosure () -> String) throws(Diagnostic) -> Token {
        guard current.isOp(symbol) else { throw unexpected(message()) }
        let token = current
        advance()
        return token
    }

    mutating func acceptOp(_ symbol: String) -> Bool {
        guard current.isOp(symbol) else { return false }
        advance()
        return true
    }

    func unexpected(_ expectation: String) -> Diagnostic {
        if current.kind == .op, ")]}".contains(current.text), !hasOpener(before: position) {
            return .syntax("unmatched '\(current.text)'", at: current.range)
        }
        let found: String
        switch current.kind {
        case .newline: found = "the end of the line"
        case .endOfFile: found = "the end of the program"
        case .indent: found = "indentation"
        case .dedent: found = "the end of a block"
        case .string, .formattedString: found = "a string"
        case .int, .float: found = "the number \(current.text)"
        case .name, .op: found = "'\(current.text)'"
        }
        return .syntax("\(expectation), but found \(found)", at: current.range)
    }

    /// Whether an opening bracket before `index` on the same logical line is still open.
    func hasOpener(before index: Int) -> Bool {
        var depth = 0
        var i = index - 1
        while i >= 0, tokens[i].kind != .newline {
            if tokens[i].kind == .op {
                if ")]}".contains(tokens[i].text) { depth += 1 }
                if "([{".contains(tokens[i].text) {
                    if depth == 0 { return true }
                    depth -= 1
                }
            }
            i -= 1
        }
        return false
    }

    // MARK: Statements

    /// A block statement (`if`, `for`, `while`), or one logical line of simple statements.
    mutating func statementLine() throws(Diagnostic) -> [Statement] {
        if current.kind == .indent {
            throw .syntax(
                "unexpected indentation: this line is indented, but no block (if, for, while) opens here",
                at: current.range)
        }
        if current.isOp("@") { return [try decorated()] }
        if current.kind == .name {
            switch current.text {
            case "if": return [try ifStatement()]
            case "for": return [try forLoop()]
            case "while": return [try whileLoop()]
            case "def": return [try functionDefinition()]
            case "try": return [try tryStatement()]
            case "class": return [try classDefinition()]
            case "with": return [try withBlock()]
            case "except", "finally":
                throw .syntax("'\(current.text)' without a 'try' before it at the same indentation", at: current.range)
            case "elif", "else":
                throw .syntax("'\(current.text)' without an 'if' before it at the same indentation", at: current.range)
            default: break
            }
        }
        return try simpleStatements()
    }

    /// One logical line: statements separated by `;`.
    mutating func simpleStatements() throws(Diagnostic) -> [Statement] {
        var statements = current.isName("import") ? try importStatements() : [try statement()]
        while acceptOp(";") {
            if current.kind == .newline || current.kind == .endOfFile { break }
            statements += current.isName("import") ? try importStatements() : [try statement()]
        }
        guard current.kind == .newline || current.kind == .endOfFile else {
            throw unexpected("expected the end of the statement")
        }
        advance()
        return statements
    }

    static let blockKeywords: [String: String] = [
        "async": "async", "await": "await",
    ]

    mutating func statement() throws(Diagnostic) -> Statement {
        let start = current.range
        if current.kind == .name, let what = Parser.blockKeywords[current.text] {
            let hint: String? = nil
            throw .unsupported(
                "\(what) \(what.hasSuffix("s") && !what.hasSuffix("ss") ? "are" : "is") not supported yet",
                at: current.range, hint: hint)
        }
        if current.isName("pass") {
            advance()
            return .pass(start)
        }
        if current.isName("yield") { return try yieldStatement() }
        if current.isName("break") || current.isName("continue") {
            let isBreak = current.text == "break"
            guard loopDepth > 0 else { throw .syntax("'\(current.text)' outside a loop", at: current.range) }
            advance()
            return isBreak ? .breakLoop(start) : .continueLoop(start)
        }
        if current.isName("return") {
            guard functionDepth > 0 else { throw .syntax("'return' outside a function", at: current.range) }
            advance()
            if current.kind == .newline || current.kind == .endOfFile || current.isOp(";") {
                return .returnValue(nil, start)
            }
            let value = try expressionList()
            try checkHeight(value)
            return .returnValue(value, start.through(value.range))
        }
        if ["if", "for", "while", "def", "try", "class", "with"].contains(current.text), current.kind == .name {
            throw .syntax("'\(current.text)' starts a block, so it must begin its own line", at: current.range)
        }
        if current.isName("global") || current.isName("nonlocal") { return try scopeDeclaration() }
        if current.isName("raise") {
            advance()
            if current.kind == .newline || current.kind == .endOfFile || current.isOp(";") {
                return .raise(nil, from: nil, start)
            }
            let value = try expression()
            var cause: Expression?
            if current.isName("from") {
                advance()
                cause = try expression()
            }
            return .raise(value, from: cause, start.through(cause?.range ?? value.range))
        }
        if current.isName("assert") {
            advance()
            let condition = try expression()
            let message: Expression? = acceptOp(",") ? try expression() : nil
            return .assertion(condition, message: message, start.through(message?.range ?? condition.range))
        }
        if current.isName("del") {
            advance()
            let targets = try expressionList()
            let items: [Expression]
            if case .tuple(let list, _) = targets { items = list } else { items = [targets] }
            for item in items {
                switch item {
                case .name, .subscription, .attribute: break
                default: throw .syntax("cannot delete this expression", at: item.range)
                }
            }
            return .delete(items, start.through(targets.range))
        }
        if current.isName("import") { return try importStatement() }
        if current.isName("from") { return try fromImportStatement() }

        let first = try expressionList()
        try checkHeight(first)
        if current.isOp("=") {
            var targets = [first]
            var value = first
            while acceptOp("=") {
                if current.isName("yield") {
                    value = try yieldValueOfAssignment()
                    targets.append(value)
                    break
                }
                value = try expressionList()
                try checkHeight(value)
                targets.append(value)
            }
            targets.removeLast()
            for target in targets { try checkTarget(target) }
            return .assign(targets: targets, value: value, start.through(value.range))
        }
        if current.kind == .op, current.text.count >= 2, current.text.hasSuffix("="),
            let op = BinaryOperator(rawValue: String(current.text.dropLast()))
        {
            switch first {
            case .name, .attribute, .subscription: break
            default: throw .syntax("cannot use '\(current.text)' on this expression", at: first.range)
            }
            advance()
            let value = current.isName("yield") ? try yieldValueOfAssignment() : try expressionList()
            try checkHeight(value)
            return .augmentedAssign(target: first, op: op, value: value, start.through(value.range))
        }
        if current.kind == .op, [">>=", "<<="].contains(current.text) {
            throw .unsupported("the operator '\(current.text)' is not supported", at: current.range)
        }
        if current.isOp(":") { return try annotatedAssignment(first, start: start) }
        return .expression(first)
    }

    /// `name: type` or `name: type = value`. The type is not evaluated (as with
    /// `from __future__ import annotations`); in a class body its text goes into `__annotations__`.
    mutating func annotatedAssignment(_ target: Expression, start: SourceRange) throws(Diagnostic) -> Statement {
        advance()
        let annotation = try expression()
        try checkHeight(annotation)
        var value: Expression?
        if acceptOp("=") {
            let assigned = try expressionList()
            try checkHeight(assigned)
            value = assigned
        }
        switch target {
        case .name, .attribute, .subscription: break
        default: throw .syntax("only single target (not tuple) can be annotated", at: target.range)
        }
        try checkTarget(target)
        let range = start.through(value?.range ?? annotation.range)
        let assignment: Statement? = value.map { .assign(targets: [target], value: $0, range) }
        guard inClassBody, case .name(let name, let nameRange) = target else { return assignment ?? .pass(range) }
        let record = Statement.assign(
            targets: [
                .subscription(.name("__annotations__", nameRange), [.index(.string(name, nameRange))], nameRange)
            ],
            value: .string(annotation.sourceText, annotation.range), range)
        guard let assignment else { return record }
        return .ifStatement(branches: [(.bool(true, range), [record, assignment])], otherwise: nil, range)
    }

    /// Checks that `target` can be assigned to: a name, attribute, subscript, or a tuple/list of them.
    func checkTarget(_ target: Expression) throws(Diagnostic) {
        switch target {
        case .name(let name, let range):
            if pythonKeywords.contains(name) { throw .syntax("cannot assign to the keyword '\(name)'", at: range) }
        case .attribute, .subscription:
            break
        case .tuple(let items, _), .list(let items, _):
            if items.filter({ $0.starredValue != nil }).count > 1 {
                throw .syntax("multiple starred expressions in assignment", at: target.range)
            }
            for item in items { try checkTarget(item.starredValue ?? item) }
        case .call(_, _, let range):
            throw .syntax("cannot assign to a function call", at: range, hint: "did you mean '==' to compare?")
        default:
            throw .syntax(
                "cannot assign to this expression", at: target.range,
                hint: "the left side of '=' must be a name, like x = ...")
        }
    }

    mutating func dottedName() throws(Diagnostic) -> (path: [String], range: SourceRange) {
        guard current.kind == .name else { throw unexpected("expected a module name") }
        var path = [current.text]
        var range = current.range
        advance()
        while current.isOp(".") {
            advance()
            guard current.kind == .name else { throw unexpected("expected a name after '.'") }
            path.append(current.text)
            range = range.through(current.range)
            advance()
        }
        return (path, range)
    }

    /// `as name` after an imported name, if present.
    mutating func optionalAlias() throws(Diagnostic) -> String? {
        guard current.isName("as") else { return nil }
        advance()
        guard current.kind == .name else { throw unexpected("expected a name after 'as'") }
        defer { advance() }
        return current.text
    }

    /// `global a, b` or `nonlocal a, b`.
    mutating func scopeDeclaration() throws(Diagnostic) -> Statement {
        let start = current.range
        let isGlobal = current.text == "global"
        if !isGlobal, functionDepth == 0 {
            throw .syntax("nonlocal declaration not allowed at module level", at: start)
        }
        advance()
        var names: [String] = []
        var end = start
        repeat {
            guard current.kind == .name, !pythonKeywords.contains(current.text) else {
                throw unexpected("expected a name")
            }
            names.append(current.text)
            end = current.range
            advance()
        } while acceptOp(",")
        return isGlobal ? .global(names, start.through(end)) : .nonlocal(names, start.through(end))
    }

    mutating func importStatement() throws(Diagnostic) -> Statement {
        let start = current.range
        let imports = try importStatements()
        guard imports.count == 1, let only = imports.first else {
            throw .unsupported("import one module per line", at: start)
        }
        return only
    }

    /// `import a.b as c, d`: one import statement per module, as Python runs them (left to right).
    mutating func importStatements() throws(Diagnostic) -> [Statement] {
        let start = current.range
        advance()
        var imports: [Statement] = []
        repeat {
            let (path, range) = try dottedName()
            let alias = try optionalAlias()
            imports.append(.importModule(path: path, alias: alias, (imports.isEmpty ? start : range).through(range)))
        } while acceptOp(",")
        return imports
    }

    mutating func fromImportStatement() throws(Diagnostic) -> Statement {
        let start = current.range
        advance()
        if current.isOp(".") { throw .unsupported("relative imports are not supported", at: current.range) }
        let (path, _) = try dottedName()
        guard current.isName("import") else { throw unexpected("expected 'import'") }
        advance()
        if current.isOp("*") {  // `from module import *`: the name "*" stands for all public names
            defer { advance() }
            return .importNames(path: path, names: [("*", nil, current.range)], start.through(current.range))
        }
        let parenthesized = acceptOp("(")
        var names: [(name: String, alias: String?, range: SourceRange)] = []
        repeat {
            if parenthesized, current.isOp(")") { break }
            guard current.kind == .name else { throw unexpected("expected a name to import") }
            let name = current.text
            let range = current.range
            advance()
            names.append((name, try optionalAlias(), range))
        } while acceptOp(",")
        var end = names.last?.range ?? start
        if parenthesized { end = try expectOp(")", "expected ')' to close the list of names").range }
        return .importNames(path: path, names: names, start.through(end))
    }
}
