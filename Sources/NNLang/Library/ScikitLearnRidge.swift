import NNEngine

/// `Ridge`: least squares with an L2 penalty, solved as scikit-learn's default (`solver="auto"`) solves
/// dense data: center X and y, then Cholesky on XᵀX + αI (or, with more features than samples, on
/// XXᵀ + αI for the dual coefficients), then `intercept_ = y_offset - X_offset · coef_`.
final class Ridge: LinearEstimator {
    static let signature =
        "alpha=1.0, *, fit_intercept=True, copy_X=True, max_iter=None, tol=0.0001, solver='auto', positive=False, "
        + "random_state=None"
    private var multiOutput = false

    init(_ a: BoundArguments) { super.init("Ridge", a, Ridge.signature) }

    override func methods() -> [String: Value] {
        [
            "fit": function("fit", "X, y, sample_weight=None") { a, interpreter throws(Diagnostic) in
                try self.fit(a, interpreter)
                return .object(self)
            },
            "predict": function("predict", "X") { a, interpreter throws(Diagnostic) in
                let x = try self.predictionData(a, interpreter)
                let out = self.decisions(x)
                return self.multiOutput
                    ? self.array([out.count, self.weights.count], out.flatMap { $0 })
                    : self.array([out.count], out.map { $0[0] })
            },
            "score": function("score", "X, y, sample_weight=None") { a, interpreter throws(Diagnostic) in
                try RegressionScore.score(self, a, interpreter) { x in self.decisions(x) }
            },
        ]
    }

    private func fit(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) {
        guard a["sample_weight"]?.isNone ?? true else {
            throw Diagnostic("sample_weight is not supported yet", at: a.range("sample_weight"))
        }
        let alpha = try penalty(a, interpreter)
        let solver = parameter("solver").map { interpreter.str($0) } ?? "auto"
        guard solver == "auto" || solver == "cholesky" else {
            throw Diagnostic(
                "Ridge(solver='\(solver)') is not supported in NNLab (only 'auto' and 'cholesky')",
                at: a.callRange)
        }
        guard !(parameter("positive").map { $0.numericValue != 0 } ?? false) else {
            throw Diagnostic("Ridge(positive=True) is not supported in NNLab", at: a.callRange)
        }
        let (x, _) = try trainingData(a, interpreter)
        let y = try NumPyMath.exactTensor(a, "y")
        guard y.rank <= 2 else {
            throw Diagnostic("Target y has the wrong shape \(formatShape(y.shape))", at: a.range("y"))
        }
        multiOutput = y.rank == 2
        let rows = x.shape[0]
        let width = x.shape[1]
        let targets = y.rank == 2 ? y.shape[1] : 1
        let fitIntercept = parameter("fit_intercept").map { $0.numericValue != 0 } ?? true
        var xs = x.doubles
        var ys = y.doubles
        var xOffset = [Double](repeating: 0, count: width)
        var yOffset = [Double](repeating: 0, count: targets)
        if fitIntercept {
            xOffset = try Ridge.columnMeans(x, a)
            yOffset = try Ridge.columnMeans(y, a)
            for i in xs.indices { xs[i] -= xOffset[i % width] }
            for i in ys.indices { ys[i] -= yOffset[i % targets] }
        }
        let coefficients =
            width > rows
            ? Ridge.dualSolution(xs, ys, rows: rows, width: width, targets: targets, alpha: alpha)
            : Ridge.primalSolution(xs, ys, rows: rows, width: width, targets: targets, alpha: alpha)
        // A singular system (alpha 0 and dependent columns): scikit-learn falls back on the SVD, whose
        // minimum-norm solution LAPACK's least squares gives as well.
        let solution =
            coefficients
            ?? LeastSquares.solve(m: rows, n: width, k: targets, a: xs, b: ys, rcond: 1e-15)?.x
        guard let solution else {
            throw Diagnostic("SVD did not converge", at: a.callRange, exception: "LinAlgError")
        }
        weights = (0..<targets).map { t in (0..<width).map { solution[$0 * targets + t] } }
        intercepts = weights.map { w in
            guard fitIntercept else { return 0 }
            return xOffset.withUnsafeBufferPointer { o in
                w.withUnsafeBufferPointer { p in
                    guard let ob = o.baseAddress, let pb = p.baseAddress else { return 0 }
                    return DoubleBLAS.dot(width, ob, pb)
                }
            }
        }
        intercepts = intercepts.indices.map { t in fitIntercept ? yOffset[t] - intercepts[t] : 0 }
        setCoefficients(flat: !multiOutput)
        learned["n_iter_"] = Value.none
        learned["solver_"] = .string("cholesky")
        learned["intercept_"] =
            !fitIntercept ? .float(0) : multiOutput ? array([targets], intercepts) : array([], intercepts)
    }

