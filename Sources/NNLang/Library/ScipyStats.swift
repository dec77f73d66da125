import Foundation
import NNEngine

/// `scipy`, `scipy.stats` (`norm`, `multivariate_normal`, `zscore`) and `scipy.special` (`expit`,
/// `logit`, `erf`, `erfc`, `ndtr`, `ndtri`): the names course code imports, with SciPy's numbers.
enum ScipyLibrary {
    static func module(stats: ModuleObject?, special: ModuleObject?) -> ModuleObject {
        var members: [String: Value] = ["__version__": .string("1.17.1")]
        if let stats { members["stats"] = .object(stats) }
        if let special { members["special"] = .object(special) }
        return ModuleObject("scipy", members)
    }

    static func statsModule() -> ModuleObject {
        ModuleObject(
            "scipy.stats",
            [
                "norm": .object(NormalDistribution(loc: nil, scale: nil)),
                "multivariate_normal": .object(MultivariateNormal()),
                "zscore": function("zscore", "a, axis=0, ddof=0, nan_policy='propagate'") {
                    a, interpreter throws(Diagnostic) in
                    try zscore(a, interpreter)
                },
            ])
    }

    static func specialModule() -> ModuleObject {
        ModuleObject(
            "scipy.special",
            [
                "expit": elementwise("expit", SpecialFunctions.expit),
                "logit": elementwise("logit", SpecialFunctions.logit),
                "erf": elementwise("erf", SpecialFunctions.erf),
                "erfc": elementwise("erfc", SpecialFunctions.erfc),
                "ndtr": elementwise("ndtr", SpecialFunctions.ndtr),
                "ndtri": elementwise("ndtri", SpecialFunctions.ndtri),
            ])
    }

    /// A ufunc of one float64 argument: a NumPy float64 scalar for a number, an array for an array.
    static func elementwise(_ name: String, _ f: @escaping (Double) -> Double) -> Value {
        function(name, "x") { a, _ throws(Diagnostic) in
            let x = try ArrayMath.operand(a["x"] ?? .none, range: a.range("x")).tensor
            return .array(NDArray(WideMath.tensor(x.shape, x.doubles.map(f), .float64)))
        }
    }

    /// `zscore`: (a - mean) / std along `axis`, with NumPy's mean and standard deviation.
    static func zscore(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let given = try NumPyMath.exactTensor(a, "a")
        let t = given.dtype == .float32 ? given : WideMath.tensor(given.shape, given.doubles, .float64)
        let axis = a["axis"].map { $0.isNone } == true ? nil : try a.int("axis", default: 0)
        let ddof = try a.int("ddof", default: 0)
        let reduceAxis = t.rank == 0 ? nil : axis
        let mean = try Reduction.mean.apply(t, axis: reduceAxis, keepdims: true, range: a.callRange)
        let spread = try Reduction.std.apply(t, axis: reduceAxis, keepdims: true, ddof: ddof, range: a.callRange)
        let centered = try ArrayMath.binary(.subtract, .array(NDArray(t)), mean, interpreter, range: a.callRange)
        return try ArrayMath.binary(.divide, centered, spread, interpreter, range: a.callRange)
    }

    /// Values as float64 tensors broadcast together, with `f` applied per element: a NumPy float64
    /// scalar when every input is a scalar, else an array of the broadcast shape.
    static func broadcasting(
        _ inputs: [(Value, SourceRange)], _ f: ([Double]) -> Double
    ) throws(Diagnostic) -> Value {
        var tensors: [Tensor] = []
        var shape: [Int] = []
        for (value, range) in inputs {
            let t = try ArrayMath.operand(value, range: range).tensor
            shape = try ArrayMath.broadcastShape(shape, t.shape, range: range)
            tensors.append(t)
        }
        let offsets = tensors.map { ExactValues.broadcastOffsets(from: $0.shape, to: shape) }
        let values = tensors.map(\.doubles)
        let count = shape.reduce(1, *)
        let out = (0..<count).map { i in f(values.indices.map { values[$0][offsets[$0][i]] }) }
        return .array(NDArray(WideMath.tensor(shape, out, .float64)))
    }
}

/// `scipy.stats.norm`, and the frozen distribution `norm(loc, scale)` it makes when called.
final class NormalDistribution: CallableObject {
    /// The frozen parameters; nil for `norm` itself (its methods take `loc` and `scale`).
    let loc: Value?
    let scale: Value?

    init(loc: Value?, scale: Value?) {
        self.loc = loc
        self.scale = scale
    }

    var isFrozen: Bool { loc != nil }
    var typeName: String { isFrozen ? "rv_continuous_frozen" : "norm_gen" }

