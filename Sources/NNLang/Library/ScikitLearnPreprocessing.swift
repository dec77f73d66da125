import NNEngine

/// `sklearn.preprocessing`: `StandardScaler`, `MinMaxScaler` and `scale` (here), `OneHotEncoder` and
/// `LabelEncoder` (in ScikitLearnEncoders.swift), `PolynomialFeatures` (ScikitLearnPolynomial.swift).
enum ScikitLearnPreprocessing {
    static func module() -> ModuleObject {
        ModuleObject(
            "sklearn.preprocessing",
            [
                "StandardScaler": ScikitLearnEstimator.constructor("StandardScaler", StandardScaler.signature) { a in
                    StandardScaler(a)
                },
                "MinMaxScaler": ScikitLearnEstimator.constructor("MinMaxScaler", MinMaxScaler.signature) {
                    a throws(Diagnostic) in
                    try MinMaxScaler(a)
                },
                "OneHotEncoder": ScikitLearnEstimator.constructor("OneHotEncoder", OneHotEncoder.signature) {
                    a throws(Diagnostic) in
                    try OneHotEncoder(a)
                },
                "LabelEncoder": ScikitLearnEstimator.constructor("LabelEncoder", "") { a in LabelEncoder(a) },
                "PolynomialFeatures": ScikitLearnEstimator.constructor(
                    "PolynomialFeatures", PolynomialFeatures.signature
                ) { a in PolynomialFeatures(a) },
                "scale": function("scale", "X, *, axis=0, with_mean=True, with_std=True, copy=True") {
                    a, interpreter throws(Diagnostic) in
                    try scale(a, interpreter)
                },
            ])
    }

    /// `_is_constant_feature`: a variance that is zero up to rounding.
    static func isConstant(variance: Double, mean: Double, count: Int) -> Bool {
        let eps = Double.ulpOfOne
        let n = Double(count)
        return variance <= n * eps * variance + (n * mean * eps) * (n * mean * eps)
    }

    /// A column's mean and variance as `_incremental_mean_and_var` computes them from no earlier data:
    /// NumPy's sums down the column, and the corrected two-pass variance (Chan, Golub and LeVeque).
    /// NumPy sums a column in order, but the one column of an (n, 1) array is contiguous, which
    /// NumPy sums pairwise (`contiguous`).
    static func meanAndVariance(_ values: [Double], contiguous: Bool = false) -> (Double, Double) {
        let n = Double(values.count)
        func total(_ xs: [Double]) -> Double {
            if contiguous {
                return xs.withUnsafeBufferPointer { p in p.baseAddress.map { WideMath.pairwiseSum($0, p.count) } ?? 0 }
            }
            var sum = -0.0
            for v in xs { sum += v }
            return sum
        }
        let sum = total(values)
        let mean = (0.0 + sum) / n
        let t = sum / n
        let deviations = values.map { $0 - t }
        let correction = total(deviations)
        let squares = total(deviations.map { $0 * $0 })
        return (mean, (squares - correction * correction / n) / n)
    }

    /// `sklearn.preprocessing.scale`: standardize along an axis, for 1-D or 2-D data.
    static func scale(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let t = try ArrayConversion.tensor(a["X"] ?? .none, range: a.range("X"))
        let axis = try a.int("axis", default: 0)
        guard t.rank == 1 || t.rank == 2, t.count > 0 else {
            throw Diagnostic(
                "scale expects a 1-D or 2-D array with samples; got shape \(formatShape(t.shape))", at: a.range("X"))
        }
        guard axis == 0 || (axis == 1 && t.rank == 2) else {
            throw Diagnostic("axis must be 0 or 1", at: a.range("axis"))
        }
        let withMean = try a.bool("with_mean", default: true)
        let withStd = try a.bool("with_std", default: true)
        // np.nanmean and np.nanstd along the axis (NumPy's sums), then Xr -= mean_, Xr /= scale_.
        let wide = t.dtype == .float32 ? t : WideMath.tensor(t.shape, t.doubles, .float64)
        let reduceAxis: Int? = t.rank == 1 ? nil : axis
        guard
            case .array(let m) = try Reduction.mean.apply(wide, axis: reduceAxis, keepdims: false, range: a.callRange),
            case .array(let sd) = try Reduction.std.apply(wide, axis: reduceAxis, keepdims: false, range: a.callRange)
        else { return .none }
        let means = m.tensor.doubles
        let spreads = sd.tensor.doubles.map { $0 < 10 * Double.ulpOfOne ? 1 : $0 }
        let width = t.rank == 1 ? 1 : t.shape[1]
        let values = t.doubles
        let out = values.indices.map { i -> Double in
            let group = t.rank == 1 ? 0 : (axis == 0 ? i % width : i / width)
            var v = values[i]
            if withMean { v -= means[group] }
            if withStd { v /= spreads[group] }
            return t.dtype == .float32 ? Double(Float(v)) : v
        }
        let dtype: DType = t.dtype == .float32 ? .float32 : .float64
        return .array(NDArray(WideMath.tensor(t.shape, out, dtype)))
    }
}

/// `StandardScaler`: z = (x - mean_) / scale_, per feature; `scale_` is the population standard deviation.
final class StandardScaler: ScikitLearnEstimator, ScikitLearnTransformer {
    static let signature = "*, copy=True, with_mean=True, with_std=True"
    /// What `transform` subtracts and divides by, in double precision (the attributes are float64 arrays).
    private var mean: [Double] = [], scale: [Double] = []

    init(_ a: BoundArguments) { super.init("StandardScaler", a, StandardScaler.signature) }

