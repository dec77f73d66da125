import NNEngine

/// Python's built-in functions that course code uses, and NNLab's own names (documented as such).
extension Interpreter {
    /// Binds the builtins, the Keras prelude and NNLab's own functions; returns their names.
    func installBuiltins() -> Set<String> {
        var names = Set<String>()
        for group in [
            KerasLibrary.preludeNames(), Builtins.functions(), Builtins.projectFunctions(),
            PictureFunctions.functions(), Comparison.functions(), ExceptionClass.all,
            Builtins.iterationFunctions(), Builtins.decoratorFunctions(), Builtins.numberFunctions(),
        ] {
            globals.merge(group) { current, _ in current }
            names.formUnion(group.keys)
        }
        modules.programModules.builtins = globals
        globals["__name__"] = .string("__main__")
        names.insert("__name__")
        return names
    }
}

/// A Python `range`: iterable, indexable, and printed as `range(0, 5)`.
final class RangeObject: IterableObject {
    let start: Int, stop: Int, step: Int
    init(_ start: Int, _ stop: Int, _ step: Int) { (self.start, self.stop, self.step) = (start, stop, step) }
    var typeName: String { "range" }
    var items: [Value] { Array(stride(from: start, to: stop, by: step)).map { .int($0) } }
    func repr(_ interpreter: Interpreter) -> String {
        step == 1 ? "range(\(start), \(stop))" : "range(\(start), \(stop), \(step))"
    }
}

