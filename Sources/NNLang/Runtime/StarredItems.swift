/// `*iterable` in list, tuple and set displays (`[*a, *b]`), `**mapping` in dict displays
/// (`{**defaults, **options}`), and a starred target in unpacking (`first, *rest = items`), as in Python.
extension Interpreter {
    /// The values of a display's items, each `*iterable` spread out.
    func evaluateItems(_ items: [Expression]) throws(Diagnostic) -> [Value] {
        try evaluateItemsWithRanges(items).map(\.value)
    }

    /// The values with where each came from (for errors about set members).
    func evaluateItemsWithRanges(_ items: [Expression]) throws(Diagnostic) -> [(value: Value, range: SourceRange)] {
        var values: [(value: Value, range: SourceRange)] = []
        values.reserveCapacity(items.count)
        for item in items {
            if let spread = item.starredValue {
                let iterable = try evaluate(spread)
                for value in try iterate(iterable, range: spread.range) { values.append((value, spread.range)) }
            } else {
                values.append((try evaluate(item), item.range))
            }
        }
        return values
    }

    /// `{**mapping}`: its keys and values, in its order, into `dict`.
    func mergeMapping(_ mapping: Value, into dict: DictBox, range: SourceRange) throws(Diagnostic) {
        guard case .dict(let source) = mapping else {
            throw Diagnostic(
                "'\(mapping.typeName)' object is not a mapping", at: range, exception: "TypeError")
        }
        for (key, value) in zip(source.keys, source.values) { dict[key] = value }
    }

    /// `a, *rest, z = value`: the starred target takes a list of the items the others leave.
    func assignStarred(_ value: Value, to targets: [Expression], range: SourceRange) throws(Diagnostic) {
        let items = try iterate(value, range: range)
        guard let star = targets.firstIndex(where: { $0.starredValue != nil }) else { return }
        let before = star
        let after = targets.count - star - 1
        guard items.count >= before + after else {
            throw Diagnostic(
                "not enough values to unpack (expected at least \(before + after), got \(items.count))", at: range,
                exception: "ValueError")
        }
        for index in 0..<before { try assign(items[index], to: targets[index]) }
        let middle = Array(items[before..<(items.count - after)])
        try assign(.list(middle), to: targets[star].starredValue ?? targets[star])
        for offset in 0..<after { try assign(items[items.count - after + offset], to: targets[star + 1 + offset]) }
    }

    /// `items[a:b] = values` (the slice replaced, growing or shrinking the list) and
    /// `items[a:b:step] = values` (as many values as the slice selects), as Python's lists do.
    func assignListSlice(
        _ list: ListBox, _ start: Int?, _ stop: Int?, _ step: Int?, to value: Value, range: SourceRange
    ) throws(Diagnostic) {
        let values = try iterate(value, range: range)
        if step == 0 { throw Diagnostic("slice step cannot be zero", at: range, exception: "ValueError") }
        if step == nil || step == 1 {
            let count = list.items.count
            func clamp(_ value: Int?, _ fallback: Int) -> Int {
                guard var value else { return fallback }
                if value < 0 { value += count }
                return min(max(value, 0), count)
            }
            let from = clamp(start, 0)
            let to = max(clamp(stop, count), from)
            try MemoryCheck.reserve(count - (to - from) + values.count, of: MemoryCheck.valueSize, range: range)
            list.items.replaceSubrange(from..<to, with: values)
            return
        }
        let positions = Subscripts.slicePositions(start, stop, step, count: list.items.count)
        guard positions.count == values.count else {
            throw Diagnostic(
                "attempt to assign sequence of size \(values.count) to extended slice of size \(positions.count)",
                at: range, exception: "ValueError")
        }
        for (position, item) in zip(positions, values) { list.items[position] = item }
    }

    /// `del items[a:b]`, `del items[::2]`.
    func deleteListSlice(_ list: ListBox, _ start: Int?, _ stop: Int?, _ step: Int?, range: SourceRange)
        throws(Diagnostic)
    {
        if step == 0 { throw Diagnostic("slice step cannot be zero", at: range, exception: "ValueError") }
        let doomed = Set(Subscripts.slicePositions(start, stop, step, count: list.items.count))
        guard !doomed.isEmpty else { return }
        list.items = list.items.enumerated().filter { !doomed.contains($0.offset) }.map(\.element)
    }
}
