import Foundation
import NNEngine

/// `sklearn.metrics.log_loss`: the mean cross-entropy of probabilities against labels, as scikit-learn
/// computes it: classes sorted, a 1-D or one-column y_proba taken as P(class 1), probabilities clipped
/// to [eps, 1 - eps] of their dtype, then NumPy's pairwise mean of -log p(true class).
extension ScikitLearnMetrics {
    static let logLossSignature = "y_true, y_proba=None, *, normalize=True, sample_weight=None, labels=None"

    static func logLoss(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        for name in ["sample_weight", "labels"] where !(a[name]?.isNone ?? true) {
            throw Diagnostic("log_loss(\(name)=...) is not supported in NNLab", at: a.range(name))
        }
        let probabilities = try ArrayConversion.tensor(a["y_proba"] ?? .none, range: a.range("y_proba"))
        guard probabilities.rank == 1 || probabilities.rank == 2 else {
            throw Diagnostic(
                "Found array with dim \(probabilities.rank). log_loss expected <= 2.", at: a.range("y_proba"))
        }
        let truth = try ClassLabel.labels(a["y_true"] ?? .none, range: a.range("y_true"), interpreter).labels
        let rows = probabilities.shape[0]
        guard rows == truth.count else {
            throw Diagnostic(
                "Found input variables with inconsistent numbers of samples: [\(rows), \(truth.count)]",
                at: a.callRange, exception: "ValueError")
        }
        let values = probabilities.doubles
        if let top = values.max(), top > 1 {
            throw Diagnostic(
                "y_prob contains values greater than 1: \(pythonFloatRepr(top))", at: a.range("y_proba"),
                exception: "ValueError")
        }
        if let bottom = values.min(), bottom < 0 {
            throw Diagnostic(
                "y_prob contains values lower than 0: \(pythonFloatRepr(bottom))", at: a.range("y_proba"),
                exception: "ValueError")
        }
        let classes = Array(Set(truth)).sorted()
        guard classes.count > 1 else {
            throw Diagnostic(
                "y_true contains only one label (\(ClassLabel.plainRepr(classes.first?.value ?? .none))). Please "
                    + "provide the list of all expected class labels explicitly through the labels argument.",
                at: a.callRange, exception: "ValueError")
        }
        let width = probabilities.rank == 2 ? probabilities.shape[1] : 1
        // One column is P(class 1): the table is [1 - p, p].
        let columns = width == 1 ? 2 : width
        guard classes.count == columns else {
            let shown = "[" + classes.map { ClassLabel.plainRepr($0.value) }.joined(separator: " ") + "]"
            throw Diagnostic(
                "y_true and y_prob contain different number of classes: \(classes.count) vs \(columns). Please "
                    + "provide the true labels explicitly through the labels argument. Classes found in y_true: "
                    + shown, at: a.callRange, exception: "ValueError")
        }
        let float32 = probabilities.dtype == .float32
        let eps = float32 ? Double(Float.ulpOfOne) : Double.ulpOfOne
        let table: (Int, Int) -> Double = { r, c in
            width == 1
                ? (c == 1 ? values[r] : (float32 ? Double(1 - Float(values[r])) : 1 - values[r]))
                : values[r * width + c]
        }
        let sums = (0..<rows).map { r in (0..<columns).reduce(0.0) { $0 + table(r, $1) } }
        if sums.contains(where: { abs($0 - 1) > 1e-8 + eps.squareRoot() }) {
            interpreter.warn(
                "UserWarning: The y_prob values do not sum to one. Make sure to pass probabilities.", at: a.callRange)
        }
        let losses = (0..<rows).map { r -> Double in
            guard let c = classes.firstIndex(of: truth[r]) else { return 0 }
            let p = min(max(table(r, c), eps), 1 - eps)
            return float32 ? Double(-logf(Float(p))) : -Foundation.log(p)
        }
        let normalize = try a.bool("normalize", default: true)
        if float32 {
            // A float32 loss array: NumPy sums and divides in float32.
            let total = floatPairwiseSum(losses.map { Float($0) }[...])
            return .float(Double(normalize ? total / Float(rows) : total))
        }
        let total = losses.withUnsafeBufferPointer { p in p.baseAddress.map { WideMath.pairwiseSum($0, p.count) } ?? 0 }
        return .float(normalize ? total / Double(rows) : total)
    }

    /// NumPy's pairwise summation in float32 (eight accumulators per block of up to 128, halves above).
    static func floatPairwiseSum(_ a: ArraySlice<Float>) -> Float {
        let n = a.count
        let s = a.startIndex
        if n < 8 { return a.reduce(-0.0, +) }
        if n <= 128 {
            var r = Array(a[s..<(s + 8)])
            var i = 8
            while i < n - n % 8 {
                for k in 0..<8 { r[k] += a[s + i + k] }
                i += 8
            }
            var result = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n {
                result += a[s + i]
                i += 1
            }
            return result
        }
        var half = n / 2
        half -= half % 8
        return floatPairwiseSum(a[s..<(s + half)]) + floatPairwiseSum(a[(s + half)...])
    }
}
