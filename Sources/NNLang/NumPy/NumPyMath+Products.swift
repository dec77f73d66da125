import NNEngine

/// `dot`, `@` and friends in double precision, through the BLAS routine NumPy picks for each shape
/// (`ddot`, `dgemv`, `dgemm`, `dsyrk`), and NumPy's cumulative and weighted statistics.
extension NumPyMath {
    /// `np.dot(x, y)`: a product with a scalar, the inner product of vectors, else a matrix product.
    static func dot(_ x: Tensor, _ y: Tensor, range: SourceRange) throws(Diagnostic) -> Value {
        if x.rank == 0 || y.rank == 0 { return NumPyLibrary.array(try product(x, y, range: range)) }
        if x.rank == 1, y.rank == 1 {
            guard x.count == y.count else {
                throw Diagnostic(
                    "shapes \(formatShape(x.shape)) and \(formatShape(y.shape)) not aligned: "
                        + "\(x.count) (dim 0) != \(y.count) (dim 0)",
                    at: range)
            }
        }
        return NumPyLibrary.array(try ArrayMath.matmul(x, y, range: range))
    }

    /// The element-wise product with NumPy's promotion of two arrays.
    static func product(_ x: Tensor, _ y: Tensor, range: SourceRange) throws(Diagnostic) -> Tensor {
        var dtype = ArrayConversion.promote(x.dtype, y.dtype)
        if dtype == .int64 {
            return try WideMath.broadcast(x, y, to: .int64, range: range, WideMath.integer(.multiply) ?? (*))
        }
        if dtype.isWide { return try WideMath.broadcast(x, y, to: dtype, range: range, *) }
        var result = try ArrayMath.broadcast(x, y, range: range) { $0 * $1 }
        if dtype == .bool { dtype = .bool }
        result.dtype = dtype
        return result
    }

