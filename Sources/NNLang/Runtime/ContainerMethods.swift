/// Methods of Python's built-in types that course code uses: `str.format`, `list.append`, `dict.items`, ….
enum ContainerMethods {
    static func names(for value: Value) -> [String] {
        switch value {
        case .string:
            ["format", "format_map", "join", "upper", "lower", "strip", "split", "replace", "startswith", "endswith"]
                + StringMethods.names
        case .list:
            ["append", "extend", "pop", "insert", "index", "count", "copy", "reverse", "clear", "remove", "sort"]
        case .dict: ["keys", "values", "items", "get", "copy", "pop", "setdefault", "update", "clear", "popitem"]
        case .tuple: ["index", "count"]
        case .float, .int: ["is_integer", "real"]
        default: []
        }
    }

    static func method(
        _ name: String, _ owner: String, _ parameters: [Parameter],
        _ body: @escaping (BoundArguments, Interpreter) throws(Diagnostic) -> Value
    ) -> Value {
        .object(
            BuiltinFunction(
                name, Signature(parameters), repr: "<built-in method \(name) of \(owner) object>", body: body))
    }

    static func attribute(_ name: String, of value: Value, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch value {
        case .string(let text): return stringMethod(name, text)
        case .list(let list): return listMethod(name, list)
        case .dict(let dict): return CollectionsModule.flavorMethod(name, dict) ?? dictMethod(name, dict, interpreter)
        case .tuple(let tuple):
            if let type = tuple.namedType, let found = type.attribute(name, of: tuple) { return found }
            let items = tuple.items
            switch name {
            case "count":
                return method(name, "tuple", [Parameter("value")]) { a, _ in
                    .int(items.filter { pythonEquals($0, a["value"] ?? .none) }.count)
                }
            case "index":
                return method(name, "tuple", [Parameter("value")]) { a, _ throws(Diagnostic) in
                    guard let i = items.firstIndex(where: { pythonEquals($0, a["value"] ?? .none) }) else {
                        throw Diagnostic("tuple.index(x): x not in tuple", at: a.callRange)
                    }
                    return .int(i)
                }
            default: return nil
            }
        case .float(let f):
            if name == "is_integer" { return method(name, "float", []) { _, _ in .bool(f == f.rounded()) } }
            return name == "real" ? value : nil
        case .int:
            return name == "real" ? value : nil
        default:
            return nil
        }
    }

