/// The built-ins beginner code calls on iterables and objects: `map`, `filter`, `any`, `all`,
/// `reversed`, `divmod`, `iter`/`next`, `callable`, `hasattr`/`getattr`/`setattr`.
extension Builtins {
    static func iterationFunctions() -> [String: Value] {
        [
            "map": function("map", "function, *iterables") { a, interpreter throws(Diagnostic) in
                let callee = a.values["function"]?.value ?? .none
                if a.rest.contains(where: \.isLazy),
                    case .object(let zipped as LazyIterator) = try lazyZip(a, interpreter)
                {
                    let range = a.callRange
                    return .object(
                        NativeIterator("map") { interpreter throws(Diagnostic) in
                            guard case .tuple(let items)? = try zipped.next(interpreter) else { return nil }
                            return try interpreter.callValue(callee, items.items, range: range)
                        })
                }
                let lists = try a.rest.enumerated().map { index, value throws(Diagnostic) in
                    try interpreter.iterate(value, range: a.restRange(index))
                }
                let count = lists.map(\.count).min() ?? 0
                var results: [Value] = []
                for i in 0..<count {
                    results.append(try interpreter.callValue(callee, lists.map { $0[i] }, range: a.callRange))
                }
                return .object(GeneratorValues(results, typeName: "map"))
            },
            "filter": function("filter", "function, iterable") { a, interpreter throws(Diagnostic) in
                let callee = a.values["function"]?.value ?? .none
                if let iterable = a.values["iterable"]?.value, iterable.isLazy {
                    let cursor = try ItemCursor(iterable, interpreter, range: a.range("iterable"))
                    let range = a.callRange
                    return .object(
                        NativeIterator("filter") { interpreter throws(Diagnostic) in
                            while let item = try cursor.next(interpreter) {
                                let test =
                                    callee.isNone ? item : try interpreter.callValue(callee, [item], range: range)
                                if try interpreter.truth(test, range: range) { return item }
                            }
                            return nil
                        })
                }
                var kept: [Value] = []
                for item in try interpreter.iterate(a.values["iterable"]?.value ?? .none, range: a.range("iterable")) {
                    let test = callee.isNone ? item : try interpreter.callValue(callee, [item], range: a.callRange)
                    if try interpreter.truth(test, range: a.callRange) { kept.append(item) }
                }
                return .object(GeneratorValues(kept, typeName: "filter"))
            },
            "any": function("any", "iterable") { a, interpreter throws(Diagnostic) in
                for item in try interpreter.iterate(a.values["iterable"]?.value ?? .none, range: a.range("iterable"))
                where try interpreter.truth(item, range: a.callRange) { return .bool(true) }
                return .bool(false)
            },
            "all": function("all", "iterable") { a, interpreter throws(Diagnostic) in
                for item in try interpreter.iterate(a.values["iterable"]?.value ?? .none, range: a.range("iterable"))
                where !(try interpreter.truth(item, range: a.callRange)) { return .bool(false) }
                return .bool(true)
            },
            "reversed": function("reversed", "sequence") { a, interpreter throws(Diagnostic) in
                let items = try interpreter.iterate(a.values["sequence"]?.value ?? .none, range: a.range("sequence"))
                return .object(GeneratorValues(items.reversed(), typeName: "reversed"))
            },
            "divmod": function("divmod", "a, b") { a, interpreter throws(Diagnostic) in
                let x = a.values["a"]?.value ?? .none
                let y = a.values["b"]?.value ?? .none
                return .tuple([
                    try interpreter.binary(.floorDivide, x, y, range: a.callRange),
                    try interpreter.binary(.modulo, x, y, range: a.callRange),
                ])
            },
            "iter": function("iter", "iterable") { a, interpreter throws(Diagnostic) in
                if case .object(let instance as InstanceObject)? = a.values["iterable"]?.value {
                    if instance.type.lookup("__next__") != nil, instance.type.lookup("__iter__") != nil {
                        return .object(instance)
                    }
                    return .object(try interpreter.instanceIterator(instance, range: a.range("iterable")))
                }
                if case .object(let lazy as LazyIterator) = a.values["iterable"]?.value ?? .none {
                    return .object(lazy)
                }
                return .object(
                    GeneratorValues(
                        try interpreter.iterate(
                            a.values["iterable"]?.value ?? .none,
                            range: a.range("iterable")), typeName: "iterator"))
            },
            "next": function("next", "iterator, default=None") { a, interpreter throws(Diagnostic) in
                if case .object(let generator as PythonGenerator) = a.values["iterator"]?.value ?? .none,
                    a.values["default"] == nil
                {
                    return try generator.nextOrStop(interpreter, range: a.callRange)
                }
                if case .object(let instance as InstanceObject)? = a.values["iterator"]?.value {
                    guard let method = instance.type.lookup("__next__") else {
                        throw Diagnostic(
                            "'\(instance.type.name)' object is not an iterator", at: a.range("iterator"),
                            exception: "TypeError")
                    }
                    do throws(Diagnostic) {
                        return try interpreter.callMethod(
                            method, on: .object(instance), CallArguments(range: a.callRange))
                    } catch {
                        if error.exceptionName == "StopIteration", let fallback = a.values["default"]?.value {
                            return fallback
                        }
                        throw error
                    }
                }
                if case .object(let lazy as LazyIterator) = a.values["iterator"]?.value ?? .none {
                    if let item = try lazy.next(interpreter) { return item }
                    if let fallback = a.values["default"]?.value { return fallback }
                    throw Diagnostic("StopIteration", at: a.callRange, exception: "StopIteration")
                }
                guard case .object(let iterator as GeneratorValues) = a.values["iterator"]?.value ?? .none else {
                    throw Diagnostic(
                        "'\(a.values["iterator"]?.value.typeName ?? "NoneType")' object is not an iterator",
                        at: a.range("iterator"), exception: "TypeError")
                }
                if let item = iterator.next() { return item }
                if let fallback = a.values["default"]?.value { return fallback }
                throw Diagnostic("StopIteration", at: a.callRange, exception: "StopIteration")
            },
            "callable": function("callable", "obj") { a, _ in
                guard case .object(let object) = a.values["obj"]?.value ?? .none else { return .bool(false) }
                if let instance = object as? InstanceObject { return .bool(instance.type.lookup("__call__") != nil) }
                return .bool(object is CallableObject)
            },
            "hasattr": function("hasattr", "obj, name") { a, interpreter throws(Diagnostic) in
                let name = try a.string("name")
                return .bool(
                    (try? interpreter.attribute(
                        name, of: a.values["obj"]?.value ?? .none,
                        range: a.callRange)) != nil)
            },
            "getattr": function("getattr", "obj, name, default=None") { a, interpreter throws(Diagnostic) in
                let name = try a.string("name")
                do throws(Diagnostic) {
                    return try interpreter.attribute(name, of: a.values["obj"]?.value ?? .none, range: a.callRange)
                } catch {
                    if let fallback = a.values["default"]?.value { return fallback }
                    throw error
                }
            },
            "setattr": function("setattr", "obj, name, value") { a, interpreter throws(Diagnostic) in
                let name = try a.string("name")
                guard case .object(let object) = a.values["obj"]?.value ?? .none else {
                    throw Diagnostic(
                        "cannot set attributes on this value", at: a.callRange, exception: "AttributeError")
                }
                try object.setAttribute(name, to: a.values["value"]?.value ?? .none, interpreter)
                return .none
            },
            "set": function("set", "iterable=None") { a, interpreter throws(Diagnostic) in
                .object(try SetObject.make(a["iterable"], frozen: false, interpreter, range: a.range("iterable")))
            },
            "frozenset": function("frozenset", "iterable=None") { a, interpreter throws(Diagnostic) in
                .object(try SetObject.make(a["iterable"], frozen: true, interpreter, range: a.range("iterable")))
            },
            "hash": function("hash", "obj") { a, interpreter throws(Diagnostic) in
                if case .object(let instance as InstanceObject)? = a.values["obj"]?.value,
                    let hash = try interpreter.instanceHash(instance, range: a.range("obj"))
                {
                    return .int(hash)
                }
                return .int(try PythonHash.hash(a.values["obj"]?.value ?? .none, range: a.range("obj")))
            },
            "NotImplemented": .object(NotImplementedObject.shared),
            "slice": function("slice", "start, stop=None, step=None") { a, _ throws(Diagnostic) in
                let stop = a.given("stop")
                return .object(
                    SliceObject(
                        stop ? try a.optionalInt("start") : nil,
                        stop ? try a.optionalInt("stop") : try a.optionalInt("start"),
                        try a.optionalInt("step")))
            },
        ]
    }

}
