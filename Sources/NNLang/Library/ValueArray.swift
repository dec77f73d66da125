/// A 1-D NumPy array of strings (dtype `<U…`) or of Python objects (dtype `object`), as scikit-learn
/// returns for class names (`iris.target_names`, `LabelEncoder().classes_`, `categories_`): iterable,
/// indexable, printed as NumPy prints it.
final class ValueArray: IterableObject {
    let items: [Value]
    let isObject: Bool

    init(strings: [String]) {
        items = strings.map { .string($0) }
        isObject = false
    }

    init(objects: [Value]) {
        items = objects
        isObject = true
    }

    var typeName: String { "ndarray" }
    var dtypeText: String {
        if isObject { return "object" }
        return "<U\(items.map { if case .string(let s) = $0 { s.count } else { 1 } }.max() ?? 1)"
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "shape": return .tuple([.int(items.count)])
        case "size": return .int(items.count)
        case "ndim": return .int(1)
        case "tolist": return function("tolist", "") { _, _ in .list(self.items) }
        default: return nil
        }
    }

    var attributeNames: [String] { ["ndim", "shape", "size", "tolist"] }

    /// `array(['setosa', 'versicolor'], dtype='<U10')`, wrapped at NumPy's 75 columns.
    func repr(_ interpreter: Interpreter) -> String {
        let body = ValueArray.wrap(items.map { interpreter.repr($0) }, separator: ", ", open: "array([", indent: 7)
        return body + "], dtype=\(isObject ? "object" : "'\(dtypeText)'"))"
    }

    /// `['setosa' 'versicolor']`
    func str(_ interpreter: Interpreter) -> String {
        ValueArray.wrap(items.map { interpreter.repr($0) }, separator: " ", open: "[", indent: 1) + "]"
    }

    static func wrap(_ pieces: [String], separator: String, open: String, indent: Int, width: Int = 75) -> String {
        var lines: [String] = []
        var line = open
        for (index, piece) in pieces.enumerated() {
            let last = index == pieces.count - 1
            let addition = piece + (last ? "" : separator.trimmingTrailingSpaces())
            let lineIsEmpty = line.count == open.count || line.count == indent
            if !lineIsEmpty, line.count + 1 + addition.count > width - (last ? 2 : 0) {
                lines.append(String(line))
                line = String(repeating: " ", count: indent)
            }
            let atStart = line.count == open.count && lines.isEmpty || line.count == indent && !lines.isEmpty
            line += (atStart ? "" : " ") + addition
        }
        return (lines + [line]).joined(separator: "\n")
    }
}

extension ValueArray: SubscriptableObject {
    /// NumPy's indexing of a 1-D array: an integer, a slice, an integer array or list, or a boolean mask.
    func subscriptItem(_ index: [IndexItem], _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> Value
    {
        guard index.count == 1 else {
            throw Diagnostic(
                "too many indices for array: array is 1-dimensional, but \(index.count) were indexed", at: range)
        }
        let picked: [Value]
        switch index[0] {
        case .slice(let start, let stop, let step):
            guard step != 0 else { throw Diagnostic("slice step cannot be zero", at: range) }
            picked = Subscripts.slicePositions(start, stop, step, count: items.count).map { items[$0] }
        case .value(let key, let keyRange):
            if case .bool = key {
                throw .unsupported(
                    "indexing a string array with True or False is not supported; use a boolean array",
                    at: keyRange)
            }
            if key.exactInteger != nil, !(key.isArray) {
                guard let position = key.exactInteger, position >= -items.count, position < items.count else {
                    throw Diagnostic(
                        "index \(key.exactInteger ?? 0) is out of bounds for axis 0 with size \(items.count)",
                        at: keyRange)
                }
                return items[position < 0 ? position + items.count : position]
            }
            let t = try ArrayConversion.tensor(key, range: keyRange)
            if t.dtype == .bool {
                guard t.count == items.count else {
                    throw Diagnostic(
                        "boolean index did not match indexed array along axis 0; size of axis is \(items.count) "
                            + "but size of corresponding boolean axis is \(t.count)", at: keyRange)
                }
                picked = items.indices.filter { t[flat: $0] != 0 }.map { items[$0] }
            } else {
                guard t.dtype != .float32, t.dtype != .float64 else {
                    throw Diagnostic("arrays used as indices must be of integer (or boolean) type", at: keyRange)
                }
                picked = try t.scalars.map { value throws(Diagnostic) in
                    let position = Int(value)
                    guard position >= -items.count, position < items.count else {
                        throw Diagnostic(
                            "index \(position) is out of bounds for axis 0 with size \(items.count)", at: keyRange)
                    }
                    return items[position < 0 ? position + items.count : position]
                }
            }
        case .newAxis, .ellipsis:
            throw .unsupported("np.newaxis and ... on a string array are not supported", at: range)
        }
        return .object(
            isObject
                ? ValueArray(objects: picked)
                : ValueArray(
                    strings: picked.map {
                        if case .string(let s) = $0 { s } else { interpreter.str($0) }
                    }))
    }
}

extension Bunch: SubscriptableObject {
    /// `bunch['data']`, as a dict.
    func subscriptItem(_ index: [IndexItem], _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> Value
    {
        guard index.count == 1, case .value(let key, let keyRange) = index[0], case .string(let name) = key else {
            throw Diagnostic("a Bunch is indexed by its keys, like bunch['data']", at: range)
        }
        guard let value = entries.first(where: { $0.0 == name })?.1 else {
            throw Diagnostic("KeyError: '\(name)'", at: keyRange, hint: didYouMean(name, entries.map(\.0)))
        }
        return value
    }
}

extension Value {
    fileprivate var isArray: Bool { if case .array(let a) = self { !a.isScalar } else { false } }
}
