/// `nn --check`: resolves every import and every name a program reads, without running it.
struct NameChecker {
    let interpreter: Interpreter

    /// Checks `statement`; when it has an error, the names it binds are still taken as defined, so the
    /// statements after it are not reported for the same mistake again.
    func check(_ statement: Statement, defined: inout Set<String>) throws(Diagnostic) {
        do { try checkStatement(statement, defined: &defined) } catch {
            bindNames(of: [statement], &defined)
            throw error
        }
    }

    private func checkStatement(_ statement: Statement, defined: inout Set<String>) throws(Diagnostic) {
        switch statement {
        case .expression(let expression):
            try check(expression, defined)
        case .assign(let targets, let value, _):
            try check(value, defined)
            for target in targets { try bind(target, &defined) }
        case .augmentedAssign(let target, _, let value, _):
            try check(target, defined)
            try check(value, defined)
        case .importModule(let path, let alias, let range):
            let module = try checkedModule(path, range: range)
            defined.insert(alias ?? path[0])
            state.bound[alias ?? path[0]] = alias == nil ? try checkedModule([path[0]], range: range) : module
        case .importNames(let path, let names, let range):
            let module = try checkedModule(path, range: range)
            for (name, alias, nameRange) in names {
                if name == "*" {
                    defined.formUnion(interpreter.publicMembers(of: module).keys)
                    continue
                }
                try checkImportedName(name, of: module, path: path, range: nameRange)
                defined.insert(alias ?? name)
                if case .object(let object as ModuleObject)? = module.members[name] {
                    state.bound[alias ?? name] = object
                }
            }
        case .pass, .breakLoop, .continueLoop, .global, .nonlocal, .raise, .assertion, .delete:
            break
        case .withBlock(let items, let body, _):
            for (manager, target) in items {
                try check(manager, defined)
                if let target { try bind(target, &defined) }
            }
            for statement in body { try check(statement, defined: &defined) }
        case .tryStatement(let block, _):
            // The try block and its handlers may fail on purpose (`try: import optional_module`), so only the
            // names they bind are taken; `else` and `finally` run as written and are checked.
            bindNames(of: block.body, &defined)
            for handler in block.handlers {
                if let name = handler.name { defined.insert(name) }
                bindNames(of: handler.body, &defined)
            }
            for statement in (block.otherwise ?? []) + (block.finally ?? []) {
                try check(statement, defined: &defined)
            }
        case .classDefinition(let name, _, _, _):
            defined.insert(name)
        case .yieldValue(let value, _): if let value { try check(value, defined) }
        case .yieldFrom(let value, _): try check(value, defined)
        case .decorated(let decorators, let definition, _):
            for decorator in decorators { try check(decorator, defined) }
            try check(definition, defined: &defined)
        case .ifStatement(let branches, let otherwise, _):
            for (condition, body) in branches {
                try check(condition, defined)
                for statement in body { try check(statement, defined: &defined) }
            }
            for statement in otherwise ?? [] { try check(statement, defined: &defined) }
        case .forLoop(let target, let iterable, let body, _):
            try check(iterable, defined)
            try bind(target, &defined)
            for statement in body { try check(statement, defined: &defined) }
        case .whileLoop(let condition, let body, _):
            try check(condition, defined)
            for statement in body { try check(statement, defined: &defined) }
        case .functionDefinition(let name, let parameters, let body, _):
            for parameter in parameters { if let value = parameter.defaultValue { try check(value, defined) } }
            // A body may use globals defined after the def (they exist when it is called), so only
            // its imports are resolved here.
            defined.insert(name)
            var local = defined.union(parameters.map(\.name))
            for statement in body {
                switch statement {
                case .importModule, .importNames: try check(statement, defined: &local)
                default: break
                }
            }
        case .returnValue(let value, _):
            if let value { try check(value, defined) }
        }
    }

