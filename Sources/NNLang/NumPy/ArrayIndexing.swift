import NNEngine

/// NumPy indexing: integers (negative from the end), slices, `None`, `...`, one integer-array index,
/// and boolean masks. Results are copies (NumPy returns views for basic slices; NNLab copies, which
/// differs only when a slice is later written to).
enum ArrayIndexing {
    /// What an index keeps along each axis of the source, and the shape of the result.
    struct Selection {
        /// Per source axis: the positions taken.
        var positions: [[Int]]
        var resultShape: [Int]
        /// A boolean mask over the whole array selects single elements in order instead.
        var flatMask: [Int]?
    }

    static func row(_ tensor: Tensor, _ index: Int) -> Tensor {
        var row = tensor.rows(index..<(index + 1))
        row = (try? row.reshaped(Array(tensor.shape.dropFirst()))) ?? row
        return row
    }

    static func selection(_ tensor: Tensor, _ items: [IndexItem], range: SourceRange) throws(Diagnostic) -> Selection {
        let shape = tensor.shape
        if items.count == 1, case .value(let value, let itemRange) = items[0], case .array(let mask) = value,
            mask.tensor.dtype == .bool, mask.shape == shape, shape.count > 1
        {
            let indices = mask.tensor.scalars.enumerated().compactMap { $0.element != 0 ? $0.offset : nil }
            _ = itemRange
            return Selection(positions: [], resultShape: [indices.count], flatMask: indices)
        }
        let explicitAxes = items.filter {
            if case .newAxis = $0 { false } else if case .ellipsis = $0 { false } else { true }
        }.count
        guard explicitAxes <= shape.count else {
            throw Diagnostic(
                "too many indices for an array of shape \(formatShape(shape)): \(explicitAxes) given, "
                    + "the array has \(shape.count) dimension\(shape.count == 1 ? "" : "s")", at: range)
        }
        var expanded: [IndexItem] = []
        var sawEllipsis = false
        for item in items {
            if case .ellipsis = item {
                guard !sawEllipsis else {
                    throw Diagnostic("an index can only have a single ellipsis ('...')", at: range)
                }
                sawEllipsis = true
                expanded += Array(repeating: IndexItem.slice(nil, nil, nil), count: shape.count - explicitAxes)
            } else {
                expanded.append(item)
            }
        }
        var positions: [[Int]] = []
        var resultShape: [Int] = []
        var axis = 0
        var advanced = 0
        for item in expanded {
            switch item {
            case .newAxis:
                resultShape.append(1)
            case .slice(let start, let stop, let step):
                let taken = Subscripts.slicePositions(start, stop, step, count: shape[axis])
                positions.append(taken)
                resultShape.append(taken.count)
                axis += 1
            case .ellipsis:
                break
            case .value(let value, let itemRange):
                if let integer = value.exactInteger, !(value.typeName == "bool") {
                    let length = shape[axis]
                    let position = integer < 0 ? integer + length : integer
                    guard position >= 0, position < length else {
                        throw Diagnostic(
                            "index \(integer) is out of bounds for axis \(axis) with size \(length)", at: itemRange,
                            hint: length > 0
                                ? "valid indices are 0 to \(length - 1), or -1 to -\(length) from the end" : nil)
                    }
                    positions.append([position])
                    axis += 1
                    continue
                }
                let indexArray: Tensor
                switch value {
                case .array(let a): indexArray = a.tensor
                case .list, .tuple: indexArray = try ArrayConversion.tensor(value, range: itemRange)
                default:
                    throw Diagnostic(
                        "only integers, slices (:), None, ... and integer or boolean arrays are valid indices; "
                            + "got \(value.typeName)", at: itemRange)
                }
                advanced += 1
                guard advanced == 1, indexArray.rank == 1 else {
                    throw Diagnostic("NNLab supports one 1-D integer or boolean array per index", at: itemRange)
                }
                var taken: [Int] = []
                if indexArray.dtype == .bool {
                    guard indexArray.count == shape[axis] else {
                        throw Diagnostic(
                            "boolean index did not match: axis \(axis) has size \(shape[axis]) "
                                + "but the mask has \(indexArray.count)",
                            at: itemRange)
                    }
                    taken = indexArray.scalars.enumerated().compactMap { $0.element != 0 ? $0.offset : nil }
                } else {
                    guard indexArray.dtype != .float32 && indexArray.dtype != .float64 else {
                        throw Diagnostic("arrays used as indices must be of integer or boolean type", at: itemRange)
                    }
                    for raw in indexArray.scalars {
                        let integer = Int(truncating: raw) ?? Int.max
                        let position = integer < 0 ? integer + shape[axis] : integer
                        guard position >= 0, position < shape[axis] else {
                            throw Diagnostic(
                                "index \(integer) is out of bounds for axis \(axis) with size \(shape[axis])",
                                at: itemRange)
                        }
                        taken.append(position)
                    }
                }
                positions.append(taken)
                resultShape.append(taken.count)
                axis += 1
            }
        }
        while axis < shape.count {
            positions.append(Array(0..<shape[axis]))
            resultShape.append(shape[axis])
            axis += 1
        }
        return Selection(positions: positions, resultShape: resultShape, flatMask: nil)
    }

    /// Flat source offsets of the selected elements, in result order.
    static func offsets(_ tensor: Tensor, _ selection: Selection) -> [Int] {
        if let mask = selection.flatMask { return mask }
        var offsets = [0]
        for (axis, taken) in selection.positions.enumerated() {
            let stride = tensor.shape[(axis + 1)...].reduce(1, *)
            var next: [Int] = []
            next.reserveCapacity(offsets.count * taken.count)
            for base in offsets { for position in taken { next.append(base + position * stride) } }
            offsets = next
        }
        return offsets
    }

    static func get(_ array: NDArray, _ items: [IndexItem], _ interpreter: Interpreter, range: SourceRange)
        throws(Diagnostic) -> Value
    {
        let tensor = array.tensor
        guard tensor.rank > 0 else { throw Diagnostic("invalid index to a scalar (0-d) value", at: range) }
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
