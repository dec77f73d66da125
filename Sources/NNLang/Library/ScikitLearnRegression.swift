import NNEngine

/// scikit-learn's `make_regression`, following its code step by step: X from `standard_normal`, the
/// informative coefficients `100 * uniform`, `y = X @ coef + bias`, the noise, then the shuffles of the
/// samples and of the features, all from the `random_state` stream. y is summed in order in float64
/// (NumPy's BLAS may sum in another order, so its last bit can differ).
extension ScikitLearnGenerators {
    static func regression(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let samples = try a.int("n_samples", default: 100)
        let features = try a.int("n_features", default: 100)
        let targets = try a.int("n_targets", default: 1)
        for (name, value) in [("n_samples", samples), ("n_features", features), ("n_targets", targets)] {
            guard value >= 1 else {
                throw invalid(name, "make_regression", "an int in the range [1, inf)", a, interpreter)
            }
        }
        let informativeGiven = try a.int("n_informative", default: 10)
        guard informativeGiven >= 0 else {
            throw invalid("n_informative", "make_regression", "an int in the range [0, inf)", a, interpreter)
        }
        guard a["effective_rank"] == nil else {
            throw Diagnostic(
                "make_regression with effective_rank (a low-rank X) is not supported in NNLab",
                at: a.range("effective_rank"))
        }
        let bias = try a.double("bias", default: 0)
        let noise = try a.double("noise", default: 0)
        let shuffle = try a.bool("shuffle", default: true)
        let coef = try a.bool("coef", default: false)
        try ArrayConversion.checkSize([samples, features], range: a.callRange)
        try ArrayConversion.checkSize([samples, targets], range: a.callRange)
        let stream = try LegacyRandom.stream(
            a["random_state"], interpreter, range: a.range("random_state"), function: a.function)
        let informative = min(features, informativeGiven)
        var x = (0..<(samples * features)).map { _ in stream.standardNormal() }
        var truth = [Double](repeating: 0, count: features * targets)
        for i in 0..<(informative * targets) { truth[i] = 100 * stream.uniform(0, 1) }
        var y = [Double](repeating: 0, count: samples * targets)
        for i in 0..<samples {
            for j in 0..<targets {
                var total = 0.0
                for k in 0..<features { total.addProduct(x[i * features + k], truth[k * targets + j]) }
                y[i * targets + j] = total + bias
            }
        }
        if noise > 0 { for i in y.indices { y[i] += stream.normal(0, noise) } }
        if shuffle {
            var rows = Array(0..<samples)
            stream.shuffle(&rows)
            x = rows.flatMap { r in x[(r * features)..<((r + 1) * features)] }
            y = rows.flatMap { r in y[(r * targets)..<((r + 1) * targets)] }
            var columns = Array(0..<features)
            stream.shuffle(&columns)
            x = (0..<(samples * features)).map { x[($0 / features) * features + columns[$0 % features]] }
            truth = columns.flatMap { c in truth[(c * targets)..<((c + 1) * targets)] }
        }
        let xArray = Tensor.exactly(shape: [samples, features], dtype: .float64) { x[$0] }
        // np.squeeze: axes of length 1 go.
        let yArray = Tensor.exactly(shape: [samples, targets].filter { $0 != 1 }, dtype: .float64) { y[$0] }
        var result: [Value] = [.array(NDArray(xArray)), .array(NDArray(yArray))]
        if coef {
            let shape = [features, targets].filter { $0 != 1 }
            result.append(.array(NDArray(Tensor.exactly(shape: shape, dtype: .float64) { truth[$0] })))
        }
        return .tuple(result)
    }
}
