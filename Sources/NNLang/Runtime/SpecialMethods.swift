/// The special methods of the program's classes that the operators and built-ins call, as Python
/// does: arithmetic (`__add__`, its reflected `__radd__` and in-place `__iadd__`, …), comparisons
/// (`__eq__`, `__lt__`, … with their reflections), `__neg__`, `__bool__`/`__len__` for truth,
/// `__contains__`, `__iter__`/`__next__` (or the old `__getitem__` protocol) for iteration,
/// `__setitem__`, `__delitem__`, `__hash__` and `__format__`.
/// A method returning `NotImplemented` lets the other operand (or the built-in rule) try, as in Python.
extension Interpreter {
    private static let binaryNames: [BinaryOperator: String] = [
        .add: "add", .subtract: "sub", .multiply: "mul", .divide: "truediv", .floorDivide: "floordiv",
        .modulo: "mod", .power: "pow", .matmul: "matmul", .bitOr: "or", .bitAnd: "and", .bitXor: "xor",
    ]

    /// `left op right` when either side is an instance of the program's classes; nil when neither
    /// side defines the method (so the usual rules, and their error, apply).
    func instanceBinary(_ op: BinaryOperator, _ left: Value, _ right: Value, range: SourceRange, inPlace: Bool)
        throws(Diagnostic) -> Value?
    {
        if let result = try PathObject.divided(op, left, right, range: range) { return result }
        let leftInstance = Self.instance(left)
        let rightInstance = Self.instance(right)
        guard leftInstance != nil || rightInstance != nil, let name = Self.binaryNames[op] else { return nil }
        if inPlace, let leftInstance, let result = try callSpecial(leftInstance, "__i\(name)__", [right], range) {
            return result
        }
        if let leftInstance, let result = try callSpecial(leftInstance, "__\(name)__", [right], range) {
            return result
        }
        if let rightInstance, let result = try callSpecial(rightInstance, "__r\(name)__", [left], range) {
            return result
        }
        if op == .modulo, case .string = left { return nil }  // '%s' % obj formats it
        throw Diagnostic(
            "unsupported operand type(s) for \(op.rawValue): '\(left.typeName)' and '\(right.typeName)'",
            at: range, exception: "TypeError")
    }

    /// `left op right` for `==`, `!=`, `<`, `<=`, `>`, `>=` when either side is an instance; nil
    /// when the default applies (identity for `==` and `!=`).
    func instanceCompare(_ op: ComparisonOperator, _ left: Value, _ right: Value, range: SourceRange)
        throws(Diagnostic) -> Value?
    {
        if let result = TensorShapeObject.compared(op, left, right) { return result }
        if let result = PathObject.compared(op, left, right) { return result }
        let leftInstance = Self.instance(left)
        let rightInstance = Self.instance(right)
        guard leftInstance != nil || rightInstance != nil else { return nil }
        let names: (String, String)
        switch op {
        case .equal: names = ("__eq__", "__eq__")
        case .notEqual: names = ("__ne__", "__ne__")
        case .less: names = ("__lt__", "__gt__")
        case .lessEqual: names = ("__le__", "__ge__")
        case .greater: names = ("__gt__", "__lt__")
        case .greaterEqual: names = ("__ge__", "__le__")
        default: return nil
        }
        if let leftInstance, let result = try callSpecial(leftInstance, names.0, [right], range) { return result }
        if let rightInstance, let result = try callSpecial(rightInstance, names.1, [left], range) { return result }
        switch op {
        case .notEqual:
            // Python's default `__ne__` inverts `__eq__`.
            if let result = try instanceCompare(.equal, left, right, range: range) {
                return .bool(!(try truth(result, range: range)))
            }
            return .bool(!Self.identical(left, right))
        case .equal: return .bool(Self.identical(left, right))
        default:
            throw Diagnostic(
                "'\(op.rawValue)' not supported between instances of '\(left.typeName)' and '\(right.typeName)'",
                at: range, exception: "TypeError")
        }
    }

