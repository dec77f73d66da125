import NNEngine

/// `LabelEncoder`: class labels to 0…n-1 (sorted as `np.unique` sorts them), and back.
final class LabelEncoder: ScikitLearnEstimator, ScikitLearnTransformer {
    var classes: [ClassLabel] = []
    var dtype: DType?

    init(_ a: BoundArguments) { super.init("LabelEncoder", a, "") }

    override func methods() -> [String: Value] {
        transformerMethods(fit: "y", transform: "y", fitTransform: "y").merging([
            "inverse_transform": function("inverse_transform", "y") { a, interpreter throws(Diagnostic) in
                try self.requireFitted(a.callRange)
                let ids = try ClassLabel.labels(a["y"] ?? .none, range: a.range("y"), interpreter).labels
                let unseen = ids.filter { label in
                    guard case .number(let x) = label else { return true }
                    return x.rounded() != x || x < 0 || x >= Double(self.classes.count)
                }
                if !unseen.isEmpty {
                    let shown = Array(Set(unseen)).sorted().map { ClassLabel.plainRepr($0.value) }.joined(
                        separator: " ")
                    throw Diagnostic("y contains previously unseen labels: [\(shown)]", at: a.range("y"))
                }
                let picked = ids.map { label in if case .number(let x) = label { self.classes[Int(x)] } else { label } }
                return ClassLabel.array(picked, dtype: self.dtype)
            }
        ]) { _, own in own }
    }

    func fit(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) {
        let (labels, dtype) = try ClassLabel.labels(a["y"] ?? .none, range: a.range("y"), interpreter)
        classes = Array(Set(labels)).sorted()
        self.dtype = dtype
        learned = ["classes_": ClassLabel.array(classes, dtype: dtype)]
    }

    func transform(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        try requireFitted(a.callRange)
        let labels = try ClassLabel.labels(a["y"] ?? .none, range: a.range("y"), interpreter).labels
        let position = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        var codes: [Float] = []
        var unseen: [ClassLabel] = []
        for label in labels {
            if let code = position[label] { codes.append(Float(code)) } else { unseen.append(label) }
        }
        if let first = unseen.first {
            if case .text(let s) = first {
                throw Diagnostic(
                    "y contains previously unseen labels: np.str_(\(pythonStringRepr(s)))", at: a.range("y"))
            }
            let type = dtype == .float32 || dtype == .float64 ? "np.float64" : "np.int64"
            let shown = Array(Set(unseen)).sorted().map { label -> String in
                guard case .number(let x) = label else { return "" }
                return "\(type)(\(type == "np.int64" ? String(Int(x)) : pythonFloatRepr(x)))"
            }
            throw Diagnostic(
                "y contains previously unseen labels: [\(shown.joined(separator: ", "))]", at: a.range("y"))
        }
        return .array(NDArray(Tensor(codes, dtype: .int64)))
    }
}

/// `OneHotEncoder`: each column's categories (sorted) become 0/1 columns; `drop` and `handle_unknown`
/// as scikit-learn has them. The default sparse output is a `SparseMatrix` with `.toarray()`.
final class OneHotEncoder: ScikitLearnEstimator, ScikitLearnTransformer {
    static let signature =
        "*, categories='auto', drop=None, sparse_output=True, dtype=None, handle_unknown='error', "
        + "min_frequency=None, max_categories=None, feature_name_combiner='concat'"
    var categories: [[ClassLabel]] = []
    var dropped: [Int?] = []

    init(_ a: BoundArguments) throws(Diagnostic) {
        for name in ["min_frequency", "max_categories"] where a[name] != nil {
            throw .unsupported("OneHotEncoder(\(name)=...) is not supported yet", at: a.range(name))
        }
        if let categories = a["categories"], categories.isString("auto") == false {
            throw .unsupported("OneHotEncoder(categories=...) takes only 'auto' in NNLab", at: a.range("categories"))
        }
        super.init("OneHotEncoder", a, OneHotEncoder.signature)
    }

    override func methods() -> [String: Value] {
        transformerMethods(fit: "X, y=None", transform: "X", fitTransform: "X, y=None").merging([
            "get_feature_names_out": function("get_feature_names_out", "input_features=None") {
                a, interpreter throws(Diagnostic) in
                try self.requireFitted(a.callRange)
                var prefixes = (0..<self.categories.count).map { "x\($0)" }
                if let given = a["input_features"] {
                    prefixes = try interpreter.iterate(given, range: a.range("input_features")).map {
                        interpreter.str($0)
                    }
                    guard prefixes.count == self.categories.count else {
                        throw Diagnostic(
                            "input_features should have length equal to number of features (\(self.categories.count)), "
                                + "got \(prefixes.count)", at: a.range("input_features"))
                    }
                }
                var names: [Value] = []
                for (c, column) in self.categories.enumerated() {
                    for (k, category) in column.enumerated() where k != self.dropped[c] {
                        names.append(.string(prefixes[c] + "_" + self.text(category)))
                    }
                }
                return .object(ValueArray(objects: names))
            }
        ]) { _, own in own }
    }

    /// Whether the fitted categories are floats (`x0_2.0`) rather than ints (`x0_2`).
    var floatCategories = false

    /// How `str()` shows a category in a feature name (`x0_1.5`, `x0_2.0`, `x0_a`).
    func text(_ label: ClassLabel) -> String {
        switch label {
        case .text(let s): s
        case .number(let x): x.rounded() == x && !floatCategories ? String(Int(x)) : pythonFloatRepr(x)
        }
    }

