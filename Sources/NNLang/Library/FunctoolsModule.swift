/// `functools`: `wraps`, `partial`, `reduce`, and `lru_cache`/`cache` (which remember results by
/// their arguments, as CPython's `_lru_cache_wrapper` does; see `CachedFunction`).
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
                "lru_cache": function("lru_cache", "maxsize=128, typed=False") { a, _ throws(Diagnostic) in
                    let typed = try a.bool("typed", default: false)
                    let given = a.values["maxsize"]?.value ?? .int(128)
                    if case .object(let callee) = given, callee is CallableObject {
                        return .object(CachedFunction(given, maxsize: 128, typed: typed))
                    }
                    let maxsize: Int?
                    switch given {
                    case .none: maxsize = nil
                    case .int(let n): maxsize = max(n, 0)
                    case .bool(let b): maxsize = b ? 1 : 0
                    default:
                        throw Diagnostic(
                            "Expected first argument to be an integer, a callable, or None", at: a.range("maxsize"),
                            exception: "TypeError")
                    }
                    return function("decorating_function", "user_function") { b, _ in
                        .object(
                            CachedFunction(b.values["user_function"]?.value ?? .none, maxsize: maxsize, typed: typed))
                    }
                },
                "total_ordering": function("total_ordering", "cls") { a, interpreter throws(Diagnostic) in
                    try TotalOrdering.complete(a.values["cls"]?.value ?? .none, interpreter, range: a.callRange)
                },
                "cache": function("cache", "user_function") { a, _ in
                    .object(CachedFunction(a.values["user_function"]?.value ?? .none, maxsize: nil, typed: false))
                },
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
