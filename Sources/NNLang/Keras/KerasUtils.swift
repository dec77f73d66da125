import NNEngine

/// `keras.utils` (also `tf.keras.utils`): `to_categorical`, `get_file` and `set_random_seed`.
enum KerasUtils {
    static func members() -> [String: Value] {
        [
            "set_random_seed": KerasLibrary.setRandomSeed,
            "to_categorical": function(
                "to_categorical", "x, num_classes=None",
                summary: "Class numbers to one-hot rows: to_categorical([0, 2], 3)"
            ) {
                a, interpreter throws(Diagnostic) in try toCategorical(a, interpreter)
            },
            "get_file": KerasCache.getFileFunction,
        ]
    }

    /// Keras 3's NumPy path: `np.array(x, dtype="int64")`, a trailing axis of 1 dropped, then ones
    /// placed by NumPy's indexing (negative classes count from the end, as NumPy's do).
    static func toCategorical(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let value = a["x"] ?? .none
        let t: Tensor
        do {
            t = try ArrayConversion.tensor(value, range: a.range("x"))
        } catch {
            if let text = firstString(value, interpreter) {
                throw Diagnostic("invalid literal for int() with base 10: \(pythonStringRepr(text))", at: a.range("x"))
            }
            throw error
        }
        var shape = t.shape
        if shape.count > 1, shape.last == 1 { shape.removeLast() }
        var classes: [Int] = []
        for value in t.scalars {
            guard let label = Int(truncating: value.rounded(.towardZero)) else {
                throw Diagnostic(
                    "cannot convert float \(value.isNaN ? "NaN" : "infinity") to integer", at: a.range("x"))
            }
            classes.append(label)
        }
        var count: Int
        if let given = try a.optionalInt("num_classes"), given != 0 {
            count = given
        } else {
            guard let largest = classes.max() else {
                throw Diagnostic(
                    "zero-size array to reduction operation maximum which has no identity", at: a.range("x"))
            }
            count = largest + 1
        }
        guard count >= 0 else { throw Diagnostic("negative dimensions are not allowed", at: a.range("num_classes")) }
        try ArrayConversion.checkSize([classes.count, count], range: a.callRange)
        var values = [Float](repeating: 0, count: classes.count * count)
        for (row, label) in classes.enumerated() {
            guard label < count, label >= -count else {
                throw Diagnostic(
                    "index \(label) is out of bounds for axis 1 with size \(count)", at: a.range("x"),
                    hint: "the class numbers must be below num_classes=\(count)")
            }
            values[row * count + (label < 0 ? label + count : label)] = 1
        }
        return .array(NDArray(Tensor(shape: shape + [count], dtype: .float64) { values[$0] }))
    }

    /// The first string inside a (nested) list, for Python's int() conversion error.
    static func firstString(_ value: Value, _ interpreter: Interpreter) -> String? {
        switch value {
        case .string(let s): return s
        case .list(let list): return list.items.lazy.compactMap { firstString($0, interpreter) }.first
        case .tuple(let items): return items.lazy.compactMap { firstString($0, interpreter) }.first
        default: return nil
        }
    }
}