    /// `-x`, `+x` on an instance with `__neg__`/`__pos__`.
    func instanceUnary(_ op: UnaryOperator, _ value: Value, range: SourceRange) throws(Diagnostic) -> Value? {
        guard let instance = Self.instance(value), op != .not else { return nil }
        let name = op == .negate ? "__neg__" : "__pos__"
        if let result = try callSpecial(instance, name, [], range) { return result }
        throw Diagnostic(
            "bad operand type for unary \(op.rawValue): '\(value.typeName)'", at: range, exception: "TypeError")
    }

    /// `bool(x)`, `if x:` for an instance: `__bool__`, else `__len__` != 0, else true.
    func instanceTruth(_ instance: InstanceObject, range: SourceRange) throws(Diagnostic) -> Bool {
        if let method = instance.type.lookup("__bool__") {
            let result = try callMethod(method, on: .object(instance), CallArguments(range: range))
            guard case .bool(let b) = result else {
                throw Diagnostic(
                    "__bool__ should return bool, returned \(result.typeName)", at: range, exception: "TypeError")
            }
            return b
        }
        if let method = instance.type.lookup("__len__") {
            let result = try callMethod(method, on: .object(instance), CallArguments(range: range))
            guard let length = result.exactInteger else {
                throw Diagnostic(
                    "'\(result.typeName)' object cannot be interpreted as an integer", at: range,
                    exception: "TypeError")
            }
            if length < 0 { throw Diagnostic("__len__() should return >= 0", at: range, exception: "ValueError") }
            return length != 0
        }
        return true
    }

    /// `item in x` for an instance: `__contains__`, else its iteration; nil when it has neither.
    func instanceContains(_ container: Value, _ item: Value, range: SourceRange) throws(Diagnostic) -> Bool? {
        guard let instance = Self.instance(container) else {
            // `obj in [a, b]` compares with the object's `__eq__`.
            guard let other = Self.instance(item), other.type.lookup("__eq__") != nil else { return nil }
            for candidate in try iterate(container, range: range) {
                if Self.identical(candidate, item) { return true }
                if try truth(try compare(.equal, item, candidate, range: range), range: range) { return true }
            }
            return false
        }
        if let method = instance.type.lookup("__contains__") {
            let result = try callMethod(
                method, on: container, CallArguments(positional: [item], positionalRanges: [range], range: range))
            return try truth(result, range: range)
        }
        guard instance.type.lookup("__iter__") != nil || instance.type.lookup("__getitem__") != nil else {
            throw Diagnostic(
                "argument of type '\(container.typeName)' is not iterable", at: range, exception: "TypeError")
        }
        let cursor = try ItemCursor(container, self, range: range)
        while let candidate = try cursor.next(self) {
            if Self.identical(candidate, item) { return true }
            if try truth(try compare(.equal, candidate, item, range: range), range: range) { return true }
        }
        return false
    }

    /// The lazy iterator a `for` loop over an instance takes its items from: what `__iter__` returns
    /// (a generator, an iterator object with `__next__`, or anything iterable), or the instance's
    /// `__getitem__` asked with 0, 1, 2, … until it raises IndexError.
    func instanceIterator(_ instance: InstanceObject, range: SourceRange) throws(Diagnostic) -> LazyIterator {
        if let method = instance.type.lookup("__iter__") {
            let iterator = try callMethod(method, on: .object(instance), CallArguments(range: range))
            switch iterator {
            case .object(let lazy as LazyIterator): return lazy
            case .object(let object as InstanceObject):
                guard object.type.lookup("__next__") != nil else {
                    throw Diagnostic(
                        "iter() returned non-iterator of type '\(object.type.name)'", at: range,
                        exception: "TypeError")
                }
                return InstanceIterator(object, range: range)
            default:
                let cursor = try ItemCursor(iterator, self, range: range)
                return NativeIterator("iterator") { interpreter throws(Diagnostic) in try cursor.next(interpreter) }
            }
        }
        if instance.type.lookup("__getitem__") != nil { return SequenceIterator(instance, range: range) }
        throw Diagnostic("'\(instance.type.name)' object is not iterable", at: range, exception: "TypeError")
    }

