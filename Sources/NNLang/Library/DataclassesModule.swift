/// `dataclasses`: `@dataclass` (with `order=True`) and `field(default=..., default_factory=...)`:
/// the class's annotated names, in order, become the parameters of an `__init__`, its `__repr__`
/// (`Point(x=1.5, y=0.0)`) and its `__eq__`, as Python's dataclasses make them. Also `operator`'s
/// `attrgetter` and `itemgetter`, which sorting code uses with them.
enum DataclassesModule {
    static func module() -> ModuleObject {
        ModuleObject(
            "dataclasses",
            [
                "dataclass": function("dataclass", "cls=None, *, init=True, repr=True, eq=True, order=False") {
                    a, interpreter throws(Diagnostic) in
                    let options = (
                        initializer: try a.bool("init", default: true), repr: try a.bool("repr", default: true),
                        eq: try a.bool("eq", default: true), order: try a.bool("order", default: false)
                    )
                    if let cls = a["cls"] {
                        return try make(cls, options, interpreter, range: a.callRange)
                    }
                    return function("wrap", "cls") { b, interpreter throws(Diagnostic) in
                        try make(b.values["cls"]?.value ?? .none, options, interpreter, range: b.callRange)
                    }
                },
                "field": function("field", "*, default=None, default_factory=None, repr=True") {
                    a, _ throws(Diagnostic) in
                    .object(
                        FieldSpec(
                            defaultValue: a.values["default"]?.value, factory: a["default_factory"],
                            shown: try a.bool("repr", default: true)))
                },
                "asdict": function("asdict", "obj") { a, interpreter throws(Diagnostic) in
                    guard case .object(let instance as InstanceObject)? = a.values["obj"]?.value,
                        let fields = instance.type.lookup("__dataclass_fields__").flatMap(fieldNames)
                    else {
                        throw Diagnostic(
                            "asdict() should be called on dataclass instances", at: a.callRange, exception: "TypeError")
                    }
                    return .dict(DictBox(fields.map { (.string($0), instance.attributes[$0] ?? .none) }))
                },
            ])
    }

    /// `operator.attrgetter("price")`, `operator.itemgetter(1)`.
    static func operatorModule() -> ModuleObject {
        ModuleObject(
            "operator",
            [
                "attrgetter": function("attrgetter", "attr") { a, _ throws(Diagnostic) in
                    let name = try a.string("attr")
                    return function("attrgetter", "obj") { b, interpreter throws(Diagnostic) in
                        var value = b.values["obj"]?.value ?? .none
                        for part in name.split(separator: ".") {
                            value = try interpreter.attribute(String(part), of: value, range: b.callRange)
                        }
                        return value
                    }
                },
                "itemgetter": function("itemgetter", "*items") { a, _ throws(Diagnostic) in
                    let keys = a.rest
                    return function("itemgetter", "obj") { b, interpreter throws(Diagnostic) in
                        let container = b.values["obj"]?.value ?? .none
                        let values = try keys.map { key throws(Diagnostic) in
                            try interpreter.subscriptValue(container, [.value(key, b.callRange)], range: b.callRange)
                        }
                        return values.count == 1 ? values[0] : .tuple(values)
                    }
                },
            ])
    }

    private static func fieldNames(_ value: Value) -> [String]? {
        guard case .tuple(let names) = value else { return nil }
        return names.items.compactMap { if case .string(let name) = $0 { name } else { nil } }
    }

    private static func make(
        _ cls: Value, _ options: (initializer: Bool, repr: Bool, eq: Bool, order: Bool), _ interpreter: Interpreter,
        range: SourceRange
    ) throws(Diagnostic) -> Value {
        guard case .object(let type as ClassObject) = cls else {
            throw Diagnostic("dataclass() should be applied to a class", at: range, exception: "TypeError")
        }
        var fields: [Field] = []
        // Fields of a dataclass base come first, as in Python.
        if let base = type.base, case .object(let inherited as DataclassMethod)? = base.lookup("__init__") {
            fields = inherited.fields
        }
        let annotations: DictBox? = if case .dict(let d)? = type.members["__annotations__"] { d } else { nil }
        for case .string(let name) in annotations?.keys ?? [] {
            var field = Field(name: name, defaultValue: nil, factory: nil, shown: true)
            if let member = type.members[name] {
                if case .object(let spec as FieldSpec) = member {
                    field.defaultValue = spec.defaultValue
                    field.factory = spec.factory
                    field.shown = spec.shown
                    if let value = spec.defaultValue {
                        try type.setAttribute(name, to: value, interpreter)
                    } else {
                        type.removeMember(name)
                    }
                } else {
                    field.defaultValue = member
                }
            }
            if let index = fields.firstIndex(where: { $0.name == name }) {
                fields[index] = field
            } else {
                fields.append(field)
            }
        }
        var sawDefault = false
        for field in fields {
            if field.defaultValue != nil || field.factory != nil {
                sawDefault = true
            } else if sawDefault {
                throw Diagnostic(
                    "non-default argument '\(field.name)' follows default argument", at: range, exception: "TypeError")
            }
        }
        try type.setAttribute("__dataclass_fields__", to: .tuple(fields.map { .string($0.name) }), interpreter)
        let own = { (name: String) in type.members[name] != nil }
        if options.initializer, !own("__init__") {
            try type.setAttribute("__init__", to: .object(DataclassMethod(.initializer, fields, type)), interpreter)
        }
        if options.repr, !own("__repr__") {
            try type.setAttribute("__repr__", to: .object(DataclassMethod(.repr, fields, type)), interpreter)
        }
        if options.eq, !own("__eq__") {
            try type.setAttribute("__eq__", to: .object(DataclassMethod(.eq, fields, type)), interpreter)
        }
        if options.order {
            for (name, op) in [
                ("__lt__", ComparisonOperator.less), ("__le__", .lessEqual), ("__gt__", .greater),
                ("__ge__", .greaterEqual),
            ] {
                try type.setAttribute(name, to: .object(DataclassMethod(.order(op), fields, type)), interpreter)
            }
        }
        return cls
    }

