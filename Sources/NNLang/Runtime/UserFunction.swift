/// A function defined in the program with `def` or `lambda`: positional and keyword arguments with
/// defaults, its own local names, and the names of the functions it is defined in (a closure).
final class UserFunction: CallableObject {
    /// Changed only by `functools.wraps`, which gives a wrapper the wrapped function's name and docstring.
    var name: String
    private(set) var parameters: [(name: String, defaultValue: Value?)]
    let body: [Statement]
    let signature: Signature
    /// Where the function was written, so errors inside it point there (an earlier REPL cell, say).
    let source: SourceFile?
    /// Which names are local, global or nonlocal in the body.
    let scope: FunctionScope
    /// The cells of the enclosing functions' names it uses (its free names), in `layout` order after
    /// the scope's own cells: all it keeps of the functions it is defined in.
    let freeCells: [Cell]
    /// Where each cell of a call's environment is.
    let layout: CellLayout
    /// The first statement of the body when it is a string: shown by `help`, never run.
    var docstring: String?
    /// Whether the body has a `yield`: calling the function then makes a generator.
    let isGenerator: Bool
    /// The class whose body defined this function (for `super()`).
    weak var owner: ClassObject?

    /// Each parameter's slot in a call's environment; -1 - index for a parameter kept in a cell.
    private let parameterSlots: [Int]
    /// Whether every parameter is a plain one (no `*args`, `**kwargs` or keyword-only), so a call with
    /// positional arguments alone fills the slots directly.
    private let isSimple: Bool

    /// The helper module it was defined in, whose globals it sees when called (nil: the main program).
    let namespace: ModuleNamespace?

    init(
        name: String, parameters: [(name: String, defaultValue: Value?)], body: [Statement], signature: Signature,
        source: SourceFile?, scope: FunctionScope, closure: Environment?, namespace: ModuleNamespace? = nil,
        stackGuard: StackGuard? = nil
    ) {
        self.name = name
        self.source = source
        self.namespace = namespace
        self.parameters = parameters
        var freeNames: [String] = []
        var freeCells: [Cell] = []
        if let closure {
            for name in scope.freeNames.sorted() {
                guard let cell = closure.cell(for: name) else { continue }
                freeNames.append(name)
                freeCells.append(cell)
                cell.holders += 1
            }
        }
        self.freeCells = freeCells
        let layout =
            scope.cellNames.isEmpty && freeNames.isEmpty
            ? CellLayout.empty
            : CellLayout(own: scope.cellNames, free: freeNames)
        self.layout = layout
        let resolver = NameResolver(scope: scope, layout: layout, stackGuard: stackGuard)
        if case .expression(.string(let text, _)) = body.first {
            docstring = text
            self.body = resolver.statements(Array(body.dropFirst()))
        } else {
            docstring = nil
            self.body = resolver.statements(body)
        }
        parameterSlots = parameters.map { scope.slotIndex[$0.name] ?? (-1 - (layout.index[$0.name] ?? Int.max)) }
        isSimple =
            signature.parameters.allSatisfy { $0.kind == .positionalOrKeyword }
            && !parameterSlots.contains(Int.min)
        self.scope = scope
        isGenerator = body.contains(where: \.containsYield)
        self.signature = signature
    }

    /// Default values may hold functions whose defaults hold functions …: released without recursion.
    deinit {
        var defaults = parameters.compactMap(\.defaultValue)
        parameters = []
        Dismantler.release(&defaults)
        for cell in freeCells { cell.holders -= 1 }
    }