    /// The columns of X as labels, with each column's dtype (nil for a list holding strings: an object array).
    func columns(
        _ a: BoundArguments, _ interpreter: Interpreter
    ) throws(Diagnostic) -> (rows: [[ClassLabel]], dtype: DType?) {
        let value = a["X"] ?? .none
        if case .array = value {
            let t = try ScikitLearnEstimator.matrix(value, a, "X", interpreter)
            let width = t.shape[1]
            let label = { (i: Int) in ClassLabel.number(ArrayConversion.pythonFloat(t, flat: i)) }
            let rows = (0..<t.shape[0]).map { r in (0..<width).map { label(r * width + $0) } }
            return (rows, t.dtype)
        }
        var result: [[ClassLabel]] = []
        var hasText = false
        var allWhole = true
        for row in try interpreter.iterate(value, range: a.range("X")) {
            switch row {
            case .list, .tuple, .array:
                result.append(try ClassLabel.labels(row, range: a.range("X"), interpreter).labels)
            default:
                _ = try ScikitLearnEstimator.matrix(value, a, "X", interpreter)
                throw Diagnostic("X must be 2-D: a list of rows", at: a.range("X"))
            }
        }
        guard let width = result.first?.count, width > 0, result.allSatisfy({ $0.count == width }) else {
            throw Diagnostic("X must be a 2-D table with the same number of values in each row", at: a.range("X"))
        }
        for label in result.joined() {
            switch label {
            case .text: hasText = true
            case .number(let x): if x.rounded() != x { allWhole = false }
            }
        }
        return (result, hasText ? nil : (allWhole ? .int64 : .float64))
    }

    func fit(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) {
        let (rows, dtype) = try columns(a, interpreter)
        let width = rows[0].count
        categories = (0..<width).map { c in Array(Set(rows.map { $0[c] })).sorted() }
        let drop = parameter("drop")
        dropped = categories.map { column in
            switch drop {
            case .string("first"): 0
            case .string("if_binary"): column.count == 2 ? 0 : nil
            default: nil
            }
        }
        if let drop, !drop.isNone, !drop.isString("first"), !drop.isString("if_binary") {
            throw .unsupported("OneHotEncoder(drop=...) takes None, 'first' or 'if_binary' in NNLab", at: a.callRange)
        }
        learned = [
            "categories_": .list(
                categories.map { column in
                    if dtype == nil { return .object(ValueArray(objects: column.map(\.value))) }
                    return ClassLabel.array(column, dtype: dtype)
                }),
            "n_features_in_": .int(width),
            "drop_idx_": drop == nil
                ? Value.none : .array(NDArray(Tensor(dropped.map { Float($0 ?? 0) }, dtype: .int64))),
        ]
        floatCategories = dtype == .float32 || dtype == .float64
    }

    func transform(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        try requireFitted(a.callRange)
        let (rows, _) = try columns(a, interpreter)
        guard rows[0].count == categories.count else {
            throw Diagnostic(
                "X has \(rows[0].count) features, but OneHotEncoder is expecting \(categories.count) "
                    + "features as input.",
                at: a.range("X"))
        }
        let ignore = parameter("handle_unknown").map { !$0.isString("error") } ?? false
        var offsets: [Int] = []
        var total = 0
        for (c, column) in categories.enumerated() {
            offsets.append(total)
            total += column.count - (dropped[c] == nil ? 0 : 1)
        }
        try ArrayConversion.checkSize([rows.count, total], range: a.range("X"))
        var values = [Float](repeating: 0, count: rows.count * total)
        for (r, row) in rows.enumerated() {
            for (c, label) in row.enumerated() {
                guard var k = categories[c].firstIndex(of: label) else {
                    if ignore { continue }
                    throw Diagnostic(
                        "Found unknown categories [\(ClassLabel.plainRepr(label.value))] in column \(c) "
                            + "during transform",
                        at: a.range("X"))
                }
                if let d = dropped[c] {
                    if k == d { continue }
                    if k > d { k -= 1 }
                }
                values[r * total + offsets[c] + k] = 1
            }
        }
        let dtype: DType = (try? ArrayConversion.dtype(parameter("dtype") ?? .none, range: a.callRange)) ?? .float64
        let dense = Tensor(shape: [rows.count, total], dtype: dtype == .float32 ? .float32 : .float64) { values[$0] }
        if parameter("sparse_output").map({ $0.numericValue != 0 }) ?? true { return .object(SparseMatrix(dense)) }
        return .array(NDArray(dense))
    }
}

/// A SciPy CSR matrix as `OneHotEncoder` returns by default: shown as SciPy shows it; `.toarray()` gives the array.
final class SparseMatrix: PyObject {
    let dense: Tensor
    init(_ dense: Tensor) { self.dense = dense }
    var typeName: String { "csr_matrix" }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "toarray": function("toarray", "order=None, out=None") { _, _ in .array(NDArray(self.dense)) }
        case "shape": .tuple(dense.shape.map { .int($0) })
        case "nnz": .int(dense.scalars.filter { $0 != 0 }.count)
        default: nil
        }
    }

    var attributeNames: [String] { ["nnz", "shape", "toarray"] }

    func repr(_ interpreter: Interpreter) -> String {
        let stored = dense.scalars.filter { $0 != 0 }.count
        return
            "<Compressed Sparse Row sparse matrix of dtype '\(dense.dtype.rawValue)'\n\twith \(stored) stored elements "
            + "and shape (\(dense.shape.map(String.init).joined(separator: ", ")))>"
    }
}

extension Value {
    func isString(_ text: String) -> Bool { if case .string(let s) = self { s == text } else { false } }
}
