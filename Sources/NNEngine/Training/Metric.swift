/// A metric tracked during `fit` and `evaluate`, under the name the user gave it.
public struct Metric: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// Keras's `'accuracy'`: binary, sparse categorical or categorical, chosen from the shapes.
        case accuracy
        case binaryAccuracy
        case categoricalAccuracy
        case sparseCategoricalAccuracy
        case meanSquaredError
        case meanAbsoluteError
    }

    public var name: String
    public var kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// The metric names `compile(metrics=[...])` accepts.
    public static let names: [String: Kind] = [
        "accuracy": .accuracy, "acc": .accuracy,
        "binary_accuracy": .binaryAccuracy, "categorical_accuracy": .categoricalAccuracy,
        "sparse_categorical_accuracy": .sparseCategoricalAccuracy,
        "mse": .meanSquaredError, "mean_squared_error": .meanSquaredError,
        "mae": .meanAbsoluteError, "mean_absolute_error": .meanAbsoluteError,
    ]

    public init?(name: String) {
        guard let kind = Metric.names[name] else { return nil }
        self.init(name: name, kind: kind)
    }

    /// The concrete metric `'accuracy'` becomes, as Keras decides it: one output unit means binary;
    /// targets with fewer axes than the output (class indices) mean sparse; otherwise categorical.
    func resolved(outputUnits: Int, targetsAreIndices: Bool) -> Kind {
        guard kind == .accuracy else { return kind }
        if outputUnits == 1 { return .binaryAccuracy }
        return targetsAreIndices ? .sparseCategoricalAccuracy : .categoricalAccuracy
    }
}

/// A metric's running total over an epoch, the way Keras's mean metrics accumulate in float32.
struct MetricAccumulator {
    let kind: Metric.Kind
    private(set) var total: Float = 0
    private(set) var count: Float = 0

    init(kind: Metric.Kind) { self.kind = kind }

    var value: Float { count == 0 ? 0 : total / count }

    mutating func reset() { (total, count) = (0, 0) }

    /// Adds one batch: `a` rows × columns outputs against `y` (rows × columns, or rows class indices).
    mutating func add(a: UnsafePointer<Float>, y: UnsafePointer<Float>, rows: Int, columns: Int) {
        var sum: Float = 0
        switch kind {
        case .accuracy, .binaryAccuracy:
            for i in 0..<(rows * columns) where (a[i] > 0.5 ? 1 : 0) == y[i] { sum += 1 }
            count += Float(rows * columns)
            total += sum
            return
        case .sparseCategoricalAccuracy:
            for row in 0..<rows where Float(argmax(a + row * columns, columns)) == y[row] { sum += 1 }
        case .categoricalAccuracy:
            for row in 0..<rows where argmax(a + row * columns, columns) == argmax(y + row * columns, columns) {
                sum += 1
            }
        case .meanSquaredError, .meanAbsoluteError:
            for row in 0..<rows {
                var rowSum: Float = 0
                for j in 0..<columns {
                    let d = a[row * columns + j] - y[row * columns + j]
                    rowSum += kind == .meanSquaredError ? d * d : abs(d)
                }
                sum += rowSum / Float(columns)
            }
        }
        total += sum
        count += Float(rows)
    }

    private func argmax(_ p: UnsafePointer<Float>, _ count: Int) -> Int {
        var best = 0
        for j in 1..<max(count, 1) where p[j] > p[best] { best = j }
        return best
    }
}