enum Builtins {
    static func functions() -> [String: Value] {
        [
            "print": function("print", "*values, sep=' ', end='\\n', file=None, flush=False") {
                a, interpreter throws(Diagnostic) in
                let separator = a["sep"] == nil ? " " : try a.string("sep")
                let end = a["end"] == nil ? "\n" : try a.string("end")
                var pieces: [String] = []
                for value in a.rest { pieces.append(try interpreter.text(of: value, range: a.callRange)) }
                if case .object(let file as FileObject)? = a["file"] {
                    try file.write(pieces.joined(separator: separator) + end, range: a.callRange)
                    return .none
                }
                if let file = a["file"], !file.isNone {
                    // Anything with a `write` method: sys.stderr, sys.stdout, a class of the program.
                    let write = try interpreter.attribute("write", of: file, range: a.range("file"))
                    _ = try interpreter.callValue(
                        write, [.string(pieces.joined(separator: separator) + end)], range: a.callRange)
                    return .none
                }
                interpreter.write(pieces.joined(separator: separator) + end)
                return .none
            },
            "open": FileObject.openFunction,
            "len": function("len", "obj") { a, interpreter throws(Diagnostic) in
                let value = a.values["obj"]?.value ?? .none
                switch value {
                case .string(let s): return .int(s.count)
                case .list(let l): return .int(l.items.count)
                case .tuple(let t): return .int(t.count)
                case .dict(let d): return .int(d.count)
                case .array(let array):
                    guard !array.isScalar else {
                        throw Diagnostic("len() of unsized object (a 0-d array)", at: a.range("obj"))
                    }
                    return .int(array.shape[0])
                case .object(let object as IterableObject): return .int(object.items.count)
                case .object(let object as Bunch): return .int(object.entries.count)
                case .object(let object as InstanceObject) where object.type.lookup("__len__") != nil:
                    let method = object.type.lookup("__len__") ?? .none
                    return try interpreter.callMethod(method, on: value, CallArguments(range: a.callRange))
                default: throw Diagnostic("object of type '\(value.typeName)' has no len()", at: a.range("obj"))
                }
            },
            "range": function("range", "start, stop=None, step=1") { a, _ throws(Diagnostic) in
                var start = try a.int("start")
                var stop = 0
                if a["stop"] == nil { (start, stop) = (0, start) } else { stop = try a.int("stop") }
                let step = try a.int("step", default: 1)
                guard step != 0 else { throw Diagnostic("range() arg 3 must not be zero", at: a.range("step")) }
                let count = max(0, ((Double(stop) - Double(start)) / Double(step)).rounded(.up))
                guard count <= 50_000_000 else {
                    let shown = count < 9e18 ? groupThousands(String(Int(count))) : "more than 9 quintillion"
                    throw Diagnostic(
                        "this range holds \(shown) numbers, too many: NNLab's ranges hold up to "
                            + "50,000,000", at: a.callRange)
                }
                return .object(RangeObject(start, stop, step))
            },
            "list": function("list", "iterable=()") { a, interpreter throws(Diagnostic) in
                .list(try interpreter.iterate(a.values["iterable"]?.value ?? .tuple([]), range: a.range("iterable")))
            },
            "tuple": function("tuple", "iterable=()") { a, interpreter throws(Diagnostic) in
                .tuple(try interpreter.iterate(a.values["iterable"]?.value ?? .tuple([]), range: a.range("iterable")))
            },
            "dict": function("dict", "*args, **kwargs") { a, interpreter throws(Diagnostic) in
                try Builtins.makeDict(a, interpreter)
            },
            "str": function("str", "object=''") { a, interpreter throws(Diagnostic) in
                .string(try interpreter.text(of: a.values["object"]?.value ?? .string(""), range: a.callRange))
            },
            "repr": function("repr", "obj") { a, interpreter throws(Diagnostic) in
                .string(try interpreter.text(of: a.values["obj"]?.value ?? .none, repr: true, range: a.callRange))
            },
            "format": function("format", "value, format_spec=''") { a, interpreter throws(Diagnostic) in
                .string(
                    try FormatSpec.apply(
                        try a.string("format_spec", default: ""), to: a["value"] ?? .none,
                        interpreter, range: a.callRange))
            },
            "ascii": function("ascii", "obj") { a, interpreter throws(Diagnostic) in
                let repr = try interpreter.text(of: a.values["obj"]?.value ?? .none, repr: true, range: a.callRange)
                return .string(asciiEscaped(repr))
            },
            "int": function("int", "x=0, base=None") { a, _ throws(Diagnostic) in
                if let base = a.values["base"]?.value, !base.isNone {
                    return try intWithBase(a.values["x"]?.value, base, range: a.callRange)
                }
                return try toInt(a.values["x"]?.value ?? .int(0), range: a.range("x"))
            },
            "float": function("float", "x=0.0") { a, _ throws(Diagnostic) in
                try toFloat(a.values["x"]?.value ?? .float(0), range: a.range("x"))
            },
            "bool": function("bool", "x=False") { a, interpreter throws(Diagnostic) in
                .bool(try interpreter.truth(a.values["x"]?.value ?? .bool(false), range: a.range("x")))
            },
            "abs": function("abs", "x") { a, interpreter throws(Diagnostic) in
                let x = a.values["x"]?.value ?? .none
                if case .array(let array) = x {
                    switch array.tensor.dtype {
                    case .float64: return .array(NDArray(WideMath.map(array.tensor, to: .float64) { abs($0) }))
                    case .int64:
                        return .array(
                            NDArray(WideMath.map(array.tensor, to: .int64) { Double(WideMath.int($0).magnitude) }))
                    default:
                        return .array(NDArray(ArrayMath.map(array.tensor) { abs($0) }.retyped(array.tensor.dtype)))
                    }
                }
                switch x {
                case .int(let i):
                    guard i != .min else {
                        throw Diagnostic(
                            "the integer result is too large (NNLab's integers are 64-bit)", at: a.range("x"))
                    }
                    return .int(abs(i))
                case .float(let f): return .float(abs(f))
                case .bool(let b): return .int(b ? 1 : 0)
                case .object(let instance as InstanceObject) where instance.type.lookup("__abs__") != nil:
                    let method = instance.type.lookup("__abs__") ?? .none
                    return try interpreter.callMethod(method, on: x, CallArguments(range: a.callRange))
                default: throw Diagnostic("bad operand type for abs(): '\(x.typeName)'", at: a.range("x"))
                }
            },
            "round": function("round", "number, ndigits=None") { a, _ throws(Diagnostic) in
                let x = a.values["number"]?.value ?? .none
                guard let value = x.numericValue, x.typeName != "str" else {
                    throw Diagnostic("type \(x.typeName) doesn't define __round__", at: a.range("number"))
                }
                if case .array(let array) = x, array.isScalar, [.float32, .float64].contains(array.tensor.dtype),
                    let digits = try a.optionalInt("ndigits")
                {
                    // A NumPy float's __round__ is np.round: scaled, halves to even, same type.
                    return .array(NDArray(NumPyMath.round(array.tensor, decimals: digits)))
                }
                if let digits = try a.optionalInt("ndigits") {
                    var scale = 1.0
                    for _ in 0..<min(abs(digits), 300) { scale *= 10 }
                    var rounded =
                        digits >= 0
                        ? (value * scale).rounded(.toNearestOrEven) / scale
                        : (value / scale).rounded(.toNearestOrEven) * scale
                    // Python rounds the exact binary value (round(2.675, 2) is 2.67), as printf does.
                    if (0...17).contains(digits), value.isFinite, let exact = Double(formatFixed(value, digits)) {
                        rounded = exact
                    }
                    if x.typeName == "int", let integer = Int(truncating: rounded) { return .int(integer) }
                    return .float(rounded)
                }
                guard let integer = Int(truncating: value.rounded(.toNearestOrEven)) else {
                    throw Diagnostic("cannot round \(value) to an integer NNLab can hold", at: a.range("number"))
                }
                return .int(integer)
            },
            "min": extremum("min", .less), "max": extremum("max", .greater),
            "sum": function("sum", "iterable, start=0") { a, interpreter throws(Diagnostic) in
                var total = a.values["start"]?.value ?? .int(0)
                for item in try interpreter.iterate(a.values["iterable"]?.value ?? .none, range: a.range("iterable")) {
                    total = try interpreter.binary(.add, total, item, range: a.callRange)
                }
                return total
            },
            "type": function("type", "object") { a, interpreter in
                let value = a.values["object"]?.value ?? .none
                // An object of the program's classes has its class as its type, an exception its class.
                if case .object(let instance as InstanceObject) = value { return .object(instance.type) }
                if case .object(let exception as ExceptionInstance) = value,
                    case .object(let type as ExceptionClass)? = interpreter.globals[exception.name]
                {
                    return .object(type)
                }
                return .object(TypeObject(value.typeName))
            },
            // `object`, as `dtype=object` and `class Point(object):` name it.
            "object": .object(TypeObject("object")),
            "vars": function("vars", "object") { a, interpreter throws(Diagnostic) in
                try interpreter.attribute("__dict__", of: a.values["object"]?.value ?? .none, range: a.range("object"))
            },
            "isinstance": function("isinstance", "obj, class_or_tuple") { a, interpreter throws(Diagnostic) in
                let value = a.values["obj"]?.value ?? .none
                let classes: [Value]
                if case .tuple(let items) = a.values["class_or_tuple"]?.value ?? .none {
                    classes = items.items
                } else {
                    classes = [a.values["class_or_tuple"]?.value ?? .none]
                }
                if case .object(let instance as InstanceObject) = value {
                    return .bool(
                        classes.contains { c in
                            if case .object(let type as ClassObject) = c { return instance.type.isSubclass(of: type) }
                            guard instance.type.isException, let name = interpreter.exceptionClassName(c) else {
                                return false
                            }
                            return interpreter.isException(instance.type.name, subclassOf: name)
                        })
                }
                if case .object(let instance as ExceptionInstance) = value {
                    return .bool(
                        classes.contains { c in
                            guard case .object(let type as ExceptionClass) = c else { return false }
                            return PythonExceptions.isSubclass(instance.name, of: type.name)
                        })
                }
                if case .object(is PathObject) = value, classes.contains(where: { PathType.isPath($0) }) {
                    return .bool(true)
                }
                if case .dict = value, classes.contains(where: { typeName(of: $0) == "dict" }) { return .bool(true) }
                if case .tuple = value, classes.contains(where: { typeName(of: $0) == "tuple" }) { return .bool(true) }
                return .bool(
                    classes.contains {
                        typeName(of: $0) == value.typeName || (typeName(of: $0) == "float" && value.typeName == "float")
                            || (typeName(of: $0) == "int" && value.typeName == "bool")
                    })
            },
            "sorted": function("sorted", "iterable, *, key=None, reverse=False") { a, interpreter throws(Diagnostic) in
                let items = try interpreter.iterate(a.values["iterable"]?.value ?? .none, range: a.range("iterable"))
                return .list(try sortedItems(items, a, interpreter))
            },
            "zip": function("zip", "*iterables, strict=False") { a, interpreter throws(Diagnostic) in
                let strict = try interpreter.truth(a.values["strict"]?.value ?? .bool(false), range: a.callRange)
                if !strict, a.rest.contains(where: \.isLazy) { return try lazyZip(a, interpreter) }
                let lists = try a.rest.enumerated().map { index, value throws(Diagnostic) in
                    try interpreter.iterate(value, range: a.restRange(index))
                }
                let count = lists.map(\.count).min() ?? 0
                if strict, let message = zipLengthMismatch(lists.map(\.count)) {
                    throw Diagnostic(message, at: a.callRange, exception: "ValueError")
                }
                return .list((0..<count).map { i in .tuple(lists.map { $0[i] }) })
            },
            "enumerate": function("enumerate", "iterable, start=0") { a, interpreter throws(Diagnostic) in
                let start = try a.int("start", default: 0)
                if let iterable = a.values["iterable"]?.value, iterable.isLazy {
                    let cursor = try ItemCursor(iterable, interpreter, range: a.range("iterable"))
                    var index = start
                    return .object(
                        NativeIterator("enumerate") { interpreter throws(Diagnostic) in
                            guard let item = try cursor.next(interpreter) else { return nil }
                            defer { index += 1 }
                            return .tuple([.int(index), item])
                        })
                }
                return .list(
                    try interpreter.iterate(a.values["iterable"]?.value ?? .none, range: a.range("iterable"))
                        .enumerated().map { .tuple([.int($0.offset + start), $0.element]) })
            },
            "super": function("super", "") { a, interpreter throws(Diagnostic) in
                try interpreter.superProxy(range: a.callRange)
            },
            "issubclass": function("issubclass", "cls, class_or_tuple") { a, interpreter throws(Diagnostic) in
                let cls = a.values["cls"]?.value ?? .none
                let other = a.values["class_or_tuple"]?.value ?? .none
                let classes: [Value]
                if case .tuple(let items) = other { classes = items.items } else { classes = [other] }
                if let name = interpreter.exceptionClassName(cls) {
                    return .bool(
                        classes.contains { c in
                            if case .object(let base as ClassObject) = c, case .object(let type as ClassObject) = cls,
                                type.isSubclass(of: base)
                            {
                                return true
                            }
                            guard let baseName = interpreter.exceptionClassName(c) else { return false }
                            return interpreter.isException(name, subclassOf: baseName)
                        })
                }
                guard case .object(let type as ClassObject) = cls else {
                    throw Diagnostic("issubclass() arg 1 must be a class", at: a.range("cls"), exception: "TypeError")
                }
                return .bool(
                    classes.contains { c in
                        if case .object(let base as ClassObject) = c { type.isSubclass(of: base) } else { false }
                    })
            },
            "input": function("input", "prompt=''") { a, interpreter throws(Diagnostic) in
                let prompt = a["prompt"].map { interpreter.str($0) } ?? ""
                guard
                    let line = interpreter.inputHandler.map({ $0(prompt) })
                        ?? Builtins.readInputLine(prompt, interpreter)
                else {
                    var error = Diagnostic("EOF when reading a line", at: a.callRange)
                    error.exception = "EOFError"
                    throw error
                }
                return .string(line)
            },
            "exit": function("exit", "code=None") { _, interpreter in
                interpreter.exitRequested = true
                return .none
            },
            "quit": function("quit", "code=None") { _, interpreter in
                interpreter.exitRequested = true
                return .none
            },
            "help": function("help", "obj=None") { a, interpreter in
                guard let value = a.values["obj"]?.value else {
                    interpreter.write(Help.general + "\n")
                    return .none
                }
                interpreter.write(Help.text(for: value, interpreter) + "\n")
                return .none
            },
        ]
    }