    /// `obj[key] = value` and `del obj[key]` on an instance with `__setitem__`/`__delitem__`.
    func instanceSetItem(_ container: Value, key: Value, value: Value?, range: SourceRange) throws(Diagnostic) -> Bool {
        guard let instance = Self.instance(container) else { return false }
        let name = value == nil ? "__delitem__" : "__setitem__"
        guard let method = instance.type.lookup(name) else {
            throw Diagnostic(
                value == nil
                    ? "'\(instance.type.name)' object doesn't support item deletion"
                    : "'\(instance.type.name)' object does not support item assignment",
                at: range, exception: "TypeError")
        }
        let arguments = [key] + (value.map { [$0] } ?? [])
        _ = try callMethod(
            method, on: container,
            CallArguments(positional: arguments, positionalRanges: arguments.map { _ in range }, range: range))
        return true
    }

    /// `format(obj, spec)`, `f"{obj:spec}"`: the class's `__format__`; without one, an empty spec
    /// gives `str(obj)` and any other is Python's TypeError.
    func instanceFormat(_ instance: InstanceObject, spec: String, range: SourceRange) throws(Diagnostic) -> String {
        if let method = instance.type.lookup("__format__") {
            let result = try callMethod(
                method, on: .object(instance),
                CallArguments(positional: [.string(spec)], positionalRanges: [range], range: range))
            guard case .string(let text) = result else {
                throw Diagnostic(
                    "__format__ must return a str, not \(result.typeName)", at: range, exception: "TypeError")
            }
            return text
        }
        guard spec.isEmpty else {
            throw Diagnostic(
                "unsupported format string passed to \(instance.type.name).__format__", at: range,
                exception: "TypeError")
        }
        return try text(of: .object(instance), range: range)
    }

    /// `hash(obj)`: the class's `__hash__`, else identity; a class that defines `__eq__` without
    /// `__hash__` makes unhashable instances, as in Python.
    func instanceHash(_ instance: InstanceObject, range: SourceRange) throws(Diagnostic) -> Int? {
        if let method = instance.type.lookup("__hash__") {
            if method.isNone {
                throw Diagnostic("unhashable type: '\(instance.type.name)'", at: range, exception: "TypeError")
            }
            let result = try callMethod(method, on: .object(instance), CallArguments(range: range))
            guard let value = result.exactInteger else {
                throw Diagnostic(
                    "__hash__ method should return an integer", at: range, exception: "TypeError")
            }
            return value == -1 ? -2 : value
        }
        if instance.type.lookup("__eq__") != nil {
            throw Diagnostic("unhashable type: '\(instance.type.name)'", at: range, exception: "TypeError")
        }
        return nil
    }

    /// Where `value` is in `items` by Python's `==` (a class's `__eq__` included), all or the first.
    func positions(of value: Value, in items: [Value], first: Bool = false) throws(Diagnostic) -> [Int] {
        var found: [Int] = []
        let userEquality = [value].contains { Self.instance($0)?.type.lookup("__eq__") != nil }
        for (index, item) in items.enumerated() {
            let equal: Bool
            if userEquality || Self.instance(item)?.type.lookup("__eq__") != nil {
                equal =
                    Self.identical(item, value)
                    ? true : try truth(try compare(.equal, item, value, range: Self.nowhere), range: Self.nowhere)
            } else {
                equal = pythonEquals(item, value)
            }
            if equal {
                found.append(index)
                if first { break }
            }
        }
        return found
    }

    /// Calls a special method; nil when the class lacks it or it returns NotImplemented.
    private func callSpecial(_ instance: InstanceObject, _ name: String, _ arguments: [Value], _ range: SourceRange)
        throws(Diagnostic) -> Value?
    {
        guard let method = instance.type.lookup(name) else { return nil }
        let result = try callMethod(
            method, on: .object(instance),
            CallArguments(positional: arguments, positionalRanges: arguments.map { _ in range }, range: range))
        if case .object(let object) = result, object === NotImplementedObject.shared { return nil }
        return result
    }

    static func instance(_ value: Value) -> InstanceObject? {
        if case .object(let instance as InstanceObject) = value, !instance.type.isException { return instance }
        return nil
    }

