/// `functools.total_ordering`: a class that defines `__eq__` and one of `__lt__`, `__le__`, `__gt__`,
/// `__ge__` gets the other three, worked out from that one and `==` as CPython's functools does.
enum TotalOrdering {
    /// The comparisons derived from each root: (name, use root result as is?, how to combine with `==`).
    private enum Rule { case negated, orEqual, negatedAndNotEqual, negatedOrEqual, andNotEqual }
    private static let derived: [String: [(String, Rule)]] = [
        "__lt__": [("__gt__", .negatedAndNotEqual), ("__le__", .orEqual), ("__ge__", .negated)],
        "__le__": [("__ge__", .negatedOrEqual), ("__lt__", .andNotEqual), ("__gt__", .negated)],
        "__gt__": [("__lt__", .negatedAndNotEqual), ("__ge__", .orEqual), ("__le__", .negated)],
        "__ge__": [("__le__", .negatedOrEqual), ("__gt__", .andNotEqual), ("__lt__", .negated)],
    ]

    static func complete(_ value: Value, _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> Value {
        guard case .object(let type as ClassObject) = value else { return value }
        // CPython takes the greatest name among the roots the class defines: __lt__, then __le__, __gt__, __ge__.
        guard let root = ["__lt__", "__le__", "__gt__", "__ge__"].first(where: { type.lookup($0) != nil }),
            let rootMethod = type.lookup(root)
        else {
            throw Diagnostic(
                "must define at least one ordering operation: < > <= >=", at: range, exception: "ValueError")
        }
        for (name, rule) in derived[root] ?? [] where type.lookup(name) == nil {
            try type.setAttribute(name, to: .object(DerivedComparison(name, root: rootMethod, rule: rule)), interpreter)
        }
        return value
    }

    /// One comparison made by `total_ordering`.
    private final class DerivedComparison: MethodLike {
        let name: String
        let root: Value
        let rule: Rule
        init(_ name: String, root: Value, rule: Rule) {
            self.name = name
            self.root = root
            self.rule = rule
        }
        var typeName: String { "function" }
        func repr(_ interpreter: Interpreter) -> String { "<function \(name)>" }

        func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
            guard arguments.positional.count == 2 else {
                throw Diagnostic(
                    "\(name)() takes 2 positional arguments but \(arguments.positional.count) were given",
                    at: arguments.range, exception: "TypeError")
            }
            let (me, other) = (arguments.positional[0], arguments.positional[1])
            let result = try interpreter.callMethod(
                root, on: me,
                CallArguments(positional: [other], positionalRanges: [arguments.range], range: arguments.range))
            if case .object(let object) = result, object === NotImplementedObject.shared { return result }
            let truth = try interpreter.truth(result, range: arguments.range)
            func equal() throws(Diagnostic) -> Bool {
                try interpreter.truth(
                    try interpreter.compare(.equal, me, other, range: arguments.range), range: arguments.range)
            }
            switch rule {
            case .negated: return .bool(!truth)
            case .orEqual: return .bool(truth ? true : try equal())
            case .negatedAndNotEqual: return .bool(truth ? false : !(try equal()))
            case .negatedOrEqual: return .bool(!truth ? true : try equal())
            case .andNotEqual: return .bool(truth ? !(try equal()) : false)
            }
        }
    }
}
