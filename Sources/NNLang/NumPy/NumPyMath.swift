import NNEngine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// NumPy's element-wise functions (ufuncs), reductions and products as module members. float32 arrays
/// are computed in float32, as NumPy and Keras do; everything else in double precision from the exact
/// values, giving float64 (or int64 where NumPy keeps integers).
enum NumPyMath {
    static func members() -> [String: Value] {
        var members: [String: Value] = [
            "exp": floating("exp", { expf($0) }, VectorExp.exp),
            "exp2": floating("exp2", { exp2f($0) }, { exp2($0) }),
            "log": floating("log", { logf($0) }, { log($0) }),
            "log10": floating("log10", { log10f($0) }, { log10($0) }),
            "log2": floating("log2", { log2f($0) }, { log2($0) }),
            "log1p": floating("log1p", { log1pf($0) }, { log1p($0) }),
            "expm1": floating("expm1", { expm1f($0) }, { expm1($0) }),
            "sqrt": floating("sqrt", { $0.squareRoot() }, { $0.squareRoot() }),
            "cbrt": floating("cbrt", { cbrtf($0) }, { cbrt($0) }),
            "sin": floating("sin", { sinf($0) }, { sin($0) }),
            "cos": floating("cos", { cosf($0) }, { cos($0) }),
            "tan": floating("tan", { tanf($0) }, { tan($0) }),
            "arcsin": floating("arcsin", { asinf($0) }, { asin($0) }),
            "arccos": floating("arccos", { acosf($0) }, { acos($0) }),
            "arctan": floating("arctan", { atanf($0) }, { atan($0) }),
            "sinh": floating("sinh", { sinhf($0) }, { sinh($0) }),
            "cosh": floating("cosh", { coshf($0) }, { cosh($0) }),
            "tanh": floating("tanh", { tanhf($0) }, { tanh($0) }),
            "floor": floating("floor", { $0.rounded(.down) }, { $0.rounded(.down) }),
            "ceil": floating("ceil", { $0.rounded(.up) }, { $0.rounded(.up) }),
            "trunc": floating("trunc", { $0.rounded(.towardZero) }, { $0.rounded(.towardZero) }),
            "rint": floating("rint", { $0.rounded(.toNearestOrEven) }, { $0.rounded(.toNearestOrEven) }),
            "reciprocal": floating("reciprocal", { 1 / $0 }, { 1 / $0 }),
            "abs": keepingType("abs", { abs($0) }, { Double(WideMath.int($0).magnitude) }, { abs($0) }),
            "absolute": keepingType("absolute", { abs($0) }, { Double(WideMath.int($0).magnitude) }, { abs($0) }),
            "fabs": floating("fabs", { abs($0) }, { abs($0) }),
            "square": keepingType(
                "square", { $0 * $0 }, { Double(WideMath.int($0) &* WideMath.int($0)) }, { $0 * $0 }),
            "sign": keepingType("sign", sign, sign, sign),
            "negative": keepingType("negative", { -$0 }, { Double(0 &- WideMath.int($0)) }, { -$0 }),
            "round": rounding("round"), "around": rounding("around"),
            "maximum": pairwise("maximum", { $0.isNaN || $1.isNaN ? .nan : max($0, $1) }, WideMath.maximum),
            "minimum": pairwise("minimum", { $0.isNaN || $1.isNaN ? .nan : min($0, $1) }, WideMath.minimum),
            "fmax": pairwise("fmax", { $0.isNaN ? $1 : ($1.isNaN ? $0 : max($0, $1)) }, { fmax($0, $1) }),
            "fmin": pairwise("fmin", { $0.isNaN ? $1 : ($1.isNaN ? $0 : min($0, $1)) }, { fmin($0, $1) }),
            "power": pairwise("power", { powf($0, $1) }, { pow($0, $1) }),
            "float_power": pairwise("float_power", { powf($0, $1) }, { pow($0, $1) }, alwaysDouble: true),
            "arctan2": pairwise("arctan2", { atan2f($0, $1) }, { atan2($0, $1) }, floating: true),
            "hypot": pairwise("hypot", { hypotf($0, $1) }, { hypot($0, $1) }, floating: true),
            "dot": dotFunction(),
            "ptp": function("ptp", "a, axis=None, keepdims=False") { a, interpreter throws(Diagnostic) in
                try peakToPeak(a, interpreter)
            },
            "vdot": function("vdot", "a, b") { a, _ throws(Diagnostic) in
                let x = try exactTensor(a, "a")
                let y = try exactTensor(a, "b")
                return try dot(
                    (try? x.reshaped([x.count])) ?? x, (try? y.reshaped([y.count])) ?? y, range: a.callRange)
            },
            "inner": function("inner", "a, b") { a, _ throws(Diagnostic) in
                let x = try exactTensor(a, "a")
                let y = try exactTensor(a, "b")
                if y.rank == 2 { return try dot(x, ArrayAttributes.transpose(y), range: a.callRange) }
                return try dot(x, y, range: a.callRange)
            },
            "outer": function("outer", "a, b") { a, _ throws(Diagnostic) in
                let x = try exactTensor(a, "a")
                let y = try exactTensor(a, "b")
                let column = (try? x.reshaped([x.count, 1])) ?? x
                let row = (try? y.reshaped([1, y.count])) ?? y
                return NumPyLibrary.array(
                    try product(column, row, range: a.callRange))
            },
            "matmul": function("matmul", "a, b") { a, _ throws(Diagnostic) in
                NumPyLibrary.array(
                    try ArrayMath.matmul(try exactTensor(a, "a"), try exactTensor(a, "b"), range: a.callRange))
            },
            "cumsum": cumulative("cumsum", product: false),
            "cumprod": cumulative("cumprod", product: true),
            "average": function("average", "a, axis=None, weights=None") { a, _ throws(Diagnostic) in
                try average(a)
            },
            "percentile": quantile("percentile", scale: 100),
            "quantile": quantile("quantile", scale: 1),
        ]
        for reduction in [Reduction.sum, .mean, .max, .min, .argmax, .argmin, .prod, .median, .any, .all] {
            members[reduction.rawValue] = function(reduction.rawValue, "a, axis=None, *, keepdims=False") {
                a, _ throws(Diagnostic) in
                try reduction.apply(
                    try exactTensor(a, "a"), axis: try a.optionalAxis(),
                    keepdims: try a.bool("keepdims", default: false),
                    range: a.callRange)
            }
        }
        for reduction in [Reduction.std, .var] {
            members[reduction.rawValue] = function(reduction.rawValue, "a, axis=None, *, ddof=0, keepdims=False") {
                a, _ throws(Diagnostic) in
                try reduction.apply(
                    try exactTensor(a, "a"), axis: try a.optionalAxis(),
                    keepdims: try a.bool("keepdims", default: false),
                    ddof: try a.int("ddof", default: 0), range: a.callRange)
            }
        }
        members["amax"] = members["max"]
        members["amin"] = members["min"]
        return members
    }

