import NNEngine

/// NumPy functions that build or reshape arrays: `stack`, `column_stack`, `append`, `squeeze`, `ravel`,
/// `flip`, `atleast_1d`, `atleast_2d`, `diag`, `outer`, `identity`, `empty`, `full_like`, `cumsum`, `diff`, `repeat`,
/// `array_equal`.
enum ArrayShaping {
    /// `np.repeat(a, repeats, axis=None)`: each element (or each slice along `axis`) `repeats` times, or
    /// as many times as its entry in a list of repeats.
    static func repeatFunction(_ a: BoundArguments) throws(Diagnostic) -> Value {
        var tensor = try a.tensor("a")
        var axis = 0
        if let requested = try a.optionalInt("axis") {
            axis = requested < 0 ? requested + tensor.rank : requested
            guard axis >= 0, axis < tensor.rank else {
                throw Diagnostic(
                    "axis \(requested) is out of bounds for array of dimension \(tensor.rank)", at: a.range("axis"))
            }
        } else {
            tensor = (try? tensor.reshaped([tensor.count])) ?? tensor
        }
        let length = tensor.shape[axis]
        let counts: [Int]
        if let single = a["repeats"]?.exactInteger {
            counts = Array(repeating: single, count: length)
        } else {
            let given = try a.tensor("repeats")
            guard given.dtype == .int64 || given.dtype == .uint8 || given.dtype == .bool else {
                throw Diagnostic(
                    "Cannot cast array data from dtype('\(given.dtype.rawValue)') to dtype('int64') according to the "
                        + "rule 'safe'", at: a.range("repeats"))
            }
            let values = given.knownValues.map { Int($0) }
            guard values.count == length || values.count == 1 else {
                throw Diagnostic(
                    "operands could not be broadcast together with shape (\(length),) (\(values.count),)",
                    at: a.range("repeats"))
            }
            counts = values.count == 1 ? Array(repeating: values[0], count: length) : values
        }
        guard counts.allSatisfy({ $0 >= 0 }) else {
            throw Diagnostic("repeats may not contain negative values.", at: a.range("repeats"))
        }
        let inner = tensor.shape[(axis + 1)...].reduce(1, *)
        let outer = tensor.count / max(length * inner, 1)
        var shape = tensor.shape
        shape[axis] = counts.reduce(0, +)
        try ArrayConversion.checkSize(shape, range: a.callRange)
        var offsets: [Int] = []
        offsets.reserveCapacity(shape.reduce(1, *))
        for o in 0..<outer {
            for (k, count) in counts.enumerated() {
                for _ in 0..<count {
                    let base = (o * length + k) * inner
                    offsets.append(contentsOf: base..<(base + inner))
                }
            }
        }
        return NumPyLibrary.array(tensor.gathered(shape: shape, offsets: offsets))
    }

    /// `np.atleast_1d(*arys)` / `np.atleast_2d(*arys)`: each argument as an array of at least `rank`
    /// dimensions (a scalar `[x]` / `[[x]]`, a 1-D array one row); one argument gives an array, several
    /// a tuple of them.
    static func atLeast(_ name: String, rank: Int) -> Value {
        function(name, "*arys") { a, _ throws(Diagnostic) in
            var results: [Value] = []
            for (k, value) in a.rest.enumerated() {
                let tensor = try ArrayConversion.tensor(value, range: a.restRange(k))
                guard tensor.rank < rank else {
                    results.append(NumPyLibrary.array(tensor))
                    continue
                }
                let shape = rank == 1 ? [tensor.count] : [1, tensor.count]
                results.append(NumPyLibrary.array((try? tensor.copied().reshaped(shape)) ?? tensor))
            }
            return results.count == 1 ? results[0] : .tuple(results)
        }
    }

