import NNEngine

/// NumPy indexing: integers (negative from the end), slices, `None`, `...`, integer and boolean arrays
/// (advanced indexing, with NumPy's broadcasting and placement of the advanced dimensions), and a tuple
/// as the whole index (`X[np.where(y == 1)]` is `X[rows]`). Results are copies (NumPy returns views for
/// basic slices; NNLab copies, which differs only when a slice is later written to).
enum ArrayIndexing {
    /// The flat source offsets an index takes, in result order, and the shape of the result.
    struct Selection {
        var offsets: [Int]
        var resultShape: [Int]
    }

    /// One index item resolved against the source's axes.
    private enum Entry {
        case newAxis
        /// A slice: the positions it takes along `axis`.
        case slice(axis: Int, positions: [Int])
        /// An integer: one position along `axis`.
        case integer(axis: Int, position: Int)
        /// An integer array (or one coordinate of a boolean mask): positions along `axis`, of `shape`.
        case array(axis: Int, positions: [Int], shape: [Int])
    }

    /// An index item before axes are assigned; `axes` is how many source axes it consumes.
    private enum Parsed {
        case newAxis
        case ellipsis
        case slice(Int?, Int?, Int?)
        case integer(Int, SourceRange)
        case integers(Tensor, SourceRange)
        case mask(Tensor, SourceRange)

        var axes: Int {
            switch self {
            case .newAxis, .ellipsis: 0
            case .slice, .integer, .integers: 1
            case .mask(let mask, _): mask.rank
            }
        }
    }

    static func row(_ tensor: Tensor, _ index: Int) -> Tensor {
        var row = tensor.rows(index..<(index + 1))
        row = (try? row.reshaped(Array(tensor.shape.dropFirst()))) ?? row
        return row
    }

    /// The index items of `items`, a tuple as the whole index standing for its own items (as in Python,
    /// `a[t]` with a tuple `t` is `a[t[0], t[1], …]`).
    static func unpacked(_ items: [IndexItem]) -> [IndexItem] {
        guard items.count == 1, case .value(.tuple(let tuple), let itemRange) = items[0] else { return items }
        return tuple.items.map { value -> IndexItem in
            if case .none = value { return .newAxis }
            if case .object(let slice as SliceObject) = value { return .slice(slice.start, slice.stop, slice.step) }
            return .value(value, itemRange)
        }
    }

    private static func parse(_ item: IndexItem) throws(Diagnostic) -> Parsed {
        switch item {
        case .newAxis: return .newAxis
        case .ellipsis: return .ellipsis
        case .slice(let start, let stop, let step): return .slice(start, stop, step)
        case .value(let value, let itemRange):
            if let integer = value.exactInteger, !(value.typeName == "bool") { return .integer(integer, itemRange) }
            var indexArray: Tensor
            switch value {
            case .bool(let b): indexArray = Tensor.exactly(shape: [], dtype: .bool) { _ in b ? 1 : 0 }
            case .array(let a): indexArray = a.tensor
            case .list, .tuple:
                indexArray = try ArrayConversion.tensor(value, range: itemRange)
                // An empty list is an empty integer index, as in NumPy.
                if indexArray.count == 0 {
                    indexArray = Tensor.exactly(shape: indexArray.shape, dtype: .int64) { _ in 0 }
                }
            default:
                throw Diagnostic(
                    "only integers, slices (:), None, ... and integer or boolean arrays are valid indices; "
                        + "got \(value.typeName)", at: itemRange, exception: "IndexError")
            }
            if indexArray.dtype == .bool { return .mask(indexArray, itemRange) }
            guard indexArray.dtype != .float32 && indexArray.dtype != .float64 else {
                throw Diagnostic(
                    "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean "
                        + "arrays are valid indices", at: itemRange, exception: "IndexError")
            }
            return .integers(indexArray, itemRange)
        }
    }

