import NNEngine

/// NumPy's sorting and searching functions: `sort`, `argsort`, `unique`, `nonzero` (and one-argument
/// `where`), `argwhere`. Sorts are stable, with NaN last as NumPy orders it.
enum ArraySorting {
    static func members() -> [String: Value] {
        [
            "sort": function("sort", "a, axis=-1") { a, _ throws(Diagnostic) in
                let (tensor, axis) = try lanes(a)
                return NumPyLibrary.array(sorted(tensor, axis))
            },
            "argsort": function("argsort", "a, axis=-1, kind=None") { a, _ throws(Diagnostic) in
                let (tensor, axis) = try lanes(a)
                let values = tensor.wide
                let positions = rearranged(tensor, axis) { lane in
                    values.map { v in order(lane.map { v[$0] }) } ?? order(lane.map { tensor[flat: $0] })
                }
                return NumPyLibrary.array(Tensor(shape: tensor.shape, dtype: .int64) { Float(positions[$0]) })
            },
            "unique": function("unique", "ar, return_index=False, return_inverse=False, return_counts=False, axis=None")
            {
                a, _ throws(Diagnostic) in try unique(a)
            },
            "nonzero": function("nonzero", "a") { a, _ throws(Diagnostic) in
                try nonzero(try a.tensor("a"), range: a.range("a"))
            },
            "argwhere": function("argwhere", "a") { a, _ throws(Diagnostic) in
                let tensor = try a.tensor("a")
                let found = positions(tensor)
                let rank = max(tensor.rank, 1)
                return NumPyLibrary.array(
                    Tensor(shape: [found.count, tensor.rank], dtype: .int64) {
                        Float(found[$0 / rank].index[$0 % rank])
                    })
            },
        ]
    }

    /// The indices that sort `values` stably, NaN last.
    static func order<T: BinaryFloatingPoint>(_ values: [T]) -> [Int] {
        values.indices.sorted { i, j in
            let x = values[i]
            let y = values[j]
            if x.isNaN != y.isNaN { return !x.isNaN }
            if x.isNaN || x == y { return i < j }
            return x < y
        }
    }

    /// The array and the axis to work along (`axis=None` sorts the flattened array).
    static func lanes(_ a: BoundArguments) throws(Diagnostic) -> (Tensor, Int) {
        var tensor = try a.tensor("a")
        if a.given("axis"), a["axis"] == nil || tensor.rank == 0 {
            tensor = (try? tensor.reshaped([tensor.count])) ?? tensor
            return (tensor, 0)
        }
        let requested = try a.int("axis", default: -1)
        let axis = requested < 0 ? requested + tensor.rank : requested
        guard axis >= 0, axis < tensor.rank else {
            throw Diagnostic(
                "axis \(requested) is out of bounds for array of dimension \(tensor.rank)", at: a.range("axis"))
        }
        return (tensor, axis)
    }

    /// `tensor` sorted along `axis` (on the exact values when it carries them).
    static func sorted(_ tensor: Tensor, _ axis: Int) -> Tensor {
        let values = tensor.wide
        let offsets = rearranged(tensor, axis) { lane in
            let sorting = values.map { v in order(lane.map { v[$0] }) } ?? order(lane.map { tensor[flat: $0] })
            return sorting.map { lane[$0] }
        }
        return tensor.gathered(shape: tensor.shape, offsets: offsets)
    }