    var typeName: String { "function" }
    func repr(_ interpreter: Interpreter) -> String { "<function \(name)>" }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "__name__": .string(self.name)
        case "__doc__": docstring.map { .string($0) } ?? Value.none
        default: nil
        }
    }

    /// The environment of a call with these arguments: the parameters bound in their slots.
    private func environment(for arguments: CallArguments) throws(Diagnostic) -> Environment {
        let environment = Environment(values: [:], scope: scope, parent: nil, layout: layout, freeCells: freeCells)
        let positional = arguments.positional
        if isSimple, arguments.keywords.isEmpty, positional.count <= parameters.count,
            parameters[positional.count...].allSatisfy({ $0.defaultValue != nil })
        {
            for index in parameters.indices {
                let value = index < positional.count ? positional[index] : parameters[index].defaultValue
                let slot = parameterSlots[index]
                if slot >= 0 { environment.setSlot(slot, value) } else { environment.cells[-1 - slot].value = value }
            }
            return environment
        }
        let bound = try signature.bind(arguments, function: name)
        for (parameter, described) in zip(parameters, signature.parameters) {
            switch described.kind {
            case .variadic: environment[parameter.name] = .tuple(bound.rest)
            case .variadicKeywords:
                let dict = DictBox()
                for keyword in bound.keywords { dict[.string(keyword.name)] = keyword.value }
                environment[parameter.name] = .dict(dict)
            default:
                environment[parameter.name] =
                    bound.values[parameter.name]?.value ?? parameter.defaultValue ?? Value.none
            }
        }
        return environment
    }

    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let environment = try environment(for: arguments)
        environment.function = self
        if isGenerator {
            return .object(PythonGenerator(function: self, environment: environment, range: arguments.range))
        }
        defer { if environment.hasClosures, environment.layout.ownCount > 0 { Environment.releaseCycles(environment) } }
        return try interpreter.withGlobals(of: namespace) { [environment] () throws(Diagnostic) in
            try interpreter.callFrame(environment, function: name, range: arguments.range) { () throws(Diagnostic) in
                do throws(Diagnostic) {
                    if case .returned(let value) = try interpreter.executeBlock(body) { return value }
                } catch {
                    throw error.inSource(source).leaving(name, calledAt: arguments.range, by: interpreter.callerName)
                }
                return .none
            }
        }
    }
}

extension Interpreter {
    /// Deepest chain of calls to the program's own functions.
    static let maximumCallDepth = 200

    /// Runs `body` with `environment` as the innermost frame of local names.
    func callFrame(
        _ environment: Environment, function: String, range: SourceRange,
        _ body: () throws(Diagnostic) -> Value
    ) throws(Diagnostic) -> Value {
        guard frames.count < Interpreter.maximumCallDepth else {
            throw Diagnostic(
                "maximum recursion depth exceeded in \(function)() (\(Interpreter.maximumCallDepth) calls deep)",
                at: range)
        }
        // Deep or branching recursion runs no loop, so Ctrl-C is also heard at each call.
        if cancellation.isCancelled {
            cancellation.clear()
            throw Diagnostic("interrupted (Ctrl-C): stopped at this call of \(function)()", at: range)
        }
        frames.append(environment)
        defer { frames.removeLast() }
        return try body()
    }

    /// The function that called the running one (`<module>` for a module's top level), for tracebacks.
    var callerName: String { functionName(below: frames.count - 1) }

    /// The function running now (`<module>` at a module's top level), for tracebacks.
    var runningFunctionName: String { functionName(below: frames.count) }

    /// The function of the innermost frame below `index` that is a function's (comprehensions are
    /// part of the function they are in, as from Python 3.12).
    private func functionName(below index: Int) -> String {
        var index = min(index, frames.count) - 1
        while index >= 0 {
            if let function = frames[index].function { return function.name }
            if frames[index].isClassBody { break }
            index -= 1
        }
        return "<module>"
    }

    /// Where a function being defined now looks up free names: not a class body, as in Python.
    var definingEnvironment: Environment? {
        var environment = frames.last
        while let e = environment, e.isClassBody { environment = e.parent }
        return environment
    }

    /// Makes the function a `def` or `lambda` defines, evaluating its defaults now as Python does.
    func makeFunction(
        _ name: String, _ parameters: [(name: String, defaultValue: Expression?)], body: [Statement],
        range: SourceRange
    ) throws(Diagnostic) -> UserFunction {
        var evaluated: [(name: String, defaultValue: Value?)] = []
        var described: [Parameter] = []
        var keywordOnly = false
        for parameter in parameters {
            let value = try parameter.defaultValue.map { e throws(Diagnostic) in try evaluate(e) }
            if parameter.name == "*" {
                keywordOnly = true
            } else if parameter.name.hasPrefix("**") {
                described.append(Parameter(String(parameter.name.dropFirst(2)), kind: .variadicKeywords))
            } else if parameter.name.hasPrefix("*") {
                described.append(.variadic(String(parameter.name.dropFirst())))
                keywordOnly = true
            } else {
                described.append(
                    Parameter(
                        parameter.name, value.map { repr($0) },
                        kind: keywordOnly ? .keywordOnly : .positionalOrKeyword))
            }
            if parameter.name != "*" { evaluated.append((described[described.count - 1].name, value)) }
        }
        let scope = FunctionScope(parameters: evaluated.map(\.name), body: body)
        try checkNonlocals(scope, range: range)
        definingEnvironment?.hasClosures = true
        return UserFunction(
            name: name, parameters: evaluated, body: body, signature: Signature(described),
            source: currentSource, scope: scope, closure: definingEnvironment,
            namespace: modules.programModules.active, stackGuard: stackGuard)
    }
}
