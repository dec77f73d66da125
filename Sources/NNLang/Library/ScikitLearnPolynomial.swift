import NNEngine

/// `PolynomialFeatures`: every product of input features up to `degree` (the bias column, then degree 1,
/// 2, … in `combinations_with_replacement` order, or distinct features only with `interaction_only`).
/// Each product is formed as scikit-learn forms it, the first feature times the product of the rest.
final class PolynomialFeatures: ScikitLearnEstimator, ScikitLearnTransformer {
    static let signature = "degree=2, *, interaction_only=False, include_bias=True, order='C'"
    /// The feature indices multiplied for each output column (empty for the bias).
    private var terms: [[Int]] = []
    private var inputCount = 0

    init(_ a: BoundArguments) { super.init("PolynomialFeatures", a, PolynomialFeatures.signature) }

    override func methods() -> [String: Value] {
        transformerMethods(fit: "X, y=None", transform: "X", fitTransform: "X, y=None").merging([
            "get_feature_names_out": function("get_feature_names_out", "input_features=None") {
                a, interpreter throws(Diagnostic) in
                try self.requireFitted(a.callRange)
                var names = (0..<self.inputCount).map { "x\($0)" }
                if let given = a["input_features"], !given.isNone {
                    names = try interpreter.iterate(given, range: a.range("input_features")).map { interpreter.str($0) }
                    guard names.count == self.inputCount else {
                        throw Diagnostic(
                            "input_features should have length equal to number of features (\(self.inputCount)), "
                                + "got \(names.count)", at: a.range("input_features"))
                    }
                }
                return .object(ValueArray(objects: self.powers.map { .string(Self.name($0, names)) }))
            }
        ]) { _, own in own }
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        if name == "powers_", !learned.isEmpty {
            let rows = powers
            return .array(
                NDArray(WideMath.tensor([rows.count, inputCount], rows.flatMap { $0.map(Double.init) }, .int64)))
        }
        return try super.attribute(name, interpreter)
    }

    /// The exponent of each input in each output column (`powers_`).
    private var powers: [[Int]] {
        terms.map { term in
            var row = [Int](repeating: 0, count: inputCount)
            for i in term { row[i] += 1 }
            return row
        }
    }

    /// `x0^2 x1`, or `1` for the bias.
    static func name(_ row: [Int], _ names: [String]) -> String {
        let parts = row.indices.filter { row[$0] != 0 }.map { row[$0] == 1 ? names[$0] : "\(names[$0])^\(row[$0])" }
        return parts.isEmpty ? "1" : parts.joined(separator: " ")
    }

    func fit(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) {
        let t = try ScikitLearnEstimator.matrix(a["X"] ?? .none, a, "X", interpreter)
        let degree = parameter("degree") ?? .none
        let includeBias = parameter("include_bias").map { $0.numericValue != 0 } ?? false
        let interactionOnly = parameter("interaction_only").map { $0.numericValue != 0 } ?? false
        let (low, high) = try degrees(degree, includeBias: includeBias, a, interpreter)
        inputCount = t.shape[1]
        var result: [[Int]] = includeBias ? [[]] : []
        if high >= 1 {
            for d in max(1, low)...high {
                try Self.combinations(inputCount, d, distinct: interactionOnly) { result.append($0) }
                guard result.count <= 1_000_000 else {
                    throw Diagnostic(
                        "PolynomialFeatures would make more than a million output features here", at: a.callRange)
                }
            }
        }
        terms = result
        learned = ["n_features_in_": .int(inputCount), "n_output_features_": .int(terms.count)]
    }

    /// `degree` as `fit` checks it: an int ≥ 0 or a pair (min_degree, max_degree).
    private func degrees(
        _ degree: Value, includeBias: Bool, _ a: BoundArguments, _ interpreter: Interpreter
    ) throws(Diagnostic) -> (Int, Int) {
        if case .int(let d) = degree {
            guard d >= 0 else {
                throw Diagnostic(
                    "The 'degree' parameter of PolynomialFeatures must be an int in the range [0, inf) or an "
                        + "array-like. Got \(d) instead.", at: a.callRange, exception: "InvalidParameterError")
            }
            guard d > 0 || includeBias else {
                throw Diagnostic(
                    "Setting degree to zero and include_bias to False would result in an empty output array.",
                    at: a.callRange, exception: "ValueError")
            }
            return (0, d)
        }
        let shown = interpreter.str(degree)
        if case .tuple(let pair) = degree, pair.count == 2 {
            guard case .int(let low) = pair[0], case .int(let high) = pair[1], low >= 0, low <= high else {
                throw Diagnostic(
                    "degree=(min_degree, max_degree) must be non-negative integers that fulfil min_degree <= "
                        + "max_degree, got \(shown).", at: a.callRange, exception: "ValueError")
            }
            guard high > 0 || includeBias else {
                throw Diagnostic(
                    "Setting both min_degree and max_degree to zero and include_bias to False would result in "
                        + "an empty output array.", at: a.callRange, exception: "ValueError")
            }
            return (low, high)
        }
        throw Diagnostic(
            "degree must be a non-negative int or tuple (min_degree, max_degree), got \(shown).", at: a.callRange,
            exception: "ValueError")
    }

    /// Index tuples of length `length` in lexicographic order (with repeats unless `distinct`).
    static func combinations(_ count: Int, _ length: Int, distinct: Bool, _ body: ([Int]) throws(Diagnostic) -> Void)
        throws(Diagnostic)
    {
        guard count > 0 else { return }
        var current = [Int](repeating: 0, count: length)
        if distinct {
            guard length <= count else { return }
            current = Array(0..<length)
        }
        while true {
            try body(current)
            // The rightmost index that can still grow, then everything after it restarts from there.
            var i = length - 1
            while i >= 0 && current[i] == (distinct ? count - length + i : count - 1) { i -= 1 }
            guard i >= 0 else { return }
            current[i] += 1
            for j in (i + 1)..<max(length, i + 1) { current[j] = distinct ? current[j - 1] + 1 : current[i] }
        }
    }

    func transform(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        try requireFitted(a.callRange)
        let t = try ScikitLearnEstimator.matrix(a["X"] ?? .none, a, "X", interpreter)
        try checkFeatures(t, expected: inputCount, a.range("X"))
        let rows = t.shape[0]
        let width = inputCount
        let float32 = t.dtype == .float32
        let values = t.doubles
        let shape = [rows, terms.count]
        try ArrayConversion.checkSize(shape, range: a.callRange)
        var out = [Double](repeating: 0, count: rows * terms.count)
        for r in 0..<rows {
            for (c, term) in terms.enumerated() {
                // x_i · (x_j · (x_k …)): each degree's block is a feature times a block of the degree below.
                var product = 1.0
                for (n, i) in term.reversed().enumerated() {
                    let v = values[r * width + i]
                    product = n == 0 ? v : (float32 ? Double(Float(v) * Float(product)) : v * product)
                }
                out[r * terms.count + c] = product
            }
        }
        return .array(NDArray(WideMath.tensor(shape, out, float32 ? .float32 : .float64)))
    }
}
