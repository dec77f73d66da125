import NNEngine

/// What `SGDRegressor`, `SGDClassifier` and `Perceptron` share: their parameters read into a
/// `PlainSGD`, the seeds drawn from the `random_state` stream as scikit-learn draws them, and the
/// ConvergenceWarning when `max_iter` epochs ran out.
class StochasticLinearModel: LinearEstimator {
    /// `MAX_INT`, the bound of the seeds scikit-learn draws (`np.iinfo(np.int32).max`).
    static let maxInt = 2_147_483_647

    func trainer(_ losses: [String: PlainSGD.Loss], _ a: BoundArguments, _ interpreter: Interpreter)
        throws(Diagnostic) -> PlainSGD
    {
        let lossName = parameterText("loss") ?? "perceptron"
        guard let loss = losses[lossName] else {
            throw invalidOption("loss", lossName, losses.keys.sorted(), a, interpreter)
        }
        let penalty = parameterText("penalty")
        guard penalty == nil || penalty == "l2" else {
            if penalty == "l1" || penalty == "elasticnet" {
                throw Diagnostic("\(className)(penalty='\(penalty ?? "")') is not supported in NNLab", at: a.callRange)
            }
            throw invalidOption("penalty", penalty ?? "", ["elasticnet", "l1", "l2"], a, interpreter, allowsNone: true)
        }
        let scheduleName = parameterText("learning_rate") ?? "constant"
        guard let schedule = PlainSGD.Schedule(rawValue: scheduleName) else {
            if scheduleName == "pa1" || scheduleName == "pa2" {
                throw Diagnostic("learning_rate='\(scheduleName)' is not supported in NNLab", at: a.callRange)
            }
            throw invalidOption(
                "learning_rate", scheduleName, ["adaptive", "constant", "invscaling", "optimal", "pa1", "pa2"], a,
                interpreter)
        }
        let eta0 = parameter("eta0")?.numericValue ?? 0.01
        if schedule != .optimal, eta0 <= 0 {
            throw Diagnostic("eta0 must be > 0", at: a.callRange, exception: "ValueError")
        }
        if parameter("early_stopping").map({ $0.numericValue != 0 }) ?? false {
            throw Diagnostic("\(className)(early_stopping=True) is not supported in NNLab", at: a.callRange)
        }
        if parameter("average").map({ $0.numericValue != 0 }) ?? false {
            throw Diagnostic("\(className)(average=True) is not supported in NNLab", at: a.callRange)
        }
        let maxIter = parameter("max_iter")?.exactInteger ?? 1000
        guard maxIter >= 1 else {
            throw Diagnostic(
                "The 'max_iter' parameter of \(className) must be an int in the range [1, inf). Got \(maxIter) "
                    + "instead.", at: a.callRange, exception: "InvalidParameterError")
        }
        return PlainSGD(
            loss: loss, l2: penalty == "l2", alpha: parameter("alpha")?.numericValue ?? 0.0001,
            fitIntercept: parameter("fit_intercept").map { $0.numericValue != 0 } ?? true, maxIter: maxIter,
            tol: parameter("tol")?.numericValue, shuffle: parameter("shuffle").map { $0.numericValue != 0 } ?? true,
            noChangeLimit: parameter("n_iter_no_change")?.exactInteger ?? 5, schedule: schedule, eta0: eta0,
            powerT: parameter("power_t")?.numericValue ?? 0.5)
    }

    func parameterText(_ name: String) -> String? {
        if case .string(let s)? = parameter(name) { return s }
        return nil
    }

    func invalidOption(
        _ name: String, _ given: String, _ options: [String], _ a: BoundArguments, _ interpreter: Interpreter,
        allowsNone: Bool = false
    ) -> Diagnostic {
        let choices = "{" + options.map { "'\($0)'" }.joined(separator: ", ") + "}"
        return Diagnostic(
            "The '\(name)' parameter of \(className) must be a str among \(choices)\(allowsNone ? " or None" : ""). "
                + "Got '\(given)' instead.", at: a.callRange, exception: "InvalidParameterError")
    }

    func stream(_ interpreter: Interpreter, _ a: BoundArguments) throws(Diagnostic) -> any LegacyRandomStream {
        try LegacyRandom.stream(parameter("random_state"), interpreter, range: a.callRange, function: className)
    }

    /// A ValueError when the weights overflowed, then the warning when `max_iter` ran out with `tol` set.
    func finish(_ sgd: PlainSGD, epochs: Int, overflow: Int?, _ a: BoundArguments, _ interpreter: Interpreter)
        throws(Diagnostic)
    {
        if let overflow {
            throw Diagnostic(
                "Floating-point under-/overflow occurred at epoch #\(overflow). Scaling input data with "
                    + "StandardScaler or MinMaxScaler might help.", at: a.callRange, exception: "ValueError")
        }
        if sgd.tol != nil, epochs == sgd.maxIter {
            interpreter.warn(
                "ConvergenceWarning: Maximum number of iteration reached before convergence. Consider increasing "
                    + "max_iter to improve the fit.", at: a.callRange)
        }
    }
}

