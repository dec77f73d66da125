import CBLAS

/// Symmetric positive definite systems by Cholesky (LAPACK's `dposv`), as `scipy.linalg.solve(a, b,
/// assume_a="pos")` solves them for scikit-learn's `Ridge`.
public enum CholeskySolve {
    /// Solves a·x = b for `a` n×n symmetric positive definite and `b` n×k (both row-major; one
    /// triangle of `a` is read). Returns x (n×k, row-major), or nil when `a` is not positive
    /// definite (scipy's LinAlgError).
    public static func solve(n: Int, k: Int, a: [Double], b: [Double]) -> [Double]? {
        guard n > 0, k > 0 else { return [Double](repeating: 0, count: n * k) }
        _ = BLAS.kernel
        BLAS.setThreads(1)
        // Row-major a read as column-major is its transpose, the same symmetric matrix; scipy factors
        // the upper triangle (lower=False).
        var matrix = a
        var rhs = [Double](repeating: 0, count: n * k)
        for i in 0..<n { for j in 0..<k { rhs[j * n + i] = b[i * k + j] } }
        let info = nn_dposv(Int8(UInt8(ascii: "U")), Int32(n), Int32(k), &matrix, &rhs)
        guard info == 0 else { return nil }
        var x = [Double](repeating: 0, count: n * k)
        for i in 0..<n { for j in 0..<k { x[i * k + j] = rhs[j * n + i] } }
        return x
    }
}