    func repr(_ interpreter: Interpreter) -> String {
        isFrozen
            ? "<scipy.stats._distn_infrastructure.rv_continuous_frozen object>"
            : "<scipy.stats._continuous_distns.norm_gen object>"
    }

    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let a = try Signature(parsing: "loc=0, scale=1").bind(arguments, function: "norm")
        return .object(NormalDistribution(loc: a["loc"] ?? .int(0), scale: a["scale"] ?? .int(1)))
    }

    static let pdfConstant = (2 * Double.pi).squareRoot()

    /// The functions of x (or q) after standardizing, as scipy's `rv_continuous` applies them.
    private static let functions: [(String, String, @Sendable (Double, Double, Double) -> Double)] = [
        ("pdf", "x", { x, loc, scale in standardized(x, loc, scale) { z in exp(-(z * z) / 2) / pdfConstant / scale } }),
        (
            "logpdf", "x",
            { x, loc, scale in
                standardized(x, loc, scale) { z in -(z * z) / 2 - log(pdfConstant) - log(scale) }
            }
        ),
        ("cdf", "x", { x, loc, scale in standardized(x, loc, scale) { z in SpecialFunctions.ndtr(z) } }),
        ("sf", "x", { x, loc, scale in standardized(x, loc, scale) { z in SpecialFunctions.ndtr(-z) } }),
        ("ppf", "q", { q, loc, scale in quantile(q, loc, scale) { SpecialFunctions.ndtri($0) } }),
        ("isf", "q", { q, loc, scale in quantile(q, loc, scale) { -SpecialFunctions.ndtri($0) } }),
    ]

    private static func standardized(_ x: Double, _ loc: Double, _ scale: Double, _ f: (Double) -> Double) -> Double {
        guard scale > 0 else { return .nan }
        let z = (x - loc) / scale
        return z.isNaN ? .nan : f(z)
    }

    private static func quantile(_ q: Double, _ loc: Double, _ scale: Double, _ f: (Double) -> Double) -> Double {
        guard scale > 0, q >= 0, q <= 1 else { return .nan }
        return f(q) * scale + loc
    }

    private var parameters: String { isFrozen ? "" : ", loc=0, scale=1" }

    private func parameterValues(_ a: BoundArguments) -> [(Value, SourceRange)] {
        if let loc, let scale { return [(loc, a.callRange), (scale, a.callRange)] }
        return [(a["loc"] ?? .int(0), a.range("loc")), (a["scale"] ?? .int(1), a.range("scale"))]
    }

    private func methods() -> [String: Value] {
        var members: [String: Value] = [:]
        for (name, argument, f) in NormalDistribution.functions {
            members[name] = function(name, argument + parameters) { a, _ throws(Diagnostic) in
                try ScipyLibrary.broadcasting([(a[argument] ?? .none, a.range(argument))] + self.parameterValues(a)) {
                    f($0[0], $0[1], $0[2])
                }
            }
        }
        members["rvs"] = function("rvs", (isFrozen ? "" : "loc=0, scale=1, ") + "size=None, random_state=None") {
            a, interpreter throws(Diagnostic) in
            try self.rvs(a, interpreter)
        }
        let moments: [(String, (Double, Double) -> Double)] = [
            ("mean", { loc, _ in loc }), ("median", { loc, _ in loc }), ("std", { _, scale in scale }),
            ("var", { _, scale in scale * scale }),
        ]
        for (name, f) in moments {
            members[name] = function(name, String(parameters.dropFirst(2))) { a, _ throws(Diagnostic) in
                try ScipyLibrary.broadcasting(self.parameterValues(a)) { values in
                    values[1] > 0 ? f(values[0], values[1]) : .nan
                }
            }
        }
        return members
    }

    /// `rvs`: `random_state.standard_normal(size) * scale + loc`, from NumPy's legacy stream.
    private func rvs(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let stream = try LegacyRandom.stream(
            a["random_state"], interpreter, range: a.range("random_state"), function: "rvs")
        let parameters = try ScipyLibrary.broadcasting(parameterValues(a)) { _ in 0 }
        var shape: [Int] = []
        if case .array(let p) = parameters { shape = p.shape }
        if a["size"] != nil, !(a["size"]?.isNone ?? true) { shape = try a.shape("size") }
        try ExactValues.reserve(shape, .float64, range: a.callRange)
        let count = shape.reduce(1, *)
        let draws = (0..<count).map { _ in stream.standardNormal() }
        let drawn = Value.array(NDArray(WideMath.tensor(shape, draws, .float64)))
        let values = parameterValues(a)
        return try ScipyLibrary.broadcasting([(drawn, a.callRange)] + values) { $0[0] * $0[2] + $0[1] }
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        if isFrozen, name == "args" { return .tuple([]) }
        if isFrozen, name == "kwds" {
            return .dict(DictBox([(.string("loc"), loc ?? .int(0)), (.string("scale"), scale ?? .int(1))]))
        }
        return methods()[name]
    }

    var attributeNames: [String] { Array(methods().keys) }
}

