/// The names a function (or lambda, or comprehension) binds, decided when it is defined, as Python
/// decides them: any assignment in the body makes a name local, unless `global` or `nonlocal` says otherwise.
final class FunctionScope {
    let locals: Set<String>
    let globals: Set<String>
    let nonlocals: Set<String>
    /// The locals in slot order: an environment keeps a local's value at its index.
    let slotNames: [String]
    let slotIndex: [String: Int]

    init(locals: Set<String>, globals: Set<String> = [], nonlocals: Set<String> = []) {
        self.locals = locals.subtracting(globals).subtracting(nonlocals)
        self.globals = globals
        self.nonlocals = nonlocals
        slotNames = self.locals.sorted()
        var index: [String: Int] = [:]
        for (slot, name) in slotNames.enumerated() { index[name] = slot }
        slotIndex = index
    }

    /// The scope of a function with these parameters and body.
    convenience init(parameters: [String], body: [Statement]) {
        var collector = BindingCollector()
        collector.collect(body)
        self.init(
            locals: collector.bound.union(parameters), globals: collector.globals,
            nonlocals: collector.nonlocals)
    }
}

/// Walks a body for the names it binds, not entering nested functions (only their names are bound).
private struct BindingCollector {
    var bound: Set<String> = []
    var globals: Set<String> = []
    var nonlocals: Set<String> = []

    mutating func collect(_ statements: [Statement]) {
        for statement in statements { collect(statement) }
    }

    mutating func collect(_ statement: Statement) {
        switch statement {
        case .assign(let targets, _, _): for target in targets { bind(target) }
        case .augmentedAssign(let target, _, _, _): bind(target)
        case .importModule(let path, let alias, _): bound.insert(alias ?? path[0])
        case .importNames(_, let names, _): for name in names { bound.insert(name.alias ?? name.name) }
        case .ifStatement(let branches, let otherwise, _):
            for branch in branches { collect(branch.body) }
            collect(otherwise ?? [])
        case .forLoop(let target, _, let body, _):
            bind(target)
            collect(body)
        case .whileLoop(_, let body, _): collect(body)
        case .functionDefinition(let name, _, _, _): bound.insert(name)
        case .tryStatement(let block, _):
            collect(block.body)
            for handler in block.handlers {
                if let name = handler.name { bound.insert(name) }
                collect(handler.body)
            }
            collect(block.otherwise ?? [])
            collect(block.finally ?? [])
        case .delete(let targets, _): for target in targets { bind(target) }
        case .raise, .assertion, .yieldValue, .yieldFrom: break
        case .withBlock(let items, let body, _):
            for item in items { if let target = item.target { bind(target) } }
            collect(body)
        case .classDefinition(let name, _, _, _): bound.insert(name)
        case .decorated(_, let definition, _): collect(definition)
        case .global(let names, _): globals.formUnion(names)
        case .nonlocal(let names, _): nonlocals.formUnion(names)
        case .expression, .pass, .breakLoop, .continueLoop, .returnValue: break
        }
    }

    mutating func bind(_ target: Expression) {
        switch target {
        case .name(let name, _): bound.insert(name)
        case .tuple(let items, _), .list(let items, _): for item in items { bind(item.starredValue ?? item) }
        default: break
        }
    }
}

/// The local names of one running function (or comprehension, or class body), and the environment it
/// was defined in: the chain a name is looked up along before the module's globals and the built-ins.
/// Locals live in slots (the scope's `slotNames` order), so a resolved name is read without hashing.
final class Environment {
    let scope: FunctionScope
    /// The environment of the enclosing function, nil for a function defined at module level.
    let parent: Environment?
    /// One value per local of the scope, nil while unbound. Unsafe storage: no exclusivity or
    /// copy-on-write checks on the interpreter's hottest path; only this class touches it.
    private let slots: UnsafeMutablePointer<Value?>
    let slotCount: Int
    /// Names bound here that the scope does not list (not made by the language today; kept so that
    /// nothing bound is ever lost).
    private var extra: [String: Value] = [:]
    /// Whether this is a class body's namespace, which the methods defined in it do not see.
    var isClassBody = false
    /// The function running in this environment (for `super()`). Strong: a weak reference would give
    /// every function a side table, which makes each retain and release of it take the slow path. No
    /// cycle: a function never holds the environments of its own calls.
    var function: UserFunction?
    /// Whether a function (def or lambda) was defined here, so it may hold this environment in a cycle.
    var hasClosures = false

    init(values: [String: Value], scope: FunctionScope, parent: Environment?) {
        self.scope = scope
        self.parent = parent
        slotCount = scope.slotNames.count
        slots = UnsafeMutablePointer<Value?>.allocate(capacity: max(slotCount, 1))
        slots.initialize(repeating: nil, count: max(slotCount, 1))
        for (name, value) in values { self[name] = value }
    }

    /// Closures hold environments that hold closures …: released without recursion. Plain numbers and
    /// strings are freed on the spot; only containers and objects go to the dismantler.
    deinit {
        var items: [Value] = []
        for slot in 0..<max(slotCount, 1) {
            if let value = (slots + slot).move(), value.holdsValues { items.append(value) }
        }
        slots.deallocate()
        if !extra.isEmpty {
            items += extra.values
            extra = [:]
        }
        if !items.isEmpty { Dismantler.release(&items) }
    }

