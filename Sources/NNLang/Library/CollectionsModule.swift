/// `collections`: `Counter`, `defaultdict` and `OrderedDict` (dicts with a flavor), `namedtuple`
/// (tuples with field names) and `deque`.
enum CollectionsModule {
    static func module() -> ModuleObject {
        ModuleObject(
            "collections",
            [
                "Counter": function("Counter", "iterable=None, **kwds") { a, interpreter throws(Diagnostic) in
                    let dict = DictBox()
                    dict.flavor = .counter
                    if let source = a["iterable"] {
                        try countInto(dict, source, sign: 1, interpreter, range: a.callRange)
                    }
                    for keyword in a.keywords { dict[.string(keyword.name)] = keyword.value }
                    return .dict(dict)
                },
                "defaultdict": function("defaultdict", "default_factory=None, *args, **kwargs") {
                    a, interpreter throws(Diagnostic) in
                    let made = try Builtins.makeDict(a, interpreter)
                    guard case .dict(let dict) = made else { return made }
                    dict.flavor = .defaultDict(a.values["default_factory"]?.value ?? .none)
                    return made
                },
                "OrderedDict": function("OrderedDict", "*args, **kwargs") { a, interpreter throws(Diagnostic) in
                    let made = try Builtins.makeDict(a, interpreter)
                    if case .dict(let dict) = made { dict.flavor = .ordered }
                    return made
                },
                "namedtuple": function("namedtuple", "typename, field_names, *, defaults=None") {
                    a, interpreter throws(Diagnostic) in
                    let name = try a.string("typename")
                    var fields: [String]
                    switch a.values["field_names"]?.value ?? .none {
                    case .string(let text):
                        fields = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
                    case let other:
                        fields = try interpreter.iterate(other, range: a.range("field_names")).map {
                            interpreter.str($0)
                        }
                    }
                    let defaults =
                        try a["defaults"].map { d throws(Diagnostic) in
                            try interpreter.iterate(d, range: a.range("defaults"))
                        } ?? []
                    return .object(NamedTupleType(name: name, fields: fields, defaults: defaults))
                },
                "deque": function("deque", "iterable=(), maxlen=None") { a, interpreter throws(Diagnostic) in
                    let deque = DequeObject(maxLength: try a.optionalInt("maxlen"))
                    for item in try interpreter.iterate(
                        a.values["iterable"]?.value ?? .tuple([]), range: a.range("iterable"))
                    {
                        deque.append(item)
                    }
                    return .object(deque)
                },
            ])
    }

    /// Adds (or subtracts) counts: from a mapping's values, or one per item of an iterable.
    static func countInto(
        _ dict: DictBox, _ source: Value, sign: Int, _ interpreter: Interpreter,
        range: SourceRange
    ) throws(Diagnostic) {
        if case .dict(let other) = source {
            for (key, value) in zip(other.keys, other.values) {
                let change = sign > 0 ? value : try interpreter.unary(.negate, value, range: range)
                dict[key] = try interpreter.binary(.add, dict[key] ?? .int(0), change, range: range)
            }
            return
        }
        for item in try interpreter.iterate(source, range: range) {
            try interpreter.checkHashable(item, range: range)
            let current = dict[item]?.exactInteger ?? 0
            dict[item] = .int(current + sign)
        }
    }

    /// A Counter's entries, most common first (ties in insertion order).
    static func mostCommon(_ dict: DictBox, _ interpreter: Interpreter) -> [(Value, Value)] {
        let entries = Array(zip(dict.keys, dict.values))
        let order = entries.indices.sorted { i, j in
            let greater =
                (try? interpreter.truth(
                    try interpreter.compare(.greater, entries[i].1, entries[j].1, range: Interpreter.nowhere),
                    range: Interpreter.nowhere)) ?? false
            if greater { return true }
            let less =
                (try? interpreter.truth(
                    try interpreter.compare(.less, entries[i].1, entries[j].1, range: Interpreter.nowhere),
                    range: Interpreter.nowhere)) ?? false
            return !less && i < j
        }
        return order.map { entries[$0] }
    }

