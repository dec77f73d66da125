/// Operators on dicts: `a | b` and `a |= b` merge (Python 3.9), and a Counter's `+`, `-`, `|`, `&`,
/// which keep only positive counts, in the order Python's Counter gives them.
extension Interpreter {
    func dictBinary(_ op: BinaryOperator, _ left: Value, _ right: Value, range: SourceRange, inPlace: Bool)
        throws(Diagnostic) -> Value?
    {
        guard case .dict(let a) = left, case .dict(let b) = right else { return nil }
        if case .counter = a.flavor, case .counter = b.flavor, op != .bitOr || !inPlace {
            return try counterBinary(op, a, b, range: range)
        }
        guard op == .bitOr else { return nil }
        let result = inPlace ? a : DictBox(Array(zip(a.keys, a.values)))
        if !inPlace { result.flavor = a.flavor }
        for (key, value) in zip(b.keys, b.values) { result[key] = value }
        return .dict(result)
    }

    private func counterBinary(_ op: BinaryOperator, _ a: DictBox, _ b: DictBox, range: SourceRange)
        throws(Diagnostic) -> Value?
    {
        let result = DictBox()
        result.flavor = .counter
        func positive(_ value: Value) throws(Diagnostic) -> Bool {
            try truth(try compare(.greater, value, .int(0), range: range), range: range)
        }
        for (key, count) in zip(a.keys, a.values) {
            let other = b[key] ?? .int(0)
            let combined: Value
            switch op {
            case .add: combined = try binary(.add, count, other, range: range)
            case .subtract: combined = try binary(.subtract, count, other, range: range)
            case .bitOr:
                combined = try truth(try compare(.less, count, other, range: range), range: range) ? other : count
            case .bitAnd:
                combined = try truth(try compare(.less, count, other, range: range), range: range) ? count : other
            default: return nil
            }
            if try positive(combined) { result[key] = combined }
        }
        guard op != .bitAnd else { return .dict(result) }
        for (key, count) in zip(b.keys, b.values) where a[key] == nil {
            if op == .subtract {
                let negated = try binary(.subtract, .int(0), count, range: range)
                if try positive(negated) { result[key] = negated }
            } else if try positive(count) {
                result[key] = count
            }
        }
        return .dict(result)
    }
}
