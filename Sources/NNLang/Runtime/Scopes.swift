/// The names a function (or lambda, or comprehension) binds, decided when it is defined, as Python
/// decides them: any assignment in the body makes a name local, unless `global` or `nonlocal` says otherwise.
/// A local that a nested scope uses is a cell (CPython's cell variable): the nested function holds that
/// cell, not the call's environment, so a closure that escapes keeps only the names it uses alive.
final class FunctionScope: Sendable {
    let locals: Set<String>
    let globals: Set<String>
    let nonlocals: Set<String>
    /// The locals kept in slots (not cells), in slot order: an environment keeps a local's value at its index.
    let slotNames: [String]
    let slotIndex: [String: Int]
    /// The locals a nested scope uses, in cell order (the first cells of an environment).
    let cellNames: [String]
    /// The names this scope and its nested scopes use without binding them: what it may take from the
    /// enclosing functions' cells (the others are globals).
    let freeNames: Set<String>
    /// The cells of an environment of this scope without free cells.
    let ownLayout: CellLayout

    init(
        locals: Set<String>, globals: Set<String> = [], nonlocals: Set<String> = [], cells: Set<String> = [],
        free: Set<String> = []
    ) {
        self.locals = locals.subtracting(globals).subtracting(nonlocals)
        self.globals = globals
        self.nonlocals = nonlocals
        cellNames = cells.intersection(self.locals).sorted()
        slotNames = self.locals.subtracting(cells).sorted()
        var index: [String: Int] = [:]
        for (slot, name) in slotNames.enumerated() { index[name] = slot }
        slotIndex = index
        freeNames = free
        ownLayout = cellNames.isEmpty ? .empty : CellLayout(own: cellNames, free: [])
    }

    /// The scope of a function with these parameters and body.
    convenience init(parameters: [String], body: [Statement]) {
        var collector = BindingCollector()
        collector.collect(body)
        var walk = FreeNames()
        walk.statements(body)
        let locals = collector.bound.union(parameters)
        let free = walk.uses.union(walk.nested).subtracting(locals).subtracting(collector.globals)
            .union(collector.nonlocals)
        self.init(
            locals: locals, globals: collector.globals, nonlocals: collector.nonlocals,
            cells: walk.nested.intersection(locals), free: free)
    }
}

/// A variable that functions share (CPython's cell): a local of one function used by the functions
/// nested in it, each of which holds the cell itself rather than the environment it belongs to.
final class Cell {
    var value: Value?
    /// How many functions and environments hold this cell as a free name (see `releaseCycles`).
    var holders = 0

    init(_ value: Value? = nil) { self.value = value }

    /// A cell may hold a function holding cells holding functions …: released without recursion.
    deinit {
        if let value, value.holdsValues {
            var items = [value]
            self.value = nil
            Dismantler.release(&items)
        }
    }
}

/// The cells of an environment by name: the scope's own cells first, then the free names it takes
/// from the enclosing functions.
final class CellLayout: Sendable {
    let names: [String]
    let index: [String: Int]
    let ownCount: Int
    static let empty = CellLayout(own: [], free: [])

