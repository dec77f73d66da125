import CBLAS

/// The singular value decomposition and the symmetric eigendecomposition by LAPACK (`dgesdd`,
/// `dsyevd`), called as NumPy's `linalg.svd` and `linalg.eigh` call them, so the results are NumPy's.
/// Matrices go in and come out row-major.
public enum Decompositions {
    /// Which singular vectors `svd` computes: all of them, the first min(m, n), or none.
    public enum Vectors: Sendable { case all, reduced, none }

    /// `a` (m×n) = u · diag(s) · vt, singular values descending. With `.all` u is m×m and vt n×n; with
    /// `.reduced` u is m×k and vt k×n (k = min(m, n)); with `.none` both are empty. Nil when LAPACK
    /// does not converge.
    public static func svd(m: Int, n: Int, a: [Double], vectors: Vectors) -> (u: [Double], s: [Double], vt: [Double])? {
        let k = min(m, n)
        guard k > 0 else {
            let u = vectors == .all ? identity(m) : []
            let vt = vectors == .all ? identity(n) : []
            return (u, [], vt)
        }
        _ = BLAS.kernel
        BLAS.setThreads(1)
        var columnMajor = transposed(a, rows: m, columns: n)
        let (job, uColumns, vtRows): (UInt8, Int, Int) =
            switch vectors {
            case .all: (UInt8(ascii: "A"), m, n)
            case .reduced: (UInt8(ascii: "S"), k, k)
            case .none: (UInt8(ascii: "N"), 0, 0)
            }
        var s = [Double](repeating: 0, count: k)
        var u = [Double](repeating: 0, count: max(1, m * uColumns))
        var vt = [Double](repeating: 0, count: max(1, vtRows * n))
        var iwork = [Int32](repeating: 0, count: 8 * k)
        let ldu = Int32(max(1, m))
        let ldvt = Int32(max(1, vtRows))
        var size = [Double](repeating: 0, count: 1)
        _ = nn_dgesdd(
            CChar(bitPattern: job), Int32(m), Int32(n), &columnMajor, &s, &u, ldu, &vt, ldvt, &size, -1, &iwork)
        var work = [Double](repeating: 0, count: max(1, Int(size[0])))
        let info = nn_dgesdd(
            CChar(bitPattern: job), Int32(m), Int32(n), &columnMajor, &s, &u, ldu, &vt, ldvt, &work,
            Int32(work.count), &iwork)
        guard info == 0 else { return nil }
        guard vectors != .none else { return ([], s, []) }
        return (transposed(u, rows: uColumns, columns: m), s, transposed(vt, rows: n, columns: vtRows))
    }

    /// The eigenvalues (ascending) and eigenvectors (as columns) of the symmetric n×n matrix `a`,
    /// reading its lower triangle (NumPy's default `UPLO='L'`) or upper one. Nil when LAPACK does not
    /// converge.
    public static func symmetricEigen(n: Int, a: [Double], vectors: Bool, lower: Bool = true)
        -> (values: [Double], vectors: [Double])?
    {
        guard n > 0 else { return ([], []) }
        _ = BLAS.kernel
        BLAS.setThreads(1)
        var columnMajor = transposed(a, rows: n, columns: n)
        var values = [Double](repeating: 0, count: n)
        let job = CChar(bitPattern: vectors ? UInt8(ascii: "V") : UInt8(ascii: "N"))
        let triangle = CChar(bitPattern: lower ? UInt8(ascii: "L") : UInt8(ascii: "U"))
        var size = [Double](repeating: 0, count: 1)
        var integerSize = [Int32](repeating: 0, count: 1)
        _ = nn_dsyevd(job, triangle, Int32(n), &columnMajor, &values, &size, -1, &integerSize, -1)
        var work = [Double](repeating: 0, count: max(1, Int(size[0])))
        var iwork = [Int32](repeating: 0, count: max(1, Int(integerSize[0])))
        let info = nn_dsyevd(
            job, triangle, Int32(n), &columnMajor, &values, &work, Int32(work.count), &iwork, Int32(iwork.count))
        guard info == 0 else { return nil }
        return (values, vectors ? transposed(columnMajor, rows: n, columns: n) : [])
    }

    /// NumPy's pinv of the m×n matrix `a` (n×m, row-major): the reduced SVD, 1/s for singular values
    /// above `rcond`·max(s) and 0 for the rest, then `matmul(vt.T, s⁻¹[:, None] * u.T)`, which NumPy
    /// hands to `dgemm` with both operands transposed.
    public static func pseudoInverse(m: Int, n: Int, a: [Double], rcond: Double) -> [Double]? {
        guard let (u, s, vt) = svd(m: m, n: n, a: a, vectors: .reduced) else { return nil }
        let k = s.count
        guard k > 0 else { return [Double](repeating: 0, count: n * m) }
        let cutoff = rcond * (s.max() ?? 0)
        let inverted = s.map { $0 > cutoff ? 1 / $0 : 0 }
        // (s⁻¹[:, None] * u.T) is k×m in Fortran order, that is u scaled by column, m×k row-major.
        var scaled = u
        for row in 0..<m {
            for column in 0..<k { scaled[row * k + column] = inverted[column] * u[row * k + column] }
        }
        var result = [Double](repeating: 0, count: n * m)
        _ = BLAS.kernel
        BLAS.setThreads(n * m * k >= 1 << 23 ? 0 : 1)
        cblas_dgemm(
            CblasRowMajor, CblasTrans, CblasTrans, Int32(n), Int32(m), Int32(k), 1, vt, Int32(n), scaled, Int32(k),
            0, &result, Int32(m))
        return result
    }

    /// The `columns`×`rows` transpose of a row-major `rows`×`columns` matrix (also column-major to
    /// row-major: a column-major r×c matrix is a row-major c×r one).
    static func transposed(_ a: [Double], rows: Int, columns: Int) -> [Double] {
        var result = [Double](repeating: 0, count: rows * columns)
        for r in 0..<rows {
            for c in 0..<columns { result[c * rows + r] = a[r * columns + c] }
        }
        return result
    }

    static func identity(_ n: Int) -> [Double] {
        (0..<(n * n)).map { $0 % (n + 1) == 0 ? 1 : 0 }
    }
}
