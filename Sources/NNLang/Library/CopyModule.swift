/// Python's `copy` module for the values NNLang holds: containers and arrays (Keras objects are not
/// copied, and say so rather than share silently).
enum CopyModule {
    static func module() -> ModuleObject {
        ModuleObject(
            "copy",
            [
                "copy": function("copy", "x") { a, _ throws(Diagnostic) in
                    let value = a.values["x"]?.value ?? .none
                    switch value {
                    case .list(let list): return .list(list.items)
                    case .dict(let dict): return .dict(DictBox(Array(zip(dict.keys, dict.values))))
                    case .array(let array): return .array(NDArray(array.tensor.copied()))
                    case .object(let object) where !CopyModule.isShared(object):
                        throw uncopyable(object, a.callRange)
                    default: return value
                    }
                },
                "deepcopy": function("deepcopy", "x") { a, _ throws(Diagnostic) in
                    var copier = DeepCopier(range: a.callRange)
                    return try copier.copy(a.values["x"]?.value ?? .none, depth: 0)
                },
            ])
    }

    /// What Python's copy returns as it is: modules, functions and types.
    static func isShared(_ object: any PyObject) -> Bool {
        object is ModuleObject || object is UserFunction || object is BuiltinFunction || object is TypeObject
    }

    static func uncopyable(_ object: any PyObject, _ range: SourceRange) -> Diagnostic {
        Diagnostic(
            "copying a \(object.typeName) is not supported in NNLab", at: range,
            hint: "copy lists, dicts and arrays; build a new model to have a second one")
    }

    /// `deepcopy` with Python's memo: a container shared twice stays shared in the copy, and cycles end.
    struct DeepCopier {
        let range: SourceRange
        var memo: [ObjectIdentifier: Value] = [:]
        static let maximumDepth = 1000

        mutating func copy(_ value: Value, depth: Int) throws(Diagnostic) -> Value {
            guard depth < DeepCopier.maximumDepth else {
                throw Diagnostic("RecursionError: maximum recursion depth exceeded while deep-copying", at: range)
            }
            switch value {
            case .list(let list):
                if let done = memo[ObjectIdentifier(list)] { return done }
                let box = ListBox([])
                memo[ObjectIdentifier(list)] = .list(box)
                for item in list.items { box.items.append(try copy(item, depth: depth + 1)) }
                return .list(box)
            case .dict(let dict):
                if let done = memo[ObjectIdentifier(dict)] { return done }
                var pairs: [(Value, Value)] = []
                for (key, item) in zip(dict.keys, dict.values) { pairs.append((key, try copy(item, depth: depth + 1))) }
                let copied = Value.dict(DictBox(pairs))
                memo[ObjectIdentifier(dict)] = copied
                return copied
            case .tuple(let tuple):
                var items: [Value] = []
                for item in tuple.items { items.append(try copy(item, depth: depth + 1)) }
                return .tuple(items)
            case .array(let array):
                if let done = memo[ObjectIdentifier(array)] { return done }
                let copied = Value.array(NDArray(array.tensor.copied()))
                memo[ObjectIdentifier(array)] = copied
                return copied
            case .object(let object) where !CopyModule.isShared(object):
                throw uncopyable(object, range)
            default:
                return value
            }
        }
    }
}