    static func selection(_ tensor: Tensor, _ items: [IndexItem], range: SourceRange) throws(Diagnostic) -> Selection {
        let shape = tensor.shape
        let items = unpacked(items)
        // A mask over the whole array (`X[X > 0.5]`) selects its true elements in order: taken directly.
        if items.count == 1, case .value(.array(let mask), _) = items[0], mask.tensor.dtype == .bool,
            mask.shape == shape, shape.count > 1
        {
            let offsets = mask.tensor.scalars.enumerated().compactMap { $0.element != 0 ? $0.offset : nil }
            return Selection(offsets: offsets, resultShape: [offsets.count])
        }
        var parsed: [Parsed] = []
        for item in items { parsed.append(try parse(item)) }
        let explicitAxes = parsed.reduce(0) { $0 + $1.axes }
        guard explicitAxes <= shape.count else {
            var tooMany = Diagnostic(
                "too many indices for array: array is \(shape.count)-dimensional, but \(explicitAxes) were indexed",
                at: range, hint: "the array has shape \(formatShape(shape))")
            tooMany.exception = "IndexError"
            throw tooMany
        }
        guard parsed.filter({ if case .ellipsis = $0 { true } else { false } }).count <= 1 else {
            throw Diagnostic("an index can only have a single ellipsis ('...')", at: range, exception: "IndexError")
        }
        var entries: [Entry] = []
        var axis = 0
        func checked(_ index: Int, _ itemRange: SourceRange?) throws(Diagnostic) -> Int {
            let length = shape[axis]
            let position = index < 0 ? index + length : index
            guard position >= 0, position < length else {
                throw Diagnostic(
                    "index \(index) is out of bounds for axis \(axis) with size \(length)", at: itemRange,
                    hint: length > 0 ? "valid indices are 0 to \(length - 1), or -1 to -\(length) from the end" : nil)
            }
            return position
        }
        for item in parsed {
            switch item {
            case .newAxis: entries.append(.newAxis)
            case .ellipsis:
                for _ in 0..<(shape.count - explicitAxes) {
                    entries.append(.slice(axis: axis, positions: Array(0..<shape[axis])))
                    axis += 1
                }
            case .slice(let start, let stop, let step):
                entries.append(
                    .slice(axis: axis, positions: Subscripts.slicePositions(start, stop, step, count: shape[axis])))
                axis += 1
            case .integer(let index, let itemRange):
                entries.append(.integer(axis: axis, position: try checked(index, itemRange)))
                axis += 1
            case .integers(let indices, let itemRange):
                var positions: [Int] = []
                positions.reserveCapacity(indices.count)
                for raw in indices.knownValues {
                    positions.append(try checked(Int(ArrayConversion.int64(raw)), itemRange))
                }
                entries.append(.array(axis: axis, positions: positions, shape: indices.shape))
                axis += 1
            case .mask(let mask, let itemRange):
                for (k, size) in mask.shape.enumerated() where shape[axis + k] != size {
                    throw Diagnostic(
                        "boolean index did not match indexed array along axis \(axis + k); size of axis is "
                            + "\(shape[axis + k]) but size of corresponding boolean axis is \(size)",
                        at: itemRange, exception: "IndexError")
                }
                // The mask's true positions, one coordinate array per axis it covers (its `nonzero()`).
                let flat = mask.knownValues.enumerated().compactMap { $0.element != 0 ? $0.offset : nil }
                if mask.rank == 0 {
                    // A single True or False (NumPy's 0-d mask) covers no axis: it adds one of length 1 or 0.
                    entries.append(.array(axis: -1, positions: flat, shape: [flat.count]))
                    continue
                }
                var divisor = mask.count
                for size in mask.shape {
                    divisor /= size
                    entries.append(
                        .array(axis: axis, positions: flat.map { ($0 / divisor) % size }, shape: [flat.count]))
                    axis += 1
                }
            }
        }
        while axis < shape.count {
            entries.append(.slice(axis: axis, positions: Array(0..<shape[axis])))
            axis += 1
        }
        return try combine(entries, shape: shape, range: range)
    }

