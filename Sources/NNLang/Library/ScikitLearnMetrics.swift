import NNEngine

/// `sklearn.metrics`: `accuracy_score` and `confusion_matrix`, with `_check_targets`' checks (a
/// probability array passed as predictions is "a mix of binary and continuous targets"); `log_loss`
/// is in ScikitLearnLogLoss.swift.
enum ScikitLearnMetrics {
    static func module() -> ModuleObject {
        ModuleObject(
            "sklearn.metrics",
            [
                "accuracy_score": function("accuracy_score", "y_true, y_pred, *, normalize=True, sample_weight=None") {
                    a, interpreter throws(Diagnostic) in try accuracy(a, interpreter)
                },
                "confusion_matrix": function(
                    "confusion_matrix", "y_true, y_pred, *, labels=None, sample_weight=None, normalize=None"
                ) {
                    a, interpreter throws(Diagnostic) in try confusionMatrix(a, interpreter)
                },
                "log_loss": function("log_loss", logLossSignature) { a, interpreter throws(Diagnostic) in
                    try logLoss(a, interpreter)
                },
            ].merging(ScikitLearnRegressionMetrics.members()) { old, _ in old })
    }

    /// A target as `type_of_target` sees it: its kind, and its rows as labels.
    struct Target {
        var kind: String
        var rows: [[ClassLabel]]
        var labels: [ClassLabel] { rows.map { $0[0] } }
    }

    static func target(
        _ value: Value, _ name: String, _ a: BoundArguments, _ interpreter: Interpreter
    ) throws(Diagnostic) -> Target {
        if case .array(let array) = value, array.tensor.rank == 2, array.tensor.shape[1] > 1 {
            let t = array.tensor
            let width = t.shape[1]
            let rows = (0..<t.shape[0]).map { r in
                (0..<width).map { ClassLabel.number(Double(t[flat: r * width + $0])) }
            }
            let values = Set(t.scalars)
            let whole = t.scalars.allSatisfy { $0.rounded() == $0 }
            let kind =
                !whole
                ? "continuous-multioutput"
                : values.isSubset(of: [0, 1]) ? "multilabel-indicator" : "multiclass-multioutput"
            return Target(kind: kind, rows: rows)
        }
        let labels = try ClassLabel.labels(value, range: a.range(name), interpreter).labels
        let continuous = labels.contains { if case .number(let x) = $0 { x.rounded() != x } else { false } }
        let kind = continuous ? "continuous" : Set(labels).count <= 2 ? "binary" : "multiclass"
        return Target(kind: kind, rows: labels.map { [$0] })
    }

    /// `_check_targets`: both targets, of one kind scikit-learn can score.
    static func targets(
        _ a: BoundArguments, _ interpreter: Interpreter, allowMultilabel: Bool
    ) throws(Diagnostic)
        -> (Target, Target, String)
    {
        let truth = try target(a["y_true"] ?? .none, "y_true", a, interpreter)
        let predicted = try target(a["y_pred"] ?? .none, "y_pred", a, interpreter)
        guard truth.rows.count == predicted.rows.count else {
            throw Diagnostic(
                "Found input variables with inconsistent numbers of samples: [\(truth.rows.count), "
                    + "\(predicted.rows.count)]", at: a.callRange)
        }
        if truth.kind == "multilabel-indicator", predicted.kind == truth.kind,
            truth.rows.first?.count != predicted.rows.first?.count
        {
            throw Diagnostic(
                "y_true and y_pred have different numbers of columns: \(truth.rows.first?.count ?? 0) and "
                    + "\(predicted.rows.first?.count ?? 0)", at: a.range("y_pred"))
        }
        var kinds = Set([truth.kind, predicted.kind])
        if kinds == ["binary", "multiclass"] { kinds = ["multiclass"] }
        guard kinds.count == 1, let kind = kinds.first else {
            throw Diagnostic(
                "Classification metrics can't handle a mix of \(truth.kind) and \(predicted.kind) targets",
                at: a.range("y_pred"),
                hint: predicted.kind == "continuous"
                    ? "y_pred holds probabilities: turn them into classes first, e.g. (p > 0.5) or np.argmax(p, axis=1)"
                    : nil)
        }
        guard kind == "binary" || kind == "multiclass" || (allowMultilabel && kind == "multilabel-indicator") else {
            throw Diagnostic("\(kind) is not supported", at: a.callRange)
        }
        let mixed = Set((truth.labels + predicted.labels).map { if case .text = $0 { 1 } else { 0 } })
        if kind != "multilabel-indicator", mixed.count > 1 {
            throw Diagnostic("Mix of label input types (string and number)", at: a.callRange)
        }
        return (truth, predicted, kind)
    }

