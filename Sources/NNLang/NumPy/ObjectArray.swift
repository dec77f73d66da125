import NNEngine

/// A NumPy array of Python objects (dtype `object`): what `np.array([ax0, ax1])`,
/// `np.array(values, dtype=object)` and `plt.subplots(2, 2)` give. Indexed as NumPy indexes (ints,
/// slices, integer and boolean arrays, one index per axis), iterated along its first axis, with
/// `shape`, `ndim`, `size`, `dtype`, `flat`, `ravel()`, `flatten()`, `reshape`, `T`, `tolist()`, and
/// printed as NumPy prints it (each element's repr, rows wrapped at the print options' width).
final class ObjectArray: SubscriptableObject, IterableObject {
    let shape: [Int]
    /// The elements in row-major order.
    let elements: [Value]

    init(shape: [Int], elements: [Value]) {
        self.shape = shape
        self.elements = elements
    }

    /// A 1-D array of `elements`.
    convenience init(_ elements: [Value]) { self.init(shape: [elements.count], elements: elements) }

    var typeName: String { "ndarray" }
    var attributeNames: [String] {
        ["T", "copy", "dtype", "flat", "flatten", "ndim", "ravel", "reshape", "shape", "size", "tolist", "transpose"]
    }

    /// The object array NumPy makes of `value`: nested lists or tuples (of equal lengths) whose items
    /// include an object that is not a number or an array (an `Axes`, a class instance), or any value
    /// when `force` (`dtype=object`). Nil when NumPy would make a numeric or string array.
    static func make(_ value: Value, force: Bool, range: SourceRange) throws(Diagnostic) -> ObjectArray? {
        func children(_ item: Value) -> [Value]? {
            switch item {
            case .list(let list): list.items
            case .tuple(let tuple): tuple.items
            case .object(let array as ObjectArray): array.items
            default: nil
            }
        }
        var shape: [Int] = []
        var level = [value]
        while let first = level.first, children(first) != nil {
            let all = level.map(children)
            let count = all[0]?.count ?? 0
            guard all.allSatisfy({ $0?.count == count }) else {
                // Ragged: with dtype=object the sequences themselves are the elements; otherwise the
                // numeric conversion reports the inhomogeneous shape.
                if force { break }
                guard level.contains(where: \.holdsPlainObject) else { return nil }
                throw Diagnostic(
                    "setting an array element with a sequence. The requested array has an inhomogeneous shape "
                        + "after \(shape.count) dimensions. The detected shape was \(formatShape(shape)) + "
                        + "inhomogeneous part.", at: range, exception: "ValueError")
            }
            guard shape.count < 64 else { return nil }  // too deep: the numeric conversion says so
            shape.append(count)
            level = all.flatMap { $0 ?? [] }
        }
        guard force || level.contains(where: \.isPlainObject) else { return nil }
        return ObjectArray(shape: shape, elements: level)
    }

    /// `np.array(value, dtype=...)`'s object array when NumPy makes one (see `make(_:force:range:)`):
    /// with `dtype=object`, or with no dtype and objects among the items.
    static func make(_ a: BoundArguments, _ name: String) throws(Diagnostic) -> ObjectArray? {
        let value = a.values[name]?.value ?? .none
        switch a["dtype"] {
        case nil: return try make(value, force: false, range: a.range(name))
        case .object(let type as TypeObject)? where type.name == "object":
            return try make(value, force: true, range: a.range(name))
        case .string("O")?, .string("object")?: return try make(value, force: true, range: a.range(name))
        default: return nil
        }
    }

    /// `for row in axs`, `len(axs)`: the elements (or sub-arrays) along the first axis.
    var items: [Value] {
        guard let count = shape.first else { return [] }
        let width = shape.dropFirst().reduce(1, *)
        return (0..<count).map { row in
            shape.count == 1
                ? elements[row]
                : .object(
                    ObjectArray(
                        shape: Array(shape.dropFirst()), elements: Array(elements[(row * width)..<((row + 1) * width)])
                    ))
        }
    }

