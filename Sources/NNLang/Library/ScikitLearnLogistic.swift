import Foundation
import NNEngine

/// `LogisticRegression` with its default L2 penalty (`C`): the binomial loss for two classes, the
/// multinomial (softmax) loss for more, intercepts unpenalized. scikit-learn minimizes it with L-BFGS
/// to `tol`; NNLab solves the same problem by Newton's method to full precision, so printed scores and
/// predictions agree and coefficients agree to the digits L-BFGS reaches.
final class LogisticRegression: LinearEstimator {
    static let signature =
        "penalty='deprecated', *, C=1.0, l1_ratio=0.0, dual=False, tol=0.0001, fit_intercept=True, "
        + "intercept_scaling=1, class_weight=None, random_state=None, solver='lbfgs', max_iter=100, verbose=0, "
        + "warm_start=False, n_jobs=None"
    private var classes: [ClassLabel] = []
    private var labelDType: DType?

    init(_ a: BoundArguments) throws(Diagnostic) {
        super.init("LogisticRegression", a, LogisticRegression.signature)
        if let penalty = parameter("penalty"), case .string(let text) = penalty, text != "deprecated", text != "l2" {
            throw Diagnostic("LogisticRegression(penalty='\(text)') is not supported in NNLab", at: a.callRange)
        }
        if let ratio = parameter("l1_ratio")?.numericValue, ratio != 0 {
            throw Diagnostic("LogisticRegression(l1_ratio=...) other than 0 is not supported in NNLab", at: a.callRange)
        }
    }

    override func methods() -> [String: Value] {
        [
            "fit": function("fit", "X, y, sample_weight=None") { a, interpreter throws(Diagnostic) in
                try self.fit(a, interpreter)
                return .object(self)
            },
            "predict": function("predict", "X") { a, interpreter throws(Diagnostic) in
                let x = try self.predictionData(a, interpreter)
                return ClassifierOutputs.predict(self.decisions(x), self.classes, self.labelDType)
            },
            "decision_function": function("decision_function", "X") { a, interpreter throws(Diagnostic) in
                let x = try self.predictionData(a, interpreter)
                return ClassifierOutputs.decisionValues(self.decisions(x), self)
            },
            "predict_proba": function("predict_proba", "X") { a, interpreter throws(Diagnostic) in
                let x = try self.predictionData(a, interpreter)
                let rows = self.probabilities(self.decisions(x))
                return self.array([rows.count, self.classes.count], rows.flatMap { $0 })
            },
            "predict_log_proba": function("predict_log_proba", "X") { a, interpreter throws(Diagnostic) in
                let x = try self.predictionData(a, interpreter)
                let rows = self.probabilities(self.decisions(x))
                return self.array([rows.count, self.classes.count], rows.flatMap { $0.map { Foundation.log($0) } })
            },
            "score": function("score", "X, y, sample_weight=None") { a, interpreter throws(Diagnostic) in
                let x = try self.predictionData(a, interpreter)
                return try ClassifierOutputs.accuracy(self.decisions(x), self.classes, a, interpreter)
            },
        ]
    }

    /// `predict_proba`: the logistic sigmoid of the decision (binary), or its softmax over classes.
    private func probabilities(_ decisions: [[Double]]) -> [[Double]] {
        decisions.map { row in
            if row.count == 1 {
                let p = SpecialFunctions.expit(row[0])
                return [1 - p, p]
            }
            let top = row.max() ?? 0
            let exps = row.map { Foundation.exp($0 - top) }
            var total = 0.0
            for e in exps { total += e }
            return exps.map { $0 / total }
        }
    }

    private func fit(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) {
        guard a["sample_weight"]?.isNone ?? true else {
            throw Diagnostic("sample_weight is not supported yet", at: a.range("sample_weight"))
        }
        if !(parameter("class_weight")?.isNone ?? true) {
            throw Diagnostic("class_weight is not supported yet", at: a.callRange)
        }
        let (x, yValue) = try trainingData(a, interpreter)
        let (labels, dtype) = try ClassLabel.labels(yValue, range: a.range("y"), interpreter)
        classes = Array(Set(labels)).sorted()
        labelDType = dtype
        guard classes.count >= 2 else {
            let shown = classes.first.map { ClassLabel.plainRepr($0.value) } ?? ""
            throw Diagnostic(
                "This solver needs samples of at least 2 classes in the data, but the data contains only one "
                    + "class: \(shown)", at: a.range("y"), exception: "ValueError")
        }
        let c = parameter("C")?.numericValue ?? 1
        guard c > 0 else {
            throw Diagnostic(
                "The 'C' parameter of LogisticRegression must be a float in the range (0.0, inf). Got "
                    + "\(interpreter.repr(parameter("C") ?? .none)) instead.", at: a.callRange,
                exception: "InvalidParameterError")
        }
        let fitIntercept = parameter("fit_intercept").map { $0.numericValue != 0 } ?? true
        let position = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        let targets = labels.map { position[$0] ?? 0 }
        let problem = LogisticProblem(
            x: x.doubles, rows: x.shape[0], width: x.shape[1], targets: targets,
            outputs: classes.count == 2 ? 1 : classes.count, penalty: 1 / c, fitIntercept: fitIntercept)
        let (solution, iterations) = problem.solve()
        let stride = x.shape[1] + 1
        weights = (0..<problem.outputs).map { k in Array(solution[(k * stride)..<(k * stride + x.shape[1])]) }
        intercepts = (0..<problem.outputs).map { k in solution[k * stride + x.shape[1]] }
        setCoefficients(flat: false)
        learned["intercept_"] = array([intercepts.count], intercepts)
        learned["classes_"] = ClassLabel.array(classes, dtype: dtype)
        learned["n_iter_"] = .array(NDArray(WideMath.tensor([1], [Double(iterations)], .int64)))
    }
}

