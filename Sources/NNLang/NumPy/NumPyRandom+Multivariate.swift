import NNEngine

extension NumPyRandom {
    /// The legacy `multivariate_normal`, as NumPy's RandomState draws it: standard normals in order,
    /// shaped (n, k), times √s·v from the SVD of the covariance, plus the mean.
    static func multivariateNormal(_ state: NumPyRandomState, _ a: BoundArguments, _ interpreter: Interpreter)
        throws(Diagnostic) -> Value
    {
        let mean = try NumPyMath.exactTensor(a, "mean")
        let covariance = try NumPyMath.exactTensor(a, "cov")
        guard mean.rank == 1 else { throw Diagnostic("mean must be 1 dimensional", at: a.range("mean")) }
        guard covariance.rank == 2, covariance.shape[0] == covariance.shape[1] else {
            throw Diagnostic("cov must be 2 dimensional and square", at: a.range("cov"))
        }
        let k = mean.count
        guard covariance.shape[0] == k else {
            throw Diagnostic("mean and cov must have same length", at: a.callRange)
        }
        let check = try a.string("check_valid", default: "warn")
        guard ["warn", "raise", "ignore"].contains(check) else {
            throw Diagnostic("check_valid must equal 'warn', 'raise', or 'ignore'", at: a.range("check_valid"))
        }
        let tolerance = try a.double("tol", default: 1e-8)
        let shape = (try size(a) ?? []) + [k]
        try ArrayConversion.checkSize(shape, range: a.callRange)
        try ExactValues.reserve(shape, .float64, range: a.callRange)
        let rows = shape.dropLast().reduce(1, *)
        let draws = Tensor.exactly(shape: [rows, k], dtype: .float64) { _ in state.standardNormal() }
        let cov = covariance.doubles
        guard let (_, s, v) = Decompositions.svd(m: k, n: k, a: cov, vectors: .all) else {
            throw Diagnostic("SVD did not converge", at: a.range("cov"), exception: "LinAlgError")
        }
        if check != "ignore", !reconstructs(cov, s: s, v: v, k: k, tolerance: tolerance) {
            let message = "covariance is not symmetric positive-semidefinite."
            if check == "raise" { throw Diagnostic(message, at: a.range("cov"), exception: "ValueError") }
            interpreter.warn("RuntimeWarning: \(message)", at: a.range("cov"))
        }
        let factor = (0..<(k * k)).map { s[$0 / k].squareRoot() * v[$0] }
        guard
            case .array(let product) = try NumPyMath.dot(
                draws, WideMath.tensor([k, k], factor, .float64), range: a.callRange)
        else { return .none }
        let mu = mean.doubles
        let values = product.tensor.doubles.enumerated().map { $0.element + mu[$0.offset % k] }
        return .array(NDArray(WideMath.tensor(shape, values, .float64)))
    }

    /// NumPy's check `allclose(dot(v.T * s, v), cov, rtol=tol, atol=tol)`.
    static func reconstructs(_ cov: [Double], s: [Double], v: [Double], k: Int, tolerance: Double) -> Bool {
        for i in 0..<k {
            for j in 0..<k {
                var total = 0.0
                for l in 0..<k { total += v[l * k + i] * s[l] * v[l * k + j] }
                if abs(total - cov[i * k + j]) > tolerance + tolerance * abs(cov[i * k + j]) { return false }
            }
        }
        return true
    }
}
