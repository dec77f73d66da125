/// Indexing of Python sequences and dicts (`x[0]`, `x[-1]`, `x[1:3]`, `d['loss']`).
enum Subscripts {
    /// A checked position in a sequence of `count` items for an integer index (negative from the end).
    static func position(_ key: Value, count: Int, range: SourceRange, what: String) throws(Diagnostic) -> Int {
        guard let index = key.exactInteger else {
            throw Diagnostic("\(what) indices must be integers or slices, not \(key.typeName)", at: range)
        }
        let position = index < 0 ? index + count : index
        guard position >= 0, position < count else {
            throw Diagnostic(
                "\(what) index \(index) is out of range: the \(what) has \(count) item\(count == 1 ? "" : "s")",
                at: range,
                hint: count > 0 ? "valid indices are 0 to \(count - 1), or -1 to -\(count) from the end" : nil)
        }
        return position
    }

    /// The positions a slice selects from `count` items, as Python's `slice.indices`.
    static func slicePositions(_ start: Int?, _ stop: Int?, _ step: Int?, count: Int) -> [Int] {
        let step = step ?? 1
        func clamp(_ value: Int?, _ defaultValue: Int, low: Int, high: Int) -> Int {
            guard var value else { return defaultValue }
            if value < 0 { value += count }
            return min(max(value, low), high)
        }
        if step > 0 {
            let from = clamp(start, 0, low: 0, high: count)
            let to = clamp(stop, count, low: 0, high: count)
            return from < to ? Array(stride(from: from, to: to, by: step)) : []
        }
        let from = clamp(start, count - 1, low: -1, high: count - 1)
        let to = clamp(stop, -1, low: -1, high: count - 1)
        return from > to ? Array(stride(from: from, to: to, by: step)) : []
    }

    static func sequenceItem<T>(
        _ items: [T], _ index: [IndexItem], range: SourceRange, what: String,
        wrap: ([T]) -> Value, single: (T) -> Value
    ) throws(Diagnostic) -> Value {
        guard index.count == 1 else {
            throw Diagnostic(
                "\(what) indices must be a single integer or slice; use a NumPy array for [i, j]", at: range,
                hint: what == "list" ? "convert with np.array(...) first" : nil)
        }
        switch index[0] {
        case .value(let key, let keyRange):
            return single(items[try position(key, count: items.count, range: keyRange, what: what)])
        case .slice(let start, let stop, let step):
            return wrap(slicePositions(start, stop, step, count: items.count).map { items[$0] })
        case .newAxis, .ellipsis:
            throw Diagnostic("\(what) indices must be integers or slices", at: range)
        }
    }
}

/// An object with its own `obj[...]` (NumPy's `NpzFile`, `np.r_`, `np.c_`).
protocol SubscriptableObject: PyObject {
    func subscriptItem(_ index: [IndexItem], _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> Value
}

extension Interpreter {
    func subscriptValue(_ container: Value, _ index: [IndexItem], range: SourceRange) throws(Diagnostic) -> Value {
        switch container {
        case .list(let list):
            return try Subscripts.sequenceItem(
                list.items, index, range: range, what: "list", wrap: { .list($0) }, single: { $0 })
        case .tuple(let tuple):
            return try Subscripts.sequenceItem(
                tuple.items, index, range: range, what: "tuple", wrap: { .tuple($0) }, single: { $0 })
        case .string(let text):
            return try Subscripts.sequenceItem(
                Array(text), index, range: range, what: "string",
                wrap: { .string(String($0)) }, single: { .string(String($0)) })
        case .dict(let dict):
            let (key, keyRange) = try Subscripts.dictKey(index, range: range)
            if let value = dict[key] { return value }
            if let value = try missingValue(dict, key, range: keyRange) { return value }
            let keys = dict.keys.compactMap { if case .string(let s) = $0 { s } else { nil } }
            var hint = keys.isEmpty ? nil : "the keys are \(dict.keys.map { repr($0) }.joined(separator: ", "))"
            if case .string(let name) = key, let close = closestMatch(to: name, in: keys) {
                hint = "did you mean '\(close)'?"
            }
            throw missingKey(key, at: keyRange, hint: hint)
        case .array(let array):
            return try ArrayIndexing.get(array, index, self, range: range)
        case .object(let object):
            if let subscriptable = object as? SubscriptableObject {
                return try subscriptable.subscriptItem(index, self, range: range)
            }
            if let indexable = object as? IterableObject {
                return try Subscripts.sequenceItem(
                    indexable.items, index, range: range, what: object.typeName,
                    wrap: { .list($0) }, single: { $0 })
            }
            throw Diagnostic("'\(container.typeName)' object is not subscriptable", at: range)
        default:
            throw Diagnostic("'\(container.typeName)' object is not subscriptable", at: range)
        }
    }
}

extension Subscripts {
    /// The key between a dict's brackets: `d[k]`, `d[None]`, or a tuple for `d[1, 2]`.
    static func dictKey(_ index: [IndexItem], range: SourceRange) throws(Diagnostic) -> (Value, SourceRange) {
        var keys: [Value] = []
        var keyRange = range
        for item in index {
            switch item {
            case .value(let value, let itemRange):
                keys.append(value)
                keyRange = index.count == 1 ? itemRange : range
            case .newAxis: keys.append(.none)
            case .slice, .ellipsis: throw Diagnostic("unhashable type: 'slice'", at: range, exception: "TypeError")
            }
        }
        return (keys.count == 1 ? keys[0] : .tuple(keys), keyRange)
    }
}
