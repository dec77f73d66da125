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
    case tuple(TupleBox)
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
        case .tuple(let tuple): tuple.namedType?.name ?? "tuple"
        case .dict(let dict): dict.flavor.typeName
        case .array(let array): array.isScalar ? array.tensor.dtype.rawValue : "ndarray"
        case .object(let object): object.typeName
        }
    }

    public static func list(_ items: [Value]) -> Value { .list(ListBox(items)) }
    public static func tuple(_ items: [Value]) -> Value { .tuple(TupleBox(items)) }
}

/// A Python list: shared and mutable, so `b = a; b.append(1)` changes `a` too.
public final class ListBox {
    public var items: [Value]
    public init(_ items: [Value]) { self.items = items }
    deinit { Dismantler.release(&items) }
}

/// A Python tuple. Boxed (not a bare array in the enum) so that a deeply nested one is released
/// without recursion, as lists and dicts are.
public final class TupleBox {
    public private(set) var items: [Value]
    /// The `namedtuple` class it was made by, if any (for `p.x` and its repr).
    var namedType: NamedTupleType?
    public init(_ items: [Value]) { self.items = items }
    deinit { Dismantler.release(&items) }
}

/// A tuple reads like the array of its items (`t[0]`, `t.count`, `t.map { … }`).
extension TupleBox: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { items.count }
    public subscript(position: Int) -> Value { items[position] }
}

/// A Python dict, keeping insertion order. Keys are compared by value (numbers, strings, tuples, None).
public final class DictBox {
    public private(set) var keys: [Value] = []
    public private(set) var values: [Value] = []
    /// Counter, defaultdict or OrderedDict (from `collections`), or a plain dict.
    var flavor = DictFlavor.plain

    public init() {}
    deinit {
        Dismantler.release(&keys)
        Dismantler.release(&values)
    }

    public init(_ pairs: [(Value, Value)]) {
        for (key, value) in pairs { self[key] = value }
    }

    public subscript(key: Value) -> Value? {
        get { index(of: key).map { values[$0] } }
        set {
            if let index = index(of: key) {
                if let newValue {
                    values[index] = newValue
                } else {
                    keys.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                if UserEquality.instance(key) != nil { hasInstanceKeys = true }
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    public subscript(name: String) -> Value? {
        get { self[.string(name)] }
        set { self[.string(name)] = newValue }
    }

    func removeAll() {
        keys.removeAll()
        values.removeAll()
    }

    func index(of key: Value) -> Int? {
        guard hasInstanceKeys || UserEquality.instance(key) != nil else {
            return keys.firstIndex { pythonEquals($0, key) }
        }
        // A program's class decides equality: as Python's dict, only keys of equal hash are compared.
        let hash = try? PythonHash.hash(key, range: nil)
        return keys.firstIndex { stored in
            guard UserEquality.decides(stored, key) else { return pythonEquals(stored, key) }
            return (try? PythonHash.hash(stored, range: nil)) == hash && UserEquality.equals(stored, key)
        }
    }

    /// Whether an instance of a class with `__eq__` was ever a key (then lookups ask its methods).
    private var hasInstanceKeys = false
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

/// Equality as Python's `==` between scalars, strings, None, lists, tuples and dicts (for `==`, dict
/// keys and `in`). Worked through a list of pairs rather than by recursion, so any depth is fine; a
/// pair of containers met again (a container inside itself) counts as equal.
func pythonEquals(_ a: Value, _ b: Value) -> Bool {
    var pending = [(a, b)]
    var compared = Set<[ObjectIdentifier]>()
    func firstVisit(_ x: AnyObject, _ y: AnyObject) -> Bool {
        x !== y && compared.insert([ObjectIdentifier(x), ObjectIdentifier(y)]).inserted
    }
    while let (x, y) = pending.popLast() {
        switch (x, y) {
        case (.none, .none): continue
        case (.string(let x), .string(let y)): if x != y { return false }
        case (.tuple(let x), .tuple(let y)):
            guard x.count == y.count else { return false }
            if firstVisit(x, y) { pending += zip(x.items, y.items).reversed() }
        case (.list(let x), .list(let y)):
            guard x.items.count == y.items.count else { return false }
            if firstVisit(x, y) { pending += zip(x.items, y.items).reversed() }
        case (.dict(let x), .dict(let y)):
            guard x.count == y.count else { return false }
            guard firstVisit(x, y) else { continue }
            for (key, value) in zip(x.keys, x.values) {
                guard let other = y[key] else { return false }
                pending.append((value, other))
            }
        case (.object(let x as SetObject), .object(let y as SetObject)): if x !== y, !x.equals(y) { return false }
        case (.object(let x as PathObject), .object(let y as PathObject)): if x.path != y.path { return false }
        case (.object(let x), .object(let y)):
            if x !== y, !TypeObject.same(x, y),
                !(UserEquality.decides(.object(x), .object(y)) && UserEquality.equals(.object(x), .object(y)))
            {
                return false
            }
        case (.object, _), (_, .object):
            if !(UserEquality.decides(x, y) && UserEquality.equals(x, y)) { return false }
        default:
            guard let p = x.numericValue, let q = y.numericValue, p == q else { return false }
        }
    }
    return true
}

extension Value {
    /// The value as a Double if it is a Python number or a bool (or a NumPy scalar).
    var numericValue: Double? {
        switch self {
        case .bool(let b): b ? 1 : 0
        case .int(let i): Double(i)
        case .float(let f): f
        case .array(let a) where a.isScalar: ArrayConversion.pythonFloat(a.tensor, flat: 0)
        default: nil
        }
    }

    public var isNone: Bool { if case .none = self { true } else { false } }
}