    /// The positions 0, 1, … in this array's shape: indexing them as a numeric array indexes the elements.
    private var positions: Tensor { Tensor(shape: shape, dtype: .int64) { Float($0) } }

    func subscriptItem(_ index: [IndexItem], _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> Value
    {
        let result = try interpreter.subscriptValue(.array(NDArray(positions)), index, range: range)
        guard case .array(let chosen) = result else {
            return result.numericValue.map { elements[Int($0)] } ?? result
        }
        let picked = chosen.tensor.scalars.map { elements[Int($0)] }
        if chosen.tensor.rank == 0, let only = picked.first { return only }
        return .object(ObjectArray(shape: chosen.tensor.shape, elements: picked))
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "shape": return .tuple(shape.map { .int($0) })
        case "ndim": return .int(shape.count)
        case "size": return .int(elements.count)
        case "dtype": return .object(ObjectDType())
        case "flat": return .object(FlatIterator(ObjectArray(elements)))
        case "T": return .object(transposed)
        case "transpose": return function(name, "*axes") { _, _ in .object(self.transposed) }
        case "flatten", "ravel": return function(name, "order='C'") { _, _ in .object(ObjectArray(self.elements)) }
        case "copy": return function(name, "order='C'") { _, _ in .object(self) }
        case "tolist": return function(name, "") { _, _ in self.nestedList }
        case "reshape":
            return function(name, "*shape, order='C'") { a, _ throws(Diagnostic) in
                let given = a.rest.count == 1 ? a.rest[0] : .tuple(a.rest)
                let sizes: [Int]
                switch given {
                case .tuple(let tuple): sizes = tuple.items.compactMap(\.exactInteger)
                case .list(let list): sizes = list.items.compactMap(\.exactInteger)
                default: sizes = given.exactInteger.map { [$0] } ?? []
                }
                let known = sizes.filter { $0 >= 0 }.reduce(1, *)
                let filled = sizes.map { $0 < 0 && known > 0 ? self.elements.count / known : $0 }
                guard filled.allSatisfy({ $0 >= 0 }), filled.reduce(1, *) == self.elements.count else {
                    throw Diagnostic(
                        "cannot reshape array of size \(self.elements.count) into shape \(formatShape(sizes))",
                        at: a.callRange, exception: "ValueError")
                }
                return .object(ObjectArray(shape: filled, elements: self.elements))
            }
        default: return nil
        }
    }

    /// The axes reversed (a 2-D array's rows become its columns).
    var transposed: ObjectArray {
        guard shape.count >= 2 else { return self }
        let reversedShape = Array(shape.reversed())
        var strides = Array(repeating: 1, count: shape.count)
        for axis in stride(from: shape.count - 2, through: 0, by: -1) {
            strides[axis] = strides[axis + 1] * shape[axis + 1]
        }
        let moved = (0..<elements.count).map { flat -> Value in
            // `flat` counts through the transposed shape; its index read backwards is the original's.
            var rest = flat
            var offset = 0
            for axis in (0..<reversedShape.count).reversed() {
                offset += (rest % reversedShape[axis]) * strides[shape.count - 1 - axis]
                rest /= reversedShape[axis]
            }
            return elements[offset]
        }
        return ObjectArray(shape: reversedShape, elements: moved)
    }

    private var nestedList: Value {
        guard !shape.isEmpty else { return elements.first ?? .none }
        return .list(
            items.map { item in if case .object(let inner as ObjectArray) = item { inner.nestedList } else { item } })
    }

    func repr(_ interpreter: Interpreter) -> String {
        let options = interpreter.modules.numpyPrintOptions
        let body = formatted(separator: ", ", prefix: "array(", width: options.lineWidth - 1, interpreter)
        let text = "array(" + body + ","
        let lastLine =
            text.count - (text.lastIndex(of: "\n").map { text.distance(from: text.startIndex, to: $0) + 1 } ?? 0)
        return text + (lastLine + "dtype=object)".count + 1 > options.lineWidth ? "\n      " : " ") + "dtype=object)"
    }