    /// `np.dot(a, b)`, also `a.dot(b)` (the same function, so both give the same numbers).
    static func dotFunction() -> Value {
        function("dot", "a, b") { a, _ throws(Diagnostic) in
            try dot(try exactTensor(a, "a"), try exactTensor(a, "b"), range: a.callRange)
        }
    }

    /// `np.ptp(a, axis=None, keepdims=False)`: the maximum minus the minimum, as NumPy computes it.
    static func peakToPeak(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let tensor = try exactTensor(a, "a")
        guard tensor.dtype != .bool else {
            throw Diagnostic(
                "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` "
                    + "operator, or the logical_xor function instead.", at: a.callRange, exception: "TypeError")
        }
        let axis = try a.optionalAxis()
        let keepdims = try a.bool("keepdims", default: false)
        let high = try Reduction.max.apply(tensor, axis: axis, keepdims: keepdims, range: a.callRange)
        let low = try Reduction.min.apply(tensor, axis: axis, keepdims: keepdims, range: a.callRange)
        return try ArrayMath.binary(.subtract, high, low, interpreter, range: a.callRange)
    }

    /// The argument as an array; a Python number keeps its exact value (a float64 or int64 scalar).
    static func exactTensor(_ a: BoundArguments, _ name: String) throws(Diagnostic) -> Tensor {
        switch a.values[name]?.value {
        case .int?, .float?, .bool?:
            return try ArrayMath.operand(a.values[name]?.value ?? .none, range: a.range(name)).tensor
        default: return try a.tensor(name)
        }
    }

