import NNEngine

/// `sklearn.linear_model`: `LinearRegression` (here), `SGDRegressor`, `SGDClassifier` and `Perceptron`
/// (ScikitLearnSGD.swift), `LogisticRegression` (ScikitLearnLogistic.swift), `Ridge` (ScikitLearnRidge.swift).
enum ScikitLearnLinearModel {
    static func module() -> ModuleObject {
        ModuleObject(
            "sklearn.linear_model",
            [
                "LinearRegression": ScikitLearnEstimator.constructor("LinearRegression", LinearRegression.signature) {
                    a in LinearRegression(a)
                },
                "Ridge": ScikitLearnEstimator.constructor("Ridge", Ridge.signature) { a in Ridge(a) },
                "SGDRegressor": ScikitLearnEstimator.constructor("SGDRegressor", SGDRegressor.signature) {
                    a throws(Diagnostic) in try SGDRegressor(a)
                },
                "SGDClassifier": ScikitLearnEstimator.constructor("SGDClassifier", SGDClassifier.signature) {
                    a throws(Diagnostic) in
                    try SGDClassifier(a, name: "SGDClassifier", signature: SGDClassifier.signature)
                },
                "Perceptron": ScikitLearnEstimator.constructor("Perceptron", SGDClassifier.perceptronSignature) {
                    a throws(Diagnostic) in
                    try SGDClassifier(a, name: "Perceptron", signature: SGDClassifier.perceptronSignature)
                },
                "LogisticRegression": ScikitLearnEstimator.constructor(
                    "LogisticRegression", LogisticRegression.signature
                ) { a throws(Diagnostic) in try LogisticRegression(a) },
            ])
    }
}

extension ScikitLearnLinearModel {
    /// `sklearn.exceptions`: the classes `except` and `warnings.filterwarnings` name.
    static func exceptionsModule() -> ModuleObject {
        ModuleObject(
            "sklearn.exceptions",
            [
                "NotFittedError": .object(ExceptionClass("NotFittedError")),
                "ConvergenceWarning": .object(ExceptionClass("ConvergenceWarning")),
            ])
    }
}

/// What the linear models share: `coef_` and `intercept_` (rows of weights per output), the checks of
/// `fit`'s X and y, and the decision values X · coef_ᵀ + intercept_ computed with BLAS as NumPy's `@` does.
class LinearEstimator: ScikitLearnEstimator {
    /// Weights, one row per output (one row for a single-output model), and one intercept per row.
    var weights: [[Double]] = []
    var intercepts: [Double] = []
    /// The dtype of the X the model was fitted on (float32 X gives float32 results).
    var fittedDType: DType = .float64

    var featureCount: Int { weights.first?.count ?? 0 }

