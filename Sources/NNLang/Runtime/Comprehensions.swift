/// List and dict comprehensions and generator expressions. As in Python 3, a comprehension has its own
/// scope: its loop names stay inside it, and its first iterable is read in the enclosing scope.
extension Interpreter {
    @inline(never)
    func evaluateComprehension(_ node: ComprehensionNode, _ range: SourceRange) throws(Diagnostic) -> Value {
        let (kind, element, value, clauses) = (node.kind, node.element, node.value, node.clauses)
        guard case .loop(_, let firstIterable) = clauses.first else { return .none }
        let firstValue = try evaluate(firstIterable)
        let environment = comprehensionEnvironment(node.scope)
        if kind == .generator {
            return .object(
                GeneratorExpression(
                    node: node, environment: environment,
                    first: try ItemCursor(firstValue, self, range: firstIterable.range),
                    range: range))
        }
        let first = try iterate(firstValue, range: firstIterable.range)
        var items: [Value] = []
        let dict = DictBox()
        let set = kind == .set ? SetObject() : nil
        _ = try callFrame(environment, function: "<comprehension>", range: range) { () throws(Diagnostic) in
            try runClauses(clauses[...], first: first) { () throws(Diagnostic) in
                let key = try evaluate(element)
                if let value {
                    try checkHashable(key, range: element.range)
                    dict[key] = try evaluate(value)
                } else if let set {
                    set.add(key, hash: try hashForSet(key, range: element.range))
                } else {
                    items.append(key)
                }
            }
            return .none
        }
        switch kind {
        case .list: return .list(ListBox(items))
        case .dict: return .dict(dict)
        case .set: return .object(set ?? SetObject())
        case .generator: return .object(GeneratorValues(items))  // not reached: generators are lazy
        }
    }

    /// A comprehension's environment: its own cells, and cells for the names of the enclosing
    /// functions it uses (CPython's free variables), so that a generator expression or a lambda made in
    /// it keeps only those alive, not the enclosing call's environment.
    private func comprehensionEnvironment(_ scope: FunctionScope) -> Environment {
        guard let enclosing = definingEnvironment, !scope.freeNames.isEmpty else {
            return Environment(values: [:], scope: scope, parent: nil)
        }
        var names: [String] = []
        var cells: [Cell] = []
        for name in scope.freeNames.sorted() {
            guard let cell = enclosing.cell(for: name) else { continue }
            names.append(name)
            cells.append(cell)
        }
        if cells.isEmpty { return Environment(values: [:], scope: scope, parent: nil) }
        return Environment(
            values: [:], scope: scope, parent: nil, layout: CellLayout(own: scope.cellNames, free: names),
            freeCells: cells)
    }

    /// Runs the clauses from the first one on, calling `body` for each combination that passes every `if`.
    private func runClauses(
        _ clauses: ArraySlice<ComprehensionClause>, first: [Value]?,
        _ body: () throws(Diagnostic) -> Void
    ) throws(Diagnostic) {
        guard let clause = clauses.first else { return try body() }
        let rest = clauses.dropFirst()
        switch clause {
        case .condition(let condition):
            if try truth(try evaluate(condition), range: condition.range) { try runClauses(rest, first: nil, body) }
        case .loop(let target, let iterable):
            let items: [Value]
            if let first { items = first } else { items = try iterate(try evaluate(iterable), range: iterable.range) }
            for item in items {
                try checkInterrupted(iterable.range)
                try assign(item, to: target)
                try runClauses(rest, first: nil, body)
            }
        }
    }

    static func collectNames(_ target: Expression, into names: inout Set<String>) {
        switch target {
        case .name(let name, _): names.insert(name)
        case .tuple(let items, _), .list(let items, _): for item in items { collectNames(item, into: &names) }
        default: break
        }
    }
}

/// What a generator expression gives: its items, worked out when it is made (NNLab's generators are
/// not lazy), consumed by iteration as Python's are.
final class GeneratorValues: IterableObject {
    private(set) var items: [Value]
    let typeName: String

    init(_ items: [Value], typeName: String = "generator") {
        self.items = items
        self.typeName = typeName
    }

    deinit { Dismantler.release(&items) }

    /// The next item, consumed (`next(it)`); iterating gives the items not consumed yet.
    func next() -> Value? { items.isEmpty ? nil : items.removeFirst() }

    func repr(_ interpreter: Interpreter) -> String {
        typeName == "generator" ? "<generator object <genexpr>>" : "<\(typeName) object>"
    }
}