    override func methods() -> [String: Value] {
        transformerMethods(fit: "X, y=None, sample_weight=None", transform: "X, copy=None", fitTransform: "X, y=None")
            .merging([
                "inverse_transform": function("inverse_transform", "X, copy=None") {
                    a, interpreter throws(Diagnostic) in
                    try self.requireFitted(a.callRange)
                    let t = try ScikitLearnEstimator.matrix(a["X"] ?? .none, a, "X", interpreter)
                    let (mean, scale) = (self.mean, self.scale)
                    try self.checkFeatures(t, expected: mean.count, a.range("X"))
                    return ScikitLearnEstimator.result(t) { c, v in v * scale[c] + mean[c] }
                }
            ]) { _, own in own }
    }

    func fit(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) {
        let t = try ScikitLearnEstimator.matrix(a["X"] ?? .none, a, "X", interpreter)
        let n = t.shape[0]
        let stats = ScikitLearnEstimator.columns(t).map {
            ScikitLearnPreprocessing.meanAndVariance($0, contiguous: t.shape[1] == 1)
        }
        let withMean = parameter("with_mean").map { $0.numericValue != 0 } ?? true
        let withStd = parameter("with_std").map { $0.numericValue != 0 } ?? true
        let spreads = stats.map { mean, variance in
            ScikitLearnPreprocessing.isConstant(variance: variance, mean: mean, count: n) ? 1 : variance.squareRoot()
        }
        mean = withMean ? stats.map(\.0) : Array(repeating: 0, count: stats.count)
        scale = withStd ? spreads : Array(repeating: 1, count: stats.count)
        learned = [
            "n_features_in_": .int(t.shape[1]), "n_samples_seen_": ArrayConversion.scalar(Float(n), dtype: .float64),
            "mean_": withMean || withStd ? ScikitLearnEstimator.vector(stats.map(\.0)) : Value.none,
            "var_": withStd ? ScikitLearnEstimator.vector(stats.map(\.1)) : Value.none,
            "scale_": withStd ? ScikitLearnEstimator.vector(spreads) : Value.none,
        ]
    }

    func transform(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        try requireFitted(a.callRange)
        let t = try ScikitLearnEstimator.matrix(a["X"] ?? .none, a, "X", interpreter)
        let (mean, scale) = (self.mean, self.scale)
        try checkFeatures(t, expected: mean.count, a.range("X"))
        return ScikitLearnEstimator.result(t) { c, v in (v - mean[c]) / scale[c] }
    }
}

/// `MinMaxScaler`: maps each feature's [min, max] seen in `fit` onto `feature_range`.
final class MinMaxScaler: ScikitLearnEstimator, ScikitLearnTransformer {
    static let signature = "feature_range=(0, 1), *, copy=True, clip=False"
    let low: Double, high: Double
    /// `scale_` and `min_` in double precision, as `transform` applies them.
    private var scale: [Double] = [], shift: [Double] = []

    init(_ a: BoundArguments) throws(Diagnostic) {
        var range = (0.0, 1.0)
        if let value = a["feature_range"] {
            guard case .tuple(let items) = value, items.count == 2, let lo = items[0].numericValue,
                let hi = items[1].numericValue
            else {
                throw Diagnostic("feature_range must be a tuple (min, max)", at: a.range("feature_range"))
            }
            range = (lo, hi)
        }
        (low, high) = range
        super.init("MinMaxScaler", a, MinMaxScaler.signature)
    }

    override func methods() -> [String: Value] {
        transformerMethods(fit: "X, y=None", transform: "X", fitTransform: "X, y=None").merging([
            "inverse_transform": function("inverse_transform", "X") { a, interpreter throws(Diagnostic) in
                try self.requireFitted(a.callRange)
                let t = try ScikitLearnEstimator.matrix(a["X"] ?? .none, a, "X", interpreter)
                let (scale, shift) = (self.scale, self.shift)
                try self.checkFeatures(t, expected: scale.count, a.range("X"))
                return ScikitLearnEstimator.result(t) { c, v in (v - shift[c]) / scale[c] }
            }
        ]) { _, own in own }
    }

    func fit(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) {
        guard low < high else {
            let shown = interpreter.repr(parameter("feature_range") ?? .none)
            throw Diagnostic(
                "Minimum of desired feature range must be smaller than maximum. Got \(shown).", at: a.callRange)
        }
        let t = try ScikitLearnEstimator.matrix(a["X"] ?? .none, a, "X", interpreter)
        let columns = ScikitLearnEstimator.columns(t)
        let minimum = columns.map { $0.min() ?? 0 }
        let maximum = columns.map { $0.max() ?? 0 }
        let span = zip(minimum, maximum).map { $1 - $0 }
        scale = span.map { (high - low) / ($0 < 10 * Double.ulpOfOne ? 1 : $0) }
        shift = zip(minimum, scale).map { low - $0 * $1 }
        learned = [
            "n_features_in_": .int(t.shape[1]), "n_samples_seen_": .int(t.shape[0]),
            "data_min_": ScikitLearnEstimator.vector(minimum), "data_max_": ScikitLearnEstimator.vector(maximum),
            "data_range_": ScikitLearnEstimator.vector(span), "scale_": ScikitLearnEstimator.vector(scale),
            "min_": ScikitLearnEstimator.vector(shift),
        ]
    }

    func transform(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        try requireFitted(a.callRange)
        let t = try ScikitLearnEstimator.matrix(a["X"] ?? .none, a, "X", interpreter)
        let (scale, shift) = (self.scale, self.shift)
        try checkFeatures(t, expected: scale.count, a.range("X"))
        let clip = parameter("clip").map { $0.numericValue != 0 } ?? false
        return ScikitLearnEstimator.result(t) { c, v in
            let scaled = v * scale[c] + shift[c]
            return clip ? min(max(scaled, low), high) : scaled
        }
    }
}