    static func weights(_ a: BoundArguments, count: Int, _ interpreter: Interpreter) throws(Diagnostic) -> [Double] {
        guard let value = a["sample_weight"] else { return Array(repeating: 1, count: count) }
        let t = try ArrayConversion.tensor(value, range: a.range("sample_weight"))
        guard t.count == count else {
            throw Diagnostic(
                "Found input variables with inconsistent numbers of samples: [\(count), \(t.count)]",
                at: a.range("sample_weight"))
        }
        return t.scalars.map(Double.init)
    }

    static func accuracy(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let (truth, predicted, _) = try targets(a, interpreter, allowMultilabel: true)
        let weight = try weights(a, count: truth.rows.count, interpreter)
        var correct = 0.0
        var total = 0.0
        for i in truth.rows.indices {
            if truth.rows[i] == predicted.rows[i] { correct += weight[i] }
            total += weight[i]
        }
        return .float(try a.bool("normalize", default: true) ? correct / total : correct)
    }

    static func confusionMatrix(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let (truth, predicted, _) = try targets(a, interpreter, allowMultilabel: false)
        var labels = Array(Set(truth.labels + predicted.labels)).sorted()
        if let given = a["labels"] {
            labels = try ClassLabel.labels(given, range: a.range("labels"), interpreter).labels
            guard !labels.isEmpty else {
                throw Diagnostic("'labels' should contains at least one label.", at: a.range("labels"))
            }
            guard labels.contains(where: Set(truth.labels).contains) else {
                throw Diagnostic("At least one label specified must be in y_true", at: a.range("labels"))
            }
        }
        let weight = try weights(a, count: truth.rows.count, interpreter)
        let position = Dictionary(labels.enumerated().map { ($1, $0) }) { first, _ in first }
        let n = labels.count
        try ArrayConversion.checkSize([n, n], range: a.callRange)
        var counts = [Double](repeating: 0, count: n * n)
        for (i, (t, p)) in zip(truth.labels, predicted.labels).enumerated() {
            if let r = position[t], let c = position[p] { counts[r * n + c] += weight[i] }
        }
        var dtype: DType = a["sample_weight"] == nil ? .int64 : .float64
        if let normalize = a["normalize"] {
            dtype = .float64
            switch normalize {
            case .string("true"): normalizeRows(&counts, n, byColumn: false)
            case .string("pred"): normalizeRows(&counts, n, byColumn: true)
            case .string("all"):
                let total = counts.reduce(0, +)
                counts = counts.map { total == 0 ? 0 : $0 / total }
            default:
                throw Diagnostic(
                    "The 'normalize' parameter of confusion_matrix must be a str among {'true', 'pred', 'all'} "
                        + "or None. Got \(interpreter.repr(normalize)) instead.", at: a.range("normalize"))
            }
        }
        return .array(NDArray(Tensor(shape: [n, n], dtype: dtype) { Float(counts[$0]) }))
    }

    /// Divides each row (or column) by its sum; an empty one stays zero, as scikit-learn's nan_to_num leaves it.
    static func normalizeRows(_ counts: inout [Double], _ n: Int, byColumn: Bool) {
        for line in 0..<n {
            let index = { (k: Int) in byColumn ? k * n + line : line * n + k }
            let total = (0..<n).reduce(0.0) { $0 + counts[index($1)] }
            for k in 0..<n { counts[index(k)] = total == 0 ? 0 : counts[index(k)] / total }
        }
    }
}