    @inline(__always) func slot(_ index: Int) -> Value? { slots[index] }
    @inline(__always) func setSlot(_ index: Int, _ value: Value?) { slots[index] = value }

    /// The environment `hops` steps up the chain (1: the parent).
    @inline(__always) func ancestor(_ hops: Int) -> Environment? {
        var environment = parent
        var remaining = hops - 1
        while remaining > 0, let current = environment {
            environment = current.parent
            remaining -= 1
        }
        return environment
    }

    /// A local by name (nil while unbound).
    subscript(name: String) -> Value? {
        get {
            if let index = scope.slotIndex[name] { return slots[index] }
            return extra.isEmpty ? nil : extra[name]
        }
        set {
            if let index = scope.slotIndex[name] { slots[index] = newValue } else { extra[name] = newValue }
        }
    }

    /// Unbinds a local; whether it was bound.
    func removeValue(named name: String) -> Bool {
        guard self[name] != nil else { return false }
        self[name] = nil
        return true
    }

    /// Every bound local by name (a class body's namespace becomes the class's members).
    var values: [String: Value] {
        var all = extra
        for (index, name) in scope.slotNames.enumerated() { if let value = slots[index] { all[name] = value } }
        return all
    }

    /// The environment along the chain (this one's parents) whose function binds `name`.
    func enclosing(binding name: String) -> Environment? {
        var outer = parent
        while let environment = outer {
            if environment.scope.locals.contains(name) { return environment }
            outer = environment.parent
        }
        return nil
    }
}

extension Interpreter {
    /// The value of a name: the running function's locals, the enclosing functions', the globals.
    func lookup(_ name: String, range: SourceRange) throws(Diagnostic) -> Value {
        if let environment = frames.last {
            // Only local names are ever stored in an environment, so a hit there is the answer.
            if let value = environment[name] { return value }
            if environment.scope.locals.contains(name) {
                throw Diagnostic(
                    "cannot access local variable '\(name)' where it is not associated with a value",
                    at: range,
                    hint: "UnboundLocalError: '\(name)' is assigned in this function, so it"
                        + " is local everywhere in it; use 'global \(name)' to assign the global one")
            }
            if !environment.scope.globals.contains(name), let outer = environment.enclosing(binding: name) {
                if let value = outer[name] { return value }
                throw Diagnostic(
                    "cannot access free variable '\(name)' where it is not associated with a value"
                        + " in enclosing scope", at: range)
            }
        }
        if let value = globals[name] { return value }
        var hint = didYouMean(name, globals.keys)
        if let module = ModuleRegistry.importHints[name] { hint = "add: \(module)" }
        throw Diagnostic("name '\(name)' is not defined", at: range, hint: hint)
    }

    /// Binds a name where the running function's scope says: its locals, an enclosing function's
    /// (`nonlocal`), or the globals (`global`, or outside functions).
    func bind(_ name: String, to value: Value) throws(Diagnostic) {
        guard let environment = frames.last else {
            globals[name] = value
            return
        }
        if environment.scope.globals.isEmpty, environment.scope.nonlocals.isEmpty {
            environment[name] = value
            return
        }
        if environment.scope.globals.contains(name) {
            globals[name] = value
        } else if environment.scope.nonlocals.contains(name), let outer = environment.enclosing(binding: name) {
            outer[name] = value
        } else {
            environment[name] = value
        }
    }

    /// Checks that each `nonlocal` name of a function being defined is bound by an enclosing function.
    func checkNonlocals(_ scope: FunctionScope, range: SourceRange) throws(Diagnostic) {
        for name in scope.nonlocals.sorted() {
            let enclosing = frames.last
            if enclosing?.scope.locals.contains(name) == true || enclosing?.enclosing(binding: name) != nil { continue }
            throw .syntax("no binding for nonlocal '\(name)' found", at: range)
        }
    }
}

extension Environment {
    /// Breaks the cycle between a finished call's environment and the functions defined in it
    /// (`def helper` inside a function: the environment holds helper, helper's closure holds the
    /// environment), which reference counting alone never frees. Done only when nothing escaped: each
    /// such function is referenced by the environment alone, and once they let go of it, nothing but
    /// the caller's own reference holds the environment. Otherwise (a closure returned or stored, a
    /// generator or a lambda in a list holding it) everything is put back as it was, and the cycle stays
    /// until the session ends.
    static func releaseCycles(_ environment: inout Environment) {
        var own: [(Int, Unmanaged<UserFunction>)] = []
        for slot in 0..<environment.slotCount {
            if case .object(let object)? = environment.slot(slot), let function = object as? UserFunction,
                function.closure === environment
            {
                own.append((slot, Unmanaged.passUnretained(function)))
            }
        }
        guard !own.isEmpty else { return }
        var taken: [(Int, UserFunction)] = []
        var escaped = false
        for (name, handle) in own {
            var function = handle.takeUnretainedValue()
            environment.setSlot(name, nil)
            if !isKnownUniquelyReferenced(&function) { escaped = true }
            taken.append((name, function))
            if escaped { break }
        }
        if !escaped {
            for (_, function) in taken { function.detachClosure() }
            if isKnownUniquelyReferenced(&environment) {
                // Unreachable: the functions go with `taken`, the other locals with the environment.
                return
            }
            for (_, function) in taken { function.attachClosure(environment) }
        }
        for (name, function) in taken { environment.setSlot(name, .object(function)) }
    }
}
