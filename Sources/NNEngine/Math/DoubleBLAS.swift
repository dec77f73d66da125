import CBLAS

/// Double-precision BLAS and LAPACK for NumPy's float64 work, called as NumPy calls them (so the
/// sums come out in the same order, with the same last digits): `ddot` for vector·vector, `dgemv` for
/// matrix·vector, `dgemm` (or `dsyrk` for a matrix times its own transpose) for matrix·matrix, and
/// LAPACK's `dgesv`/`dgetrf` for `solve`, `inv` and `det`. Matrices are row-major unless stated.
public enum DoubleBLAS {
    /// `x · y` over `n` elements.
    public static func dot(_ n: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
        guard n > 0 else { return 0 }
        _ = BLAS.kernel
        // Long dots are split among OpenBLAS's threads, which changes the order of the sum: use the
        // default thread count NumPy's OpenBLAS uses (the engine may have set one thread for training).
        BLAS.setThreads(n > 10_000 ? Int(nn_blas_processors()) : 1)
        return cblas_ddot(Int32(n), x, 1, y, 1)
    }

    /// `y[m] = a[m×n] · x[n]`, or `y[n] = aᵀ · x[m]` when `transpose`.
    public static func gemv(
        transpose: Bool, m: Int, n: Int, a: UnsafePointer<Double>, x: UnsafePointer<Double>,
        y: UnsafeMutablePointer<Double>
    ) {
        let outputs = transpose ? n : m
        guard m > 0, n > 0 else {
            for i in 0..<outputs { y[i] = 0 }
            return
        }
        _ = BLAS.kernel
        BLAS.setThreads(1)
        cblas_dgemv(
            CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), 1, a, Int32(n), x, 1, 0, y, 1)
    }

    /// `c[m×n] = op(a)[m×k] · op(b)[k×n]`, where op(a) is `a` (m×k) or, with `transposeA`, the transpose
    /// of `a` (k×m), and likewise for b.
    public static func gemm(
        transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int, a: UnsafePointer<Double>,
        b: UnsafePointer<Double>, c: UnsafeMutablePointer<Double>
    ) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            for i in 0..<(m * n) { c[i] = 0 }
            return
        }
        _ = BLAS.kernel
        BLAS.setThreads(m * n * k >= 1 << 23 ? 0 : 1)
        cblas_dgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans, Int32(m),
            Int32(n), Int32(k), 1, a, Int32(transposeA ? m : k), b, Int32(transposeB ? k : n), 0, c, Int32(n))
    }

    /// `c = aᵀ·a` (`transpose`, a is k×n, c is n×n) or `c = a·aᵀ` (a is n×k), both triangles filled
    /// from the upper one as NumPy fills them.
    public static func syrk(
        transpose: Bool, n: Int, k: Int, a: UnsafePointer<Double>, c: UnsafeMutablePointer<Double>
    ) {
        guard n > 0 else { return }
        guard k > 0 else {
            for i in 0..<(n * n) { c[i] = 0 }
            return
        }
        _ = BLAS.kernel
        BLAS.setThreads(n * n * k >= 1 << 23 ? 0 : 1)
        cblas_dsyrk(
            CblasRowMajor, CblasUpper, transpose ? CblasTrans : CblasNoTrans, Int32(n), Int32(k), 1, a,
            Int32(transpose ? n : k), 0, c, Int32(n))
        for i in 0..<n {
            for j in (i + 1)..<max(n, i + 1) { c[j * n + i] = c[i * n + j] }
        }
    }

    /// Solves `a · x = b` in place (LAPACK `dgesv`): `a` is n×n and `b` n×nrhs, both column-major;
    /// `b` becomes x. False when `a` is singular.
    public static func solve(n: Int, nrhs: Int, a: UnsafeMutablePointer<Double>, b: UnsafeMutablePointer<Double>)
        -> Bool
    {
        guard n > 0 else { return true }
        var pivots = [Int32](repeating: 0, count: n)
        let info = pivots.withUnsafeMutableBufferPointer { p in
            nn_dgesv(Int32(n), Int32(nrhs), a, p.baseAddress, b)
        }
        return info == 0
    }

    /// LU factorization in place (LAPACK `dgetrf`) of a column-major n×n matrix; returns the 1-based
    /// pivot rows, as LAPACK gives them.
    public static func factorize(n: Int, a: UnsafeMutablePointer<Double>) -> [Int32] {
        guard n > 0 else { return [] }
        var pivots = [Int32](repeating: 0, count: n)
        _ = pivots.withUnsafeMutableBufferPointer { p in nn_dgetrf(Int32(n), a, p.baseAddress) }
        return pivots
    }
}
