/// Decorators (`@name`, `@name(arguments)` before `def` and `class`) and the built-in ones methods
/// use: `staticmethod`, `classmethod` and `property` (with `.setter`).
extension Interpreter {
    /// Evaluates the decorators (top to bottom), makes the function or class, then applies them
    /// from the innermost out, and binds the name to what the last one returns, as Python does.
    func executeDecorated(_ decorators: [Expression], _ definition: Statement) throws(Diagnostic) -> Flow {
        var functions: [Value] = []
        for decorator in decorators { functions.append(try evaluate(decorator)) }
        var value: Value
        let name: String
        switch definition {
        case .functionDefinition(let defined, let parameters, let body, let range):
            name = defined
            value = .object(try makeFunction(defined, parameters, body: body, range: range))
        case .classDefinition(let defined, let base, let body, let range):
            name = defined
            value = .object(try makeClass(defined, base: base, body: body, range: range))
        default:
            return try execute(definition)
        }
        for (function, expression) in zip(functions, decorators).reversed() {
            value = try callValue(function, [value], range: expression.range)
        }
        try bind(name, to: value)
        return .next(nil)
    }

    /// A class member as seen from an instance: methods bound to it, properties read.
    func instanceMember(_ member: Value, of instance: InstanceObject) throws(Diagnostic) -> Value {
        switch member {
        case .object(let function as UserFunction):
            return .object(BoundMethod(receiver: .object(instance), function: function))
        case .object(let method as StaticMethodObject): return method.function
        case .object(let method as MethodLike):
            return .object(BoundCallable(receiver: .object(instance), method: method))
        case .object(let method as ClassMethodObject): return boundToClass(method.function, instance.type)
        case .object(let property as PropertyObject):
            guard let getter = property.getter else {
                throw Diagnostic(
                    "property of '\(instance.type.name)' object has no getter", at: nil,
                    exception: "AttributeError")
            }
            return try callMethod(getter, on: .object(instance), CallArguments(range: Self.nowhere))
        default: return member
        }
    }

    /// A class member as seen from the class: class methods bound to it, static methods unwrapped.
    func classMember(_ member: Value, of type: ClassObject) -> Value {
        switch member {
        case .object(let method as StaticMethodObject): method.function
        case .object(let method as ClassMethodObject): boundToClass(method.function, type)
        default: member
        }
    }

    private func boundToClass(_ function: Value, _ type: ClassObject) -> Value {
        if case .object(let user as UserFunction) = function {
            return .object(BoundMethod(receiver: .object(type), function: user))
        }
        return function
    }

    static let nowhere = SourceRange(SourceLocation(line: 1, column: 1), SourceLocation(line: 1, column: 1))
}

/// `@staticmethod`: a function in a class that gets no `self`.
final class StaticMethodObject: CallableObject {
    let function: Value
    init(_ function: Value) { self.function = function }
    var typeName: String { "staticmethod" }
    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        guard case .object(let callee as CallableObject) = function else { return .none }
        return try callee.call(arguments, interpreter)
    }
}

/// `@classmethod`: a function in a class that gets the class as its first argument.
final class ClassMethodObject: PyObject {
    let function: Value
    init(_ function: Value) { self.function = function }
    var typeName: String { "classmethod" }
}

/// `@property`: an attribute computed by a method, optionally with a setter (`@name.setter`).
final class PropertyObject: PyObject {
    let getter: Value?
    let setter: Value?
    init(getter: Value?, setter: Value?) {
        self.getter = getter
        self.setter = setter
    }
    var typeName: String { "property" }
    func repr(_ interpreter: Interpreter) -> String { "<property object>" }
    var attributeNames: [String] { ["setter", "getter", "fget", "fset"] }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "setter":
            return function("setter", "fset") { [getter] a, _ in
                .object(PropertyObject(getter: getter, setter: a.values["fset"]?.value))
            }
        case "getter":
            return function("getter", "fget") { [setter] a, _ in
                .object(PropertyObject(getter: a.values["fget"]?.value, setter: setter))
            }
        case "fget": return getter ?? Value.none
        case "fset": return setter ?? Value.none
        default: return nil
        }
    }
}

extension Builtins {
    /// `staticmethod`, `classmethod`, `property`.
    static func decoratorFunctions() -> [String: Value] {
        [
            "staticmethod": function("staticmethod", "function") { a, _ in
                .object(StaticMethodObject(a.values["function"]?.value ?? .none))
            },
            "classmethod": function("classmethod", "function") { a, _ in
                .object(ClassMethodObject(a.values["function"]?.value ?? .none))
            },
            "property": function("property", "fget=None, fset=None, fdel=None, doc=None") { a, _ in
                .object(PropertyObject(getter: a["fget"], setter: a["fset"]))
            },
        ]
    }
}