    /// The names `statements` bind at this level (and in their blocks), taken as defined without checking.
    private func bindNames(of statements: [Statement], _ defined: inout Set<String>) {
        func targets(_ target: Expression) {
            switch target {
            case .name(let name, _):
                defined.insert(name)
                state.bound[name] = nil
            case .tuple(let items, _), .list(let items, _): items.forEach(targets)
            default: break
            }
        }
        for statement in statements {
            switch statement {
            case .assign(let list, _, _): list.forEach(targets)
            case .augmentedAssign(let target, _, _, _): targets(target)
            case .importModule(let path, let alias, _): defined.insert(alias ?? path[0])
            case .importNames(_, let names, _):
                for (name, alias, _) in names where name != "*" { defined.insert(alias ?? name) }
            case .functionDefinition(let name, _, _, _), .classDefinition(let name, _, _, _): defined.insert(name)
            case .decorated(_, let definition, _): bindNames(of: [definition], &defined)
            case .forLoop(let target, _, let body, _):
                targets(target)
                bindNames(of: body, &defined)
            case .whileLoop(_, let body, _): bindNames(of: body, &defined)
            case .ifStatement(let branches, let otherwise, _):
                for (_, body) in branches { bindNames(of: body, &defined) }
                bindNames(of: otherwise ?? [], &defined)
            case .withBlock(let items, let body, _):
                items.compactMap(\.target).forEach(targets)
                bindNames(of: body, &defined)
            case .tryStatement(let block, _):
                bindNames(of: block.body + (block.otherwise ?? []) + (block.finally ?? []), &defined)
                for handler in block.handlers {
                    if let name = handler.name { defined.insert(name) }
                    bindNames(of: handler.body, &defined)
                }
            default: break
            }
        }
    }

    private func bind(_ target: Expression, _ defined: inout Set<String>) throws(Diagnostic) {
        switch target {
        case .name(let name, _):
            defined.insert(name)
            state.bound[name] = nil
        case .tuple(let items, _), .list(let items, _):
            for item in items { try bind(item.starredValue ?? item, &defined) }
        default: try check(target, defined)
        }
    }

    private func check(_ expression: Expression, _ defined: Set<String>) throws(Diagnostic) {
        switch expression {
        case .name(let name, let range):
            guard defined.contains(name) else {
                throw Diagnostic(
                    "name '\(name)' is not defined", at: range,
                    hint: ModuleRegistry.importHints[name].map { "add: \($0)" } ?? didYouMean(name, defined))
            }
        case .int, .float, .string, .bool, .none, .resolved: break
        case .formattedString(let parts, _): try check(parts, defined)
        case .list(let items, _), .tuple(let items, _), .set(let items, _):
            for item in items { try check(item, defined) }
        case .dict(let entries, _):
            for entry in entries {
                try check(entry.key, defined)
                try check(entry.value, defined)
            }
        case .attribute(let base, let name, let range):
            try check(base, defined)
            try checkAttribute(of: base, name, range: range, defined)
        case .subscription(let base, let items, _):
            try check(base, defined)
            for item in items {
                switch item {
                case .index(let e): try check(e, defined)
                case .slice(let a, let b, let c): for e in [a, b, c].compactMap({ $0 }) { try check(e, defined) }
                case .ellipsis: break
                }
            }
        case .call(let callee, let arguments, _):
            if case .name(let star, _) = callee, star == "*" || star == "**" {
                for argument in arguments { try check(argument.value, defined) }
                return
            }
            try check(callee, defined)
            for argument in arguments { try check(argument.value, defined) }
        case .binary(_, let l, let r, _), .and(let l, let r, _), .or(let l, let r, _):
            try check(l, defined)
            try check(r, defined)
        case .unary(_, let e, _): try check(e, defined)
        case .compare(let first, let rest, _):
            try check(first, defined)
            for (_, e) in rest { try check(e, defined) }
        case .lambda(let node, _):
            for value in node.parameters.compactMap(\.defaultValue) { try check(value, defined) }
        case .comprehension(let node, _):
            // Only the first iterable is read in the enclosing scope; the rest see the loop names.
            if case .loop(_, let iterable) = node.clauses.first { try check(iterable, defined) }
        case .conditional(let c, let t, let o, _):
            try check(c, defined)
            try check(t, defined)
            try check(o, defined)
        }
    }

    private func check(_ parts: [FormattedPart], _ defined: Set<String>) throws(Diagnostic) {
        for part in parts {
            if case .value(let e, _, let spec) = part {
                try check(e, defined)
                try check(spec, defined)
            }
        }
    }
}