    struct Field {
        var name: String
        var defaultValue: Value?
        var factory: Value?
        var shown: Bool
    }

    /// What `field(...)` gives, until `@dataclass` reads it.
    final class FieldSpec: PyObject {
        let defaultValue: Value?
        let factory: Value?
        let shown: Bool
        init(defaultValue: Value?, factory: Value?, shown: Bool) {
            self.defaultValue = defaultValue
            self.factory = factory
            self.shown = shown
        }
        var typeName: String { "Field" }
    }

    /// A method `@dataclass` writes: `__init__`, `__repr__`, `__eq__` or an ordering.
    final class DataclassMethod: MethodLike {
        enum Kind {
            case initializer, repr, eq
            case order(ComparisonOperator)
        }
        let kind: Kind
        let fields: [Field]
        unowned let type: ClassObject

        init(_ kind: Kind, _ fields: [Field], _ type: ClassObject) {
            self.kind = kind
            self.fields = fields
            self.type = type
        }

        var typeName: String { "function" }
        func repr(_ interpreter: Interpreter) -> String { "<function \(type.name).\(name)>" }
        private var name: String {
            switch kind {
            case .initializer: "__init__"
            case .repr: "__repr__"
            case .eq: "__eq__"
            case .order(let op):
                ["<": "__lt__", "<=": "__le__", ">": "__gt__", ">=": "__ge__"][op.rawValue] ?? "__lt__"
            }
        }

        func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
            guard case .object(let instance as InstanceObject)? = arguments.positional.first else {
                throw Diagnostic("\(name)() needs an instance", at: arguments.range, exception: "TypeError")
            }
            let rest = Array(arguments.positional.dropFirst())
            switch kind {
            case .initializer:
                try initialize(instance, rest, arguments, interpreter)
                return .none
            case .repr:
                let parts = fields.filter(\.shown).map { field in
                    "\(field.name)=\(interpreter.repr(instance.attributes[field.name] ?? .none))"
                }
                return .string("\(type.name)(\(parts.joined(separator: ", ")))")
            case .eq, .order:
                guard let other = rest.first, case .object(let that as InstanceObject) = other,
                    that.type === instance.type
                else { return .object(NotImplementedObject.shared) }
                let mine = Value.tuple(fields.map { instance.attributes[$0.name] ?? .none })
                let theirs = Value.tuple(fields.map { that.attributes[$0.name] ?? .none })
                if case .order(let op) = kind {
                    return try interpreter.compare(op, mine, theirs, range: arguments.range)
                }
                return try interpreter.compare(.equal, mine, theirs, range: arguments.range)
            }
        }

        private func initialize(
            _ instance: InstanceObject, _ positional: [Value], _ arguments: CallArguments, _ interpreter: Interpreter
        ) throws(Diagnostic) {
            guard positional.count <= fields.count else {
                throw Diagnostic(
                    "\(type.name).__init__() takes \(fields.count + 1) positional arguments but "
                        + "\(positional.count + 1) were given", at: arguments.range, exception: "TypeError")
            }
            var values: [String: Value] = [:]
            for (field, value) in zip(fields, positional) { values[field.name] = value }
            for keyword in arguments.keywords {
                guard fields.contains(where: { $0.name == keyword.name }) else {
                    throw Diagnostic(
                        "\(type.name).__init__() got an unexpected keyword argument '\(keyword.name)'",
                        at: keyword.range, exception: "TypeError")
                }
                guard values[keyword.name] == nil else {
                    throw Diagnostic(
                        "\(type.name).__init__() got multiple values for argument '\(keyword.name)'",
                        at: keyword.range, exception: "TypeError")
                }
                values[keyword.name] = keyword.value
            }
            let missing = fields.filter { values[$0.name] == nil && $0.defaultValue == nil && $0.factory == nil }
            if !missing.isEmpty {
                let names = missing.map { "'\($0.name)'" }
                let list =
                    names.count == 1
                    ? names[0] : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
                throw Diagnostic(
                    "\(type.name).__init__() missing \(missing.count) required positional argument"
                        + "\(missing.count == 1 ? "" : "s"): \(list)", at: arguments.range, exception: "TypeError")
            }
            for field in fields {
                var value = values[field.name] ?? field.defaultValue ?? .none
                if values[field.name] == nil, let factory = field.factory {
                    value = try interpreter.callValue(factory, [], range: arguments.range)
                }
                try instance.setAttribute(field.name, to: value, interpreter)
            }
            if let post = type.lookup("__post_init__") {
                _ = try interpreter.callMethod(post, on: .object(instance), CallArguments(range: arguments.range))
            }
        }
    }
}
