import NNEngine

/// A class label as scikit-learn's `np.unique` sorts them: numbers, or strings.
enum ClassLabel: Hashable, Comparable {
    case number(Double)
    case text(String)

    static func < (lhs: ClassLabel, rhs: ClassLabel) -> Bool {
        switch (lhs, rhs) {
        case (.number(let x), .number(let y)): x < y
        case (.text(let x), .text(let y)):
            x.unicodeScalars.map(\.value).lexicographicallyPrecedes(y.unicodeScalars.map(\.value))
        case (.number, .text): true
        case (.text, .number): false
        }
    }

    /// The label as a Python value (an int when whole).
    var value: Value {
        switch self {
        case .number(let x): x.rounded() == x && abs(x) < 1e15 ? .int(Int(x)) : .float(x)
        case .text(let s): .string(s)
        }
    }

    static func plainRepr(_ value: Value) -> String {
        switch value {
        case .string(let s): pythonStringRepr(s)
        case .int(let i): String(i)
        case .float(let f): pythonFloatRepr(f)
        default: "?"
        }
    }

    /// The labels of a 1-D target (a column vector is flattened); `joiningRows` turns each row of a 2-D
    /// target into one string label, as StratifiedShuffleSplit does. `dtype` is the array's, if any.
    static func labels(
        _ y: Value, range: SourceRange, _ interpreter: Interpreter, joiningRows: Bool = false
    )
        throws(Diagnostic) -> (labels: [ClassLabel], dtype: DType?)
    {
        if joiningRows, case .list(let rows) = y,
            rows.items.contains(where: { if case .list = $0 { true } else { false } })
        {
            return try labels(
                .array(NDArray(try ArrayConversion.tensor(y, range: range))), range: range, interpreter,
                joiningRows: true)
        }
        if case .array(let array) = y {
            let t = array.tensor
            if t.rank == 2, joiningRows {
                let width = t.shape[1]
                let isFloat = t.dtype == .float32 || t.dtype == .float64
                let rows = (0..<t.shape[0]).map { r in
                    ClassLabel.text(
                        (0..<width).map { c in
                            let v = t[flat: r * width + c]
                            return isFloat ? pythonFloatRepr(Double(v)) : String(Int(v))
                        }.joined(separator: " "))
                }
                return (rows, nil)
            }
            guard t.rank == 1 || (t.rank == 2 && t.shape[1] == 1) else {
                throw Diagnostic(
                    "y should be a 1d array, got an array of shape \(formatShape(t.shape)) instead.", at: range)
            }
            return ((0..<t.count).map { .number(ArrayConversion.pythonFloat(t, flat: $0)) }, t.dtype)
        }
        let labels = try interpreter.iterate(y, range: range).map { item throws(Diagnostic) -> ClassLabel in
            switch item {
            case .string(let s): return .text(s)
            default:
                guard let number = item.numericValue else {
                    throw Diagnostic("class labels must be numbers or strings; got \(item.typeName)", at: range)
                }
                return .number(number)
            }
        }
        return (labels, nil)
    }

    /// Sorted distinct labels as NumPy holds them: a string array, or a numeric array of `dtype`.
    static func array(_ labels: [ClassLabel], dtype: DType?) -> Value {
        if labels.contains(where: { if case .text = $0 { true } else { false } }) {
            return .object(ValueArray(strings: labels.map { if case .text(let s) = $0 { s } else { "\($0.value)" } }))
        }
        let numbers = labels.map { label -> Float in if case .number(let x) = label { Float(x) } else { 0 } }
        let isWhole = labels.allSatisfy { if case .number(let x) = $0 { x.rounded() == x } else { false } }
        return .array(NDArray(Tensor(numbers, dtype: dtype ?? (isWhole ? .int64 : .float64))))
    }
}
