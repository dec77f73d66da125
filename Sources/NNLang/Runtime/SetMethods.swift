/// The methods of `set` and `frozenset` (a frozenset has only those that do not change it), and the
/// operators `| & - ^`, `<=`/`<`/`>=`/`>` and `==` between sets.
extension SetObject {
    static let readingMethods = [
        "copy", "union", "intersection", "difference", "symmetric_difference",
        "issubset", "issuperset", "isdisjoint",
    ]
    static let changingMethods = [
        "add", "update", "discard", "remove", "pop", "clear", "intersection_update",
        "difference_update", "symmetric_difference_update",
    ]

    var attributeNames: [String] { Self.readingMethods + (frozen ? [] : Self.changingMethods) }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        guard attributeNames.contains(name) else { return nil }
        let parameters: String
        switch name {
        case "copy", "pop", "clear": parameters = ""
        case "add", "discard", "remove": parameters = "elem"
        case "union", "intersection", "difference", "update", "intersection_update", "difference_update":
            parameters = "*others"
        default: parameters = "other"
        }
        let owner = typeName
        return function(name, parameters, repr: "<built-in method \(name) of \(owner) object>") {
            [self] a, interpreter throws(Diagnostic) in try self.method(name, a, interpreter)
        }
    }

    private func method(_ name: String, _ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let range = a.callRange
        let element = a.values["elem"]?.value ?? .none
        let other = a.values["other"]?.value ?? .none
        func folded(_ step: (SetObject, Value) throws(Diagnostic) -> SetObject) throws(Diagnostic) -> SetObject {
            var result = self
            if a.rest.isEmpty { return copy() }
            for item in a.rest { result = try step(result, item) }
            return result
        }
        switch name {
        case "copy": return .object(copy())
        case "add":
            add(element, hash: try PythonHash.hash(element, range: a.range("elem")))
            return .none
        case "discard":
            discard(element, hash: try hashOf(element, range: a.range("elem")))
            return .none
        case "remove":
            guard discard(element, hash: try hashOf(element, range: a.range("elem"))) else {
                throw Diagnostic(interpreter.repr(element), at: range, exception: "KeyError")
            }
            return .none
        case "pop":
            guard let value = pop() else {
                throw Diagnostic("'pop from an empty set'", at: range, exception: "KeyError")
            }
            return value
        case "clear":
            clear()
            return .none
        case "update":
            for item in a.rest { try update(with: item, interpreter, range: range) }
            return .none
        case "union":
            return .object(try folded { s, o throws(Diagnostic) in try s.union(o, interpreter, range: range) })
        case "intersection":
            return .object(try folded { s, o throws(Diagnostic) in try s.intersection(o, interpreter, range: range) })
        case "difference":
            return .object(try folded { s, o throws(Diagnostic) in try s.difference(o, interpreter, range: range) })
        case "symmetric_difference": return .object(try symmetricDifference(other, interpreter, range: range))
        case "intersection_update":
            replaceContents(
                with: try folded { s, o throws(Diagnostic) in try s.intersection(o, interpreter, range: range) })
            return .none
        case "difference_update":
            for item in a.rest {
                for value in try interpreter.iterate(item, range: range) {
                    discard(value, hash: try hashOf(value, range: range))
                }
            }
            return .none
        case "symmetric_difference_update":
            replaceContents(with: try symmetricDifference(other, interpreter, range: range))
            return .none
        case "issubset": return .bool(isSubset(of: try SetObject.make(other, frozen: true, interpreter, range: range)))
        case "issuperset":
            let items = try interpreter.iterate(other, range: range)
            for item in items where !(try contains(item, range: range)) { return .bool(false) }
            return .bool(true)
        case "isdisjoint":
            for item in try interpreter.iterate(other, range: range) where try contains(item, range: range) {
                return .bool(false)
            }
            return .bool(true)
        default: return .none
        }
    }

    private func hashOf(_ value: Value, range: SourceRange) throws(Diagnostic) -> Int {
        if case .object(let set as SetObject) = value, !set.frozen { return set.copy(frozen: true).frozenHash }
        return try PythonHash.hash(value, range: range)
    }
}

extension Interpreter {
    /// `a | b`, `a & b`, `a - b`, `a ^ b` between sets; nil when either side is not a set.
    func setBinary(
        _ op: BinaryOperator, _ left: Value, _ right: Value, range: SourceRange,
        inPlace: Bool
    ) throws(Diagnostic) -> Value? {
        guard case .object(let a as SetObject) = left else { return nil }
        guard case .object(let b as SetObject) = right else {
            guard [.bitOr, .bitAnd, .subtract, .bitXor].contains(op) else { return nil }
            throw Diagnostic(
                "unsupported operand type(s) for \(op.rawValue): '\(left.typeName)' and '\(right.typeName)'",
                at: range, exception: "TypeError")
        }
        let result: SetObject
        switch op {
        case .bitOr: result = try a.union(right, self, range: range)
        case .bitAnd: result = try a.intersection(right, self, range: range)
        case .subtract: result = try a.difference(right, self, range: range)
        case .bitXor: result = try a.symmetricDifference(right, self, range: range)
        default: return nil
        }
        _ = b
        if inPlace, !a.frozen {
            a.replaceContents(with: result)
            return left
        }
        return .object(result)
    }

    /// `<`, `<=`, `>`, `>=` between sets: subset and superset tests.
    func setComparison(_ op: ComparisonOperator, _ a: SetObject, _ b: SetObject) -> Bool {
        switch op {
        case .less: a.count < b.count && a.isSubset(of: b)
        case .lessEqual: a.isSubset(of: b)
        case .greater: b.count < a.count && b.isSubset(of: a)
        case .greaterEqual: b.isSubset(of: a)
        default: false
        }
    }
}