/// `scipy.stats.multivariate_normal`'s `pdf` and `logpdf` (through a Cholesky factor of the covariance).
final class MultivariateNormal: PyObject {
    var typeName: String { "multivariate_normal_gen" }

    func repr(_ interpreter: Interpreter) -> String { "<scipy.stats._multivariate.multivariate_normal_gen object>" }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "pdf", "logpdf":
            return function(name, "x, mean=None, cov=1, allow_singular=False") { a, _ throws(Diagnostic) in
                try MultivariateNormal.density(a, log: name == "logpdf")
            }
        default: return nil
        }
    }

    var attributeNames: [String] { ["pdf", "logpdf"] }

    static func density(_ a: BoundArguments, log: Bool) throws(Diagnostic) -> Value {
        let x = try NumPyMath.exactTensor(a, "x")
        let mean = a["mean"].map { $0.isNone } ?? true ? nil : try NumPyMath.exactTensor(a, "mean")
        let cov = try NumPyMath.exactTensor(a, "cov")
        let dimension = mean.map { Swift.max($0.count, 1) } ?? (cov.rank == 2 ? cov.shape[0] : cov.count)
        let center = mean.map(\.doubles) ?? [Double](repeating: 0, count: dimension)
        guard center.count == dimension else {
            throw Diagnostic("Array 'mean' must be a vector of length \(dimension).", at: a.range("mean"))
        }
        // The covariance as a full matrix: a number is cov * I, a vector a diagonal.
        var matrix = [Double](repeating: 0, count: dimension * dimension)
        switch cov.rank {
        case 0: for i in 0..<dimension { matrix[i * dimension + i] = cov.doubles[0] }
        case 1 where cov.count == dimension: for i in 0..<dimension { matrix[i * dimension + i] = cov.doubles[i] }
        case 2 where cov.shape == [dimension, dimension]: matrix = cov.doubles
        default:
            throw Diagnostic(
                "Array 'cov' must be at most two-dimensional, but cov.ndim = \(cov.rank)"
                    + (cov.rank == 2 ? " and of shape (\(dimension), \(dimension))" : ""), at: a.range("cov"),
                exception: "ValueError")
        }
        guard let factor = cholesky(matrix, dimension) else {
            throw Diagnostic(
                "When `allow_singular is False`, the input matrix must be symmetric positive definite.",
                at: a.range("cov"), exception: "LinAlgError")
        }
        var logDeterminant = 0.0
        for i in 0..<dimension { logDeterminant += 2 * Foundation.log(factor[i * dimension + i]) }
        let values = x.doubles
        // x's last axis is the dimension (for a one-dimensional distribution, every value is a point).
        let points = dimension == 1 ? values.count : values.count / dimension
        let outShape = dimension == 1 ? x.shape : Array(x.shape.dropLast())
        guard dimension == 1 || x.shape.last == dimension else {
            throw Diagnostic(
                "x has \(x.shape.last ?? 0) values in its last axis; the distribution has \(dimension)",
                at: a.range("x"), exception: "ValueError")
        }
        let log2Pi = Foundation.log(2 * Double.pi)
        let out = (0..<points).map { p -> Double in
            // Forward substitution: L y = x - mean; the squared Mahalanobis distance is |y|².
            var y = [Double](repeating: 0, count: dimension)
            var distance = 0.0
            for i in 0..<dimension {
                var total = values[p * dimension + i] - center[i]
                for k in 0..<i { total -= factor[i * dimension + k] * y[k] }
                y[i] = total / factor[i * dimension + i]
                distance += y[i] * y[i]
            }
            let logDensity = -0.5 * (Double(dimension) * log2Pi + logDeterminant + distance)
            return log ? logDensity : Foundation.exp(logDensity)
        }
        return .array(NDArray(WideMath.tensor(outShape, out, .float64)))
    }

    /// The lower Cholesky factor of a symmetric positive definite matrix, nil when it is not one.
    static func cholesky(_ a: [Double], _ n: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var total = a[i * n + j]
                for k in 0..<j { total -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    guard total > 0 else { return nil }
                    l[i * n + i] = total.squareRoot()
                } else {
                    l[i * n + j] = total / l[j * n + j]
                }
            }
        }
        return l
    }
}
