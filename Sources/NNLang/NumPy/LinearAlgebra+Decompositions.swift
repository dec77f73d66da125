import NNEngine

/// `np.linalg.svd`, `pinv`, `eigh`, `eigvalsh`, `lstsq` and `matrix_rank`, through LAPACK's
/// `dgesdd`, `dsyevd` and `dgelsd` as NumPy calls them; float32 matrices are computed in double and
/// the results rounded, as NumPy does.
extension LinearAlgebra {
    static var decompositions: [String: Value] {
        [
            "LinAlgError": .object(ExceptionClass("LinAlgError")),
            "svd": function("svd", "a, full_matrices=True, compute_uv=True, hermitian=False") {
                a, _ throws(Diagnostic) in try svd(a)
            },
            "pinv": function("pinv", "a, rcond=None, hermitian=False, rtol=None") { a, _ throws(Diagnostic) in
                try pseudoInverse(a)
            },
            "eigh": function("eigh", "a, UPLO='L'") { a, _ throws(Diagnostic) in try eigh(a, vectors: true) },
            "eigvalsh": function("eigvalsh", "a, UPLO='L'") { a, _ throws(Diagnostic) in
                try eigh(a, vectors: false)
            },
            "lstsq": function("lstsq", "a, b, rcond=None") { a, _ throws(Diagnostic) in try leastSquares(a) },
            "matrix_rank": function("matrix_rank", "A, tol=None, hermitian=False, rtol=None") {
                a, _ throws(Diagnostic) in try matrixRank(a)
            },
        ]
    }

    /// The 2-D array argument `name`: its rows, columns, values in double and the result dtype.
    static func matrix(_ a: BoundArguments, _ name: String) throws(Diagnostic)
        -> (rows: Int, columns: Int, values: [Double], dtype: DType)
    {
        let tensor = try NumPyMath.exactTensor(a, name)
        guard tensor.rank == 2 else {
            // NumPy decomposes stacks of matrices too; NNLab one matrix at a time.
            throw Diagnostic(
                "\(tensor.rank)-dimensional array given. Array must be \(tensor.rank > 2 ? "exactly" : "at least") "
                    + "two-dimensional", at: a.range(name), exception: "LinAlgError")
        }
        return (tensor.shape[0], tensor.shape[1], tensor.doubles, tensor.dtype == .float32 ? .float32 : .float64)
    }

    /// Whether the argument was passed, and not as None.
    static func given(_ a: BoundArguments, _ name: String) -> Bool {
        guard let value = a[name] else { return false }
        if case .none = value { return false }
        return true
    }

    static func namedResult(_ name: String, _ fields: [String], _ items: [Value]) -> Value {
        let tuple = TupleBox(items)
        tuple.namedType = NamedTupleType(name: name, fields: fields, defaults: [])
        return .tuple(tuple)
    }

    static func svd(_ a: BoundArguments) throws(Diagnostic) -> Value {
        let (m, n, values, dtype) = try matrix(a, "a")
        let vectors = try a.bool("compute_uv", default: true)
        let full = try a.bool("full_matrices", default: true)
        let k = min(m, n)
        guard
            let (u, s, vt) = Decompositions.svd(
                m: m, n: n, a: values, vectors: !vectors ? .none : full ? .all : .reduced)
        else { throw Diagnostic("SVD did not converge", at: a.callRange, exception: "LinAlgError") }
        let singular = NumPyLibrary.array(WideMath.tensor([k], s, dtype))
        guard vectors else { return singular }
        return namedResult(
            "SVDResult", ["U", "S", "Vh"],
            [
                NumPyLibrary.array(WideMath.tensor([m, full ? m : k], u, dtype)), singular,
                NumPyLibrary.array(WideMath.tensor([full ? n : k, n], vt, dtype)),
            ])
    }

    /// NumPy's pinv: the reduced SVD, 1/s for the singular values above rcond·max(s), then vᵀᵀ·(s⁻¹·uᵀ).
    static func pseudoInverse(_ a: BoundArguments) throws(Diagnostic) -> Value {
        let (m, n, values, dtype) = try matrix(a, "a")
        if a.given("rcond"), a.given("rtol") {
            throw Diagnostic("`rtol` and `rcond` can't be both set.", at: a.callRange, exception: "ValueError")
        }
        let rcond = try given(a, "rcond") ? a.double("rcond") : given(a, "rtol") ? a.double("rtol") : 1e-15
        guard let result = Decompositions.pseudoInverse(m: m, n: n, a: values, rcond: rcond) else {
            throw Diagnostic("SVD did not converge", at: a.callRange, exception: "LinAlgError")
        }
        return NumPyLibrary.array(WideMath.tensor([n, m], result, dtype))
    }

