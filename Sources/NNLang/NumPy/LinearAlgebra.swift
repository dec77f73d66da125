import NNEngine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `np.linalg`: `norm`, `inv`, `det` and `solve` in double precision as NumPy computes them (the norm
/// of a vector through `dot`, the others through LAPACK's LU routines; `det` as sign·exp(log|det|)),
/// and the decompositions of LinearAlgebra+Decompositions.
/// float32 matrices give float32 results, computed in double and rounded.
enum LinearAlgebra {
    static func module() -> ModuleObject {
        ModuleObject(
            "numpy.linalg",
            [
                "norm": function("norm", "x, ord=None, axis=None, keepdims=False") { a, _ throws(Diagnostic) in
                    try norm(a)
                },
                "inv": function("inv", "a") { a, _ throws(Diagnostic) in
                    NumPyLibrary.array(try inverse(try a.tensor("a"), range: a.range("a")))
                },
                "det": function("det", "a") { a, _ throws(Diagnostic) in
                    try determinant(try a.tensor("a"), range: a.range("a"))
                },
                "solve": function("solve", "a, b") { a, _ throws(Diagnostic) in
                    NumPyLibrary.array(try solve(try a.tensor("a"), try a.tensor("b"), range: a.callRange))
                },
            ].merging(decompositions) { first, _ in first })
    }

    static func norm(_ a: BoundArguments) throws(Diagnostic) -> Value {
        let tensor = try NumPyMath.exactTensor(a, "x")
        let given = a["ord"].flatMap { value -> Value? in if case .string("fro") = value { nil } else { value } }
        let order = try given.map { value throws(Diagnostic) -> Double in
            guard let number = value.numericValue else {
                throw Diagnostic("ord must be a number such as 1, 2 or np.inf", at: a.range("ord"))
            }
            return number
        }
        let dtype: DType = tensor.dtype == .float32 ? .float32 : .float64
        let keepdims = try a.bool("keepdims", default: false)
        let lanes: (outer: Int, length: Int, inner: Int, shape: [Int])
        if let requested = try a.optionalInt("axis") {
            let axis = requested < 0 ? requested + tensor.rank : requested
            guard axis >= 0, axis < tensor.rank else {
                throw Diagnostic(
                    "axis \(requested) is out of bounds for array of dimension \(tensor.rank)", at: a.range("axis"))
            }
            var shape = tensor.shape
            if keepdims { shape[axis] = 1 } else { shape.remove(at: axis) }
            lanes = (
                tensor.shape[..<axis].reduce(1, *), tensor.shape[axis], tensor.shape[(axis + 1)...].reduce(1, *), shape
            )
        } else {
            guard order == nil || tensor.rank <= 1 else {
                throw Diagnostic("only the default (Frobenius) norm is supported for matrices", at: a.range("ord"))
            }
            lanes = (1, tensor.count, 1, keepdims ? Array(repeating: 1, count: tensor.rank) : [])
        }
        let values = tensor.doubles
        let wholeDot = a["axis"] == nil && (order == nil || order == 2)
        let results = values.withUnsafeBufferPointer { x -> [Double] in
            if wholeDot, let base = x.baseAddress {
                // NumPy: sqrt(x.dot(x)) over the flattened array.
                if dtype == .float32 { return [Double(Float(x.reduce(0.0) { $0 + $1 * $1 }.squareRoot()))] }
                return [DoubleBLAS.dot(x.count, base, base).squareRoot()]
            }
            return lanesNorm(x, lanes.outer, lanes.length, lanes.inner, order: order, float32: dtype == .float32)
        }
        return NumPyLibrary.array(WideMath.tensor(lanes.shape, results.isEmpty ? [0] : results, dtype))
    }

    /// Vector norms of each lane: NumPy's add.reduce of |x| (ord 1), of x·x then sqrt (ord 2 or None),
    /// the largest |x| (ord inf).
    static func lanesNorm(
        _ x: UnsafeBufferPointer<Double>, _ outer: Int, _ length: Int, _ inner: Int, order: Double?, float32: Bool
    ) -> [Double] {
        let transformed: [Double] = x.map { v in
            switch order {
            case 1?: return abs(v)
            case .some(let p) where p.isInfinite: return abs(v)
            default: return v * v
            }
        }
        if let p = order, p.isInfinite {
            return WideMath.make(outer * inner) { out in
                for o in 0..<outer {
                    for i in 0..<inner {
                        var best = 0.0
                        for k in 0..<length { best = Swift.max(best, transformed[(o * length + k) * inner + i]) }
                        out[o * inner + i] = best
                    }
                }
            }
        }
        let sums: [Double]
        if float32 {
            sums = (0..<(outer * inner)).map { flat in
                let (o, i) = (flat / inner, flat % inner)
                return Double(Float((0..<length).reduce(0.0) { $0 + transformed[(o * length + $1) * inner + i] }))
            }
        } else {
            sums = transformed.withUnsafeBufferPointer { t in
                WideMath.sum(t, outer: outer, length: length, inner: inner, integer: false)
            }
        }
        if order == 1 { return sums }
        return sums.map { float32 ? Double(Float($0).squareRoot()) : $0.squareRoot() }
    }

    static func squareMatrix(_ matrix: Tensor, range: SourceRange) throws(Diagnostic) -> Int {
        guard matrix.rank == 2, matrix.shape[0] == matrix.shape[1] else {
            throw Diagnostic("Last 2 dimensions of the array must be square", at: range, exception: "ValueError")
        }
        return matrix.shape[0]
    }

    /// The matrix's values in column-major (Fortran) order, as NumPy hands them to LAPACK.
    static func columnMajor(_ matrix: Tensor, rows: Int, columns: Int) -> [Double] {
        let values = matrix.doubles
        return WideMath.make(rows * columns) { out in
            for r in 0..<rows {
                for c in 0..<columns { out[c * rows + r] = values[r * columns + c] }
            }
        }
    }

    static func result(_ columnMajor: [Double], rows: Int, columns: Int, like matrix: Tensor) -> Tensor {
        let values = WideMath.make(rows * columns) { out in
            for r in 0..<rows {
                for c in 0..<columns { out[r * columns + c] = columnMajor[c * rows + r] }
            }
        }
        let shape = columns == 1 && matrix.rank == 1 ? [rows] : [rows, columns]
        return WideMath.tensor(shape, values, matrix.dtype == .float32 ? .float32 : .float64)
    }

    static func inverse(_ matrix: Tensor, range: SourceRange) throws(Diagnostic) -> Tensor {
        let n = try squareMatrix(matrix, range: range)
        var a = columnMajor(matrix, rows: n, columns: n)
        var b = WideMath.make(n * n) { out in
            for i in 0..<(n * n) { out[i] = i % (n + 1) == 0 ? 1 : 0 }
        }
        let solved = a.withUnsafeMutableBufferPointer { pa in
            b.withUnsafeMutableBufferPointer { pb in
                guard let x = pa.baseAddress, let y = pb.baseAddress else { return true }
                return DoubleBLAS.solve(n: n, nrhs: n, a: x, b: y)
            }
        }
        guard solved else { throw Diagnostic("Singular matrix", at: range, exception: "ValueError") }
        return result(b, rows: n, columns: n, like: matrix)
    }

    static func solve(_ matrix: Tensor, _ rhs: Tensor, range: SourceRange) throws(Diagnostic) -> Tensor {
        let n = try squareMatrix(matrix, range: range)
        guard rhs.rank == 1 || rhs.rank == 2, rhs.shape[0] == n else {
            throw Diagnostic(
                "solve: the right side of shape \(formatShape(rhs.shape)) does not match a \(n)×\(n) matrix",
                at: range, exception: "ValueError")
        }
        let columns = rhs.rank == 1 ? 1 : rhs.shape[1]
        var a = columnMajor(matrix, rows: n, columns: n)
        var b = columnMajor(rhs, rows: n, columns: columns)
        let solved = a.withUnsafeMutableBufferPointer { pa in
            b.withUnsafeMutableBufferPointer { pb in
                guard let x = pa.baseAddress, let y = pb.baseAddress else { return true }
                return DoubleBLAS.solve(n: n, nrhs: columns, a: x, b: y)
            }
        }
        guard solved else { throw Diagnostic("Singular matrix", at: range, exception: "ValueError") }
        var shaped = result(b, rows: n, columns: columns, like: rhs)
        if matrix.dtype != .float32 && shaped.dtype == .float32 {
            shaped = WideMath.tensor(shaped.shape, shaped.doubles, .float64)
        }
        return shaped
    }

    /// NumPy's det: LU factors, the sign from the pivots and the diagonal, sign·exp(Σ log|uᵢᵢ|).
    static func determinant(_ matrix: Tensor, range: SourceRange) throws(Diagnostic) -> Value {
        let n = try squareMatrix(matrix, range: range)
        var a = columnMajor(matrix, rows: n, columns: n)
        var sign = 1.0
        var logdet = 0.0
        a.withUnsafeMutableBufferPointer { pa in
            guard let base = pa.baseAddress else { return }
            let pivots = DoubleBLAS.factorize(n: n, a: base)
            if (0..<n).contains(where: { base[$0 * n + $0] == 0 }) {
                (sign, logdet) = (0, -.infinity)
                return
            }
            let swaps = pivots.enumerated().filter { Int($0.element) != $0.offset + 1 }.count
            sign = swaps % 2 == 1 ? -1 : 1
            for i in 0..<n {
                var element = base[i * n + i]
                if element < 0 {
                    sign = -sign
                    element = -element
                }
                logdet += log(element)
            }
        }
        let dtype: DType = matrix.dtype == .float32 ? .float32 : .float64
        return .array(NDArray(WideMath.tensor([], [sign * exp(logdet)], dtype)))
    }
}
