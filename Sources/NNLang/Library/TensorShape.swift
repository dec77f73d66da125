/// TensorFlow's `TensorShape`, what `tensor.shape` gives for a tf tensor or variable: printed as a
/// tuple (`(1, 3)`), shown by repr as `TensorShape([1, 3])`, with `as_list()`, `rank`, `ndims`,
/// `num_elements()`, indexing (a slice is a TensorShape again), `len`, iteration and unpacking, and
/// equal to the tuple or list of the same sizes, as TensorFlow 2.21's is. Keras tensors' shapes stay
/// tuples, as in Keras 3.
final class TensorShapeObject: SubscriptableObject, IterableObject {
    let dimensions: [Int]

    init(_ dimensions: [Int]) { self.dimensions = dimensions }

    var typeName: String { "TensorShape" }
    var items: [Value] { dimensions.map { .int($0) } }
    var attributeNames: [String] { ["as_list", "rank", "ndims", "num_elements", "is_fully_defined"] }

    func str(_ interpreter: Interpreter) -> String { TensorObject.shapeText(dimensions) }
    func repr(_ interpreter: Interpreter) -> String {
        "TensorShape([" + dimensions.map(String.init).joined(separator: ", ") + "])"
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "as_list": function("as_list", "") { [dimensions] _, _ in .list(dimensions.map { .int($0) }) }
        case "rank", "ndims": .int(dimensions.count)
        case "num_elements": function("num_elements", "") { [dimensions] _, _ in .int(dimensions.reduce(1, *)) }
        case "is_fully_defined": function("is_fully_defined", "") { _, _ in .bool(true) }
        default: nil
        }
    }

    func subscriptItem(_ index: [IndexItem], _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> Value
    {
        try Subscripts.sequenceItem(
            items, index, range: range, what: "TensorShape",
            wrap: { .object(TensorShapeObject($0.compactMap(\.exactInteger))) }, single: { $0 })
    }

    /// `shape == (1, 3)`, `shape != [1, 3]`, `shape == other_shape`: nil when neither side is a TensorShape.
    static func compared(_ op: ComparisonOperator, _ left: Value, _ right: Value) -> Value? {
        guard op == .equal || op == .notEqual else { return nil }
        let other: Value
        let shape: TensorShapeObject
        if case .object(let l as TensorShapeObject) = left {
            shape = l
            other = right
        } else if case .object(let r as TensorShapeObject) = right {
            shape = r
            other = left
        } else {
            return nil
        }
        let otherSizes: [Int]?
        switch other {
        case .object(let s as TensorShapeObject): otherSizes = s.dimensions
        case .tuple(let tuple): otherSizes = sizes(tuple.items)
        case .list(let list): otherSizes = sizes(list.items)
        default: otherSizes = nil
        }
        let equal = otherSizes == shape.dimensions
        return .bool(op == .equal ? equal : !equal)
    }

    private static func sizes(_ items: [Value]) -> [Int]? {
        var sizes: [Int] = []
        for item in items {
            guard let size = item.exactInteger, item.typeName != "bool" else { return nil }
            sizes.append(size)
        }
        return sizes
    }
}
