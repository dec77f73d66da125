/// The names a scope's nested scopes (functions, lambdas, comprehensions, classes) use without binding
/// them, as CPython's symbol table finds them: a local of a function that a nested scope uses becomes a
/// cell, so the nested function keeps only that cell alive, never the whole call's environment.
struct FreeNames {
    /// Names used in this scope's own code (read, written or deleted).
    private(set) var uses: Set<String> = []
    /// Names the nested scopes use without binding them (candidates for this scope's cells).
    private(set) var nested: Set<String> = []

    /// The names a function with these parameters (a star parameter's name keeps its `*`) and body
    /// uses from the scopes around it, its nested scopes' included.
    static func ofFunction(parameters: [String], body: [Statement]) -> Set<String> {
        FunctionScope(parameters: parameters.compactMap(plainName), body: body).freeNames
    }

    /// A parameter's name without its `*` or `**`; nil for the bare `*`.
    static func plainName(_ parameter: String) -> String? {
        if parameter == "*" { return nil }
        if parameter.hasPrefix("**") { return String(parameter.dropFirst(2)) }
        if parameter.hasPrefix("*") { return String(parameter.dropFirst()) }
        return parameter
    }

    /// The names a class body uses from the scopes around it: its own names are not seen by the
    /// functions defined in it, so their free names all pass through.
    static func ofClass(body: [Statement]) -> Set<String> {
        var walk = FreeNames()
        walk.statements(body)
        let scope = FunctionScope(parameters: [], body: body)
        return walk.uses.subtracting(scope.locals).subtracting(scope.globals).union(walk.nested)
            .subtracting(scope.globals).union(scope.nonlocals)
    }

    /// A comprehension's scope: its loop names are its locals, those its nested scopes use are cells.
    static func comprehensionScope(
        element: Expression, value: Expression?, clauses: [ComprehensionClause]
    ) -> FunctionScope {
        var walk = FreeNames()
        var locals = Set<String>()
        for (index, clause) in clauses.enumerated() {
            switch clause {
            case .loop(let target, let iterable):
                Interpreter.collectNames(target, into: &locals)
                walk.expression(target)
                // The first iterable is read in the enclosing scope.
                if index > 0 { walk.expression(iterable) }
            case .condition(let condition): walk.expression(condition)
            }
        }
        walk.expression(element)
        if let value { walk.expression(value) }
        return FunctionScope(
            locals: locals, cells: walk.nested.intersection(locals),
            free: walk.uses.union(walk.nested).subtracting(locals))
    }

    mutating func statements(_ body: [Statement]) { for statement in body { self.statement(statement) } }

    mutating func statement(_ statement: Statement) {
        switch statement {
        case .expression(let e): expression(e)
        case .assign(let targets, let value, _):
            for target in targets { expression(target) }
            expression(value)
        case .augmentedAssign(let target, _, let value, _):
            expression(target)
            expression(value)
        case .importModule(let path, let alias, _): if let name = alias ?? path.first { uses.insert(name) }
        case .importNames(_, let names, _): for name in names { uses.insert(name.alias ?? name.name) }
        case .pass, .breakLoop, .continueLoop, .global, .nonlocal: break
        case .ifStatement(let branches, let otherwise, _):
            for branch in branches {
                expression(branch.condition)
                statements(branch.body)
            }
            statements(otherwise ?? [])
        case .forLoop(let target, let iterable, let body, _):
            expression(target)
            expression(iterable)
            statements(body)
        case .whileLoop(let condition, let body, _):
            expression(condition)
            statements(body)
        case .functionDefinition(let name, let parameters, let body, _):
            uses.insert(name)
            for parameter in parameters { if let value = parameter.defaultValue { expression(value) } }
            nested.formUnion(Self.ofFunction(parameters: parameters.map(\.name), body: body))
        case .returnValue(let e, _): if let e { expression(e) }
        case .tryStatement(let block, _):
            statements(block.body)
            for handler in block.handlers {
                if let type = handler.type { expression(type) }
                if let name = handler.name { uses.insert(name) }
                statements(handler.body)
            }
            statements(block.otherwise ?? [])
            statements(block.finally ?? [])
        case .raise(let e, let cause, _):
            if let e { expression(e) }
            if let cause { expression(cause) }
        case .assertion(let e, let message, _):
            expression(e)
            if let message { expression(message) }
        case .delete(let targets, _): for target in targets { expression(target) }
        case .withBlock(let items, let body, _):
            for item in items {
                expression(item.manager)
                if let target = item.target { expression(target) }
            }
            statements(body)
        case .classDefinition(let name, let base, let body, _):
            uses.insert(name)
            if let base { expression(base) }
            nested.formUnion(Self.ofClass(body: body))
        case .decorated(let decorators, let definition, _):
            for decorator in decorators { expression(decorator) }
            self.statement(definition)
        case .yieldValue(let e, _): if let e { expression(e) }
        case .yieldFrom(let e, _): expression(e)
        }
    }

    /// Walks an expression with a work list, not recursion: a chain of 990 `+` fits any stack.
    mutating func expression(_ root: Expression) {
        var pending = [root]
        while let e = pending.popLast() {
            switch e {
            case .name(let name, _): if !NameResolver.markerNames.contains(name) { uses.insert(name) }
            case .resolved(let resolved, _): uses.insert(resolved.name)
            case .lambda(let node, let r):
                nested.formUnion(
                    Self.ofFunction(parameters: node.parameters.map(\.name), body: [.returnValue(node.body, r)]))
            case .comprehension(let node, _): nested.formUnion(node.scope.freeNames)
            default: break
            }
            pending += e.evaluatedChildren
        }
    }
}