    /// The offsets and shape of resolved entries: basic entries in order, and the advanced ones (integer
    /// arrays, and integers when any array is present) broadcast together, in place when they stand
    /// side by side, else first, as NumPy places them.
    private static func combine(_ entries: [Entry], shape: [Int], range: SourceRange) throws(Diagnostic)
        -> Selection
    {
        var strides = [Int](repeating: 1, count: shape.count)
        for axis in stride(from: shape.count - 2, through: 0, by: -1) {
            strides[axis] = strides[axis + 1] * shape[axis + 1]
        }
        let hasArrays = entries.contains { if case .array = $0 { true } else { false } }
        // Each result dimension group: its shape, and the source offset each of its (flat) positions adds.
        var groups: [(shape: [Int], contributions: [Int])] = []
        var advancedAt: Int?
        var advanced: [(axis: Int, positions: [Int], shape: [Int])] = []
        var separated = false
        for entry in entries {
            switch entry {
            case .newAxis: groups.append(([1], [0]))
            case .slice(let axis, let positions):
                groups.append(([positions.count], positions.map { $0 * strides[axis] }))
            case .integer(let axis, let position) where !hasArrays: groups.append(([], [position * strides[axis]]))
            case .integer(let axis, let position):
                if let first = advancedAt, first != groups.count { separated = true }
                advancedAt = advancedAt ?? groups.count
                advanced.append((axis: axis, positions: [position], shape: []))
            case .array(let axis, let positions, let arrayShape):
                if let first = advancedAt, first != groups.count { separated = true }
                advancedAt = advancedAt ?? groups.count
                advanced.append((axis: axis, positions: positions, shape: arrayShape))
            }
        }
        if let place = advancedAt {
            var broadcast: [Int] = []
            for item in advanced {
                guard let merged = broadcastIndexShapes(broadcast, item.shape) else {
                    throw Diagnostic(
                        "shape mismatch: indexing arrays could not be broadcast together with shapes "
                            + advanced.map { formatShape($0.shape) }.joined(separator: " "), at: range,
                        exception: "IndexError")
                }
                broadcast = merged
            }
            var contributions = [Int](repeating: 0, count: broadcast.reduce(1, *))
            for item in advanced {
                let offsets = ExactValues.broadcastOffsets(from: item.shape, to: broadcast)
                let stride = item.axis >= 0 ? strides[item.axis] : 0
                for i in contributions.indices { contributions[i] += item.positions[offsets[i]] * stride }
            }
            groups.insert((broadcast, contributions), at: separated ? 0 : place)
        }
        let resultShape = groups.flatMap(\.shape)
        try ArrayConversion.checkSize(resultShape, range: range, allocates: false)
        var offsets = [0]
        for group in groups {
            var next: [Int] = []
            next.reserveCapacity(offsets.count * group.contributions.count)
            for base in offsets { for contribution in group.contributions { next.append(base + contribution) } }
            offsets = next
        }
        return Selection(offsets: offsets, resultShape: resultShape)
    }

    /// Two index arrays' shapes broadcast together, nil when they cannot be.
    private static func broadcastIndexShapes(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        let x = Array(repeating: 1, count: rank - a.count) + a
        let y = Array(repeating: 1, count: rank - b.count) + b
        var result: [Int] = []
        for (m, n) in zip(x, y) {
            guard m == n || m == 1 || n == 1 else { return nil }
            result.append(m == 1 ? n : m)
        }
        return result
    }

    /// Flat source offsets of the selected elements, in result order.
    static func offsets(_ tensor: Tensor, _ selection: Selection) -> [Int] { selection.offsets }

    static func get(_ array: NDArray, _ items: [IndexItem], _ interpreter: Interpreter, range: SourceRange)
        throws(Diagnostic) -> Value
    {
        let tensor = array.tensor
        guard tensor.rank > 0 || items.allSelectNoAxis else {
            throw Diagnostic("invalid index to a scalar (0-d) value", at: range)
        }
        let selection = try selection(tensor, items, range: range)
        let offsets = offsets(tensor, selection)
        return gather(tensor, shape: selection.resultShape) { offsets[$0] }
    }