    init(own: [String], free: [String]) {
        names = own + free
        ownCount = own.count
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() { index[name] = position }
        self.index = index
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

/// The local names of one running function (or comprehension, or class body). Locals live in slots
/// (the scope's `slotNames` order), so a resolved name is read without hashing; the locals nested
/// functions use, and the enclosing functions' names this one uses, live in cells.
final class Environment {
    let scope: FunctionScope
    /// A class body's enclosing environment (its names are looked up there by name); nil for a
    /// function's call, which reaches the enclosing functions' names through its cells alone.
    let parent: Environment?
    /// Where each cell's name is in `cells`.
    let layout: CellLayout
    /// The scope's own cells (fresh for each call), then the free cells of the function called.
    let cells: [Cell]
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

    init(
        values: [String: Value], scope: FunctionScope, parent: Environment?, layout: CellLayout? = nil,
        freeCells: [Cell] = []
    ) {
        self.scope = scope
        self.parent = parent
        self.layout = layout ?? scope.ownLayout
        if scope.cellNames.isEmpty {
            cells = freeCells
        } else {
            var cells: [Cell] = []
            cells.reserveCapacity(scope.cellNames.count + freeCells.count)
            for _ in scope.cellNames { cells.append(Cell()) }
            cells += freeCells
            self.cells = cells
        }
        for cell in freeCells { cell.holders += 1 }
        slotCount = scope.slotNames.count
        slots = UnsafeMutablePointer<Value?>.allocate(capacity: max(slotCount, 1))
        slots.initialize(repeating: nil, count: max(slotCount, 1))
        for (name, value) in values { self[name] = value }
    }

    /// Closures hold environments that hold closures …: released without recursion. Plain numbers and
    /// strings are freed on the spot; only containers and objects go to the dismantler.
    deinit {
        for cell in cells[layout.ownCount...] { cell.holders -= 1 }
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

    /// A local by name (nil while unbound).
    subscript(name: String) -> Value? {
        get {
            if let index = scope.slotIndex[name] { return slots[index] }
            if let index = layout.index[name] { return cells[index].value }
            return extra.isEmpty ? nil : extra[name]
        }
        set {
            if let index = scope.slotIndex[name] {
                slots[index] = newValue
            } else if let index = layout.index[name] {
                cells[index].value = newValue
            } else {
                extra[name] = newValue
            }
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
        for (index, name) in layout.names.enumerated() { if let value = cells[index].value { all[name] = value } }
        return all
    }

    /// The environment along the chain (this one's parents) whose function binds `name`.
    func enclosing(binding name: String) -> Environment? {
        var outer = parent
        while let environment = outer {
            if environment.binds(name) { return environment }
            outer = environment.parent
        }
        return nil
    }

    /// Whether `name` is a local of this environment or one of the free names its cells hold.
    func binds(_ name: String) -> Bool { scope.locals.contains(name) || layout.index[name] != nil }

    /// The cell a function defined here takes for the free name `name`: this environment's, or one
    /// along the chain; nil when the name is a global. Class bodies' own names are not seen.
    func cell(for name: String) -> Cell? {
        var environment: Environment? = self
        while let current = environment {
            if !current.isClassBody {
                if let index = current.layout.index[name] { return current.cells[index] }
                if current.scope.locals.contains(name) || current.scope.globals.contains(name) { return nil }
            }
            environment = current.parent
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
            if environment.layout.index[name] != nil {
                throw Diagnostic(
                    "cannot access free variable '\(name)' where it is not associated with a value"
                        + " in enclosing scope", at: range)
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
            if definingEnvironment?.cell(for: name) != nil { continue }
            throw .syntax("no binding for nonlocal '\(name)' found", at: range)
        }
    }
}

extension Environment {
    /// Breaks the one cycle cells leave behind when a call ends: a nested function that calls itself
    /// (`def helper(n): … helper(n - 1)`) holds the cell that holds it, which reference counting alone
    /// never frees. Done only when nothing escaped: the function is held by its cell alone and the cell
    /// by this environment and that function alone. A self-calling closure that escapes keeps the
    /// cycle (CPython's collector would free it).
    static func releaseCycles(_ environment: Environment) {
        for cell in environment.cells[..<environment.layout.ownCount] {
            guard let handle = selfCalling(cell) else { continue }
            var taken = handle.takeUnretainedValue()
            cell.value = nil
            if !isKnownUniquelyReferenced(&taken) { cell.value = .object(taken) }
        }
    }

    /// The function in `cell` when it holds that cell and nothing else does (apart, so that no
    /// reference of this lookup outlives it).
    private static func selfCalling(_ cell: Cell) -> Unmanaged<UserFunction>? {
        guard cell.holders == 1, case .object(let object)? = cell.value, let function = object as? UserFunction,
            function.freeCells.contains(where: { $0 === cell })
        else { return nil }
        return Unmanaged.passUnretained(function)
    }
}
