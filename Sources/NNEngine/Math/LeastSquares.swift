import CBLAS

/// Linear least squares by LAPACK's `dgelsd` (the SVD, minimum-norm for rank-deficient systems), as
/// `scipy.linalg.lstsq` solves them for scikit-learn's `LinearRegression`.
public enum LeastSquares {
    /// Solves min |a·x - b| for `a` m×n and `b` m×k (both row-major); singular values below
    /// `rcond` times the largest count as zero. Returns x (n×k, row-major) and the rank, or nil when
    /// LAPACK fails to converge.
    public static func solve(
        m: Int, n: Int, k: Int, a: [Double], b: [Double], rcond: Double
    ) -> (x: [Double], rank: Int)? {
        solveInDetail(m: m, n: n, k: k, a: a, b: b, rcond: rcond).map { ($0.x, $0.rank) }
    }

    /// `solve`, with what `np.linalg.lstsq` also returns: the residual sums of squares per column of b
    /// (when the rank is n and m > n, else none) and the singular values of a.
    public static func solveInDetail(
        m: Int, n: Int, k: Int, a: [Double], b: [Double], rcond: Double
    ) -> (x: [Double], residuals: [Double], rank: Int, s: [Double])? {
        guard m > 0, n > 0, k > 0 else { return ([Double](repeating: 0, count: n * k), [], 0, []) }
        _ = BLAS.kernel
        BLAS.setThreads(1)
        let rows = max(m, n)
        var columnMajor = [Double](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n { columnMajor[j * m + i] = a[i * n + j] } }
        var rhs = [Double](repeating: 0, count: rows * k)
        for i in 0..<m { for j in 0..<k { rhs[j * rows + i] = b[i * k + j] } }
        var singular = [Double](repeating: 0, count: min(m, n))
        var rank: Int32 = 0
        var size = [Double](repeating: 0, count: 1)
        var integerSize = [Int32](repeating: 0, count: 1)
        _ = nn_dgelsd(
            Int32(m), Int32(n), Int32(k), &columnMajor, &rhs, Int32(rows), &singular, rcond, &rank, &size, -1,
            &integerSize)
        var work = [Double](repeating: 0, count: max(1, Int(size[0])))
        var iwork = [Int32](repeating: 0, count: max(1, Int(integerSize[0])))
        let info = nn_dgelsd(
            Int32(m), Int32(n), Int32(k), &columnMajor, &rhs, Int32(rows), &singular, rcond, &rank, &work,
            Int32(work.count), &iwork)
        guard info == 0 else { return nil }
        var x = [Double](repeating: 0, count: n * k)
        for i in 0..<n { for j in 0..<k { x[i * k + j] = rhs[j * rows + i] } }
        var residuals: [Double] = []
        if Int(rank) == n, m > n {
            residuals = (0..<k).map { j in (n..<m).reduce(0.0) { $0 + rhs[j * rows + $1] * rhs[j * rows + $1] } }
        }
        return (x, residuals, Int(rank), singular)
    }
}
