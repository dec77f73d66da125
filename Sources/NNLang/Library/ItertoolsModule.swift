/// An iterator written in Swift: each item made when asked for (`itertools.count`, a lazy `zip`, …).
final class NativeIterator: LazyIterator {
    let typeName: String
    private var body: ((Interpreter) throws(Diagnostic) -> Value?)?

    init(_ typeName: String, _ body: @escaping (Interpreter) throws(Diagnostic) -> Value?) {
        self.typeName = typeName
        self.body = body
    }

    func repr(_ interpreter: Interpreter) -> String { "<\(typeName) object>" }

    func next(_ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        guard let body else { return nil }
        if let item = try body(interpreter) { return item }
        self.body = nil  // exhausted for good, and what it held is freed
        return nil
    }
}

/// `itertools`: `count`, `repeat`, `cycle`, `chain`, `islice` and `zip_longest` lazily (so endless ones
/// work with `break`, `islice` and `zip`); `product`, `combinations`, `permutations` and `accumulate`
/// worked out at once from their finite inputs.
enum ItertoolsModule {
    static func module() -> ModuleObject {
        ModuleObject(
            "itertools",
            [
                "count": function("count", "start=0, step=1") { a, interpreter throws(Diagnostic) in
                    var current = a.values["start"]?.value ?? .int(0)
                    let step = a.values["step"]?.value ?? .int(1)
                    let range = a.callRange
                    return .object(
                        NativeIterator("itertools.count") { interpreter throws(Diagnostic) in
                            defer { current = (try? interpreter.binary(.add, current, step, range: range)) ?? current }
                            return current
                        })
                },
                "groupby": function("groupby", "iterable, key=None") { a, interpreter throws(Diagnostic) in
                    // Runs of items with equal keys, each as (key, the run's items); worked out at once.
                    let items = try interpreter.iterate(
                        a.values["iterable"]?.value ?? .none, range: a.range("iterable"))
                    let key = a.values["key"]?.value ?? .none
                    var groups: [(Value, [Value])] = []
                    for item in items {
                        let k = key.isNone ? item : try interpreter.callValue(key, [item], range: a.callRange)
                        if let last = groups.last,
                            try interpreter.truth(
                                try interpreter.compare(.equal, last.0, k, range: a.callRange), range: a.callRange)
                        {
                            groups[groups.count - 1].1.append(item)
                        } else {
                            groups.append((k, [item]))
                        }
                    }
                    var position = 0
                    return .object(
                        NativeIterator("itertools.groupby") { _ in
                            guard position < groups.count else { return nil }
                            defer { position += 1 }
                            var run = groups[position].1[...]
                            let grouper = NativeIterator("itertools._grouper") { _ in run.popFirst() }
                            return .tuple([groups[position].0, .object(grouper)])
                        })
                },
                "starmap": function("starmap", "function, iterable") { a, interpreter throws(Diagnostic) in
                    let callee = a.values["function"]?.value ?? .none
                    let cursor = try ItemCursor(
                        a.values["iterable"]?.value ?? .none, interpreter, range: a.range("iterable"))
                    let range = a.callRange
                    return .object(
                        NativeIterator("itertools.starmap") { interpreter throws(Diagnostic) in
                            guard let item = try cursor.next(interpreter) else { return nil }
                            return try interpreter.callValue(
                                callee, try interpreter.iterate(item, range: range), range: range)
                        })
                },
                "compress": function("compress", "data, selectors") { a, interpreter throws(Diagnostic) in
                    let data = try ItemCursor(a.values["data"]?.value ?? .none, interpreter, range: a.range("data"))
                    let selectors = try ItemCursor(
                        a.values["selectors"]?.value ?? .none, interpreter, range: a.range("selectors"))
                    let range = a.callRange
                    return .object(
                        NativeIterator("itertools.compress") { interpreter throws(Diagnostic) in
                            while let item = try data.next(interpreter), let selector = try selectors.next(interpreter)
                            {
                                if try interpreter.truth(selector, range: range) { return item }
                            }
                            return nil
                        })
                },
                "repeat": function("repeat", "object, times=None") { a, _ throws(Diagnostic) in
                    let value = a.values["object"]?.value ?? .none
                    var left = try a.optionalInt("times")
                    return .object(
                        NativeIterator("itertools.repeat") { _ in
                            if let remaining = left {
                                guard remaining > 0 else { return nil }
                                left = remaining - 1
                            }
                            return value
                        })
                },
                "cycle": function("cycle", "iterable") { a, interpreter throws(Diagnostic) in
                    let cursor = try ItemCursor(
                        a.values["iterable"]?.value ?? .none, interpreter, range: a.range("iterable"))
                    var saved: [Value] = []
                    var position = 0
                    var draining = true
                    return .object(
                        NativeIterator("itertools.cycle") { interpreter throws(Diagnostic) in
                            if draining {
                                if let item = try cursor.next(interpreter) {
                                    saved.append(item)
                                    return item
                                }
                                draining = false
                            }
                            guard !saved.isEmpty else { return nil }
                            defer { position = (position + 1) % saved.count }
                            return saved[position]
                        })
                },
                "chain": function("chain", "*iterables") { a, interpreter throws(Diagnostic) in
                    .object(chain(a.rest, interpreter, range: a.callRange))
                },
                "islice": function("islice", "iterable, *args") { a, interpreter throws(Diagnostic) in
                    let bounds = try a.rest.map { value throws(Diagnostic) -> Int? in
                        if value.isNone { return nil }
                        guard let integer = value.exactInteger, integer >= 0 else {
                            throw Diagnostic(
                                "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
                                at: a.callRange, exception: "ValueError")
                        }
                        return integer
                    }
                    guard (1...3).contains(bounds.count) else {
                        throw Diagnostic("islice expected 2 to 4 arguments", at: a.callRange, exception: "TypeError")
                    }
                    let start = bounds.count == 1 ? 0 : bounds[0] ?? 0
                    let stop = bounds.count == 1 ? bounds[0] : bounds[1]
                    let step = bounds.count == 3 ? bounds[2] ?? 1 : 1
                    let cursor = try ItemCursor(
                        a.values["iterable"]?.value ?? .none, interpreter, range: a.range("iterable"))
                    var index = 0
                    var next = start
                    return .object(
                        NativeIterator("itertools.islice") { interpreter throws(Diagnostic) in
                            while true {
                                if let stop, next >= stop { return nil }
                                try interpreter.checkInterrupted(a.callRange)
                                guard let item = try cursor.next(interpreter) else { return nil }
                                index += 1
                                if index - 1 == next {
                                    next += max(step, 1)
                                    return item
                                }
                            }
                        })
                },
                "zip_longest": function("zip_longest", "*iterables, fillvalue=None") {
                    a, interpreter throws(Diagnostic) in
                    let fill = a.values["fillvalue"]?.value ?? .none
                    let cursors = try a.rest.enumerated().map { index, value throws(Diagnostic) in
                        try ItemCursor(value, interpreter, range: a.restRange(index))
                    }
                    var active = Array(repeating: true, count: cursors.count)
                    return .object(
                        NativeIterator("itertools.zip_longest") { interpreter throws(Diagnostic) in
                            var items: [Value] = []
                            for (index, cursor) in cursors.enumerated() {
                                if active[index], let item = try cursor.next(interpreter) {
                                    items.append(item)
                                } else {
                                    active[index] = false
                                    items.append(fill)
                                }
                            }
                            return active.contains(true) ? .tuple(items) : nil
                        })
                },
                "product": function("product", "*iterables, repeat=1") { a, interpreter throws(Diagnostic) in
                    var pools = try a.rest.enumerated().map { index, value throws(Diagnostic) in
                        try interpreter.iterate(value, range: a.restRange(index))
                    }
                    let times = try a.int("repeat", default: 1)
                    pools = Array(Array(repeating: pools, count: max(times, 0)).joined())
                    var results: [[Value]] = [[]]
                    for pool in pools {
                        let (next, overflow) = results.count.multipliedReportingOverflow(by: pool.count)
                        try MemoryCheck.reserve(
                            overflow ? Int.max : next, of: MemoryCheck.valueSize, range: a.callRange)
                        if next > 5_000_000 {
                            throw Diagnostic(
                                "MemoryError: NNLab makes all of these at once, and \(next) are too many "
                                    + "(at most 5,000,000)", at: a.callRange)
                        }
                        results = results.flatMap { prefix in pool.map { prefix + [$0] } }
                        try MemoryCheck.reserve(results.count, of: MemoryCheck.valueSize, range: a.callRange)
                    }
                    return .object(GeneratorValues(results.map { .tuple($0) }, typeName: "itertools.product"))
                },
                "combinations": function("combinations", "iterable, r") { a, interpreter throws(Diagnostic) in
                    let pool = try interpreter.iterate(a.values["iterable"]?.value ?? .none, range: a.range("iterable"))
                    let r = try a.int("r")
                    let chosen = try choose(pool.count, r, ordered: false, range: a.callRange)
                    return .object(
                        GeneratorValues(
                            chosen.map { .tuple($0.map { pool[$0] }) },
                            typeName: "itertools.combinations"))
                },
                "permutations": function("permutations", "iterable, r=None") { a, interpreter throws(Diagnostic) in
                    let pool = try interpreter.iterate(a.values["iterable"]?.value ?? .none, range: a.range("iterable"))
                    let r = try a.optionalInt("r") ?? pool.count
                    let chosen = try choose(pool.count, r, ordered: true, range: a.callRange)
                    return .object(
                        GeneratorValues(
                            chosen.map { .tuple($0.map { pool[$0] }) },
                            typeName: "itertools.permutations"))
                },
                "accumulate": function("accumulate", "iterable, func=None, *, initial=None") {
                    a, interpreter throws(Diagnostic) in
                    var results: [Value] = []
                    if let initial = a["initial"] { results.append(initial) }
                    for item in try interpreter.iterate(
                        a.values["iterable"]?.value ?? .none, range: a.range("iterable"))
                    {
                        guard let last = results.last else {
                            results.append(item)
                            continue
                        }
                        if let callee = a["func"] {
                            results.append(try interpreter.callValue(callee, [last, item], range: a.callRange))
                        } else {
                            results.append(try interpreter.binary(.add, last, item, range: a.callRange))
                        }
                    }
                    return .object(GeneratorValues(results, typeName: "itertools.accumulate"))
                },
            ])
    }