    /// `alpha`, checked as `_parameter_constraints` checks it: a number in [0, inf).
    private func penalty(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Double {
        let given = parameter("alpha") ?? .float(1)
        guard case let number? = given.numericValue, number >= 0, !number.isNaN else {
            throw Diagnostic(
                "The 'alpha' parameter of Ridge must be a float in the range [0.0, inf) or an array-like. Got "
                    + "\(interpreter.repr(given)) instead.", at: a.callRange, exception: "InvalidParameterError")
        }
        return number
    }

    /// Column means as NumPy's `mean(axis=0)` gives them (a 1-D y is one column).
    static func columnMeans(_ t: Tensor, _ a: BoundArguments) throws(Diagnostic) -> [Double] {
        let wide = WideMath.tensor(t.shape, t.doubles, .float64)
        guard case .array(let m) = try Reduction.mean.apply(wide, axis: 0, keepdims: false, range: a.callRange) else {
            return []
        }
        return m.tensor.doubles
    }

    /// `_solve_cholesky`: (XᵀX + αI) w = Xᵀy, XᵀX by `dsyrk` and Xᵀy by `dgemv` as NumPy's `@` computes them.
    /// Returns w (width × targets, row-major), nil when the system is not positive definite.
    static func primalSolution(
        _ xs: [Double], _ ys: [Double], rows: Int, width: Int, targets: Int, alpha: Double
    ) -> [Double]? {
        var gram = [Double](repeating: 0, count: width * width)
        xs.withUnsafeBufferPointer { xp in
            gram.withUnsafeMutableBufferPointer { g in
                guard let xb = xp.baseAddress, let gb = g.baseAddress else { return }
                DoubleBLAS.syrk(transpose: true, n: width, k: rows, a: xb, c: gb)
            }
        }
        for j in 0..<width { gram[j * width + j] += alpha }
        let right = transposedProduct(xs, ys, rows: rows, width: width, n: targets)
        return CholeskySolve.solve(n: width, k: targets, a: gram, b: right)
    }

    /// `_solve_cholesky_kernel`: (XXᵀ + αI) d = y, then w = Xᵀd.
    static func dualSolution(
        _ xs: [Double], _ ys: [Double], rows: Int, width: Int, targets: Int, alpha: Double
    ) -> [Double]? {
        var kernel = [Double](repeating: 0, count: rows * rows)
        xs.withUnsafeBufferPointer { xp in
            kernel.withUnsafeMutableBufferPointer { g in
                guard let xb = xp.baseAddress, let gb = g.baseAddress else { return }
                DoubleBLAS.syrk(transpose: false, n: rows, k: width, a: xb, c: gb)
            }
        }
        for j in 0..<rows { kernel[j * rows + j] += alpha }
        guard let dual = CholeskySolve.solve(n: rows, k: targets, a: kernel, b: ys) else { return nil }
        return transposedProduct(xs, dual, rows: rows, width: width, n: targets)
    }

    /// Xᵀ (X rows × width) · b (rows × n): `dgemv` on the transposed X for one column, as NumPy does,
    /// else `dgemm` on a transposed copy.
    static func transposedProduct(_ xs: [Double], _ b: [Double], rows: Int, width: Int, n: Int) -> [Double] {
        var out = [Double](repeating: 0, count: width * n)
        let a = n == 1 ? xs : (0..<(width * rows)).map { xs[($0 % rows) * width + $0 / rows] }
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                out.withUnsafeMutableBufferPointer { o in
                    guard let ab = ap.baseAddress, let bb = bp.baseAddress, let ob = o.baseAddress else { return }
                    if n == 1 {
                        DoubleBLAS.gemv(transpose: true, m: rows, n: width, a: ab, x: bb, y: ob)
                    } else {
                        DoubleBLAS.gemm(m: width, n: n, k: rows, a: ab, b: bb, c: ob)
                    }
                }
            }
        }
        return out
    }
}
