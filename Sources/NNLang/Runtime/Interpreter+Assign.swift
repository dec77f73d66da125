extension Interpreter {
    /// Binds `value` to `target`: a name, an attribute, a subscript, or a tuple/list of targets to unpack.
    func assign(_ value: Value, to target: Expression) throws(Diagnostic) {
        switch target {
        case .resolved(let resolved, _):
            try bind(resolved, to: value)
        case .name(let name, _):
            try bind(name, to: value)
        case .attribute(let base, let name, let range):
            let object = try evaluate(base)
            guard case .object(let pyObject) = object else {
                throw Diagnostic("cannot set attributes on a \(object.typeName)", at: range)
            }
            do { try pyObject.setAttribute(name, to: value, self) } catch { throw error.located(at: range) }
        case .subscription(let base, let items, let range):
            let container = try evaluate(base)
            try setSubscript(container, try evaluateIndex(items), to: value, range: range)
        case .tuple(let targets, let range), .list(let targets, let range):
            if targets.contains(where: { $0.starredValue != nil }) {
                return try assignStarred(value, to: targets, range: range)
            }
            let items = try unpack(value, count: targets.count, range: range)
            for (item, target) in zip(items, targets) { try assign(item, to: target) }
        default:
            throw Diagnostic("cannot assign to this expression", at: target.range)
        }
    }

    /// The items of `value` for unpacking into `count` targets.
    func unpack(_ value: Value, count: Int, range: SourceRange) throws(Diagnostic) -> [Value] {
        let items = try iterate(value, range: range)
        guard items.count == count else {
            if items.count > count {
                throw Diagnostic("too many values to unpack (expected \(count), got \(items.count))", at: range)
            }
            throw Diagnostic("not enough values to unpack (expected \(count), got \(items.count))", at: range)
        }
        return items
    }

    /// The items Python's iteration would give: list and tuple items, string characters, dict keys,
    /// array rows.
    func iterate(_ value: Value, range: SourceRange) throws(Diagnostic) -> [Value] {
        switch value {
        case .list(let list): return list.items
        case .tuple(let tuple): return tuple.items
        case .string(let text): return text.map { .string(String($0)) }
        case .dict(let dict): return dict.keys
        case .array(let array):
            guard !array.isScalar else { throw Diagnostic("iteration over a 0-d array", at: range) }
            return (0..<array.shape[0]).map { .array(NDArray(ArrayIndexing.row(array.tensor, $0))) }
        case .object(let object):
            if let iterable = object as? IterableObject { return iterable.items }
            if let lazy = object as? LazyIterator { return try drain(lazy, range: range) }
            if let instance = object as? InstanceObject {
                return try drain(try instanceIterator(instance, range: range), range: range)
            }
            throw Diagnostic("'\(value.typeName)' object is not iterable", at: range)
        default:
            throw Diagnostic("'\(value.typeName)' object is not iterable", at: range)
        }
    }

    func setSubscript(_ container: Value, _ index: [IndexItem], to value: Value, range: SourceRange) throws(Diagnostic)
    {
        switch container {
        case .list(let list):
            if index.count == 1, case .slice(let start, let stop, let step) = index[0] {
                return try assignListSlice(list, start, stop, step, to: value, range: range)
            }
            guard index.count == 1, case .value(let key, let keyRange) = index[0] else {
                throw Diagnostic("assigning to a slice of a list is not supported", at: range)
            }
            let position = try Subscripts.position(key, count: list.items.count, range: keyRange, what: "list")
            list.items[position] = value
        case .dict(let dict):
            let (key, keyRange) = try Subscripts.dictKey(index, range: range)
            try checkHashable(key, range: keyRange)
            dict[key] = value
        case .array(let array):
            try ArrayIndexing.set(array, index, to: value, self, range: range)
        default:
            if index.count == 1, case .value(let key, _) = index[0],
                try instanceSetItem(container, key: key, value: value, range: range)
            {
                return
            }
            throw Diagnostic("'\(container.typeName)' object does not support item assignment", at: range)
        }
    }
}

/// An object whose items `for`-style unpacking and `list()` can take (ranges, `model.layers` views…).
protocol IterableObject: PyObject {
    var items: [Value] { get }
}