    private static func identical(_ a: Value, _ b: Value) -> Bool {
        if case .object(let x) = a, case .object(let y) = b { return x === y }
        return false
    }
}

/// Python's `NotImplemented`: what a special method returns to let the other operand try.
final class NotImplementedObject: PyObject {
    nonisolated(unsafe) static let shared = NotImplementedObject()
    var typeName: String { "NotImplementedType" }
    func repr(_ interpreter: Interpreter) -> String { "NotImplemented" }
}

/// The items of an iterator object of the program's (a class with `__next__`), until StopIteration.
final class InstanceIterator: LazyIterator {
    private let instance: InstanceObject
    private let range: SourceRange
    private var finished = false
    init(_ instance: InstanceObject, range: SourceRange) {
        self.instance = instance
        self.range = range
    }
    var typeName: String { instance.type.name }
    func repr(_ interpreter: Interpreter) -> String { instance.repr(interpreter) }
    func next(_ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        guard !finished, let method = instance.type.lookup("__next__") else { return nil }
        do throws(Diagnostic) {
            return try interpreter.callMethod(method, on: .object(instance), CallArguments(range: range))
        } catch {
            guard error.exceptionName == "StopIteration" else { throw error }
            finished = true
            return nil
        }
    }
}

/// Iteration by `__getitem__` with 0, 1, 2, … until IndexError (or StopIteration), as Python
/// iterates a class that has `__getitem__` and no `__iter__` (a Dataset with `__len__` and indexing).
final class SequenceIterator: LazyIterator {
    private let instance: InstanceObject
    private let range: SourceRange
    private var index = 0
    private var finished = false
    init(_ instance: InstanceObject, range: SourceRange) {
        self.instance = instance
        self.range = range
    }
    var typeName: String { "iterator" }
    func next(_ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        guard !finished else { return nil }
        do throws(Diagnostic) {
            let item = try instance.subscriptItem([.value(.int(index), range)], interpreter, range: range)
            index += 1
            return item
        } catch {
            guard error.exceptionName == "IndexError" || error.exceptionName == "StopIteration" else { throw error }
            finished = true
            return nil
        }
    }
}

/// A slice object (`slice(1, 3)`, or what `obj[1:3]` passes to a class's `__getitem__`), with
/// `start`, `stop`, `step` and `indices(length)`; indexing a list or array with it slices.
final class SliceObject: PyObject {
    let start: Int?
    let stop: Int?
    let step: Int?
    init(_ start: Int?, _ stop: Int?, _ step: Int?) {
        self.start = start
        self.stop = stop
        self.step = step
    }
    var typeName: String { "slice" }
    var attributeNames: [String] { ["start", "stop", "step", "indices"] }
    func repr(_ interpreter: Interpreter) -> String {
        let parts = [start, stop, step].map { $0.map(String.init) ?? "None" }
        return "slice(\(parts.joined(separator: ", ")))"
    }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "start": return start.map { .int($0) } ?? Value.none
        case "stop": return stop.map { .int($0) } ?? Value.none
        case "step": return step.map { .int($0) } ?? Value.none
        case "indices":
            return function("indices", "length") { [start, stop, step] a, _ throws(Diagnostic) in
                let length = try a.int("length")
                let step = step ?? 1
                guard step != 0 else {
                    throw Diagnostic("slice step cannot be zero", at: a.callRange, exception: "ValueError")
                }
                func clamp(_ value: Int?, _ fallback: Int, low: Int, high: Int) -> Int {
                    guard var value else { return fallback }
                    if value < 0 { value += length }
                    return min(max(value, low), high)
                }
                if step > 0 {
                    return .tuple([
                        .int(clamp(start, 0, low: 0, high: length)), .int(clamp(stop, length, low: 0, high: length)),
                        .int(step),
                    ])
                }
                return .tuple([
                    .int(clamp(start, length - 1, low: -1, high: length - 1)),
                    .int(clamp(stop, -1, low: -1, high: length - 1)), .int(step),
                ])
            }
        default: return nil
        }
    }
}