    static func sign(_ x: Float) -> Float { x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? .nan : 0)) }
    static func sign(_ x: Double) -> Double { x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? .nan : 0)) }

    /// A function giving floats: float32 stays float32, anything else becomes float64.
    static func floating(
        _ name: String, _ float: @escaping (Float) -> Float, _ double: @escaping (Double) -> Double
    ) -> Value {
        function(name, "x") { a, interpreter throws(Diagnostic) in
            let input = try exactTensor(a, "x")
            if input.dtype == .float32 {
                var result = ArrayMath.map(input, float)
                result.dtype = .float32
                return NumPyLibrary.array(result)
            }
            var infinite = false
            var invalid = false
            let result = WideMath.map(input, to: .float64) { x in
                let y = double(x)
                if y.isInfinite && x.isFinite { infinite = true }
                if y.isNaN && !x.isNaN { invalid = true }
                return y
            }
            // NumPy's floating-point warnings: log(0) divides by zero, exp(1000) overflows.
            if infinite {
                let kind =
                    name.hasPrefix("log") || name == "reciprocal" || name == "arctanh" ? "divide by zero" : "overflow"
                interpreter.warn("RuntimeWarning: \(kind) encountered in \(name)", at: a.callRange)
            }
            if invalid { interpreter.warn("RuntimeWarning: invalid value encountered in \(name)", at: a.callRange) }
            return NumPyLibrary.array(result)
        }
    }

    /// A function keeping the input's type (int64 stays int64, computed as integers; booleans give int64).
    static func keepingType(
        _ name: String, _ float: @escaping (Float) -> Float, _ integer: @escaping (Double) -> Double,
        _ double: @escaping (Double) -> Double
    ) -> Value {
        function(name, "x") { a, _ throws(Diagnostic) in
            let input = try exactTensor(a, "x")
            switch input.dtype {
            case .float64: return NumPyLibrary.array(WideMath.map(input, to: .float64, double))
            case .int64: return NumPyLibrary.array(WideMath.map(input, to: .int64, integer))
            default:
                var result = ArrayMath.map(input, float)
                result.dtype = input.dtype == .bool ? .int64 : input.dtype
                return NumPyLibrary.array(result)
            }
        }
    }

    /// A two-argument function with NumPy's type promotion; `floating` ones give floats for integers.
    static func pairwise(
        _ name: String, _ float: @escaping (Float, Float) -> Float, _ double: @escaping (Double, Double) -> Double,
        floating: Bool = false, alwaysDouble: Bool = false
    ) -> Value {
        function(name, "x1, x2") { a, interpreter throws(Diagnostic) in
            let x = try ArrayMath.operand(a.values["x1"]?.value ?? .none, range: a.range("x1"))
            let y = try ArrayMath.operand(a.values["x2"]?.value ?? .none, range: a.range("x2"))
            var dtype = ArrayMath.resultType(x, y)
            if (floating && [.bool, .int64, .uint8].contains(dtype)) || alwaysDouble { dtype = .float64 }
            if dtype == .int64 && name == "power" {
                return try ArrayMath.binary(
                    .power, .array(NDArray(x.tensor)), .array(NDArray(y.tensor)), interpreter,
                    range: a.callRange)
            }
            if dtype.isWide {
                return NumPyLibrary.array(
                    try WideMath.broadcast(x.tensor, y.tensor, to: dtype, range: a.callRange, double))
            }
            var result = try ArrayMath.broadcast(x.tensor, y.tensor, range: a.callRange, float)
            result.dtype = dtype
            return NumPyLibrary.array(result)
        }
    }

    /// `np.round(a, decimals)` as NumPy rounds: multiply by 10**decimals (divide when negative), round
    /// halves to even, undo the scaling.
    static func rounding(_ name: String) -> Value {
        function(name, "a, decimals=0") { a, _ throws(Diagnostic) in
            NumPyLibrary.array(round(try exactTensor(a, "a"), decimals: try a.int("decimals", default: 0)))
        }
    }

    static func round(_ input: Tensor, decimals: Int) -> Tensor {
        if input.dtype == .float32 {
            let scale = powf(10, Float(decimals))
            var result = ArrayMath.map(input) { ($0 * scale).rounded(.toNearestOrEven) / scale }
            result.dtype = input.dtype
            return result
        }
        if input.dtype != .float64 && decimals >= 0 { return input }
        let p10: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8]
        var factor = 1e9
        let n = min(abs(decimals), 400)
        if n < 9 { factor = p10[n] } else { for _ in 9..<n { factor *= 10 } }
        return WideMath.map(input, to: input.dtype == .float64 ? .float64 : input.dtype) {
            decimals >= 0
                ? ($0 * factor).rounded(.toNearestOrEven) / factor
                : ($0 / factor).rounded(.toNearestOrEven) * factor
        }
    }
}