    static func typeName(of value: Value) -> String {
        switch value {
        case .object(let type as TypeObject): type.name
        case .object(let function as BuiltinFunction): function.name
        case .object(let type as DTypeObject): type.dtype.rawValue
        default: ""
        }
    }

    /// The `key=` function's value for each item, or the items themselves without one.
    /// `sorted(items, key=..., reverse=...)` and `list.sort(...)`: a stable sort on the keys by `<`;
    /// reverse keeps equal items in their order, as Python's does.
    static func sortedItems(_ items: [Value], _ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic)
        -> [Value]
    {
        let keys = try keyed(items, a.values["key"]?.value, interpreter, range: a.callRange)
        let reverse = try a.bool("reverse", default: false)
        var failure: Diagnostic?
        let order = Array(items.indices).sorted { i, j in
            do throws(Diagnostic) {
                let (x, y) = reverse ? (keys[j], keys[i]) : (keys[i], keys[j])
                let range = a.callRange
                if try interpreter.truth(try interpreter.compare(.less, x, y, range: range), range: range) {
                    return true
                }
                if try interpreter.truth(try interpreter.compare(.less, y, x, range: range), range: range) {
                    return false
                }
                return i < j
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        return order.map { items[$0] }
    }

    static func keyed(
        _ items: [Value], _ key: Value?, _ interpreter: Interpreter,
        range: SourceRange
    ) throws(Diagnostic) -> [Value] {
        guard let key, !key.isNone else { return items }
        return try items.map { item throws(Diagnostic) in try interpreter.callValue(key, [item], range: range) }
    }

    /// `min`/`max`: the first item that no other item beats by `op`, as Python compares them.
    static func extremum(_ name: String, _ op: ComparisonOperator) -> Value {
        function(name, "*args, key=None, default=None") { a, interpreter throws(Diagnostic) in
            let items = a.rest.count == 1 ? try interpreter.iterate(a.rest[0], range: a.restRange(0)) : a.rest
            guard !items.isEmpty else {
                if let fallback = a.values["default"]?.value { return fallback }
                throw Diagnostic("\(name)() iterable argument is empty", at: a.callRange)
            }
            let keys = try keyed(items, a.values["key"]?.value, interpreter, range: a.callRange)
            var best = 0
            for index in keys.indices.dropFirst() {
                let beats = try interpreter.compare(op, keys[index], keys[best], range: a.callRange)
                if try interpreter.truth(beats, range: a.callRange) { best = index }
            }
            return items[best]
        }
    }

    /// Whether `text` is an integer as `int()` reads it: a sign, then digits with single `_` between them.
    static func isIntegerLiteral(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        guard let first = body.first, let last = body.last, first.isASCII, first.isNumber, last.isNumber else {
            return false
        }
        return body.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "_" } && !body.contains("__")
    }

    static func toInt(_ value: Value, range: SourceRange) throws(Diagnostic) -> Value {
        switch value {
        case .string(let text):
            let literal = text.trimming(" \n\t")
            guard let i = Int(literal.filter { $0 != "_" }), isIntegerLiteral(literal) else {
                if isIntegerLiteral(literal) {
                    let shown = literal.count > 30 ? String(literal.prefix(20)) + "…" : literal
                    let digits = literal.filter(\.isNumber).count
                    throw Diagnostic(
                        "int() of '\(shown)' (\(digits) digits) is too large: NNLab's "
                            + "integers are 64-bit, from \(Int.min) to \(Int.max)", at: range,
                        hint: "for a big number use float(), which goes up to about 1.8e308")
                }
                throw Diagnostic("invalid literal for int() with base 10: \(pythonStringRepr(text))", at: range)
            }
            return .int(i)
        case .object(let tensor as ArrayConvertible):
            return try toInt(.array(NDArray(tensor.arrayValue)), range: range)
        default:
            guard let number = value.numericValue else {
                if case .array(let a) = value, a.tensor.rank > 0 {
                    throw Diagnostic("only 0-dimensional arrays can be converted to Python scalars", at: range)
                }
                throw Diagnostic("int() can't convert a \(value.typeName)", at: range)
            }
            guard number.isFinite, abs(number) < 9.2e18 else {
                throw Diagnostic("cannot convert \(number) to an integer", at: range)
            }
            return .int(Int(number.rounded(.towardZero)))
        }
    }

    static func toFloat(_ value: Value, range: SourceRange) throws(Diagnostic) -> Value {
        switch value {
        case .string(let text):
            let trimmed = text.trimming(" \n\t").lowercased()
            if let f = Double(trimmed) { return .float(f) }
            if ["inf", "+inf", "infinity"].contains(trimmed) { return .float(.infinity) }
            if trimmed == "-inf" { return .float(-.infinity) }
            if trimmed == "nan" { return .float(.nan) }
            throw Diagnostic("could not convert string to float: \(pythonStringRepr(text))", at: range)
        case .object(let tensor as ArrayConvertible):
            return try toFloat(.array(NDArray(tensor.arrayValue)), range: range)
        default:
            guard let number = value.numericValue else {
                if case .array(let a) = value, a.tensor.rank > 0 {
                    throw Diagnostic(
                        "only 0-dimensional arrays can be converted to Python scalars", at: range,
                        hint: "this array has shape \(formatShape(a.shape)); take one number with .item()")
                }
                throw Diagnostic("float() can't convert a \(value.typeName)", at: range)
            }
            return .float(number)
        }
    }

    /// NNLab's own names, not part of Keras: `seed(n)`, `pause()`, `make_xor`, `make_spiral`.
    static func projectFunctions() -> [String: Value] {
        [
            "seed": function(
                "seed", "n", summary: "NNLab: restart the random stream (weights, shuffling, np.random) from n"
            ) { a, interpreter throws(Diagnostic) in
                let n = try a.int("n")
                guard n >= 0 else { throw Diagnostic("a seed must be non-negative", at: a.range("n")) }
                interpreter.random.reseed(UInt64(n))
                interpreter.modules.numpyRandomState(interpreter).seed(UInt32(truncatingIfNeeded: n))
                return .none
            },
            "explain": function(
                "explain", "level=None",
                summary: "NNLab: set how much training is explained: 'off', 'epoch', 'step' or 'full'"
            ) { a, interpreter throws(Diagnostic) in
                guard a["level"] != nil else { return .string(interpreter.explainLevel.rawValue) }
                interpreter.explainLevel = try ExplainLevel.parse(a.string("level"), range: a.range("level"))
                return .none
            },
            "pause": function(
                "pause", "message=None", summary: "NNLab: wait for Enter when a person is at the terminal"
            ) { a, interpreter throws(Diagnostic) in
                let message = a["message"] == nil ? nil : try a.string("message")
                interpreter.teaching?.pause(message)
                return .none
            },
            "make_xor": function(
                "make_xor", "n_samples=200, noise=0.0, random_state=None",
                summary: "NNLab: TensorFlow Playground's XOR data: points in [-5, 5]², label 1 where x·y > 0"
            ) { a, interpreter throws(Diagnostic) in
                try Playground.xor(a, interpreter)
            },
            "make_spiral": function(
                "make_spiral", "n_samples=200, noise=0.0, random_state=None",
                summary: "NNLab: TensorFlow Playground's two interleaved spirals"
            ) { a, interpreter throws(Diagnostic) in
                try Playground.spiral(a, interpreter)
            },
        ]
    }
}

/// What `type(x)` returns: prints as `<class 'int'>`.
final class TypeObject: PyObject {
    let name: String
    init(_ name: String) { self.name = name }
    var typeName: String { "type" }
    func repr(_ interpreter: Interpreter) -> String {
        let module =
            [
                "int", "float", "str", "bool", "list", "tuple", "dict", "NoneType", "range", "function", "module",
                "object",
            ]
            .contains(name)
            ? "" : (name == "ndarray" || name.hasPrefix("float") || name.hasPrefix("int") ? "numpy." : "keras.")
        return "<class '\(module)\(name)'>"
    }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        name == "__name__" ? .string(self.name) : nil
    }