    /// The elements at flat offsets `offset(0)`, `offset(1)`, … as an array of `shape` (a NumPy scalar
    /// for shape []): what indexing gives. Shared by the general path and the interpreter's `a[i, j]`
    /// fast path, so both agree.
    static func gather(_ tensor: Tensor, shape: [Int], offset: (Int) -> Int) -> Value {
        let count = shape.reduce(1, *)
        return .array(NDArray(tensor.gathered(shape: shape, offsets: (0..<count).map(offset))))
    }

    static func set(
        _ array: NDArray, _ items: [IndexItem], to value: Value, _ interpreter: Interpreter, range: SourceRange
    ) throws(Diagnostic) {
        let selection = try selection(array.tensor, items, range: range)
        try store(
            value, into: array, at: offsets(array.tensor, selection), shape: selection.resultShape,
            integersOnly: items.allSatisfy({ if case .value = $0 { true } else { false } }), range: range)
    }

    /// Writes `value` (broadcast to `shape`) at flat `offsets`: what assigning to a selection does.
    /// Shared by the general path and the interpreter's `a[i, j] = v` fast path, so both agree.
    static func store(
        _ value: Value, into array: NDArray, at offsets: [Int], shape: [Int], integersOnly: Bool,
        range: SourceRange
    ) throws(Diagnostic) {
        let source: Tensor
        if let scalar = ExactValues.scalarTensor(value) {
            source = scalar
        } else {
            source = try ArrayMath.operand(value, range: range).tensor
        }
        // NumPy 2.4: one element takes only a scalar or a 0-d array, never a 1-element sequence.
        if shape.isEmpty, source.rank > 0, offsets.count == 1, integersOnly {
            throw Diagnostic(
                "setting an array element with a sequence.", at: range,
                hint: "the value has shape \(formatShape(source.shape)); take its single number with .item() or [0]")
        }
        let sourceOffsets: [Int]
        if source.count == 1 {
            sourceOffsets = [Int](repeating: 0, count: offsets.count)
        } else {
            guard (try? ArrayMath.broadcastShape(source.shape, shape, range: range)) == shape else {
                throw Diagnostic(
                    "could not assign an array of shape \(formatShape(source.shape)) "
                        + "into a selection of shape \(formatShape(shape))",
                    at: range)
            }
            sourceOffsets = ExactValues.broadcastOffsets(from: source.shape, to: shape)
        }
        let dtype = array.tensor.dtype
        let sourceValues = source.knownValues
        var values = sourceOffsets.map { sourceValues[$0] }
        if dtype == .int64 || dtype == .uint8, let bad = values.first(where: { !$0.isFinite }) {
            throw Diagnostic(
                bad.isNaN
                    ? "ValueError: cannot convert float NaN to integer"
                    : "OverflowError: cannot convert float infinity to integer", at: range,
                hint: "this array holds integers (\(dtype.rawValue)); make a float copy first: a.astype(float)")
        }
        if dtype != .float32 && dtype != .float64 {
            values = ArrayConversion.castExactly(values, shape: [values.count], to: dtype, invalid: nil).knownValues
        }
        // A float64 array known only in float32 takes its known values first, so it stays one kind of array.
        if !array.tensor.isExactlyKnown { try? array.tensor.setDoubles(array.tensor.knownValues) }
        // Exact in a float64 or int64 array (`a[0] = 0.1` holds 0.1), rounded to float32 in the others.
        array.tensor.setDoubles(values, at: offsets)
    }
}

extension [IndexItem] {
    /// Whether every item takes no axis of the array (`None`, `...`, a single True or False), as a
    /// 0-d array allows: `np.array(5)[True]` is `array([5])`.
    fileprivate var allSelectNoAxis: Bool {
        allSatisfy { item in
            switch item {
            case .newAxis, .ellipsis, .value(.bool, _): true
            case .value(.array(let a), _): a.isScalar && a.tensor.dtype == .bool
            case .slice, .value: false
            }
        }
    }
}
