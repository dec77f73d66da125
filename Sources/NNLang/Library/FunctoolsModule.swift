/// `functools`: `wraps`, `partial`, `reduce`, and `lru_cache`/`cache` (which run the function each
/// time: same results, without the memory).
enum FunctoolsModule {
    static func module() -> ModuleObject {
        ModuleObject(
            "functools",
            [
                "wraps": function("wraps", "wrapped") { a, _ in
                    let wrapped = a.values["wrapped"]?.value ?? .none
                    return function("decorator", "wrapper") { b, _ in
                        let wrapper = b.values["wrapper"]?.value ?? .none
                        if case .object(let target as UserFunction) = wrapper {
                            if case .object(let original as UserFunction) = wrapped {
                                target.name = original.name
                                target.docstring = original.docstring
                            } else if case .object(let original as BuiltinFunction) = wrapped {
                                target.name = original.name
                            }
                        }
                        return wrapper
                    }
                },
                "partial": function("partial", "func, *args, **keywords") { a, _ in
                    .object(
                        PartialObject(
                            function: a.values["func"]?.value ?? .none, arguments: a.rest,
                            keywords: a.keywords))
                },
                "reduce": function("reduce", "function, iterable, initial=None") { a, interpreter throws(Diagnostic) in
                    let callee = a.values["function"]?.value ?? .none
                    var items = try interpreter.iterate(
                        a.values["iterable"]?.value ?? .none, range: a.range("iterable"))[...]
                    var accumulator: Value
                    if let initial = a.values["initial"]?.value {
                        accumulator = initial
                    } else if let first = items.popFirst() {
                        accumulator = first
                    } else {
                        throw Diagnostic(
                            "reduce() of empty iterable with no initial value", at: a.callRange,
                            exception: "TypeError")
                    }
                    for item in items {
                        accumulator = try interpreter.callValue(callee, [accumulator, item], range: a.callRange)
                    }
                    return accumulator
                },
                "lru_cache": function("lru_cache", "maxsize=128, typed=False") { a, _ in
                    if case .object(let callee) = a.values["maxsize"]?.value ?? .none, callee is CallableObject {
                        return a.values["maxsize"]?.value ?? .none
                    }
                    return function("decorating_function", "user_function") { b, _ in
                        b.values["user_function"]?.value ?? .none
                    }
                },
                "cache": function("cache", "user_function") { a, _ in a.values["user_function"]?.value ?? .none },
            ])
    }
}

/// `functools.partial(f, 1, b=2)`: calling it calls `f` with those arguments first.
final class PartialObject: CallableObject {
    let function: Value
    let arguments: [Value]
    let keywords: [(name: String, value: Value)]

    init(function: Value, arguments: [Value], keywords: [(name: String, value: Value)]) {
        self.function = function
        self.arguments = arguments
        self.keywords = keywords
    }

    var typeName: String { "functools.partial" }
    func repr(_ interpreter: Interpreter) -> String {
        let parts =
            [interpreter.repr(function)] + arguments.map { interpreter.repr($0) }
            + keywords.map { "\($0.name)=\(interpreter.repr($0.value))" }
        return "functools.partial(\(parts.joined(separator: ", ")))"
    }
    var attributeNames: [String] { ["func", "args", "keywords"] }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "func": function
        case "args": .tuple(arguments)
        case "keywords": .dict(DictBox(keywords.map { (.string($0.name), $0.value) }))
        default: nil
        }
    }

    func call(_ given: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        guard case .object(let callee as CallableObject) = function else {
            throw Diagnostic("'\(function.typeName)' object is not callable", at: given.range, exception: "TypeError")
        }
        var all = given
        all.positional = arguments + given.positional
        all.positionalRanges = arguments.map { _ in given.range } + given.positionalRanges
        let overridden = Set(given.keywords.map(\.name))
        all.keywords =
            keywords.filter { !overridden.contains($0.name) }.map { ($0.name, $0.value, given.range) }
            + given.keywords
        return try callee.call(all, interpreter)
    }
}