    private static func stringMethod(_ name: String, _ text: String) -> Value? {
        switch name {
        case "upper": return method(name, "str", []) { _, _ in .string(text.uppercased()) }
        case "lower": return method(name, "str", []) { _, _ in .string(text.lowercased()) }
        case "strip":
            return method(name, "str", [Parameter("chars", "None")]) { a, _ throws(Diagnostic) in
                .string(text.trimming(try a.string("chars", default: " \t\n\r")))
            }
        case "startswith", "endswith":
            let what = name == "startswith" ? "prefix" : "suffix"
            return method(name, "str", [Parameter(what)]) { a, _ throws(Diagnostic) in
                // One string, or a tuple of them (any may match), as Python takes.
                let given = a.values[what]?.value ?? .none
                var candidates: [Value] = [given]
                if case .tuple(let tuple) = given { candidates = tuple.items }
                for candidate in candidates {
                    guard case .string(let part) = candidate else {
                        throw Diagnostic(
                            "\(name) first arg must be str or a tuple of str, not \(candidate.typeName)",
                            at: a.range(what), exception: "TypeError")
                    }
                    if name == "startswith" ? text.hasPrefix(part) : text.hasSuffix(part) { return .bool(true) }
                }
                return .bool(false)
            }
        case "replace":
            return method(name, "str", [Parameter("old"), Parameter("new"), Parameter("count", "-1")]) {
                a, _ throws(Diagnostic) in
                let old = try a.string("old")
                let new = try a.string("new")
                let count = try a.int("count", default: -1)
                // As Python: an empty `old` matches between characters and at both ends.
                var pieces = old.isEmpty ? [""] + text.map(String.init) + [""] : text.components(separatedBy: old)
                if count >= 0, count < pieces.count - 1 {
                    let kept = pieces[...count].joined(separator: new)
                    pieces = [kept, pieces[(count + 1)...].joined(separator: old)]
                    return .string(pieces.joined(separator: old))
                }
                return .string(pieces.joined(separator: new))
            }
        case "split":
            return method(name, "str", [Parameter("sep", "None"), Parameter("maxsplit", "-1")]) {
                a, _ throws(Diagnostic) in
                let limit = try a.int("maxsplit", default: -1)
                let maxSplits = limit < 0 ? Int.max : limit
                if a["sep"] == nil || a["sep"]?.isNone == true {
                    return .list(Self.whitespaceSplit(text, maxSplits: maxSplits).map { .string(String($0)) })
                }
                let separator = try a.string("sep")
                guard !separator.isEmpty else {
                    throw Diagnostic("empty separator", at: a.range("sep"), exception: "ValueError")
                }
                return .list(
                    text.split(separator: separator, maxSplits: maxSplits, omittingEmptySubsequences: false).map {
                        .string(String($0))
                    })
            }
        case "join":
            return method(name, "str", [Parameter("iterable")]) { a, interpreter throws(Diagnostic) in
                let items = try interpreter.iterate(a["iterable"] ?? .none, range: a.range("iterable"))
                var parts: [String] = []
                for item in items {
                    guard case .string(let s) = item else {
                        throw Diagnostic("str.join expects strings, found \(item.typeName)", at: a.range("iterable"))
                    }
                    parts.append(s)
                }
                let length = parts.reduce(0) { $0 + $1.utf8.count } + max(parts.count - 1, 0) * text.utf8.count
                try MemoryCheck.reserve(length, of: MemoryCheck.byteSize, range: a.callRange)
                return .string(parts.joined(separator: text))
            }
        case "format":
            return method(name, "str", [.variadic("args"), Parameter("kwargs", kind: .variadicKeywords)]) {
                a, interpreter throws(Diagnostic) in try format(text, a, interpreter)
            }
        case "format_map":
            return method(name, "str", [Parameter("mapping")]) { a, interpreter throws(Diagnostic) in
                try formatMap(text, a, interpreter)
            }
        default: return StringMethods.method(name, text)
        }
    }

    private static func listMethod(_ name: String, _ list: ListBox) -> Value? {
        switch name {
        case "append":
            return method(name, "list", [Parameter("object")]) { a, _ throws(Diagnostic) in
                try MemoryCheck.reserveGrowth(of: list.items.count, range: a.callRange)
                list.items.append(a.values["object"]?.value ?? .none)
                return .none
            }
        case "extend":
            return method(name, "list", [Parameter("iterable")]) { a, interpreter throws(Diagnostic) in
                let items = try interpreter.iterate(a.values["iterable"]?.value ?? .none, range: a.range("iterable"))
                try MemoryCheck.reserve(list.items.count + items.count, of: MemoryCheck.valueSize, range: a.callRange)
                list.items += items
                return .none
            }
        case "insert":
            return method(name, "list", [Parameter("index"), Parameter("object")]) { a, _ throws(Diagnostic) in
                let index = try a.int("index")
                let position = min(max(index < 0 ? index + list.items.count : index, 0), list.items.count)
                list.items.insert(a.values["object"]?.value ?? .none, at: position)
                return .none
            }
        case "pop":
            return method(name, "list", [Parameter("index", "-1")]) { a, _ throws(Diagnostic) in
                guard !list.items.isEmpty else { throw Diagnostic("pop from empty list", at: a.callRange) }
                let position = try Subscripts.position(
                    .int(try a.int("index", default: -1)), count: list.items.count,
                    range: a.range("index"), what: "list")
                return list.items.remove(at: position)
            }
        case "index":
            return method(name, "list", [Parameter("value")]) { a, interpreter throws(Diagnostic) in
                let value = a.values["value"]?.value ?? .none
                guard let i = try interpreter.positions(of: value, in: list.items, first: true).first else {
                    throw Diagnostic("\(interpreter.repr(value)) is not in the list", at: a.range("value"))
                }
                return .int(i)
            }
        case "count":
            return method(name, "list", [Parameter("value")]) { a, interpreter throws(Diagnostic) in
                .int(try interpreter.positions(of: a.values["value"]?.value ?? .none, in: list.items).count)
            }
        case "remove":
            return method(name, "list", [Parameter("value")]) { a, interpreter throws(Diagnostic) in
                let value = a.values["value"]?.value ?? .none
                guard let i = try interpreter.positions(of: value, in: list.items, first: true).first else {
                    throw Diagnostic("list.remove(x): x not in list", at: a.range("value"), exception: "ValueError")
                }
                list.items.remove(at: i)
                return .none
            }
        case "sort":
            return method(name, "list", [.keywordOnly("key", "None"), .keywordOnly("reverse", "False")]) {
                a, interpreter throws(Diagnostic) in
                list.items = try Builtins.sortedItems(list.items, a, interpreter)
                return .none
            }
        case "copy": return method(name, "list", []) { _, _ in .list(list.items) }
        case "reverse":
            return method(name, "list", []) { _, _ in
                list.items.reverse()
                return .none
            }
        case "clear":
            return method(name, "list", []) { _, _ in
                list.items.removeAll()
                return .none
            }
        default: return nil
        }
    }