    /// The items of each iterable in turn, lazily.
    static func chain(_ iterables: [Value], _ interpreter: Interpreter, range: SourceRange) -> NativeIterator {
        var pending = iterables[...]
        var cursor: ItemCursor?
        return NativeIterator("itertools.chain") { interpreter throws(Diagnostic) in
            while true {
                if let current = cursor, let item = try current.next(interpreter) { return item }
                guard let next = pending.popFirst() else { return nil }
                cursor = try ItemCursor(next, interpreter, range: range)
            }
        }
    }

    /// Index tuples of `r` out of `n`, in itertools' order (lexicographic by position).
    static func choose(_ n: Int, _ r: Int, ordered: Bool, range: SourceRange) throws(Diagnostic) -> [[Int]] {
        guard r >= 0, r <= n else { return [] }
        // Count them first: all are made at once, so too many is a MemoryError, never a silent cut or a hang.
        var count = 1
        var overflow = false
        for step in 0..<r where !overflow {
            (count, overflow) = count.multipliedReportingOverflow(by: n - step)
            if !ordered && !overflow { count /= step + 1 }
        }
        if overflow || count > 5_000_000 {
            let many = overflow ? "there are too many" : "\(count) are too many"
            throw Diagnostic(
                "MemoryError: NNLab makes all of these at once, and \(many) (at most 5,000,000)", at: range)
        }
        var results: [[Int]] = []
        var current: [Int] = []
        func extend() {
            if current.count == r {
                results.append(current)
                return
            }
            let start = ordered ? 0 : (current.last.map { $0 + 1 } ?? 0)
            for index in start..<n where !current.contains(index) {
                current.append(index)
                extend()
                current.removeLast()
                if results.count > 5_000_000 { return }
            }
        }
        extend()
        return results
    }
}