/// `SGDRegressor`: `_plain_sgd` on the squared error (by default), `invscaling` learning rate.
final class SGDRegressor: StochasticLinearModel {
    static let signature =
        "loss='squared_error', *, penalty='l2', alpha=0.0001, l1_ratio=0.15, fit_intercept=True, max_iter=1000, "
        + "tol=0.001, shuffle=True, verbose=0, epsilon=0.1, random_state=None, learning_rate='invscaling', "
        + "eta0=0.01, power_t=0.25, early_stopping=False, validation_fraction=0.1, n_iter_no_change=5, "
        + "warm_start=False, average=False"

    init(_ a: BoundArguments) throws(Diagnostic) { super.init("SGDRegressor", a, SGDRegressor.signature) }

    override func methods() -> [String: Value] {
        [
            "fit": function("fit", "X, y, coef_init=None, intercept_init=None, sample_weight=None") {
                a, interpreter throws(Diagnostic) in
                try self.fit(a, interpreter)
                return .object(self)
            },
            "predict": function("predict", "X") { a, interpreter throws(Diagnostic) in
                let x = try self.predictionData(a, interpreter)
                let out = self.decisions(x)
                return self.array([out.count], out.map { $0[0] })
            },
            "score": function("score", "X, y, sample_weight=None") { a, interpreter throws(Diagnostic) in
                try RegressionScore.score(self, a, interpreter) { x in self.decisions(x) }
            },
        ]
    }

    private func fit(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) {
        for name in ["coef_init", "intercept_init", "sample_weight"] where !(a[name]?.isNone ?? true) {
            throw Diagnostic("\(name) is not supported yet", at: a.range(name))
        }
        let epsilon = parameter("epsilon")?.numericValue ?? 0.1
        let sgd = try trainer(
            [
                "squared_error": .squaredError, "huber": .huber(epsilon),
                "epsilon_insensitive": .epsilonInsensitive(epsilon),
                "squared_epsilon_insensitive": .squaredEpsilonInsensitive(epsilon),
            ], a, interpreter)
        let (x, _) = try trainingData(a, interpreter)
        let y = try NumPyMath.exactTensor(a, "y")
        guard y.rank == 1 || (y.rank == 2 && y.shape[1] == 1) else {
            throw Diagnostic(
                "y should be a 1d array, got an array of shape \(formatShape(y.shape)) instead.", at: a.range("y"),
                exception: "ValueError")
        }
        // `_fit_regressor`: the epoch seed first, then `make_dataset`'s own seed, from the same stream.
        let random = try stream(interpreter, a)
        let seed = random.randint(low: 0, high: StochasticLinearModel.maxInt)
        _ = random.randint(low: 1, high: StochasticLinearModel.maxInt)
        let rows = x.shape[0]
        let result = sgd.run(x: x.doubles, rows: rows, width: x.shape[1], y: y.doubles, seed: UInt32(seed))
        try finish(sgd, epochs: result.epochs, overflow: result.overflowEpoch, a, interpreter)
        weights = [result.weights]
        intercepts = [result.intercept]
        setCoefficients(flat: true)
        learned["intercept_"] = array([1], [result.intercept])
        learned["n_iter_"] = .int(result.epochs)
        learned["t_"] = .float(Double(result.epochs * rows) + 1)
    }
}

/// `SGDClassifier` and `Perceptron` (an SGDClassifier with the perceptron loss, no penalty, a constant
/// rate of 1 and `random_state=0`): one-versus-all binary problems, each on labels ±1.
final class SGDClassifier: StochasticLinearModel {
    static let signature =
        "loss='hinge', *, penalty='l2', alpha=0.0001, l1_ratio=0.15, fit_intercept=True, max_iter=1000, "
        + "tol=0.001, shuffle=True, verbose=0, epsilon=0.1, n_jobs=None, random_state=None, "
        + "learning_rate='optimal', eta0=0.01, power_t=0.5, early_stopping=False, validation_fraction=0.1, "
        + "n_iter_no_change=5, class_weight=None, warm_start=False, average=False"
    static let perceptronSignature =
        "*, penalty=None, alpha=0.0001, l1_ratio=0.15, fit_intercept=True, max_iter=1000, tol=0.001, "
        + "shuffle=True, verbose=0, eta0=1.0, n_jobs=None, random_state=0, early_stopping=False, "
        + "validation_fraction=0.1, n_iter_no_change=5, class_weight=None, warm_start=False"
    private var classes: [ClassLabel] = []
    private var labelDType: DType?

    init(_ a: BoundArguments, name: String, signature: String) throws(Diagnostic) { super.init(name, a, signature) }

