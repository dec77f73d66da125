import NNEngine

/// A value of the language: Python's scalars and containers, NumPy arrays, and objects (Keras
/// models, layers, modules, functions, …).
public enum Value {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case list(ListBox)
    case tuple([Value])
    case dict(DictBox)
    case array(NDArray)
    case object(any PyObject)

    /// Python's type name, as `type(x).__name__` gives it.
    public var typeName: String {
        switch self {
        case .none: "NoneType"
        case .bool: "bool"
        case .int: "int"
        case .float: "float"
        case .string: "str"
        case .list: "list"
        case .tuple: "tuple"
        case .dict: "dict"
        case .array(let array): array.isScalar ? array.tensor.dtype.rawValue : "ndarray"
        case .object(let object): object.typeName
        }
    }

    public static func list(_ items: [Value]) -> Value { .list(ListBox(items)) }
}

/// A Python list: shared and mutable, so `b = a; b.append(1)` changes `a` too.
public final class ListBox {
    public var items: [Value]
    public init(_ items: [Value]) { self.items = items }
}

/// A Python dict, keeping insertion order. Keys are compared by value (numbers, strings, tuples, None).
public final class DictBox {
    public private(set) var keys: [Value] = []
    public private(set) var values: [Value] = []

    public init() {}

    public init(_ pairs: [(Value, Value)]) {
        for (key, value) in pairs { self[key] = value }
    }

    public subscript(key: Value) -> Value? {
        get { index(of: key).map { values[$0] } }
        set {
            if let index = index(of: key) {
                if let newValue { values[index] = newValue } else {
                    keys.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    public subscript(name: String) -> Value? {
        get { self[.string(name)] }
        set { self[.string(name)] = newValue }
    }

    func index(of key: Value) -> Int? { keys.firstIndex { pythonEquals($0, key) } }
    public var count: Int { keys.count }
}

/// A NumPy array: shared and mutable like NumPy's, holding the engine's `Tensor` (float32 storage,
/// with the dtype NumPy would report). A 0-d array stands for a NumPy scalar such as `np.float32(0.5)`.
public final class NDArray {
    public var tensor: Tensor
    public init(_ tensor: Tensor) { self.tensor = tensor }
    public var isScalar: Bool { tensor.rank == 0 }
    public var shape: [Int] { tensor.shape }
}

/// Anything else the language can hold: modules, functions, Keras objects.
public protocol PyObject: AnyObject {
    /// The Python type name (`Sequential`, `Dense`, `function`, `module`, …).
    var typeName: String { get }
    /// The attribute `name`, or nil if there is none.
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value?
    /// Names offered for completion and did-you-mean hints.
    var attributeNames: [String] { get }
    func setAttribute(_ name: String, to value: Value, _ interpreter: Interpreter) throws(Diagnostic)
    func repr(_ interpreter: Interpreter) -> String
    func str(_ interpreter: Interpreter) -> String
}

extension PyObject {
    public func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? { nil }
    public var attributeNames: [String] { [] }
    public func setAttribute(_ name: String, to value: Value, _ interpreter: Interpreter) throws(Diagnostic) {
        throw Diagnostic("cannot set the attribute '\(name)' of a \(typeName) object", at: nil)
    }
    public func repr(_ interpreter: Interpreter) -> String { "<\(typeName) object>" }
    public func str(_ interpreter: Interpreter) -> String { repr(interpreter) }
}

/// Equality as Python's `==` between scalars, strings, None and tuples (for dict keys and `in`).
func pythonEquals(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.none, .none): return true
    case (.string(let x), .string(let y)): return x == y
    case (.tuple(let x), .tuple(let y)): return x.count == y.count && zip(x, y).allSatisfy { pythonEquals($0, $1) }
    case (.list(let x), .list(let y)):
        return x === y || (x.items.count == y.items.count && zip(x.items, y.items).allSatisfy { pythonEquals($0, $1) })
    case (.object(let x), .object(let y)): return x === y
    default:
        if let x = a.numericValue, let y = b.numericValue { return x == y }
        return false
    }
}

extension Value {
    /// The value as a Double if it is a Python number or a bool (or a NumPy scalar).
    var numericValue: Double? {
        switch self {
        case .bool(let b): b ? 1 : 0
        case .int(let i): Double(i)
        case .float(let f): f
        case .array(let a) where a.isScalar: ArrayConversion.pythonFloat(a.tensor[flat: 0], dtype: a.tensor.dtype)
        default: nil
        }
    }

    public var isNone: Bool { if case .none = self { true } else { false } }
}