    /// X and y checked as scikit-learn's `validate_data` checks them: X 2-D, y 1-D (or a column),
    /// the same number of samples.
    func trainingData(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> (Tensor, Value) {
        let x = try ScikitLearnEstimator.matrix(a["X"] ?? .none, a, "X", interpreter)
        guard let y = a["y"], !y.isNone else {
            throw Diagnostic(
                "\(className) requires y to be passed, but the target y is None.", at: a.callRange,
                exception: "ValueError")
        }
        let count = try ArrayConversion.tensor(y, range: a.range("y")).shape.first ?? 1
        guard count == x.shape[0] else {
            throw Diagnostic(
                "Found input variables with inconsistent numbers of samples: [\(x.shape[0]), \(count)]",
                at: a.callRange, exception: "ValueError")
        }
        fittedDType = x.dtype == .float32 ? .float32 : .float64
        return (x, y)
    }

    /// X for `predict`/`decision_function` after `fit`, with the feature count checked.
    func predictionData(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Tensor {
        try requireFitted(a.callRange)
        let x = try ScikitLearnEstimator.matrix(a["X"] ?? .none, a, "X", interpreter)
        try checkFeatures(x, expected: featureCount, a.range("X"))
        return x
    }

    /// X · coef_ᵀ + intercept_, row by row (samples × outputs), with `dgemv` per output as NumPy's `X @ w`.
    func decisions(_ x: Tensor) -> [[Double]] {
        let rows = x.shape[0]
        let width = x.shape[1]
        let values = x.doubles
        let products = weights.map { w -> [Double] in
            var out = [Double](repeating: 0, count: rows)
            values.withUnsafeBufferPointer { v in
                w.withUnsafeBufferPointer { wp in
                    out.withUnsafeMutableBufferPointer { o in
                        guard let vb = v.baseAddress, let wb = wp.baseAddress, let ob = o.baseAddress else { return }
                        DoubleBLAS.gemv(transpose: false, m: rows, n: width, a: vb, x: wb, y: ob)
                    }
                }
            }
            return out
        }
        return (0..<rows).map { r in weights.indices.map { k in products[k][r] + intercepts[k] } }
    }

    /// A float64 (or the fitted dtype's) array of `shape`.
    func array(_ shape: [Int], _ values: [Double]) -> Value {
        .array(NDArray(WideMath.tensor(shape, values, fittedDType)))
    }

    /// `coef_` as scikit-learn shapes it: (n_features,) for a single-output regressor, else rows.
    func setCoefficients(flat: Bool) {
        let width = featureCount
        learned["coef_"] =
            flat ? array([width], weights.first ?? []) : array([weights.count, width], weights.flatMap { $0 })
        learned["n_features_in_"] = .int(width)
    }
}

/// `LinearRegression`: ordinary least squares on centered data by LAPACK's `dgelsd`, as
/// `scipy.linalg.lstsq` solves it, then `intercept_ = y_offset - X_offset · coef_`.
final class LinearRegression: LinearEstimator {
    static let signature = "*, fit_intercept=True, copy_X=True, tol=1e-06, n_jobs=None, positive=False"
    private var multiOutput = false

    init(_ a: BoundArguments) { super.init("LinearRegression", a, LinearRegression.signature) }

    override func methods() -> [String: Value] {
        [
            "fit": function("fit", "X, y, sample_weight=None") { a, interpreter throws(Diagnostic) in
                try self.fit(a, interpreter)
                return .object(self)
            },
            "predict": function("predict", "X") { a, interpreter throws(Diagnostic) in
                try self.predict(a, interpreter)
            },
            "score": function("score", "X, y, sample_weight=None") { a, interpreter throws(Diagnostic) in
                try RegressionScore.score(self, a, interpreter) { x in self.outputs(x) }
            },
        ]
    }

    private func fit(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) {
        guard a["sample_weight"]?.isNone ?? true else {
            throw Diagnostic("sample_weight is not supported yet", at: a.range("sample_weight"))
        }
        guard !(parameter("positive").map { $0.numericValue != 0 } ?? false) else {
            throw Diagnostic("LinearRegression(positive=True) is not supported in NNLab", at: a.callRange)
        }
        let (x, yValue) = try trainingData(a, interpreter)
        let y = try NumPyMath.exactTensor(a, "y")
        multiOutput = y.rank == 2
        let rows = x.shape[0]
        let width = x.shape[1]
        let targets = y.rank == 2 ? y.shape[1] : 1
        _ = yValue
        let fitIntercept = parameter("fit_intercept").map { $0.numericValue != 0 } ?? true
        var xs = x.doubles
        var ys = y.doubles
        var xOffset = [Double](repeating: 0, count: width)
        var yOffset = [Double](repeating: 0, count: targets)
        if fitIntercept {
            xOffset = try columnMeans(x, a)
            yOffset = try columnMeans(y.rank == 1 ? y : y, a)
            for i in xs.indices { xs[i] -= xOffset[i % width] }
            for i in ys.indices { ys[i] -= yOffset[i % targets] }
        }
        let tolerance = parameter("tol")?.numericValue ?? 1e-6
        guard
            let (solution, rank) = LeastSquares.solve(
                m: rows, n: width, k: targets, a: xs, b: ys, rcond: tolerance)
        else {
            throw Diagnostic("SVD did not converge in Linear Least Squares", at: a.callRange, exception: "LinAlgError")
        }
        weights = (0..<targets).map { t in (0..<width).map { solution[$0 * targets + t] } }
        intercepts = weights.indices.map { t in
            guard fitIntercept else { return 0 }
            var total = 0.0
            for j in 0..<width { total += xOffset[j] * weights[t][j] }
            return yOffset[t] - total
        }
        setCoefficients(flat: !multiOutput)
        learned["rank_"] = .int(rank)
        learned["intercept_"] =
            !fitIntercept ? .float(0) : multiOutput ? array([targets], intercepts) : array([], intercepts)
    }

    /// Column means as NumPy's `mean(axis=0)` gives them.
    private func columnMeans(_ t: Tensor, _ a: BoundArguments) throws(Diagnostic) -> [Double] {
        let wide = WideMath.tensor(t.shape, t.doubles, .float64)
        guard case .array(let m) = try Reduction.mean.apply(wide, axis: 0, keepdims: false, range: a.callRange) else {
            return []
        }
        return m.tensor.doubles
    }

    func outputs(_ x: Tensor) -> [[Double]] { decisions(x) }

    private func predict(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let x = try predictionData(a, interpreter)
        let out = decisions(x)
        return multiOutput
            ? array([out.count, weights.count], out.flatMap { $0 }) : array([out.count], out.map { $0[0] })
    }
}

/// The regressors' `score`: R² of `predict(X)` against y, averaged over outputs, as `r2_score` gives it.
enum RegressionScore {
    static func score(
        _ model: LinearEstimator, _ a: BoundArguments, _ interpreter: Interpreter, _ outputs: (Tensor) -> [[Double]]
    ) throws(Diagnostic) -> Value {
        let x = try model.predictionData(a, interpreter)
        let y = try NumPyMath.exactTensor(a, "y")
        let predicted = outputs(x)
        let width = predicted.first?.count ?? 1
        let truth = y.doubles
        guard truth.count == predicted.count * width else {
            throw Diagnostic(
                "Found input variables with inconsistent numbers of samples: [\(truth.count / width), "
                    + "\(predicted.count)]", at: a.callRange, exception: "ValueError")
        }
        return .float(r2(truth, predicted.flatMap { $0 }, width: width))
    }

    /// `r2_score` with uniform averaging over `width` outputs.
    static func r2(_ truth: [Double], _ predicted: [Double], width: Int) -> Double {
        let rows = truth.count / width
        let residuals = ScikitLearnRegressionMetrics.errors(truth, predicted) { d in d * d }
        let means = ScikitLearnRegressionMetrics.columnSums(truth, rows: rows, width: width).map { $0 / Double(rows) }
        let spread = truth.indices.map { i -> Double in
            let d = truth[i] - means[i % width]
            return d * d
        }
        let numerators = ScikitLearnRegressionMetrics.columnSums(residuals, rows: rows, width: width)
        let denominators = ScikitLearnRegressionMetrics.columnSums(spread, rows: rows, width: width)
        let scores = zip(numerators, denominators).map { numerator, denominator -> Double in
            if denominator == 0 { return numerator == 0 ? 1 : 0 }
            return numerator == 0 ? 1 : 1 - numerator / denominator
        }
        return ScikitLearnRegressionMetrics.meanOfOutputs(scores)
    }
}