    /// The methods Counter and OrderedDict add to dict's.
    static func flavorMethod(_ name: String, _ dict: DictBox) -> Value? {
        switch (dict.flavor, name) {
        case (.counter, "most_common"):
            return function("most_common", "n=None") { a, interpreter throws(Diagnostic) in
                var entries = mostCommon(dict, interpreter)
                if let n = try a.optionalInt("n") { entries = Array(entries.prefix(max(n, 0))) }
                return .list(entries.map { .tuple([$0.0, $0.1]) })
            }
        case (.counter, "elements"):
            return function("elements", "") { _, _ in
                var items: [Value] = []
                for (key, value) in zip(dict.keys, dict.values) {
                    items += Array(repeating: key, count: min(max(value.exactInteger ?? 0, 0), 10_000_000))
                }
                return .object(GeneratorValues(items, typeName: "itertools.chain"))
            }
        case (.counter, "update"), (.counter, "subtract"):
            return function(name, "iterable=None, **kwds") { a, interpreter throws(Diagnostic) in
                let sign = name == "update" ? 1 : -1
                if let source = a["iterable"] {
                    try countInto(dict, source, sign: sign, interpreter, range: a.callRange)
                }
                for keyword in a.keywords {
                    let source = DictBox([(.string(keyword.name), keyword.value)])
                    try countInto(dict, .dict(source), sign: sign, interpreter, range: a.callRange)
                }
                return .none
            }
        case (.counter, "total"):
            return function("total", "") { _, interpreter throws(Diagnostic) in
                var total: Value = .int(0)
                for value in dict.values {
                    total = try interpreter.binary(.add, total, value, range: Interpreter.nowhere)
                }
                return total
            }
        case (.ordered, "move_to_end"):
            return function("move_to_end", "key, last=True") { a, interpreter throws(Diagnostic) in
                let key = a.values["key"]?.value ?? .none
                guard let value = dict[key] else {
                    throw Diagnostic(interpreter.repr(key), at: a.callRange, exception: "KeyError")
                }
                dict[key] = nil
                if try a.bool("last", default: true) {
                    dict[key] = value
                } else {
                    let rest = Array(zip(dict.keys, dict.values))
                    dict.removeAll()
                    dict[key] = value
                    for (k, v) in rest { dict[k] = v }
                }
                return .none
            }
        default: return nil
        }
    }

    /// `Counter({'a': 2})`, `defaultdict(<class 'int'>, {…})`, `OrderedDict([('a', 1)])`, or nil for a dict.
    static func flavoredRepr(_ dict: DictBox, _ interpreter: Interpreter, plain: () -> String) -> String? {
        switch dict.flavor {
        case .plain: return nil
        case .counter:
            if dict.count == 0 { return "Counter()" }
            let entries = mostCommon(dict, interpreter)
            return "Counter({"
                + entries.map { "\(interpreter.repr($0.0)): \(interpreter.repr($0.1))" }
                .joined(separator: ", ") + "})"
        case .ordered:
            if dict.count == 0 { return "OrderedDict()" }
            return "OrderedDict(["
                + zip(dict.keys, dict.values).map { "(\(interpreter.repr($0)), \(interpreter.repr($1)))" }
                .joined(separator: ", ") + "])"
        case .defaultDict(let factory):
            var name = interpreter.repr(factory)
            if case .object(let builtin as BuiltinFunction) = factory,
                ["int", "float", "str", "list", "dict", "set", "tuple", "bool"].contains(builtin.name)
            {
                name = "<class '\(builtin.name)'>"
            }
            return "defaultdict(\(name), \(plain()))"
        }
    }
}

/// What kind of dict a DictBox is: a plain one, or one of `collections`' (which print and look up differently).
enum DictFlavor {
    case plain, counter, ordered
    /// A `defaultdict` and its factory.
    case defaultDict(Value)

    var typeName: String {
        switch self {
        case .plain: "dict"
        case .counter: "Counter"
        case .ordered: "OrderedDict"
        case .defaultDict: "defaultdict"
        }
    }
}

extension Interpreter {
    /// The value of a key missing from a dict: 0 in a Counter, a new default in a defaultdict, else nil.
    func missingValue(_ dict: DictBox, _ key: Value, range: SourceRange) throws(Diagnostic) -> Value? {
        switch dict.flavor {
        case .counter: return .int(0)
        case .defaultDict(let factory) where !factory.isNone:
            let value = try callValue(factory, [], range: range)
            try checkHashable(key, range: range)
            dict[key] = value
            return value
        default: return nil
        }
    }
}

/// A class made by `namedtuple("Point", ["x", "y"])`: calling it makes a tuple with field names.
final class NamedTupleType: CallableObject {
    let name: String
    let fields: [String]
    let signature: Signature

    init(name: String, fields: [String], defaults: [Value]) {
        self.name = name
        self.fields = fields
        let firstDefault = fields.count - defaults.count
        signature = Signature(
            fields.enumerated().map { index, field in
                Parameter(field, index >= firstDefault ? "default" : nil)
            })
        self.defaults = Dictionary(uniqueKeysWithValues: zip(fields.suffix(defaults.count), defaults))
    }
    private let defaults: [String: Value]

