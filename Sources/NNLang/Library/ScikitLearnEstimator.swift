import NNEngine

/// What scikit-learn's estimators share: constructor parameters (shown by `repr` when not the
/// default), learned attributes ending in `_` (an AttributeError before `fit`), methods, and the
/// checks of `check_array` and `check_is_fitted`, with scikit-learn's messages.
class ScikitLearnEstimator: PyObject {
    let className: String
    /// Parameters in signature order: name, value, default as Python text.
    private(set) var parameters: [(name: String, value: Value, defaultText: String)] = []
    /// Learned attributes (`mean_`, `classes_`, …), set by `fit`.
    var learned: [String: Value] = [:]

    init(_ className: String, _ arguments: BoundArguments, _ signature: String) {
        self.className = className
        for parameter in Signature(parsing: signature).parameters {
            let defaultText = parameter.defaultText ?? "None"
            let value = arguments.values[parameter.name]?.value ?? ScikitLearnEstimator.literal(defaultText)
            parameters.append((parameter.name, value, defaultText))
        }
    }

    /// The value of a default written as Python text: None, booleans, numbers, strings, tuples of numbers.
    static func literal(_ text: String) -> Value {
        switch text {
        case "None": return .none
        case "True": return .bool(true)
        case "False": return .bool(false)
        default:
            if let integer = Int(text) { return .int(integer) }
            if let number = Double(text) { return .float(number) }
            if text.hasPrefix("'"), text.hasSuffix("'"), text.count >= 2 {
                return .string(String(text.dropFirst().dropLast()))
            }
            if text.hasPrefix("("), text.hasSuffix(")") {
                return .tuple(
                    text.dropFirst().dropLast().split(separator: ",").map { literal(String($0).trimming(" ")) })
            }
            return .string(text)
        }
    }

    var typeName: String { className }

    /// The class as a constructor bound into a module: `function(...)` with this class's signature.
    static func constructor(
        _ name: String, _ signature: String,
        _ make: @escaping (BoundArguments) throws(Diagnostic) -> ScikitLearnEstimator
    ) -> Value {
        function(name, signature, repr: "<class 'sklearn.\(name)'>") { a, _ throws(Diagnostic) in .object(try make(a)) }
    }

    func parameter(_ name: String) -> Value? {
        guard let entry = parameters.first(where: { $0.name == name }), !entry.value.isNone else { return nil }
        return entry.value
    }

    /// The estimator's methods, by name (overridden by each estimator).
    func methods() -> [String: Value] { [:] }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        if let value = learned[name] { return value }
        if let method = methods()[name] { return method }
        if let entry = parameters.first(where: { $0.name == name }) { return entry.value }
        if name == "get_params" {
            return function("get_params", "deep=True") { _, _ in
                .dict(DictBox(self.parameters.map { (.string($0.name), $0.value) }))
            }
        }
        return nil
    }

    var attributeNames: [String] {
        Array(learned.keys) + Array(methods().keys) + parameters.map(\.name) + ["get_params"]
    }

    /// `StandardScaler()`, `MinMaxScaler(feature_range=(-1, 1))`: only the parameters that differ from their defaults.
    func repr(_ interpreter: Interpreter) -> String {
        let shown = parameters.filter { interpreter.repr($0.value) != $0.defaultText }
        return className + "(" + shown.map { "\($0.name)=\(interpreter.repr($0.value))" }.joined(separator: ", ") + ")"
    }

    /// `check_is_fitted`.
    func requireFitted(_ range: SourceRange) throws(Diagnostic) {
        guard !learned.isEmpty else {
            throw Diagnostic(
                "This \(className) instance is not fitted yet. Call 'fit' with appropriate arguments before "
                    + "using this estimator.", at: range, exception: "NotFittedError")
        }
    }

    /// `check_array` for a 2-D numeric X, with scikit-learn's message for 1-D input.
    static func matrix(
        _ value: Value, _ a: BoundArguments, _ name: String, _ interpreter: Interpreter
    ) throws(Diagnostic) -> Tensor {
        let t = try ArrayConversion.tensor(value, range: a.range(name))
        guard t.rank == 2 else {
            if t.rank <= 1 {
                let shown = interpreter.str(
                    .array(NDArray(ArrayConversion.cast(t, to: t.rank == 0 ? t.dtype : .float64))))
                throw Diagnostic(
                    "Expected 2D array, got \(t.rank == 0 ? "scalar array" : "1D array") instead:\narray=\(shown).\n"
                        + "Reshape your data either using array.reshape(-1, 1) if your data has a single feature or "
                        + "array.reshape(1, -1) if it contains a single sample.", at: a.range(name))
            }
            throw Diagnostic("Found array with dim \(t.rank). \(a.function) expected <= 2.", at: a.range(name))
        }
        guard t.shape[0] > 0 else {
            throw Diagnostic(
                "Found array with 0 sample(s) (shape=\(formatShape(t.shape))) while a minimum of 1 is required.",
                at: a.range(name))
        }
        guard t.shape[1] > 0 else {
            throw Diagnostic(
                "Found array with 0 feature(s) (shape=\(formatShape(t.shape))) while a minimum of 1 is required.",
                at: a.range(name))
        }
        return t
    }

    /// The features count check of `_check_n_features`.
    func checkFeatures(_ t: Tensor, expected: Int, _ range: SourceRange) throws(Diagnostic) {
        guard t.shape[1] == expected else {
            throw Diagnostic(
                "X has \(t.shape[1]) features, but \(className) is expecting \(expected) features as input.", at: range)
        }
    }

    /// The column values of a 2-D tensor, in double precision.
    static func columns(_ t: Tensor) -> [[Double]] {
        let width = t.shape[1]
        let values = t.doubles
        return (0..<width).map { c in (0..<t.shape[0]).map { values[$0 * width + c] } }
    }

    /// A 2-D result built column by column, float32 if the input was, float64 otherwise (scikit-learn's FLOAT_DTYPES).
    static func result(_ t: Tensor, _ transform: (_ column: Int, _ value: Double) -> Double) -> Value {
        let width = t.shape[1]
        guard t.dtype == .float32 else {
            let values = t.doubles
            return .array(
                NDArray(WideMath.tensor(t.shape, values.indices.map { transform($0 % width, values[$0]) }, .float64)))
        }
        return .array(
            NDArray(Tensor(shape: t.shape, dtype: .float32) { Float(transform($0 % width, Double(t[flat: $0]))) }))
    }

    static func vector(_ values: [Double]) -> Value {
        .array(NDArray(WideMath.tensor([values.count], values, .float64)))
    }
}

/// A scikit-learn transformer: it learns from data (`fit`) and then changes data (`transform`).
protocol ScikitLearnTransformer: ScikitLearnEstimator {
    func fit(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic)
    func transform(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value
}

extension ScikitLearnTransformer {
    /// `fit` (which returns the estimator), `transform` and `fit_transform`, with the parameters given.
    func transformerMethods(fit: String, transform: String, fitTransform: String) -> [String: Value] {
        [
            "fit": function("fit", fit) { a, interpreter throws(Diagnostic) in
                try self.fit(a, interpreter)
                return .object(self)
            },
            "transform": function("transform", transform) { a, interpreter throws(Diagnostic) in
                try self.transform(a, interpreter)
            },
            "fit_transform": function("fit_transform", fitTransform) { a, interpreter throws(Diagnostic) in
                try self.fit(a, interpreter)
                return try self.transform(a, interpreter)
            },
        ]
    }
}