    /// Whether two objects stand for the same built-in type: `type(3)` and `int` (a built-in function
    /// here), so `type(x) is int` and `type(x) in (int, float)` hold as in Python.
    static func same(_ a: AnyObject, _ b: AnyObject) -> Bool {
        func name(_ object: AnyObject) -> String? {
            if let type = object as? TypeObject { return type.name }
            if let function = object as? BuiltinFunction, builtinTypes.contains(function.name) { return function.name }
            return nil
        }
        guard a is TypeObject || b is TypeObject, let x = name(a), let y = name(b) else { return false }
        return x == y
    }
    private static let builtinTypes: Set<String> = [
        "int", "float", "str", "bool", "list", "tuple", "dict", "set", "frozenset", "range", "type", "object",
    ]
}

extension Tensor {
    func retyped(_ dtype: DType) -> Tensor {
        var copy = self
        copy.dtype = dtype
        return copy
    }
}

extension Builtins {
    /// `dict()`, `dict(mapping)`, `dict(pairs)` and `dict(..., name=value)`, as Python builds them.
    static func makeDict(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        guard a.rest.count <= 1 else {
            throw Diagnostic("dict expected at most 1 argument, got \(a.rest.count)", at: a.callRange)
        }
        let dict = DictBox()
        if let source = a.rest.first {
            if case .dict(let other) = source {
                for (key, value) in zip(other.keys, other.values) { dict[key] = value }
            } else {
                for (index, pair) in try interpreter.iterate(source, range: a.restRange(0)).enumerated() {
                    let items = try interpreter.iterate(pair, range: a.restRange(0))
                    guard items.count == 2 else {
                        throw Diagnostic(
                            "dictionary update sequence element #\(index) has length \(items.count); "
                                + "2 is required", at: a.restRange(0))
                    }
                    try interpreter.checkHashable(items[0], range: a.restRange(0))
                    dict[items[0]] = items[1]
                }
            }
        }
        for keyword in a.keywords { dict[.string(keyword.name)] = keyword.value }
        return .dict(dict)
    }
}
