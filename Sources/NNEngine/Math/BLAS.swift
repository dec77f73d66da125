import CBLAS

/// Matrix products through BLAS `sgemm`, with transposes passed as flags rather than copies.
enum BLAS {
    /// `c[m×n] = alpha · op(a) · op(b) + beta · c`, all row-major, where op(a) is m×k and op(b) is k×n.
    @inline(__always)
    static func gemm(
        transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, b: UnsafePointer<Float>, beta: Float = 0, c: UnsafeMutablePointer<Float>
    ) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            for i in 0..<(m * n) { c[i] = beta == 0 ? 0 : c[i] * beta }
            return
        }
        _ = kernel
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha,
            a, Int32(transposeA ? m : k), b, Int32(transposeB ? k : n), beta, c, Int32(n))
    }

    /// The BLAS kernel family in use (see `nn_blas_select_kernel` in the CBLAS shim), chosen once.
    nonisolated(unsafe) static let kernel: String = String(cString: nn_blas_select_kernel())

    /// Sets how many threads BLAS may use for one product.
    static func setThreads(_ count: Int) { nn_blas_set_threads(Int32(count)) }
}

extension Tensor {
    /// The matrix product `op(self) · op(other)` of two 2-D tensors.
    public func matmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false)
        throws(EngineError) -> Tensor
    {
        guard rank == 2, other.rank == 2 else {
            throw .shapeMismatch(
                "matmul needs two matrices; got shapes \(formatShape(shape)) and \(formatShape(other.shape))")
        }
        let (m, k) = transposeSelf ? (shape[1], shape[0]) : (shape[0], shape[1])
        let (k2, n) = transposeOther ? (other.shape[1], other.shape[0]) : (other.shape[0], other.shape[1])
        guard k == k2 else {
            throw .shapeMismatch(
                "matmul: shapes \(formatShape(shape)) and \(formatShape(other.shape)) do not line up "
                    + "(\(k) columns against \(k2) rows)")
        }
        var result = Tensor(shape: [m, n])
        let c = result.mutablePointer()
        BLAS.gemm(
            transposeA: transposeSelf, transposeB: transposeOther, m: m, n: n, k: k,
            a: pointer, b: other.pointer, c: c)
        return result
    }
}

extension BLAS {
    /// Uses one BLAS thread for small products, where waking a second thread costs more than it
    /// saves, and all cores for large ones. `products` adds the sizes (m·n·k) of other layers' products.
    static func chooseThreads(rows: Int, widths: [Int], products: [Int] = []) {
        var largest = products.max() ?? 0
        for (input, output) in zip(widths, widths.dropFirst()) { largest = max(largest, rows * input * output) }
        setThreads(largest >= 1 << 23 ? 0 : 1)
    }
}

extension BLAS {
    /// `out[j] = Σ_row m[row, j]` for a row-major `rows × columns` matrix, summed row by row in order
    /// (a bias's gradient from the gradients of its layer's outputs).
    static func columnSums(
        _ m: UnsafePointer<Float>, rows: Int, columns: Int, into out: UnsafeMutablePointer<Float>
    ) {
        out.update(repeating: 0, count: columns)
        for row in 0..<rows {
            let mr = m + row * columns
            for j in 0..<columns { out[j] += mr[j] }
        }
    }
}
