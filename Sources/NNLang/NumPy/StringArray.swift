import NNEngine

/// A NumPy array of strings (`np.array(['r', 'b'])`, dtype `<U1`): printed as NumPy prints it, with
/// `shape`, `dtype`, `len`, iteration, indexing (ints, slices, integer and boolean arrays), `==`/`!=`
/// giving boolean arrays, `tolist()` and `np.unique`. Its elements are Python strings.
final class StringArrayObject: SubscriptableObject, IterableObject {
    let shape: [Int]
    /// The elements in row-major order.
    let elements: [String]

    init(shape: [Int], elements: [String]) {
        self.shape = shape
        self.elements = elements
    }

    var typeName: String { "ndarray" }
    /// NumPy's `<U` and the longest element's length in characters.
    var dtypeText: String { "<U\(max(elements.map(\.unicodeScalars.count).max() ?? 0, 1))" }
    var attributeNames: [String] { ["dtype", "ndim", "shape", "size", "tolist", "astype", "copy", "flatten"] }

    /// The strings NumPy makes an array of, when `value` is a (nested) list or tuple with strings in it.
    static func make(_ value: Value, range: SourceRange) throws(Diagnostic) -> StringArrayObject? {
        var shape: [Int] = []
        var elements: [String] = []
        var sawString = false
        func visit(_ item: Value, depth: Int) throws(Diagnostic) {
            switch item {
            case .list, .tuple, .object(is StringArrayObject):
                var items: [Value] = []
                switch item {
                case .list(let list): items = list.items
                case .tuple(let tuple): items = tuple.items
                case .object(let inner as StringArrayObject): items = inner.items
                default: break
                }
                // Too deep for an array: the numeric conversion says so.
                guard depth < 64 else { throw Diagnostic("", at: range) }
                if shape.count == depth { shape.append(items.count) }
                guard shape[depth] == items.count else {
                    throw Diagnostic(
                        "setting an array element with a sequence. The requested array has an inhomogeneous "
                            + "shape after \(depth) dimensions.", at: range, exception: "ValueError")
                }
                for element in items { try visit(element, depth: depth + 1) }
            case .string(let text):
                guard shape.count == depth else {
                    throw Diagnostic(
                        "setting an array element with a sequence. The requested array has an inhomogeneous "
                            + "shape after \(depth) dimensions.", at: range, exception: "ValueError")
                }
                sawString = true
                elements.append(text)
            default:
                // NumPy turns numbers beside strings into their text (`np.array(['a', 1])` is `['a' '1']`).
                // A number first means a numeric array: leave it to the numeric conversion.
                guard sawString, shape.count == depth, let number = item.numericValue else {
                    throw Diagnostic("", at: range)
                }
                elements.append(item.typeName == "int" ? String(Int(number)) : String(number))
            }
        }
        switch value {
        case .list, .tuple: break
        case .string(let text): return StringArrayObject(shape: [], elements: [text])
        default: return nil
        }
        do { try visit(value, depth: 0) } catch {
            if error.message.isEmpty { return nil }
            throw error
        }
        return sawString ? StringArrayObject(shape: shape, elements: elements) : nil
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "shape": return .tuple(shape.map { .int($0) })
        case "ndim": return .int(shape.count)
        case "size": return .int(elements.count)
        case "dtype": return .object(StringDType(text: dtypeText))
        case "tolist": return function("tolist", "") { _, _ in self.nestedList }
        case "copy": return function("copy", "") { _, _ in .object(self) }
        case "flatten":
            return function("flatten", "") { _, _ in
                .object(StringArrayObject(shape: [self.elements.count], elements: self.elements))
            }
        case "astype":
            return function("astype", "dtype") { a, _ throws(Diagnostic) in
                let requested = a.values["dtype"]?.value ?? .none
                if case .object(let type as TypeObject) = requested, type.name == "str" { return .object(self) }
                let dtype = try ArrayConversion.dtype(requested, range: a.range("dtype"))
                var values: [Float] = []
                for text in self.elements {
                    guard let number = Double(text.trimming(" \n\t")) else {
                        throw Diagnostic(
                            "could not convert string to float: '\(text)'", at: a.callRange, exception: "ValueError")
                    }
                    values.append(Float(number))
                }
                let made = try engine(a.callRange) { () throws(EngineError) in
                    try Tensor(shape: self.shape, values: values, dtype: dtype)
                }
                return .array(NDArray(made))
            }
        default: return nil
        }
    }

    private var nestedList: Value {
        guard !shape.isEmpty else { return .string(elements.first ?? "") }
        func build(_ depth: Int, _ offset: Int) -> Value {
            let stride = shape[(depth + 1)...].reduce(1, *)
            if depth == shape.count - 1 {
                return .list(ListBox(elements[offset..<(offset + shape[depth])].map { .string($0) }))
            }
            return .list(ListBox((0..<shape[depth]).map { build(depth + 1, offset + $0 * stride) }))
        }
        return build(0, 0)
    }

    /// The positions 0, 1, … in this array's shape: indexing them indexes the strings.
    private var positions: Tensor {
        Tensor(shape: shape, dtype: .int64) { Float($0) }
    }

    private func picked(_ result: Value) -> Value {
        guard case .array(let chosen) = result else {
            if let index = result.numericValue { return .string(elements[Int(index)]) }
            return result
        }
        let picked = chosen.tensor.scalars.map { elements[Int($0)] }
        return chosen.tensor.rank == 0
            ? .string(picked.first ?? "")
            : .object(StringArrayObject(shape: chosen.tensor.shape, elements: picked))
    }

    func subscriptItem(_ index: [IndexItem], _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> Value
    {
        picked(try interpreter.subscriptValue(.array(NDArray(positions)), index, range: range))
    }

    /// `for s in names`, `len(names)`: the strings (or rows) along the first axis.
    var items: [Value] {
        guard let count = shape.first else { return [] }
        let width = shape.dropFirst().reduce(1, *)
        return (0..<count).map { row in
            shape.count == 1
                ? .string(elements[row])
                : .object(
                    StringArrayObject(
                        shape: Array(shape.dropFirst()),
                        elements: Array(elements[(row * width)..<((row + 1) * width)])))
        }
    }

    /// `names == 'r'`, `a != b`: element by element, a boolean array (nil for other operators or operands).
    static func compared(_ op: ComparisonOperator, _ left: Value, _ right: Value, range: SourceRange) throws(Diagnostic)
        -> Value?
    {
        guard op == .equal || op == .notEqual else { return nil }
        func strings(_ value: Value) -> StringArrayObject? {
            switch value {
            case .object(let array as StringArrayObject): array
            case .string(let text): StringArrayObject(shape: [], elements: [text])
            default: nil
            }
        }
        guard left.typeName == "ndarray" || right.typeName == "ndarray",
            case .object(is StringArrayObject) = left.typeName == "ndarray" ? left : right
        else { return nil }
        guard let a = strings(left), let b = strings(right) else {
            // A string array is never equal to numbers.
            let array = (left.typeName == "ndarray" ? left : right)
            guard case .object(let strings as StringArrayObject) = array else { return nil }
            return .array(NDArray(Tensor(shape: strings.shape, repeating: op == .equal ? 0 : 1, dtype: .bool)))
        }
        let shape: [Int]
        if a.shape == b.shape || b.shape.isEmpty {
            shape = a.shape
        } else if a.shape.isEmpty {
            shape = b.shape
        } else {
            throw Diagnostic(
                "operands could not be broadcast together with shapes \(formatShape(a.shape)) "
                    + "\(formatShape(b.shape))", at: range, exception: "ValueError")
        }
        let count = shape.reduce(1, *)
        let result = Tensor(shape: shape, dtype: .bool) { i in
            let same = a.elements[a.shape.isEmpty ? 0 : i] == b.elements[b.shape.isEmpty ? 0 : i]
            return (same == (op == .equal)) ? 1 : 0
        }
        _ = count
        return .array(NDArray(result))
    }

    /// `np.unique(names, return_counts=...)`: the sorted distinct strings.
    func unique(_ a: BoundArguments) throws(Diagnostic) -> Value {
        var counts: [String: Int] = [:]
        var first: [String: Int] = [:]
        for (index, text) in elements.enumerated() {
            counts[text, default: 0] += 1
            if first[text] == nil { first[text] = index }
        }
        // NumPy orders strings by code point.
        let sorted = counts.keys.sorted {
            Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value))
        }
        let values = Value.object(StringArrayObject(shape: [sorted.count], elements: sorted))
        var results = [values]
        func integers(_ numbers: [Int]) -> Value { .array(NDArray(Tensor(numbers.map(Float.init), dtype: .int64))) }
        if try a.bool("return_index", default: false) { results.append(integers(sorted.map { first[$0] ?? 0 })) }
        if try a.bool("return_inverse", default: false) {
            let rank = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
            results.append(integers(elements.map { rank[$0] ?? 0 }))
        }
        if try a.bool("return_counts", default: false) { results.append(integers(sorted.map { counts[$0] ?? 0 })) }
        return results.count == 1 ? values : .tuple(results)
    }

    private func formatted(separator: String, indent: Int) -> String {
        guard !shape.isEmpty else { return "'\(elements.first ?? "")'" }
        func build(_ depth: Int, _ offset: Int) -> String {
            let stride = shape[(depth + 1)...].reduce(1, *)
            if depth == shape.count - 1 {
                return "[" + elements[offset..<(offset + shape[depth])].map { "'\($0)'" }.joined(separator: separator)
                    + "]"
            }
            let rows = (0..<shape[depth]).map { build(depth + 1, offset + $0 * stride) }
            let gap = String(repeating: "\n", count: shape.count - depth - 1)
            let pad = String(repeating: " ", count: indent + depth + 1)
            return "[" + rows.joined(separator: (separator == " " ? "" : ",") + gap + pad) + "]"
        }
        return build(0, 0)
    }

    func str(_ interpreter: Interpreter) -> String {
        shape.isEmpty ? (elements.first ?? "") : formatted(separator: " ", indent: 0)
    }

    func repr(_ interpreter: Interpreter) -> String {
        "array(" + formatted(separator: ", ", indent: 6) + ", dtype='\(dtypeText)')"
    }
}

/// A string array's dtype: printed `<U2`.
final class StringDType: PyObject {
    let text: String
    init(text: String) { self.text = text }
    var typeName: String { "dtype" }
    func repr(_ interpreter: Interpreter) -> String { "dtype('\(text)')" }
    func str(_ interpreter: Interpreter) -> String { text }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "kind": .string("U")
        case "name": .string("str\(32 * (Int(text.dropFirst(2)) ?? 1))")
        default: nil
        }
    }
}
