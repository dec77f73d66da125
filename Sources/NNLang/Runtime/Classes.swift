/// Classes written in the program: `class Name(Base):` with methods, class attributes, single
/// inheritance, `super()`, and the special methods beginner code defines (`__init__`, `__repr__`,
/// `__str__`, `__len__`, `__getitem__`, `__call__`).
final class ClassObject: CallableObject {
    let name: String
    let base: ClassObject?
    private(set) var members: [String: Value]
    let docstring: String?
    /// For a class deriving from an exception class (`class MyError(ValueError)`), its parent's name.
    var exceptionParent: String?
    /// The interpreter that makes its instances: it runs `__eq__` and `__hash__` for dicts and sets.
    weak var interpreter: Interpreter?

    init(name: String, base: ClassObject?, members: [String: Value], docstring: String?) {
        self.name = name
        self.base = base
        self.members = members
        self.docstring = docstring
    }

    deinit {
        var items = Array(members.values)
        members = [:]
        Dismantler.release(&items)
    }

    var typeName: String { "type" }
    func repr(_ interpreter: Interpreter) -> String { "<class '__main__.\(name)'>" }

    /// A member found on this class or its bases.
    func lookup(_ member: String) -> Value? {
        var current: ClassObject? = self
        while let c = current {
            if let value = c.members[member] { return value }
            current = c.base
        }
        return nil
    }

    func isSubclass(of other: ClassObject) -> Bool {
        var current: ClassObject? = self
        while let c = current {
            if c === other { return true }
            current = c.base
        }
        return false
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "__name__": .string(self.name)
        case "__doc__": docstring.map { .string($0) } ?? Value.none
        default: lookup(name).map { interpreter.classMember($0, of: self) }
        }
    }
    var attributeNames: [String] {
        var names: [String] = []
        var current: ClassObject? = self
        while let c = current {
            names += c.members.keys
            current = c.base
        }
        return names
    }
    func setAttribute(_ name: String, to value: Value, _ interpreter: Interpreter) throws(Diagnostic) {
        members[name] = value
    }
    func removeMember(_ name: String) { members[name] = nil }

    var isException: Bool { exceptionParent != nil }

    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let instance = InstanceObject(self)
        self.interpreter = interpreter
        // As BaseException.__new__: the arguments are the exception's args, whatever __init__ does.
        if isException { try instance.setAttribute("args", to: .tuple(arguments.positional), interpreter) }
        if let initializer = lookup("__init__") {
            let result = try interpreter.callMethod(initializer, on: .object(instance), arguments)
            guard result.isNone else {
                throw Diagnostic(
                    "__init__() should return None, not '\(result.typeName)'", at: arguments.range,
                    exception: "TypeError")
            }
        } else if !isException, !arguments.positional.isEmpty || !arguments.keywords.isEmpty {
            throw Diagnostic("\(name)() takes no arguments", at: arguments.range, exception: "TypeError")
        }
        return .object(instance)
    }
}

/// An object made by calling a program's class: its own attributes, then its class's.
final class InstanceObject: CallableObject, SubscriptableObject {
    let type: ClassObject
    private(set) var attributes: [String: Value] = [:]
    /// An exception's `__cause__` and `__context__`, made when first asked for.
    var exceptionLinks: ExceptionLinks? {
        if links == nil, type.isException { links = ExceptionLinks() }
        return links
    }
    private var links: ExceptionLinks?

    init(_ type: ClassObject) { self.type = type }

    deinit {
        var items = Array(attributes.values)
        attributes = [:]
        Dismantler.release(&items)
    }

