/// What `functools.lru_cache` and `functools.cache` make of a function: calls with equal hashable
/// arguments give the remembered result. Keys are made as CPython's `_make_key` makes them (a lone
/// int or str argument is its own key, else the tuple of the arguments, then a marker and the keyword
/// pairs, then the types when `typed=True`), so `f(1)` and `f(1.0)` are two entries, as in Python.
/// With a `maxsize` the least recently used result is dropped first; `maxsize=0` remembers nothing.
final class CachedFunction: CallableObject {
    /// One remembered call, in a list from least to most recently used.
    private final class Entry {
        let key: Value
        let hash: Int
        let result: Value
        var older: Entry?
        weak var newer: Entry?
        init(key: Value, hash: Int, result: Value) {
            self.key = key
            self.hash = hash
            self.result = result
        }
    }

    /// The separator between positional and keyword arguments in a key (CPython's `kwd_mark`).
    private final class KeywordMark: PyObject {
        var typeName: String { "object" }
    }
    private let keywordMark = KeywordMark()

    let function: Value
    let maxsize: Int?
    let typed: Bool
    private var buckets: [Int: [Entry]] = [:]
    private var oldest: Entry?
    private var newest: Entry?
    private var count = 0
    private var hits = 0
    private var misses = 0

    init(_ function: Value, maxsize: Int?, typed: Bool) {
        self.function = function
        self.maxsize = maxsize
        self.typed = typed
    }

    deinit { clear() }

    var typeName: String { "functools._lru_cache_wrapper" }
    func repr(_ interpreter: Interpreter) -> String { "<functools._lru_cache_wrapper object>" }
    var attributeNames: [String] { ["cache_info", "cache_clear", "cache_parameters", "__wrapped__"] }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "cache_info":
            return NNLang.function("cache_info", "") { [self] _, _ in
                let info = NamedTupleType(
                    name: "CacheInfo", fields: ["hits", "misses", "maxsize", "currsize"], defaults: [])
                let box = TupleBox([.int(hits), .int(misses), maxsize.map { .int($0) } ?? .none, .int(count)])
                box.namedType = info
                return .tuple(box)
            }
        case "cache_clear":
            return NNLang.function("cache_clear", "") { [self] _, _ in
                clear()
                hits = 0
                misses = 0
                return .none
            }
        case "cache_parameters":
            return NNLang.function("cache_parameters", "") { [self] _, _ in
                .dict(
                    DictBox([(.string("maxsize"), maxsize.map { .int($0) } ?? .none), (.string("typed"), .bool(typed))])
                )
            }
        case "__wrapped__": return function
        case "__name__", "__doc__", "__qualname__", "__module__":
            if case .object(let object) = function { return try object.attribute(name, interpreter) }
            return nil
        default: return nil
        }
    }

    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        guard case .object(let callee as CallableObject) = function else {
            throw Diagnostic(
                "'\(function.typeName)' object is not callable", at: arguments.range, exception: "TypeError")
        }
        if maxsize == 0 {
            misses += 1
            return try callee.call(arguments, interpreter)
        }
        let key = makeKey(arguments)
        let hash = try PythonHash.hash(key, range: arguments.range)
        if let entry = buckets[hash]?.first(where: { pythonEquals($0.key, key) }) {
            hits += 1
            moveToNewest(entry)
            return entry.result
        }
        misses += 1
        let result = try callee.call(arguments, interpreter)
        // A recursive call may have stored this key meanwhile: keep that entry, as CPython does.
        if buckets[hash]?.contains(where: { pythonEquals($0.key, key) }) == true { return result }
        let entry = Entry(key: key, hash: hash, result: result)
        buckets[hash, default: []].append(entry)
        append(entry)
        count += 1
        if let maxsize, count > maxsize, let evicted = oldest { remove(evicted) }
        return result
    }

    private func makeKey(_ arguments: CallArguments) -> Value {
        if !typed, arguments.keywords.isEmpty, arguments.positional.count == 1 {
            switch arguments.positional[0] {
            case .int, .string: return arguments.positional[0]
            default: break
            }
        }
        var items = arguments.positional
        if !arguments.keywords.isEmpty {
            items.append(.object(keywordMark))
            for keyword in arguments.keywords { items += [.string(keyword.name), keyword.value] }
        }
        if typed {
            items += arguments.positional.map { .string("<type \($0.typeName)>") }
            items += arguments.keywords.map { .string("<type \($0.value.typeName)>") }
        }
        return .tuple(items)
    }

    private func append(_ entry: Entry) {
        entry.older = newest
        newest?.newer = entry
        newest = entry
        if oldest == nil { oldest = entry }
    }

    private func unlink(_ entry: Entry) {
        if let newer = entry.newer { newer.older = entry.older } else { newest = entry.older }
        if let older = entry.older { older.newer = entry.newer } else { oldest = entry.newer }
        entry.older = nil
        entry.newer = nil
    }

    private func moveToNewest(_ entry: Entry) {
        guard newest !== entry else { return }
        unlink(entry)
        append(entry)
    }

    private func remove(_ entry: Entry) {
        unlink(entry)
        buckets[entry.hash]?.removeAll { $0 === entry }
        if buckets[entry.hash]?.isEmpty == true { buckets[entry.hash] = nil }
        count -= 1
    }

    /// Forgets every result; the list is unlinked from the oldest end so no long chain is freed recursively.
    private func clear() {
        while let entry = oldest {
            oldest = entry.newer
            entry.older = nil
            entry.newer = nil
        }
        newest = nil
        buckets = [:]
        count = 0
    }
}

/// A callable that, kept in a class, binds to the instance it is taken from as a `def` does
/// (an `lru_cache`d method, the comparisons `functools.total_ordering` adds).
protocol MethodLike: CallableObject {}

extension CachedFunction: MethodLike {}

/// A `MethodLike` taken from an instance (`self.cached_method`): calling it passes the instance first.
final class BoundCallable: CallableObject {
    let receiver: Value
    let method: MethodLike
    init(receiver: Value, method: MethodLike) {
        self.receiver = receiver
        self.method = method
    }
    var typeName: String { "method" }
    func repr(_ interpreter: Interpreter) -> String {
        "<bound method \(method.repr(interpreter)) of \(interpreter.repr(receiver))>"
    }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        try method.attribute(name, interpreter)
    }
    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        try interpreter.callMethod(.object(method), on: receiver, arguments)
    }
}
