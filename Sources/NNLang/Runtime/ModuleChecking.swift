/// What `nn --check` knows of modules without running anything: the modules names are bound to,
/// and stand-ins for helper files (their top-level names, read from the parsed file).
final class ModuleCheckState {
    /// Names bound to modules by the imports checked so far.
    var bound: [String: ModuleObject] = [:]
    /// Helper stand-ins by module name.
    var standIns: [String: ModuleObject] = [:]
    /// Stand-ins whose names cannot all be known (a star import, a statement of a kind not read here).
    var open = Set<ObjectIdentifier>()
}

extension NameChecker {
    var state: ModuleCheckState { interpreter.modules.programModules.checking }

    /// The module `import path` gives, resolved without running a helper.
    func checkedModule(_ path: [String], range: SourceRange) throws(Diagnostic) -> ModuleObject {
        if path.count == 1, let standIn = try helperStandIn(path[0], range: range) { return standIn }
        return try interpreter.modules.module(path, range: range, interpreter)
    }

    /// A library module is looked up first, as when running; then a helper file's stand-in.
    private func helperStandIn(_ name: String, range: SourceRange) throws(Diagnostic) -> ModuleObject? {
        if let standIn = state.standIns[name] { return standIn }
        if interpreter.modules.cached(name, interpreter) != nil { return nil }
        guard let path = interpreter.programModulePath(name),
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        else { return nil }
        let source = SourceFile(name: path, text: text)
        let program: Program
        do { program = try Parser.parse(text) } catch {
            throw (error.diagnostics.first ?? Diagnostic("cannot parse \(path)", at: range)).inSource(source)
        }
        let standIn = ModuleObject(name)
        state.standIns[name] = standIn
        var names: [String: Value] = ["__name__": .string(name), "__file__": .string(path)]
        var open = false
        collectNames(program.statements, into: &names, open: &open)
        standIn.members = names
        if open { state.open.insert(ObjectIdentifier(standIn)) }
        return standIn
    }

    private func collectNames(_ statements: [Statement], into names: inout [String: Value], open: inout Bool) {
        func bindTarget(_ target: Expression) {
            switch target {
            case .name(let name, _): names[name] = Value.none
            case .tuple(let items, _), .list(let items, _):
                for item in items { bindTarget(item.starredValue ?? item) }
            default: break
            }
        }
        for statement in statements {
            switch statement {
            case .assign(let targets, _, _): targets.forEach(bindTarget)
            case .augmentedAssign(let target, _, _, _): bindTarget(target)
            case .functionDefinition(let name, _, _, _): names[name] = Value.none
            case .importModule(let path, let alias, _): names[alias ?? path[0]] = Value.none
            case .importNames(let path, let imported, let range):
                for (name, alias, _) in imported {
                    guard name == "*" else {
                        names[alias ?? name] = Value.none
                        continue
                    }
                    if let module = try? interpreter.modules.module(path, range: range, interpreter),
                        module.namespace == nil,
                        interpreter.modules.cached(path.joined(separator: "."), interpreter) != nil
                    {
                        for key in interpreter.publicMembers(of: module).keys { names[key] = Value.none }
                    } else {
                        open = true
                    }
                }
            case .ifStatement(let branches, let otherwise, _):
                for (_, body) in branches { collectNames(body, into: &names, open: &open) }
                collectNames(otherwise ?? [], into: &names, open: &open)
            case .forLoop(let target, _, let body, _):
                bindTarget(target)
                collectNames(body, into: &names, open: &open)
            case .whileLoop(_, let body, _): collectNames(body, into: &names, open: &open)
            case .expression, .pass, .breakLoop, .continueLoop, .returnValue: break
            case .decorated(_, let definition, _): collectNames([definition], into: &names, open: &open)
            @unknown default: open = true
            }
        }
    }

    /// The module an expression names (`tf`, `tf.keras.layers`), if the imports checked so far say so.
    func moduleNamed(by expression: Expression, _ defined: Set<String>) -> ModuleObject? {
        switch expression {
        case .name(let name, _):
            return defined.contains(name) ? state.bound[name] : nil
        case .attribute(let base, let name, let range):
            guard let module = moduleNamed(by: base, defined) else { return nil }
            let value = try? interpreter.modules.member(
                name, of: module, path: module.name.split(separator: ".").map(String.init),
                range: range, interpreter)
            if case .object(let object as ModuleObject)? = value { return object }
            return nil
        default:
            return nil
        }
    }

    /// `module.name` where the module has no such member: the error running it would give.
    func checkAttribute(of base: Expression, _ name: String, range: SourceRange, _ defined: Set<String>)
        throws(Diagnostic)
    {
        guard let module = moduleNamed(by: base, defined), !state.open.contains(ObjectIdentifier(module)) else {
            return
        }
        let path = module.name.split(separator: ".").map(String.init)
        if module.members[name] != nil || module.fallback?(name) != nil
            || (try? interpreter.modules.module(path + [name], range: range, interpreter)) != nil
        {
            return
        }
        throw Diagnostic(
            "module '\(module.name)' has no attribute '\(name)'", at: range,
            hint: didYouMean(name, module.members.keys))
    }

    /// `from module import name` in a checked program.
    func checkImportedName(_ name: String, of module: ModuleObject, path: [String], range: SourceRange)
        throws(Diagnostic)
    {
        if state.open.contains(ObjectIdentifier(module)) { return }
        _ = try interpreter.modules.member(name, of: module, path: path, range: range, interpreter)
    }
}