    override func methods() -> [String: Value] {
        [
            "fit": function("fit", "X, y, coef_init=None, intercept_init=None, sample_weight=None") {
                a, interpreter throws(Diagnostic) in
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
            "score": function("score", "X, y, sample_weight=None") { a, interpreter throws(Diagnostic) in
                let x = try self.predictionData(a, interpreter)
                return try ClassifierOutputs.accuracy(self.decisions(x), self.classes, a, interpreter)
            },
        ]
    }

    private func fit(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) {
        for name in ["coef_init", "intercept_init", "sample_weight"] where !(a[name]?.isNone ?? true) {
            throw Diagnostic("\(name) is not supported yet", at: a.range(name))
        }
        if !(parameter("class_weight")?.isNone ?? true) {
            throw Diagnostic("class_weight is not supported yet", at: a.callRange)
        }
        let epsilon = parameter("epsilon")?.numericValue ?? 0.1
        var sgd = try trainer(
            [
                "hinge": .hinge(1), "perceptron": .hinge(0), "squared_hinge": .squaredHinge,
                "modified_huber": .modifiedHuber, "log_loss": .logLoss, "squared_error": .squaredError,
                "huber": .huber(epsilon), "epsilon_insensitive": .epsilonInsensitive(epsilon),
                "squared_epsilon_insensitive": .squaredEpsilonInsensitive(epsilon),
            ], a, interpreter)
        if className == "Perceptron" { sgd.eta0 = parameter("eta0")?.numericValue ?? 1 }
        let (x, yValue) = try trainingData(a, interpreter)
        let (labels, dtype) = try ClassLabel.labels(yValue, range: a.range("y"), interpreter)
        classes = Array(Set(labels)).sorted()
        labelDType = dtype
        guard classes.count >= 2 else {
            throw Diagnostic(
                "The number of classes has to be greater than one; got \(classes.count) class", at: a.range("y"),
                exception: "ValueError")
        }
        let rows = x.shape[0]
        let values = x.doubles
        let isLog: Bool
        if case .logLoss = sgd.loss { isLog = true } else { isLog = false }
        // `fit_binary`: make_dataset's seed, then the epoch seed, from the problem's stream.
        func binary(_ positive: ClassLabel, _ random: any LegacyRandomStream) -> PlainSGD.Result {
            _ = random.randint(low: 1, high: StochasticLinearModel.maxInt)
            let seed = random.randint(low: 0, high: StochasticLinearModel.maxInt)
            let y = labels.map { $0 == positive ? 1.0 : (isLog ? 0 : -1) }
            return sgd.run(x: values, rows: rows, width: x.shape[1], y: y, seed: UInt32(seed))
        }
        var results: [PlainSGD.Result] = []
        let random = try stream(interpreter, a)
        if classes.count == 2 {
            results = [binary(classes[1], random)]
        } else {
            let seeds = classes.map { _ in random.randint(low: 0, high: StochasticLinearModel.maxInt) }
            results = zip(classes, seeds).map { label, seed in binary(label, LegacyRandom.seeded(seed)) }
        }
        let epochs = results.map(\.epochs).max() ?? 0
        try finish(sgd, epochs: epochs, overflow: results.compactMap(\.overflowEpoch).first, a, interpreter)
        weights = results.map(\.weights)
        intercepts = results.map(\.intercept)
        setCoefficients(flat: false)
        learned["intercept_"] = array([intercepts.count], intercepts)
        learned["classes_"] = ClassLabel.array(classes, dtype: dtype)
        learned["n_iter_"] = .int(epochs)
        learned["t_"] = .float(Double(epochs * rows) + 1)
    }
}

/// The classifiers' outputs from decision values (one column for two classes, else one per class).
enum ClassifierOutputs {
    static func winners(_ decisions: [[Double]]) -> [Int] {
        decisions.map { row in
            guard row.count > 1 else { return row[0] > 0 ? 1 : 0 }
            var best = 0
            for k in row.indices where row[k] > row[best] { best = k }
            return best
        }
    }

    static func predict(_ decisions: [[Double]], _ classes: [ClassLabel], _ dtype: DType?) -> Value {
        ClassLabel.array(winners(decisions).map { classes[$0] }, dtype: dtype)
    }

    static func decisionValues(_ decisions: [[Double]], _ model: LinearEstimator) -> Value {
        let width = decisions.first?.count ?? 1
        return width == 1
            ? model.array([decisions.count], decisions.map { $0[0] })
            : model.array([decisions.count, width], decisions.flatMap { $0 })
    }

    /// `score`: the mean accuracy of the predictions on (X, y), as `accuracy_score` gives it.
    static func accuracy(
        _ decisions: [[Double]], _ classes: [ClassLabel], _ a: BoundArguments, _ interpreter: Interpreter
    ) throws(Diagnostic) -> Value {
        let truth = try ClassLabel.labels(a["y"] ?? .none, range: a.range("y"), interpreter).labels
        let predicted = winners(decisions).map { classes[$0] }
        guard truth.count == predicted.count else {
            throw Diagnostic(
                "Found input variables with inconsistent numbers of samples: [\(truth.count), \(predicted.count)]",
                at: a.callRange, exception: "ValueError")
        }
        let correct = zip(truth, predicted).filter { $0 == $1 }.count
        return .float(Double(correct) / Double(max(truth.count, 1)))
    }
}