extension Value {
    /// Whether this is an iterator that gives its items one at a time (maybe endlessly).
    var isLazy: Bool {
        if case .object(let object) = self { return object is LazyIterator }
        return false
    }
}

extension Builtins {
    /// `zip(..., strict=True)`'s error for arguments of these lengths, in CPython's words (nil if equal).
    static func zipLengthMismatch(_ counts: [Int]) -> String? {
        guard let shortest = counts.min(), let ended = counts.firstIndex(of: shortest) else { return nil }
        func arguments(_ last: Int) -> String { last == 1 ? "argument 1" : "arguments 1-\(last)" }
        if ended > 0 { return "zip() argument \(ended + 1) is shorter than \(arguments(ended))" }
        guard let longer = counts.firstIndex(where: { $0 > shortest }) else { return nil }
        return "zip() argument \(longer + 1) is longer than \(arguments(longer))"
    }

    /// `zip` when an argument is lazy: tuples made as asked for, until the shortest ends.
    static func lazyZip(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let cursors = try a.rest.enumerated().map { index, value throws(Diagnostic) in
            try ItemCursor(value, interpreter, range: a.restRange(index))
        }
        return .object(
            NativeIterator("zip") { interpreter throws(Diagnostic) in
                var items: [Value] = []
                for cursor in cursors {
                    guard let item = try cursor.next(interpreter) else { return nil }
                    items.append(item)
                }
                return cursors.isEmpty ? nil : .tuple(items)
            })
    }
}