    /// For every 1-D lane along `axis` (given as the flat offsets of its elements), `body` returns what to
    /// put in the lane's places, in order; the result, for the whole array, in row-major order.
    static func rearranged(_ tensor: Tensor, _ axis: Int, _ body: ([Int]) -> [Int]) -> [Int] {
        let length = tensor.shape[axis]
        let inner = tensor.shape[(axis + 1)...].reduce(1, *)
        let outer = tensor.count / max(length * inner, 1)
        var result = Array(0..<tensor.count)
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * length * inner + i
                let lane = (0..<length).map { base + $0 * inner }
                for (k, value) in body(lane).enumerated() { result[base + k * inner] = value }
            }
        }
        return result
    }

    /// Applies `body` to every 1-D lane along `axis`, writing its results back in the same places.
    static func alongAxis(_ tensor: Tensor, _ axis: Int, _ body: ([Float]) -> [Float]) -> Tensor {
        let length = tensor.shape[axis]
        let inner = tensor.shape[(axis + 1)...].reduce(1, *)
        let outer = tensor.count / max(length * inner, 1)
        var result = tensor.copied()
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * length * inner + i
                let lane = (0..<length).map { tensor[flat: base + $0 * inner] }
                for (k, value) in body(lane).enumerated() { result[flat: base + k * inner] = value }
            }
        }
        return result
    }

    static func unique(_ a: BoundArguments) throws(Diagnostic) -> Value {
        guard a["axis"] == nil else {
            throw Diagnostic(
                "np.unique with an axis is not supported yet; only axis=None (the flattened array)", at: a.range("axis")
            )
        }
        if case .object(let strings as StringArrayObject)? = a["ar"] { return try strings.unique(a) }
        let tensor = try a.tensor("ar")
        let values = tensor.knownValues
        let sorted = order(values)
        var uniqueValues: [Double] = []
        var firstIndex: [Float] = []
        var counts: [Float] = []
        var inverse = [Float](repeating: 0, count: values.count)
        for index in sorted {
            let value = values[index]
            // NaNs are one value (equal_nan=True).
            if let last = uniqueValues.last, last == value || (last.isNaN && value.isNaN) {
                counts[counts.count - 1] += 1
            } else {
                uniqueValues.append(value)
                firstIndex.append(Float(index))
                counts.append(1)
            }
            inverse[index] = Float(uniqueValues.count - 1)
        }
        var uniqueTensor = Tensor.exactly(shape: [uniqueValues.count], dtype: tensor.dtype) { uniqueValues[$0] }
        if !tensor.isExactlyKnown { uniqueTensor = Tensor(uniqueValues.map { Float($0) }, dtype: tensor.dtype) }
        let result = NumPyLibrary.array(uniqueTensor)
        var extras: [Value] = []
        if try a.bool("return_index", default: false) {
            extras.append(NumPyLibrary.array(Tensor(firstIndex, dtype: .int64)))
        }
        if try a.bool("return_inverse", default: false) {
            let shape = tensor.rank == 0 ? [1] : tensor.shape
            extras.append(NumPyLibrary.array(Tensor(shape: shape, dtype: .int64) { inverse[$0] }))
        }
        if try a.bool("return_counts", default: false) {
            extras.append(NumPyLibrary.array(Tensor(counts, dtype: .int64)))
        }
        return extras.isEmpty ? result : .tuple([result] + extras)
    }

    /// The full indices of the non-zero elements, in row-major order.
    static func positions(_ tensor: Tensor) -> [(flat: Int, index: [Int])] {
        var found: [(Int, [Int])] = []
        for flat in 0..<tensor.count where tensor[flat: flat] != 0 {
            var index = [Int](repeating: 0, count: tensor.rank)
            var remainder = flat
            for axis in stride(from: tensor.rank - 1, through: 0, by: -1) {
                index[axis] = remainder % tensor.shape[axis]
                remainder /= tensor.shape[axis]
            }
            found.append((flat, index))
        }
        return found
    }

    /// `np.nonzero(a)` and one-argument `np.where(a)`: one index array per axis.
    static func nonzero(_ tensor: Tensor, range: SourceRange) throws(Diagnostic) -> Value {
        guard tensor.rank > 0 else {
            throw Diagnostic(
                "Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.", at: range)
        }
        let found = positions(tensor)
        return .tuple(
            (0..<tensor.rank).map { axis in
                NumPyLibrary.array(Tensor(found.map { Float($0.index[axis]) }, dtype: .int64))
            })
    }
}