    /// The matrix product of `left` (m×n) and `right` (n×p) for a wide result type, from exact values,
    /// as NumPy's matmul loop does it: `ddot` for 1×1 results, the plain loop when n is 1 or for
    /// integers, `dgemv` when m or p is 1, `dsyrk` for a matrix times its own transpose, else `dgemm`.
    ///
    /// A column-major operand (`x.T`, see `Tensor.isColumnMajor`) goes to BLAS as NumPy passes its view:
    /// the untransposed buffer with a transpose flag, which changes the order of the sums.
    static func wideProduct(_ left: Tensor, _ right: Tensor, dtype: DType) -> [Double] {
        let (m, n, p) = (left.shape[0], left.shape[1], right.shape[1])
        let a = left.doubles
        let b = right.doubles
        // NumPy takes a matrix with a dimension of 1 as row-major whatever its strides.
        let columnMajorA = left.isColumnMajor && m > 1 && n > 1
        let columnMajorB = right.isColumnMajor && n > 1 && p > 1
        let aT = columnMajorA ? transposed(a, rows: m, columns: n) : []
        let bT = columnMajorB ? transposed(b, rows: n, columns: p) : []
        return WideMath.make(m * p) { out in
            guard let po = out.baseAddress, m * p > 0 else {
                for i in 0..<(m * p) { out[i] = 0 }
                return
            }
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    aT.withUnsafeBufferPointer { aT in
                        bT.withUnsafeBufferPointer { bT in
                            guard let pa = a.baseAddress, let pb = b.baseAddress else {
                                for i in 0..<(m * p) { po[i] = 0 }
                                return
                            }
                            product(
                                m: m, n: n, p: p, a: pa, aT: columnMajorA ? aT.baseAddress : nil, b: pb,
                                bT: columnMajorB ? bT.baseAddress : nil, c: po, integer: dtype == .int64)
                        }
                    }
                }
            }
        }
    }

    /// `c = a · b` for `wideProduct`; `aT`/`bT` are the row-major transposes of column-major operands.
    private static func product(
        m: Int, n: Int, p: Int, a pa: UnsafePointer<Double>, aT: UnsafePointer<Double>?, b pb: UnsafePointer<Double>,
        bT: UnsafePointer<Double>?, c po: UnsafeMutablePointer<Double>, integer: Bool
    ) {
        if integer {
            for i in 0..<m {
                for j in 0..<p {
                    var total: Int64 = 0
                    for k in 0..<n { total = total &+ WideMath.int(pa[i * n + k]) &* WideMath.int(pb[k * p + j]) }
                    po[i * p + j] = Double(total)
                }
            }
        } else if n == 0 {
            for i in 0..<(m * p) { po[i] = 0 }
        } else if m == 1 && p == 1 {
            po[0] = DoubleBLAS.dot(n, pa, pb)
        } else if n == 1 {
            for i in 0..<m {
                for j in 0..<p { po[i * p + j] = 0 + pa[i] * pb[j] }
            }
        } else if m == 1, let bT {
            DoubleBLAS.gemv(transpose: false, m: p, n: n, a: bT, x: pa, y: po)
        } else if m == 1 {
            DoubleBLAS.gemv(transpose: true, m: n, n: p, a: pb, x: pa, y: po)
        } else if p == 1, let aT {
            DoubleBLAS.gemv(transpose: true, m: n, n: m, a: aT, x: pb, y: po)
        } else if p == 1 {
            DoubleBLAS.gemv(transpose: false, m: m, n: n, a: pa, x: pb, y: po)
        } else if m == p, (aT == nil) != (bT == nil), isTranspose(pa, of: pb, rows: m, columns: n) {
            // NumPy sees `x.T @ x` (or `x @ x.T`) as one buffer and calls dsyrk; equal values stand
            // for the same buffer here. Two row-major operands are two buffers to NumPy: dgemm.
            if bT != nil {
                DoubleBLAS.syrk(transpose: false, n: m, k: n, a: pa, c: po)
            } else {
                DoubleBLAS.syrk(transpose: true, n: m, k: n, a: pb, c: po)
            }
        } else {
            DoubleBLAS.gemm(
                transposeA: aT != nil, transposeB: bT != nil, m: m, n: p, k: n, a: aT ?? pa, b: bT ?? pb, c: po)
        }
    }

    /// The row-major transpose of a row-major rows×columns matrix.
    static func transposed(_ values: [Double], rows: Int, columns: Int) -> [Double] {
        var result = [Double](repeating: 0, count: values.count)
        for i in 0..<rows {
            for j in 0..<columns { result[j * rows + i] = values[i * columns + j] }
        }
        return result
    }

    /// Whether the rows×columns matrix `a` equals the transpose of the columns×rows matrix `b`.
    static func isTranspose(_ a: UnsafePointer<Double>, of b: UnsafePointer<Double>, rows: Int, columns: Int) -> Bool {
        for i in 0..<rows {
            for k in 0..<columns where a[i * columns + k] != b[k * rows + i] { return false }
        }
        return true
    }

    /// `np.cumsum`/`np.cumprod` (flattened, or along `axis`), in order, int64 wrapping around.
    static func cumulative(_ name: String, product: Bool) -> Value {
        function(name, "a, axis=None") { a, _ throws(Diagnostic) in
            var tensor = try exactTensor(a, "a")
            var axis = 0
            if let requested = try a.optionalInt("axis") {
                axis = requested < 0 ? requested + tensor.rank : requested
                guard axis >= 0, axis < Swift.max(tensor.rank, 1) else {
                    throw Diagnostic(
                        "axis \(requested) is out of bounds for array of dimension \(tensor.rank)", at: a.range("axis"))
                }
            }
            if a["axis"] == nil || tensor.rank == 0 { tensor = (try? tensor.reshaped([tensor.count])) ?? tensor }
            var dtype = tensor.dtype
            if dtype == .bool || dtype == .uint8 { dtype = .int64 }
            let outer = tensor.shape[..<axis].reduce(1, *)
            let length = tensor.shape[axis]
            let inner = tensor.shape[(axis + 1)...].reduce(1, *)
            let values = tensor.doubles
            let integer = dtype == .int64
            let result = WideMath.make(values.count) { out in
                for o in 0..<outer {
                    for i in 0..<inner {
                        var total = product ? 1.0 : 0.0
                        var whole: Int64 = product ? 1 : 0
                        for k in 0..<length {
                            let flat = (o * length + k) * inner + i
                            if integer {
                                let v = WideMath.int(values[flat])
                                whole = product ? whole &* v : whole &+ v
                                out[flat] = Double(whole)
                            } else {
                                total = k == 0 ? values[flat] : (product ? total * values[flat] : total + values[flat])
                                out[flat] = dtype == .float32 ? Double(Float(total)) : total
                            }
                        }
                    }
                }
            }
            if dtype == .float32 {
                return NumPyLibrary.array(
                    (try? Tensor(shape: tensor.shape, values: result.map { Float($0) })) ?? tensor)
            }
            return NumPyLibrary.array(WideMath.tensor(tensor.shape, result, dtype))
        }
    }

    /// `np.average`: the mean, or with `weights` the weighted sum over the sum of the weights.
    static func average(_ a: BoundArguments) throws(Diagnostic) -> Value {
        let tensor = try exactTensor(a, "a")
        let axis = try a.optionalAxis()
        let normalized = axis.map { $0 < 0 ? $0 + tensor.rank : $0 }
        if let given = axis, let normalized, normalized < 0 || normalized >= Swift.max(tensor.rank, 1) {
            throw Diagnostic(
                "axis \(given) is out of bounds for array of dimension \(tensor.rank)", at: a.range("axis"))
        }
        guard a["weights"] != nil else {
            return try Reduction.mean.apply(tensor, axis: axis, keepdims: false, range: a.callRange)
        }
        var weights = try exactTensor(a, "weights")
        if weights.shape != tensor.shape {
            guard weights.rank == 1, let normalized, tensor.shape[normalized] == weights.count else {
                throw Diagnostic("Length of weights not compatible with specified axis.", at: a.range("weights"))
            }
            var shape = Array(repeating: 1, count: tensor.rank)
            shape[normalized] = weights.count
            weights = (try? weights.reshaped(shape)) ?? weights
        }
        // NumPy computes in float64 (result_type(a, weights, 'f8')).
        let x = WideMath.tensor(tensor.shape, tensor.doubles, .float64)
        let w = WideMath.tensor(weights.shape, weights.doubles, .float64)
        let weighted = try product(x, w, range: a.callRange)
        let total = try Reduction.sum.apply(weighted, axis: axis, keepdims: false, range: a.callRange)
        let scale = try Reduction.sum.apply(w, axis: axis, keepdims: false, range: a.callRange)
        guard case .array(let t) = total, case .array(let s) = scale else { return total }
        return NumPyLibrary.array(try WideMath.broadcast(t.tensor, s.tensor, to: .float64, range: a.callRange, /))
    }

    /// `np.percentile`/`np.quantile` with NumPy's default linear method.
    static func quantile(_ name: String, scale: Double) -> Value {
        function(name, "a, q, axis=None, *, keepdims=False") { a, _ throws(Diagnostic) in
            let tensor = try exactTensor(a, "a")
            let q = try exactTensor(a, "q")
            let quantiles = q.doubles.map { $0 / scale }
            guard quantiles.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
                throw Diagnostic(
                    scale == 100
                        ? "Percentiles must be in the range [0, 100]" : "Quantiles must be in the range [0, 1]",
                    at: a.range("q"), exception: "ValueError")
            }
            var axis = try a.optionalAxis()
            if let given = axis {
                let normalized = given < 0 ? given + tensor.rank : given
                guard normalized >= 0, normalized < Swift.max(tensor.rank, 1) else {
                    throw Diagnostic(
                        "axis \(given) is out of bounds for array of dimension \(tensor.rank)", at: a.range("axis"))
                }
                axis = tensor.rank <= 1 ? nil : normalized
            }
            let outer = axis.map { tensor.shape[..<$0].reduce(1, *) } ?? 1
            let length = axis.map { tensor.shape[$0] } ?? tensor.count
            let inner = axis.map { tensor.shape[($0 + 1)...].reduce(1, *) } ?? 1
            guard length > 0 else { throw Diagnostic("cannot take a \(name) of an empty array", at: a.callRange) }
            let values = tensor.doubles
            var lane = [Double](repeating: 0, count: length)
            var results = [Double](repeating: 0, count: quantiles.count * outer * inner)
            for o in 0..<outer {
                for i in 0..<inner {
                    for k in 0..<length { lane[k] = values[(o * length + k) * inner + i] }
                    lane.sort()
                    for (j, fraction) in quantiles.enumerated() {
                        results[(j * outer + o) * inner + i] = interpolate(lane, fraction)
                    }
                }
            }
            var shape: [Int] = q.shape
            if let axis {
                var rest = tensor.shape
                rest.remove(at: axis)
                shape += rest
            }
            let dtype: DType = tensor.dtype == .float32 && q.dtype != .float64 ? .float32 : .float64
            return NumPyLibrary.array(WideMath.tensor(shape, results, dtype))
        }
    }

    /// NumPy's `_lerp` at the linear method's virtual index (n − 1)·q of sorted values.
    static func interpolate(_ sorted: [Double], _ fraction: Double) -> Double {
        if sorted.contains(where: \.isNaN) { return .nan }
        let index = Double(sorted.count - 1) * fraction
        let below = index.rounded(.down)
        let gamma = index - below
        let lower = sorted[Swift.min(Int(below), sorted.count - 1)]
        let upper = sorted[Swift.min(Int(below) + 1, sorted.count - 1)]
        let difference = upper - lower
        return gamma >= 0.5 ? upper - difference * (1 - gamma) : lower + difference * gamma
    }
}