    /// `str.split()` without a separator: runs of whitespace split, at most `maxSplits` times; the rest
    /// keeps its inner and trailing whitespace, as Python's does.
    static func whitespaceSplit(_ text: String, maxSplits: Int) -> [Substring] {
        var parts: [Substring] = []
        var rest = text[...].drop(while: \.isWhitespace)
        while !rest.isEmpty {
            if parts.count == maxSplits {
                parts.append(rest)
                break
            }
            let word = rest.prefix { !$0.isWhitespace }
            parts.append(word)
            rest = rest[word.endIndex...].drop(while: \.isWhitespace)
        }
        return parts
    }

    private static func dictMethod(_ name: String, _ dict: DictBox, _ interpreter: Interpreter) -> Value? {
        switch name {
        case "keys": return method(name, "dict", []) { _, _ in .object(DictView(dict, .keys)) }
        case "values": return method(name, "dict", []) { _, _ in .object(DictView(dict, .values)) }
        case "items": return method(name, "dict", []) { _, _ in .object(DictView(dict, .items)) }
        case "get":
            return method(name, "dict", [Parameter("key"), Parameter("default", "None")]) { a, _ in
                dict[a.values["key"]?.value ?? .none] ?? (a.values["default"]?.value ?? .none)
            }
        case "copy":
            return method(name, "dict", []) { _, _ in
                let copy = DictBox(Array(zip(dict.keys, dict.values)))
                copy.flavor = dict.flavor
                return .dict(copy)
            }
        case "pop":
            return method(name, "dict", [Parameter("key"), Parameter("default", "<missing>")]) {
                a, interpreter throws(Diagnostic) in
                let key = a.values["key"]?.value ?? .none
                if let value = dict[key] {
                    dict[key] = nil
                    return value
                }
                if let fallback = a.values["default"]?.value { return fallback }
                throw Diagnostic(interpreter.repr(key), at: a.callRange, exception: "KeyError")
            }
        case "setdefault":
            return method(name, "dict", [Parameter("key"), Parameter("default", "None")]) {
                a, interpreter throws(Diagnostic) in
                let key = a.values["key"]?.value ?? .none
                if let value = dict[key] { return value }
                try interpreter.checkHashable(key, range: a.callRange)
                let value = a.values["default"]?.value ?? .none
                dict[key] = value
                return value
            }
        case "update":
            return method(name, "dict", [.variadic("args"), Parameter("kwargs", kind: .variadicKeywords)]) {
                a, interpreter throws(Diagnostic) in
                guard case .dict(let other) = try Builtins.makeDict(a, interpreter) else { return .none }
                for (key, value) in zip(other.keys, other.values) { dict[key] = value }
                return .none
            }
        case "clear":
            return method(name, "dict", []) { _, _ in
                dict.removeAll()
                return .none
            }
        case "popitem":
            return method(name, "dict", []) { a, _ throws(Diagnostic) in
                guard let key = dict.keys.last, let value = dict.values.last else {
                    throw Diagnostic("'popitem(): dictionary is empty'", at: a.callRange, exception: "KeyError")
                }
                dict[key] = nil
                return .tuple([key, value])
            }
        default: return nil
        }
    }
}