    static func eigh(_ a: BoundArguments, vectors: Bool) throws(Diagnostic) -> Value {
        let (m, n, values, dtype) = try matrix(a, "a")
        guard m == n else {
            throw Diagnostic(
                "Last 2 dimensions of the array must be square", at: a.range("a"), exception: "LinAlgError")
        }
        let triangle = try a.string("UPLO", default: "L")
        guard triangle == "L" || triangle == "U" else {
            throw Diagnostic("UPLO argument must be 'L' or 'U'", at: a.range("UPLO"), exception: "ValueError")
        }
        guard let (w, v) = Decompositions.symmetricEigen(n: n, a: values, vectors: vectors, lower: triangle == "L")
        else { throw Diagnostic("Eigenvalues did not converge", at: a.callRange, exception: "LinAlgError") }
        let eigenvalues = NumPyLibrary.array(WideMath.tensor([n], w, dtype))
        guard vectors else { return eigenvalues }
        return namedResult(
            "EighResult", ["eigenvalues", "eigenvectors"],
            [eigenvalues, NumPyLibrary.array(WideMath.tensor([n, n], v, dtype))])
    }

    /// NumPy 2's lstsq: `dgelsd` with rcond eps·max(m, n) unless given; returns (x, residuals, rank, s).
    static func leastSquares(_ a: BoundArguments) throws(Diagnostic) -> Value {
        let (m, n, values, dtype) = try matrix(a, "a")
        let rhs = try NumPyMath.exactTensor(a, "b")
        guard rhs.rank == 1 || rhs.rank == 2, rhs.shape[0] == m else {
            throw Diagnostic(
                "Incompatible dimensions: a is \(m)×\(n), b has shape \(formatShape(rhs.shape))", at: a.range("b"),
                exception: "LinAlgError")
        }
        let k = rhs.rank == 1 ? 1 : rhs.shape[1]
        let rcond = try given(a, "rcond") ? a.double("rcond") : Double.ulpOfOne * Double(max(m, n))
        guard
            let (x, residuals, rank, s) = LeastSquares.solveInDetail(
                m: m, n: n, k: k, a: values, b: rhs.doubles, rcond: rcond)
        else {
            throw Diagnostic("SVD did not converge in Linear Least Squares", at: a.callRange, exception: "LinAlgError")
        }
        let resultType: DType = dtype == .float32 && rhs.dtype == .float32 ? .float32 : .float64
        return .tuple(
            TupleBox([
                NumPyLibrary.array(WideMath.tensor(rhs.rank == 1 ? [n] : [n, k], x, resultType)),
                NumPyLibrary.array(WideMath.tensor([residuals.count], residuals, resultType)),
                .int(rank), NumPyLibrary.array(WideMath.tensor([s.count], s, resultType)),
            ]))
    }

    /// NumPy's matrix_rank: singular values above tol (default max(s)·max(m, n)·eps); a vector's rank
    /// is 1 unless it is all zeros.
    static func matrixRank(_ a: BoundArguments) throws(Diagnostic) -> Value {
        let tensor = try NumPyMath.exactTensor(a, "A")
        guard tensor.rank >= 2 else { return .int(tensor.doubles.contains { $0 != 0 } ? 1 : 0) }
        let (m, n, values, dtype) = try matrix(a, "A")
        guard let (_, s, _) = Decompositions.svd(m: m, n: n, a: values, vectors: .none) else {
            throw Diagnostic("SVD did not converge", at: a.callRange, exception: "LinAlgError")
        }
        let epsilon = dtype == .float32 ? Double(Float.ulpOfOne) : Double.ulpOfOne
        let largest = s.max() ?? 0
        let tolerance: Double
        if given(a, "tol") {
            tolerance = try a.double("tol")
        } else if given(a, "rtol") {
            tolerance = try a.double("rtol") * largest
        } else {
            tolerance = largest * Double(max(m, n)) * epsilon
        }
        return .int(s.filter { $0 > tolerance }.count)
    }
}
