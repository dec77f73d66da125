/// Instances of the program's classes inside dicts, sets and other containers: a class's `__eq__` and
/// `__hash__` decide whether two keys are the same (`{P(1, 2): 'a'}[P(1, 2)]`, `P(1, 2) in {P(1, 2)}`,
/// `[P(1, 2)] == [P(1, 2)]`), as in Python.
///
/// Container equality (`pythonEquals`) and hashing (`PythonHash`) are plain functions with no
/// interpreter at hand; the class remembers the interpreter that makes its instances, and that one runs
/// the methods. An error inside `__eq__` reached this way counts as "not equal" (Python would raise it).
enum UserEquality {
    /// The instance, if `value` is an instance of a program's class that defines `__eq__`.
    static func instance(_ value: Value) -> InstanceObject? {
        guard case .object(let instance as InstanceObject) = value, !instance.type.isException,
            instance.type.lookup("__eq__") != nil
        else { return nil }
        return instance
    }

    /// Whether `a == b` is the program's code to answer (one side is such an instance, not both the same).
    static func decides(_ a: Value, _ b: Value) -> Bool {
        if case .object(let x) = a, case .object(let y) = b, x === y { return false }
        return instance(a) != nil || instance(b) != nil
    }

    /// `a == b` by the class's `__eq__` (and the reflected one, as the interpreter's `==` does).
    static func equals(_ a: Value, _ b: Value) -> Bool {
        guard let interpreter = (instance(a) ?? instance(b))?.type.interpreter else { return false }
        let range = Interpreter.nowhere
        guard let result = try? interpreter.compare(.equal, a, b, range: range) else { return false }
        return (try? interpreter.truth(result, range: range)) ?? false
    }

    /// The class's `__hash__` of an instance, nil for identity (no `__hash__`, no `__eq__`); a class
    /// with `__eq__` and no `__hash__` makes unhashable instances.
    static func hash(_ instance: InstanceObject, range: SourceRange?) throws(Diagnostic) -> Int? {
        guard !instance.type.isException, let interpreter = instance.type.interpreter else { return nil }
        return try interpreter.instanceHash(instance, range: range ?? Interpreter.nowhere)
    }
}