    var typeName: String { type.name }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        if let value = attributes[name] { return value }
        if name == "__class__" { return .object(type) }
        if name == "__dict__" { return .dict(DictBox(attributes.map { (.string($0.key), $0.value) })) }
        guard let member = type.lookup(name) else { return exceptionLinks?.attribute(name) }
        return try interpreter.instanceMember(member, of: self)
    }
    var attributeNames: [String] { Array(attributes.keys) + type.attributeNames }
    func setAttribute(_ name: String, to value: Value, _ interpreter: Interpreter) throws(Diagnostic) {
        if case .object(let property as PropertyObject)? = type.lookup(name) {
            guard let setter = property.setter else {
                throw Diagnostic(
                    "property '\(name)' of '\(type.name)' object has no setter", at: nil,
                    exception: "AttributeError")
            }
            _ = try interpreter.callMethod(
                setter, on: .object(self),
                CallArguments(
                    positional: [value],
                    positionalRanges: [Interpreter.nowhere], range: Interpreter.nowhere))
            return
        }
        attributes[name] = value
    }
    func removeAttribute(_ name: String) -> Bool { attributes.removeValue(forKey: name) != nil }

    /// The text a special method gives, or nil when the class has none (or it fails).
    private func special(_ name: String, _ interpreter: Interpreter) -> String? {
        guard let method = type.lookup(name),
            let value = try? interpreter.callMethod(method, on: .object(self), CallArguments(range: Self.noPlace)),
            case .string(let text) = value
        else { return nil }
        return text
    }
    private static let noPlace = SourceRange(SourceLocation(line: 1, column: 1), SourceLocation(line: 1, column: 1))
    func repr(_ interpreter: Interpreter) -> String {
        if let text = special("__repr__", interpreter) { return text }
        if type.isException {
            let arguments = exceptionArguments
            let inner =
                arguments.count == 1
                ? interpreter.repr(arguments[0])
                : arguments.map { interpreter.repr($0) }.joined(separator: ", ")
            return "\(type.name)(\(inner))"
        }
        return "<__main__.\(type.name) object>"
    }
    func str(_ interpreter: Interpreter) -> String {
        if let text = special("__str__", interpreter) { return text }
        if type.isException {
            let arguments = exceptionArguments
            switch arguments.count {
            case 0: return ""
            case 1: return interpreter.str(arguments[0])
            default: return interpreter.repr(.tuple(arguments))
            }
        }
        return repr(interpreter)
    }

    /// An exception's `args`.
    var exceptionArguments: [Value] {
        if case .tuple(let items) = attributes["args"] { return items.items }
        return []
    }

    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        guard let method = type.lookup("__call__") else {
            throw Diagnostic("'\(type.name)' object is not callable", at: arguments.range, exception: "TypeError")
        }
        return try interpreter.callMethod(method, on: .object(self), arguments)
    }

    func subscriptItem(_ index: [IndexItem], _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> Value
    {
        guard let method = type.lookup("__getitem__") else {
            throw Diagnostic("'\(type.name)' object is not subscriptable", at: range, exception: "TypeError")
        }
        let key: Value
        let keyRange: SourceRange
        switch index.count == 1 ? index[0] : .ellipsis {
        case .value(let value, let valueRange): (key, keyRange) = (value, valueRange)
        // `obj[a:b]` passes a slice object, as Python does (it can be passed on: `self.items[key]`).
        case .slice(let start, let stop, let step): (key, keyRange) = (.object(SliceObject(start, stop, step)), range)
        default: throw Diagnostic("this index of objects is not supported", at: range)
        }
        return try interpreter.callMethod(
            method, on: .object(self),
            CallArguments(positional: [key], positionalRanges: [keyRange], range: range))
    }
}

/// A function taken from an instance (`model.forward`): calling it passes the instance as `self`.
final class BoundMethod: CallableObject {
    let receiver: Value
    let function: UserFunction
    init(receiver: Value, function: UserFunction) {
        self.receiver = receiver
        self.function = function
    }
    var typeName: String { "method" }
    func repr(_ interpreter: Interpreter) -> String {
        "<bound method \(function.owner?.name ?? "").\(function.name) of \(interpreter.repr(receiver))>"
    }
    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        try interpreter.callMethod(.object(function), on: receiver, arguments)
    }
}

