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