    var typeName: String { "type" }
    func repr(_ interpreter: Interpreter) -> String { "<class '__main__.\(name)'>" }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "__name__": .string(self.name)
        case "_fields": .tuple(fields.map { .string($0) })
        default: nil
        }
    }

    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let bound = try signature.bind(arguments, function: name)
        let items = fields.map { bound.values[$0]?.value ?? defaults[$0] ?? .none }
        let tuple = TupleBox(items)
        tuple.namedType = self
        return .tuple(tuple)
    }

    /// `p.x`, `p._fields`, `p._asdict()`, `p._replace(x=1)` on one of its tuples.
    func attribute(_ attribute: String, of tuple: TupleBox) -> Value? {
        if let index = fields.firstIndex(of: attribute), index < tuple.count { return tuple[index] }
        switch attribute {
        case "_fields": return .tuple(fields.map { .string($0) })
        case "_asdict":
            return function("_asdict", "") { [fields] _, _ in
                .dict(DictBox(zip(fields, tuple.items).map { (.string($0), $1) }))
            }
        case "_replace":
            return function("_replace", "**kwargs") { [self] a, _ throws(Diagnostic) in
                var items = tuple.items
                for keyword in a.keywords {
                    guard let index = fields.firstIndex(of: keyword.name) else {
                        throw Diagnostic(
                            "Got unexpected field names: ['\(keyword.name)']", at: a.callRange,
                            exception: "ValueError")
                    }
                    items[index] = keyword.value
                }
                let made = TupleBox(items)
                made.namedType = self
                return .tuple(made)
            }
        default: return nil
        }
    }

    func repr(of tuple: TupleBox, _ interpreter: Interpreter) -> String {
        "\(name)(" + zip(fields, tuple.items).map { "\($0)=\(interpreter.repr($1))" }.joined(separator: ", ") + ")"
    }
}

/// `collections.deque`: a list with cheap appends and pops at both ends, and an optional maximum length.
final class DequeObject: IterableObject, SubscriptableObject {
    private(set) var items: [Value] = []
    let maxLength: Int?

    init(maxLength: Int?) { self.maxLength = maxLength }
    deinit { Dismantler.release(&items) }

    var typeName: String { "deque" }

    func append(_ value: Value) {
        items.append(value)
        if let maxLength, items.count > maxLength { items.removeFirst(items.count - maxLength) }
    }

    func appendLeft(_ value: Value) {
        items.insert(value, at: 0)
        if let maxLength, items.count > maxLength { items.removeLast(items.count - maxLength) }
    }

    func repr(_ interpreter: Interpreter) -> String {
        let inner = "[" + items.map { interpreter.repr($0) }.joined(separator: ", ") + "]"
        return maxLength.map { "deque(\(inner), maxlen=\($0))" } ?? "deque(\(inner))"
    }

    var attributeNames: [String] {
        ["append", "appendleft", "pop", "popleft", "extend", "extendleft", "clear", "rotate", "count", "maxlen"]
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "maxlen": return maxLength.map { .int($0) } ?? Value.none
        case "append", "appendleft":
            return function(name, "x") { [self] a, _ in
                let value = a.values["x"]?.value ?? .none
                if name == "append" { append(value) } else { appendLeft(value) }
                return .none
            }
        case "pop", "popleft":
            return function(name, "") { [self] a, _ throws(Diagnostic) in
                guard !items.isEmpty else {
                    throw Diagnostic("pop from an empty deque", at: a.callRange, exception: "IndexError")
                }
                return name == "pop" ? items.removeLast() : items.removeFirst()
            }
        case "extend", "extendleft":
            return function(name, "iterable") { [self] a, interpreter throws(Diagnostic) in
                for item in try interpreter.iterate(a.values["iterable"]?.value ?? .none, range: a.range("iterable")) {
                    if name == "extend" { append(item) } else { appendLeft(item) }
                }
                return .none
            }
        case "clear":
            return function(name, "") { [self] _, _ in
                items.removeAll()
                return .none
            }
        case "rotate":
            return function(name, "n=1") { [self] a, _ throws(Diagnostic) in
                guard !items.isEmpty else { return .none }
                let n = ((try a.int("n", default: 1) % items.count) + items.count) % items.count
                items = Array(items[(items.count - n)...] + items[..<(items.count - n)])
                return .none
            }
        case "count":
            return function(name, "x") { [self] a, _ in
                .int(items.filter { pythonEquals($0, a.values["x"]?.value ?? .none) }.count)
            }
        default: return nil
        }
    }

    func subscriptItem(_ index: [IndexItem], _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> Value
    {
        guard index.count == 1, case .value(let key, let keyRange) = index[0] else {
            throw Diagnostic("sequence index must be integer, not 'slice'", at: range, exception: "TypeError")
        }
        return items[try Subscripts.position(key, count: items.count, range: keyRange, what: "deque")]
    }
}
