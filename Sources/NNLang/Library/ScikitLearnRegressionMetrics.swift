import NNEngine

/// `sklearn.metrics`' regression scores, `mean_squared_error`, `root_mean_squared_error`,
/// `mean_absolute_error` and `r2_score`,
/// computed in float64 as scikit-learn computes them (targets as columns, NumPy's means and sums),
/// each averaged uniformly over the outputs and returned as a Python float.
enum ScikitLearnRegressionMetrics {
    static func members() -> [String: Value] {
        [
            "mean_squared_error": function("mean_squared_error", "y_true, y_pred, *, sample_weight=None") {
                a, _ throws(Diagnostic) in
                let (truth, predicted, width) = try targets(a)
                return .float(try average(errors(truth, predicted) { d in d * d }, width: width, a))
            },
            "root_mean_squared_error": function(
                "root_mean_squared_error", "y_true, y_pred, *, sample_weight=None"
            ) { a, _ throws(Diagnostic) in
                let (truth, predicted, width) = try targets(a)
                let rows = truth.count / Swift.max(width, 1)
                let squares = errors(truth, predicted) { d in d * d }
                let roots = columnSums(squares, rows: rows, width: width).map { ($0 / Double(rows)).squareRoot() }
                return .float(meanOfOutputs(roots))
            },
            "mean_absolute_error": function("mean_absolute_error", "y_true, y_pred, *, sample_weight=None") {
                a, _ throws(Diagnostic) in
                let (truth, predicted, width) = try targets(a)
                return .float(try average(errors(truth, predicted) { d in abs(d) }, width: width, a))
            },
            "r2_score": function("r2_score", "y_true, y_pred, *, sample_weight=None, force_finite=True") {
                a, _ throws(Diagnostic) in
                let (truth, predicted, width) = try targets(a)
                guard truth.count / width >= 2 else {
                    throw Diagnostic(
                        "R^2 score is not well-defined with less than two samples.", at: a.callRange,
                        exception: "ValueError")
                }
                let rows = truth.count / width
                let residuals = errors(truth, predicted) { d in d * d }
                let means = columnSums(truth, rows: rows, width: width).map { $0 / Double(rows) }
                let spread = truth.indices.map { i -> Double in
                    let d = truth[i] - means[i % width]
                    return d * d
                }
                let numerators = columnSums(residuals, rows: rows, width: width)
                let denominators = columnSums(spread, rows: rows, width: width)
                let forceFinite = try a.bool("force_finite", default: true)
                let scores = zip(numerators, denominators).map { numerator, denominator -> Double in
                    guard forceFinite else { return 1 - numerator / denominator }
                    if denominator == 0 { return numerator == 0 ? 1 : 0 }
                    return numerator == 0 ? 1 : 1 - numerator / denominator
                }
                return .float(meanOfOutputs(scores))
            },
        ]
    }

    /// Both targets as float64 values of rows × width (a 1-D target is one column), checked alike.
    static func targets(_ a: BoundArguments) throws(Diagnostic) -> ([Double], [Double], Int) {
        guard a["sample_weight"] == nil else {
            throw Diagnostic("sample_weight is not supported yet", at: a.range("sample_weight"))
        }
        let truth = try NumPyMath.exactTensor(a, "y_true")
        let predicted = try NumPyMath.exactTensor(a, "y_pred")
        guard truth.rank >= 1, truth.rank <= 2, predicted.rank >= 1, predicted.rank <= 2 else {
            throw Diagnostic("y_true and y_pred must be 1-D or 2-D", at: a.callRange, exception: "ValueError")
        }
        let width = truth.rank == 2 ? truth.shape[1] : 1
        guard truth.shape[0] == predicted.shape[0] else {
            throw Diagnostic(
                "Found input variables with inconsistent numbers of samples: [\(truth.shape[0]), \(predicted.shape[0])]",
                at: a.callRange, exception: "ValueError")
        }
        guard width == (predicted.rank == 2 ? predicted.shape[1] : 1) else {
            throw Diagnostic(
                "y_true and y_pred have different number of output (\(width)!=\(predicted.rank == 2 ? predicted.shape[1] : 1))",
                at: a.callRange, exception: "ValueError")
        }
        return (truth.doubles, predicted.doubles, width)
    }

    static func errors(_ truth: [Double], _ predicted: [Double], _ transform: (Double) -> Double) -> [Double] {
        truth.indices.map { transform(truth[$0] - predicted[$0]) }
    }

    /// Sums down each column: pairwise for a single column (NumPy sees a contiguous lane), else in order.
    static func columnSums(_ values: [Double], rows: Int, width: Int) -> [Double] {
        values.withUnsafeBufferPointer { v in WideMath.sum(v, outer: 1, length: rows, inner: width, integer: false) }
    }

    static func average(_ values: [Double], width: Int, _ a: BoundArguments) throws(Diagnostic) -> Double {
        let rows = values.count / Swift.max(width, 1)
        return meanOfOutputs(columnSums(values, rows: rows, width: width).map { $0 / Double(rows) })
    }

    static func meanOfOutputs(_ scores: [Double]) -> Double {
        let total = scores.withUnsafeBufferPointer { s in s.baseAddress.map { WideMath.pairwiseSum($0, s.count) } ?? 0 }
        return total / Double(scores.count)
    }
}