/// What `super()` gives inside a method: the base classes' members, bound to the same instance.
final class SuperProxy: PyObject {
    let start: ClassObject?
    let receiver: Value
    init(start: ClassObject?, receiver: Value) {
        self.start = start
        self.receiver = receiver
    }
    var typeName: String { "super" }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        if name == "__init__", start?.lookup(name) == nil {
            // object.__init__, or BaseException.__init__ setting the exception's args.
            let receiver = receiver
            let signature = Signature([.variadic("args")])
            return .object(
                BuiltinFunction("__init__", signature) { a, interpreter throws(Diagnostic) in
                    if case .object(let instance as InstanceObject) = receiver, instance.type.isException {
                        try instance.setAttribute("args", to: .tuple(a.rest), interpreter)
                    }
                    return .none
                })
        }
        guard let member = start?.lookup(name) else { return nil }
        if case .object(let function as UserFunction) = member {
            return .object(BoundMethod(receiver: receiver, function: function))
        }
        return member
    }
}

extension Interpreter {
    /// Calls a method with `receiver` as its first argument.
    func callMethod(_ method: Value, on receiver: Value, _ arguments: CallArguments) throws(Diagnostic) -> Value {
        guard case .object(let object) = method, let function = object as? CallableObject else {
            throw Diagnostic("'\(method.typeName)' object is not callable", at: arguments.range, exception: "TypeError")
        }
        var withReceiver = arguments
        withReceiver.positional.insert(receiver, at: 0)
        withReceiver.positionalRanges.insert(arguments.range, at: 0)
        return try function.call(withReceiver, self)
    }

    /// Runs a class body in its own namespace and makes the class.
    func makeClass(_ name: String, base: Expression?, body: [Statement], range: SourceRange) throws(Diagnostic)
        -> ClassObject
    {
        var baseClass: ClassObject?
        var exceptionParent: String?
        if let base {
            let value = try evaluate(base)
            switch value {
            case .object(let object as ClassObject):
                baseClass = object
                if object.isException { exceptionParent = object.name }
            case .object(let object as ExceptionClass): exceptionParent = object.name
            default:
                if case .object(let type as TypeObject) = value, type.name == "object" { break }
                throw Diagnostic(
                    "a base class must be a class, not \(value.typeName)", at: base.range,
                    exception: "TypeError")
            }
        }
        var docstring: String?
        var statements = body
        if case .expression(.string(let text, _)) = body.first {
            docstring = text
            statements.removeFirst()
        }
        // `x: int` lines in the body record their names in `__annotations__` (for `dataclasses`).
        let annotations = DictBox()
        let environment = Environment(
            values: ["__annotations__": .dict(annotations)], scope: FunctionScope(parameters: [], body: statements),
            parent: definingEnvironment)
        environment.isClassBody = true
        _ = try callFrame(environment, function: name, range: range) { () throws(Diagnostic) in
            _ = try executeBlock(statements)
            return .none
        }
        var members = environment.values
        if annotations.count == 0, case .dict(let kept)? = members["__annotations__"], kept === annotations {
            members["__annotations__"] = nil
        }
        // As Python's type(): a class that defines __eq__ but not __hash__ gets __hash__ = None.
        if members["__eq__"] != nil, members["__hash__"] == nil { members["__hash__"] = Value.none }
        let made = ClassObject(name: name, base: baseClass, members: members, docstring: docstring)
        if let exceptionParent {
            made.exceptionParent = exceptionParent
            language.exceptionParents[name] = exceptionParent
        }
        for value in environment.values.values {
            var inner = [value]
            if case .object(let method as StaticMethodObject) = value { inner = [method.function] }
            if case .object(let method as ClassMethodObject) = value { inner = [method.function] }
            if case .object(let property as PropertyObject) = value {
                inner = [property.getter, property.setter].compactMap { $0 }
            }
            for case .object(let function as UserFunction) in inner { function.owner = made }
        }
        return made
    }

    /// `super()` inside a method: the class that defined the running method, and its first argument.
    func superProxy(range: SourceRange) throws(Diagnostic) -> Value {
        guard let environment = frames.last, let function = environment.function, let owner = function.owner,
            let first = function.parameters.first, let receiver = environment[first.name]
        else {
            throw Diagnostic("super(): no arguments", at: range, exception: "RuntimeError")
        }
        return .object(SuperProxy(start: owner.base, receiver: receiver))
    }
}