    static func members() -> [String: Value] {
        [
            "stack": function("stack", "arrays, axis=0") { a, interpreter throws(Diagnostic) in
                let parts = try NumPyLibrary.tensors(a, "arrays", interpreter)
                guard parts.allSatisfy({ $0.shape == parts[0].shape }) else {
                    throw Diagnostic("all input arrays must have the same shape", at: a.range("arrays"))
                }
                let requested = try a.int("axis", default: 0)
                let rank = parts[0].rank + 1
                let axis = requested < 0 ? requested + rank : requested
                guard axis >= 0, axis < rank else {
                    throw Diagnostic(
                        "axis \(requested) is out of bounds for array of dimension \(rank)", at: a.range("axis"))
                }
                var shape = parts[0].shape
                shape.insert(1, at: axis)
                let expanded = parts.map { (try? $0.reshaped(shape)) ?? $0 }
                return NumPyLibrary.array(try NumPyLibrary.concatenate(expanded, axis: axis, range: a.callRange))
            },
            "column_stack": function("column_stack", "tup") { a, interpreter throws(Diagnostic) in
                let parts = try NumPyLibrary.tensors(a, "tup", interpreter).map { t in
                    t.rank < 2 ? ((try? t.reshaped([t.count, 1])) ?? t) : t
                }
                return NumPyLibrary.array(try NumPyLibrary.concatenate(parts, axis: 1, range: a.callRange))
            },
            "append": function("append", "arr, values, axis=None") { a, _ throws(Diagnostic) in
                let operands = [try a.tensor("arr"), try a.tensor("values")]
                guard let axis = try a.optionalInt("axis") else {
                    let flat = operands.map { (try? $0.reshaped([$0.count])) ?? $0 }
                    return NumPyLibrary.array(try NumPyLibrary.concatenate(flat, axis: 0, range: a.callRange))
                }
                return NumPyLibrary.array(try NumPyLibrary.concatenate(operands, axis: axis, range: a.callRange))
            },
            "squeeze": function("squeeze", "a, axis=None") { a, _ throws(Diagnostic) in
                let tensor = try a.tensor("a")
                var shape = tensor.shape.filter { $0 != 1 }
                if let requested = try a.optionalInt("axis") {
                    let axis = requested < 0 ? requested + tensor.rank : requested
                    guard axis >= 0, axis < tensor.rank, tensor.shape[axis] == 1 else {
                        throw Diagnostic(
                            "cannot select an axis to squeeze out which has size not equal to one", at: a.range("axis"))
                    }
                    shape = tensor.shape
                    shape.remove(at: axis)
                }
                return NumPyLibrary.array((try? tensor.copied().reshaped(shape)) ?? tensor)
            },
            "ravel": function("ravel", "a") { a, _ throws(Diagnostic) in
                let tensor = try a.tensor("a")
                return NumPyLibrary.array((try? tensor.copied().reshaped([tensor.count])) ?? tensor)
            },
            "flip": function("flip", "m, axis=None") { a, _ throws(Diagnostic) in
                let tensor = try a.tensor("m")
                guard let requested = try a.optionalInt("axis") else {
                    return NumPyLibrary.array(tensor.gathering(shape: tensor.shape) { tensor.count - 1 - $0 })
                }
                let axis = requested < 0 ? requested + tensor.rank : requested
                guard axis >= 0, axis < tensor.rank else {
                    throw Diagnostic(
                        "axis \(requested) is out of bounds for array of dimension \(tensor.rank)", at: a.range("axis"))
                }
                let offsets = ArraySorting.rearranged(tensor, axis) { $0.reversed() }
                return NumPyLibrary.array(tensor.gathered(shape: tensor.shape, offsets: offsets))
            },
            "atleast_1d": atLeast("atleast_1d", rank: 1),
            "atleast_2d": atLeast("atleast_2d", rank: 2),
            "diag": function("diag", "v") { a, _ throws(Diagnostic) in
                let v = try a.tensor("v")
                switch v.rank {
                case 1:
                    let n = v.count
                    try ArrayConversion.checkSize([n, n], range: a.range("v"))
                    guard let values = v.wide else {
                        return NumPyLibrary.array(
                            Tensor(shape: [n, n], dtype: v.dtype) { $0 / n == $0 % n ? v[flat: $0 / n] : 0 })
                    }
                    return NumPyLibrary.array(
                        Tensor.exactly(shape: [n, n], dtype: v.dtype) { (i: Int) -> Double in
                            i / n == i % n ? values[i / n] : 0
                        })
                case 2:
                    let n = min(v.shape[0], v.shape[1])
                    return NumPyLibrary.array(v.gathering(shape: [n]) { $0 * v.shape[1] + $0 })
                default:
                    throw Diagnostic("Input must be 1- or 2-d.", at: a.range("v"))
                }
            },
            "outer": function("outer", "a, b") { a, _ throws(Diagnostic) in
                let x = try ArrayMath.operand(a.values["a"]?.value ?? .none, range: a.range("a"))
                let y = try ArrayMath.operand(a.values["b"]?.value ?? .none, range: a.range("b"))
                let n = x.tensor.count
                let m = y.tensor.count
                try ArrayConversion.checkSize([n, m], range: a.callRange)
                let dtype = ArrayConversion.promote(x.tensor.dtype, y.tensor.dtype)
                if dtype.isWide {
                    let (xv, yv) = (x.tensor.knownValues, y.tensor.knownValues)
                    return NumPyLibrary.array(
                        Tensor.exactly(shape: [n, m], dtype: dtype) { xv[$0 / max(m, 1)] * yv[$0 % max(m, 1)] })
                }
                return NumPyLibrary.array(
                    Tensor(shape: [n, m], dtype: ArrayConversion.promote(x.tensor.dtype, y.tensor.dtype)) {
                        x.tensor[flat: $0 / max(m, 1)] * y.tensor[flat: $0 % max(m, 1)]
                    })
            },
            "identity": function("identity", "n, dtype=None") { a, _ throws(Diagnostic) in
                let n = try a.int("n")
                try ArrayConversion.checkSize([n, n], range: a.range("n"))
                return NumPyLibrary.array(
                    Tensor.exactly(shape: [n, n], dtype: try a.optionalDType("dtype") ?? .float64) {
                        (i: Int) -> Double in
                        i / n == i % n ? 1 : 0
                    })
            },
            // NumPy leaves `empty` uninitialized; zeros are one of the values it may hold.
            "empty": function("empty", "shape, dtype=float") { a, _ throws(Diagnostic) in
                NumPyLibrary.array(
                    Tensor(shape: try a.shape("shape"), dtype: try a.optionalDType("dtype") ?? .float64) { _ in 0.0 })
            },
            "full_like": function("full_like", "a, fill_value, dtype=None") { a, _ throws(Diagnostic) in
                let t = try a.tensor("a")
                let dtype = try a.optionalDType("dtype") ?? t.dtype
                let fill = try ExactValues.fill(a, "fill_value", dtype: dtype)
                return NumPyLibrary.array(Tensor.exactly(shape: t.shape, dtype: dtype) { _ in fill })
            },
            "cumsum": function("cumsum", "a, axis=None") { a, _ throws(Diagnostic) in
                var tensor = try a.tensor("a")
                var axis = 0
                if let requested = try a.optionalInt("axis") {
                    axis = requested < 0 ? requested + tensor.rank : requested
                    guard axis >= 0, axis < tensor.rank else {
                        throw Diagnostic(
                            "axis \(requested) is out of bounds for array of dimension \(tensor.rank)",
                            at: a.range("axis"))
                    }
                } else {
                    tensor = (try? tensor.reshaped([tensor.count])) ?? tensor
                }
                let dtype: DType = [.bool, .uint8].contains(tensor.dtype) ? .int64 : tensor.dtype
                if dtype.isWide {
                    // Summed in order in float64, as NumPy does.
                    let values = tensor.knownValues
                    var sums = values
                    _ = ArraySorting.rearranged(tensor, axis) { lane in
                        var total = 0.0
                        for k in lane {
                            total += values[k]
                            sums[k] = total
                        }
                        return lane
                    }
                    return NumPyLibrary.array(Tensor.exactly(shape: tensor.shape, dtype: dtype) { sums[$0] })
                }
                var result = ArraySorting.alongAxis(tensor, axis) { lane in
                    var total = 0.0
                    return lane.map {
                        total += Double($0)
                        return Float(total)
                    }
                }
                result.dtype = [.bool, .uint8].contains(tensor.dtype) ? .int64 : tensor.dtype
                return NumPyLibrary.array(result)
            },
            "diff": function("diff", "a, n=1, axis=-1") { a, _ throws(Diagnostic) in
                var tensor = try a.tensor("a")
                let times = try a.int("n", default: 1)
                let requested = try a.int("axis", default: -1)
                let axis = requested < 0 ? requested + tensor.rank : requested
                guard axis >= 0, axis < tensor.rank else {
                    throw Diagnostic(
                        "axis \(requested) is out of bounds for array of dimension \(tensor.rank)", at: a.range("axis"))
                }
                guard times >= 0 else {
                    throw Diagnostic("order must be non-negative but got \(times)", at: a.range("n"))
                }
                for _ in 0..<min(times, tensor.shape[axis]) {
                    var shape = tensor.shape
                    shape[axis] -= 1
                    let source = tensor
                    let inner = shape[(axis + 1)...].reduce(1, *)
                    let length = shape[axis]
                    if source.dtype.isWide {
                        let values = source.knownValues
                        tensor = Tensor.exactly(shape: shape, dtype: source.dtype) { flat in
                            let o = flat / max(length * inner, 1)
                            let k = (flat / max(inner, 1)) % max(length, 1)
                            let i = flat % max(inner, 1)
                            let base = (o * (length + 1) + k) * inner + i
                            return values[base + inner] - values[base]
                        }
                        continue
                    }
                    tensor = Tensor(shape: shape, dtype: tensor.dtype == .bool ? .bool : tensor.dtype) { flat in
                        let o = flat / max(length * inner, 1)
                        let k = (flat / max(inner, 1)) % max(length, 1)
                        let i = flat % max(inner, 1)
                        let base = (o * (length + 1) + k) * inner + i
                        return source[flat: base + inner] - source[flat: base]
                    }
                }
                return NumPyLibrary.array(tensor)
            },
            "repeat": function("repeat", "a, repeats, axis=None") { a, _ throws(Diagnostic) in
                try repeatFunction(a)
            },
            "array_equal": function("array_equal", "a1, a2") { a, _ throws(Diagnostic) in
                let x = try a.tensor("a1")
                let y = try a.tensor("a2")
                return .bool(x.shape == y.shape && x.knownValues == y.knownValues)
            },
        ]
    }
}