/// The penalized logistic loss Σ loss_i + ‖W‖² / (2C) and its Newton iterations. Parameters are laid
/// out per output as (weights…, intercept).
struct LogisticProblem {
    let x: [Double]
    let rows: Int
    let width: Int
    let targets: [Int]
    /// 1 for the binomial model, the number of classes for the multinomial one.
    let outputs: Int
    let penalty: Double
    let fitIntercept: Bool

    var stride: Int { width + 1 }

    /// Each sample's class probabilities (the positive class's alone for the binomial model).
    func probabilities(_ theta: [Double]) -> [[Double]] {
        (0..<rows).map { i in
            let scores = (0..<outputs).map { k -> Double in
                var total = theta[k * stride + width]
                for j in 0..<width { total += theta[k * stride + j] * x[i * width + j] }
                return total
            }
            if outputs == 1 { return [SpecialFunctions.expit(scores[0])] }
            let top = scores.max() ?? 0
            let exps = scores.map { exp($0 - top) }
            let total = exps.reduce(0, +)
            return exps.map { $0 / total }
        }
    }

    func objective(_ theta: [Double]) -> Double {
        var total = 0.0
        for (i, p) in probabilities(theta).enumerated() {
            let own = outputs == 1 ? (targets[i] == 1 ? p[0] : 1 - p[0]) : p[targets[i]]
            total -= log(max(own, .leastNormalMagnitude))
        }
        for k in 0..<outputs {
            for j in 0..<width { total += 0.5 * penalty * theta[k * stride + j] * theta[k * stride + j] }
        }
        return total
    }

    /// The exact minimizer (Newton's method with a backtracking line search), and the iterations taken.
    func solve() -> ([Double], Int) {
        let size = outputs * stride
        var theta = [Double](repeating: 0, count: size)
        var iterations = 0
        while iterations < 100 {
            iterations += 1
            let p = probabilities(theta)
            var gradient = [Double](repeating: 0, count: size)
            var hessian = [Double](repeating: 0, count: size * size)
            for i in 0..<rows {
                let row = Array(x[(i * width)..<((i + 1) * width)]) + [fitIntercept ? 1 : 0]
                for k in 0..<outputs {
                    let residual = p[i][k] - (outputs == 1 ? Double(targets[i]) : (targets[i] == k ? 1 : 0))
                    for j in 0..<stride { gradient[k * stride + j] += residual * row[j] }
                    for l in 0..<outputs {
                        let curvature =
                            outputs == 1 ? p[i][0] * (1 - p[i][0]) : p[i][k] * ((k == l ? 1 : 0) - p[i][l])
                        guard curvature != 0 else { continue }
                        for r in 0..<stride {
                            let scaled = curvature * row[r]
                            for s in 0..<stride { hessian[(k * stride + r) * size + l * stride + s] += scaled * row[s] }
                        }
                    }
                }
            }
            for k in 0..<outputs {
                for j in 0..<width {
                    gradient[k * stride + j] += penalty * theta[k * stride + j]
                    hessian[(k * stride + j) * size + k * stride + j] += penalty
                }
                // The intercepts are unpenalized; a tiny ridge keeps the multinomial's shift direction
                // (along which the gradient is zero) from making the system singular.
                hessian[(k * stride + width) * size + k * stride + width] += 1e-12
            }
            if gradient.map(abs).max() ?? 0 < 1e-13 { break }
            var step = gradient
            var matrix = hessian  // symmetric, so row-major is column-major
            let solved = matrix.withUnsafeMutableBufferPointer { m in
                step.withUnsafeMutableBufferPointer { s in
                    guard let mb = m.baseAddress, let sb = s.baseAddress else { return false }
                    return DoubleBLAS.solve(n: size, nrhs: 1, a: mb, b: sb)
                }
            }
            guard solved else { break }
            let current = objective(theta)
            var length = 1.0
            var next = theta
            while length > 1e-10 {
                next = theta.indices.map { theta[$0] - length * step[$0] }
                if objective(next) <= current + 1e-12 * abs(current) { break }
                length /= 2
            }
            let change = zip(next, theta).map { abs($0 - $1) }.max() ?? 0
            theta = next
            if change < 1e-14 * max(1, theta.map(abs).max() ?? 0) { break }
        }
        return (theta, iterations)
    }
}
