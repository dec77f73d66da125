import NNEngine

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
        case .newAxis:
            throw Diagnostic(
                "\(what) indices must be integers or slices, not NoneType", at: range, exception: "TypeError")
        case .ellipsis:
            throw Diagnostic(
                "\(what) indices must be integers or slices, not ellipsis", at: range, exception: "TypeError")
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

/// A subscript's evaluated index, with the common cases kept apart: one or two plain ints.
enum EvaluatedIndex {
    case one(Int, SourceRange)
    case two(Int, Int, SourceRange, SourceRange)
    case general([IndexItem])

    /// The index items the general path takes.
    var items: [IndexItem] {
        switch self {
        case .one(let i, let r): [.value(.int(i), r)]
        case .two(let i, let j, let r, let s): [.value(.int(i), r), .value(.int(j), s)]
        case .general(let items): items
        }
    }
}

extension Interpreter {
    @inline(__always)
    /// An evaluated index value as an index item: None is a new axis, a `slice(...)` object a slice.
    func indexItem(_ value: Value, _ range: SourceRange) -> IndexItem {
        if case .none = value { return .newAxis }
        if case .object(let slice as SliceObject) = value { return .slice(slice.start, slice.stop, slice.step) }
        return .value(value, range)
    }

    /// Evaluates a subscript's items once, left to right, keeping `[i]` and `[i, j]` with int values apart.
    func evaluateIndex(_ items: [SubscriptItem]) throws(Diagnostic) -> EvaluatedIndex {
        guard items.count <= 2, case .index(let first) = items.first else {
            return .general(try evaluateSubscript(items))
        }
        let i = try evaluate(first)
        if items.count == 1 {
            if case .int(let index) = i { return .one(index, first.range) }
            return .general([indexItem(i, first.range)])
        }
        guard case .index(let second) = items[1] else {
            return .general([indexItem(i, first.range)] + (try evaluateSubscript([items[1]])))
        }
        let j = try evaluate(second)
        if case .int(let row) = i, case .int(let column) = j { return .two(row, column, first.range, second.range) }
        return .general([indexItem(i, first.range), indexItem(j, second.range)])
    }

    /// The flat offset of `[i]` in a 1-D array or `[i, j]` in a 2-D one, nil when out of bounds or
    /// another rank (the general path then answers, with its errors).
    @inline(__always)
    private func elementOffset(_ tensor: Tensor, _ index: EvaluatedIndex) -> Int? {
        switch index {
        case .one(let i, _):
            guard tensor.rank == 1 else { return nil }
            let count = tensor.shape[0]
            let position = i < 0 ? i + count : i
            return position >= 0 && position < count ? position : nil
        case .two(let i, let j, _, _):
            guard tensor.rank == 2 else { return nil }
            let rows = tensor.shape[0]
            let columns = tensor.shape[1]
            let row = i < 0 ? i + rows : i
            let column = j < 0 ? j + columns : j
            guard row >= 0, row < rows, column >= 0, column < columns else { return nil }
            return row * columns + column
        case .general: return nil
        }
    }

    /// `container[index]`: lists, tuples and arrays with int indices directly, the rest by `subscriptValue`.
    func subscriptValue(_ container: Value, _ index: EvaluatedIndex, range: SourceRange) throws(Diagnostic) -> Value {
        switch (container, index) {
        case (.list(let list), .one(let i, let r)):
            return list.items[try Subscripts.position(.int(i), count: list.items.count, range: r, what: "list")]
        case (.tuple(let tuple), .one(let i, let r)):
            return tuple.items[try Subscripts.position(.int(i), count: tuple.items.count, range: r, what: "tuple")]
        case (.array(let array), .one), (.array(let array), .two):
            let tensor = array.tensor
            if let offset = elementOffset(tensor, index) {
                return ArrayIndexing.gather(tensor, shape: []) { _ in offset }
            }
        default: break
        }
        return try subscriptValue(container, index.items, range: range)
    }

    /// `container[index] = value`: lists and arrays with int indices directly, the rest by `setSubscript`.
    func setSubscript(_ container: Value, _ index: EvaluatedIndex, to value: Value, range: SourceRange)
        throws(Diagnostic)
    {
        switch (container, index) {
        case (.list(let list), .one(let i, let r)):
            let position = try Subscripts.position(.int(i), count: list.items.count, range: r, what: "list")
            list.items[position] = value
            return
        case (.array(let array), .one), (.array(let array), .two):
            if let offset = elementOffset(array.tensor, index) {
                try ArrayIndexing.store(value, into: array, at: [offset], shape: [], integersOnly: true, range: range)
                return
            }
        default: break
        }
        try setSubscript(container, index.items, to: value, range: range)
    }
}