    func str(_ interpreter: Interpreter) -> String {
        guard !shape.isEmpty else { return interpreter.str(elements.first ?? .none) }
        return formatted(
            separator: " ", prefix: "", width: interpreter.modules.numpyPrintOptions.lineWidth, interpreter)
    }

    /// NumPy's `_formatArray` over the elements' reprs (a list shows as `list([1, 2])`), wrapping each
    /// row at `width`, with `...` past the print options' threshold.
    private func formatted(separator: String, prefix: String, width: Int, _ interpreter: Interpreter) -> String {
        func word(_ value: Value) -> String {
            if case .list = value { return "list(" + interpreter.repr(value) + ")" }
            return interpreter.repr(value)
        }
        guard !shape.isEmpty else { return word(elements.first ?? .none) }
        guard !elements.isEmpty else { return "[]" }
        let options = interpreter.modules.numpyPrintOptions
        let summarize = elements.count > options.threshold
        let edge = options.edgeItems
        var strides = Array(repeating: 1, count: shape.count)
        for axis in stride(from: shape.count - 2, through: 0, by: -1) {
            strides[axis] = strides[axis + 1] * shape[axis + 1]
        }
        func recurse(_ axis: Int, _ offset: Int, _ indent: String, _ width: Int) -> String {
            if axis == shape.count { return word(elements[offset]) }
            let length = shape[axis]
            let showSummary = summarize && 2 * edge < length
            let shown = showSummary ? Array(0..<edge) + [-1] + Array((length - edge)..<length) : Array(0..<length)
            var text = ""
            if axis == shape.count - 1 {
                let limit = width - max(separator.trimming(" ").count, 1)
                var line = indent
                for (position, index) in shown.enumerated() {
                    let piece =
                        index < 0 ? "..." : recurse(axis + 1, offset + index * strides[axis], indent + " ", width - 1)
                    if line.count + piece.count > limit && line.count > indent.count {
                        text += line.trimmingTrailingSpaces() + "\n"
                        line = indent
                    }
                    line += piece + (position == shown.count - 1 ? "" : separator)
                }
                text += line
            } else {
                let lineSeparator =
                    separator.trimmingTrailingSpaces() + String(repeating: "\n", count: shape.count - axis - 1)
                text = shown.map { index in
                    indent
                        + (index < 0
                            ? "..." : recurse(axis + 1, offset + index * strides[axis], indent + " ", width - 1))
                }.joined(separator: lineSeparator)
            }
            return "[" + text.dropFirst(indent.count) + "]"
        }
        return recurse(0, 0, " " + String(repeating: " ", count: prefix.count), width)
    }
}

/// `arr.flat` of an object array: iterable and indexable (`axs.flat[0]`), as NumPy's `flatiter`.
final class FlatIterator: SubscriptableObject, IterableObject {
    let array: ObjectArray
    init(_ array: ObjectArray) { self.array = array }
    var typeName: String { "flatiter" }
    var items: [Value] { array.elements }
    func subscriptItem(_ index: [IndexItem], _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> Value
    {
        try array.subscriptItem(index, interpreter, range: range)
    }
    func repr(_ interpreter: Interpreter) -> String { "<numpy.flatiter object>" }
}

/// The dtype of an object array: `dtype('O')`, printed `object`.
final class ObjectDType: PyObject {
    var typeName: String { "dtype" }
    func repr(_ interpreter: Interpreter) -> String { "dtype('O')" }
    func str(_ interpreter: Interpreter) -> String { "object" }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "kind", "char": .string("O")
        case "name": .string("object")
        default: nil
        }
    }
}

extension Value {
    /// Whether a plain object stands anywhere in this (nested) list or tuple.
    fileprivate var holdsPlainObject: Bool {
        switch self {
        case .list(let list): list.items.contains { $0.holdsPlainObject }
        case .tuple(let tuple): tuple.items.contains { $0.holdsPlainObject }
        default: isPlainObject
        }
    }

    /// An object NumPy keeps as itself in an array: not a number, string, container or array.
    fileprivate var isPlainObject: Bool {
        guard case .object(let object) = self else { return false }
        return !(object is ArrayConvertible || object is IterableObject || object is LazyIterator)
    }
}
