/// The arguments of a call as written: positional values and `name=value` pairs, with where each
/// came from so errors can point at the argument at fault.
public struct CallArguments {
    public var positional: [Value]
    public var positionalRanges: [SourceRange]
    public var keywords: [(name: String, value: Value, range: SourceRange)]
    public var range: SourceRange

    public init(
        positional: [Value] = [], positionalRanges: [SourceRange] = [],
        keywords: [(name: String, value: Value, range: SourceRange)] = [], range: SourceRange
    ) {
        self.positional = positional
        self.positionalRanges = positionalRanges
        self.keywords = keywords
        self.range = range
    }
}

/// A parameter of a built-in function, as `help()` shows it.
public struct Parameter: Sendable {
    public enum Kind: Sendable { case positionalOrKeyword, keywordOnly, variadic, variadicKeywords }
    public var name: String
    /// The default shown in signatures (Python source text), or nil when the argument is required.
    public var defaultText: String?
    public var kind: Kind

    public init(_ name: String, _ defaultText: String? = nil, kind: Kind = .positionalOrKeyword) {
        self.name = name
        self.defaultText = defaultText
        self.kind = kind
    }

    public static func variadic(_ name: String) -> Parameter { Parameter(name, kind: .variadic) }
    public static func keywordOnly(_ name: String, _ defaultText: String?) -> Parameter {
        Parameter(name, defaultText, kind: .keywordOnly)
    }
}

/// A function's parameters; binds call arguments to them as Python does.
public struct Signature: Sendable {
    public var parameters: [Parameter]

    public init(_ parameters: [Parameter]) { self.parameters = parameters }

    /// `(units, activation=None, use_bias=True)`
    public var text: String {
        "("
            + parameters.map { p in
                switch p.kind {
                case .variadic: "*\(p.name)"
                case .variadicKeywords: "**\(p.name)"
                default: p.defaultText.map { "\(p.name)=\($0)" } ?? p.name
                }
            }.joined(separator: ", ") + ")"
    }

    /// Matches `arguments` to parameters; unknown keywords get a did-you-mean, missing ones a plain error.
    func bind(_ arguments: CallArguments, function: String) throws(Diagnostic) -> BoundArguments {
        var bound = BoundArguments(function: function, callRange: arguments.range)
        let positionalParameters = parameters.filter { $0.kind != .keywordOnly && $0.kind != .variadicKeywords }
        let takesKeywords = parameters.contains { $0.kind == .variadicKeywords }
        for (index, value) in arguments.positional.enumerated() {
            let range = arguments.positionalRanges[index]
            if let variadic = positionalParameters.last, variadic.kind == .variadic,
                index >= positionalParameters.count - 1
            {
                bound.rest.append(value)
                bound.restRanges.append(range)
                continue
            }
            guard index < positionalParameters.count else {
                let count = positionalParameters.count
                throw Diagnostic(
                    "\(function)() takes \(count) positional argument\(count == 1 ? "" : "s") but \(arguments.positional.count) were given",
                    at: range)
            }
            bound.values[positionalParameters[index].name] = (value, range)
        }
        for keyword in arguments.keywords {
            guard
                let parameter = parameters.first(where: {
                    $0.name == keyword.name && $0.kind != .variadic && $0.kind != .variadicKeywords
                })
            else {
                if takesKeywords {
                    if bound.keywords.contains(where: { $0.name == keyword.name }) {
                        throw Diagnostic(
                            "\(function)() got multiple values for keyword argument '\(keyword.name)'",
                            at: keyword.range)
                    }
                    bound.keywords.append((keyword.name, keyword.value))
                    continue
                }
                let renamed = ["lr": "learning_rate", "input_size": "input_shape", "activation_function": "activation"]
                let hint = renamed[keyword.name].flatMap { new in
                    parameters.contains { $0.name == new } ? "Keras 3 calls it '\(new)'" : nil
                }
                throw Diagnostic(
                    "\(function)() got an unexpected keyword argument '\(keyword.name)'", at: keyword.range,
                    hint: hint ?? didYouMean(keyword.name, parameters.filter { $0.kind != .variadic }.map(\.name))
                        ?? "\(function) takes \(text)")
            }
            if bound.values[keyword.name] != nil {
                throw Diagnostic(
                    "\(function)() got multiple values for the argument '\(keyword.name)'", at: keyword.range)
            }
            bound.values[parameter.name] = (keyword.value, keyword.range)
        }
        for parameter in parameters
        where parameter.defaultText == nil && parameter.kind != .variadic
            && parameter.kind != .variadicKeywords
        {
            if bound.values[parameter.name] == nil {
                throw Diagnostic(
                    "\(function)() is missing the required argument '\(parameter.name)'", at: arguments.range,
                    hint: "\(function) takes \(text)")
            }
        }
        return bound
    }
}

/// Arguments matched to parameter names, with typed accessors that explain wrong types.
public struct BoundArguments {
    public let function: String
    public let callRange: SourceRange
    var values: [String: (value: Value, range: SourceRange)] = [:]
    /// Extra positional arguments for a `*args` parameter.
    public var rest: [Value] = []
    var restRanges: [SourceRange] = []
    /// Keyword arguments for a `**kwargs` parameter, in the order given.
    var keywords: [(name: String, value: Value)] = []

    init(function: String, callRange: SourceRange) {
        self.function = function
        self.callRange = callRange
    }

    /// The argument, or nil if it was not given (or given as None when `noneIsAbsent`).
    public subscript(name: String) -> Value? {
        guard let value = values[name]?.value else { return nil }
        if case .none = value { return nil }
        return value
    }

    public func given(_ name: String) -> Bool { values[name] != nil }

    /// Where the argument was written, or the whole call.
    public func range(_ name: String) -> SourceRange { values[name]?.range ?? callRange }
    public func restRange(_ index: Int) -> SourceRange { index < restRanges.count ? restRanges[index] : callRange }

    func wrongType(_ name: String, expected: String, got value: Value) -> Diagnostic {
        Diagnostic("\(function)(): '\(name)' must be \(expected), not \(value.typeName)", at: range(name))
    }

    public func int(_ name: String, default fallback: Int? = nil) throws(Diagnostic) -> Int {
        guard let value = self[name] else {
            if let fallback { return fallback }
            throw Diagnostic("\(function)() needs the argument '\(name)'", at: callRange)
        }
        if let integer = value.exactInteger { return integer }
        throw wrongType(name, expected: "an integer", got: value)
    }

    public func optionalInt(_ name: String) throws(Diagnostic) -> Int? {
        guard self[name] != nil else { return nil }
        return try int(name)
    }

    public func double(_ name: String, default fallback: Double? = nil) throws(Diagnostic) -> Double {
        guard let value = self[name] else {
            if let fallback { return fallback }
            throw Diagnostic("\(function)() needs the argument '\(name)'", at: callRange)
        }
        if case .bool = value { throw wrongType(name, expected: "a number", got: value) }
        if let number = value.numericValue { return number }
        throw wrongType(name, expected: "a number", got: value)
    }

    public func bool(_ name: String, default fallback: Bool) throws(Diagnostic) -> Bool {
        guard let value = self[name] else { return fallback }
        switch value {
        case .bool(let b): return b
        case .int(let i): return i != 0
        default: throw wrongType(name, expected: "True or False", got: value)
        }
    }

    public func string(_ name: String, default fallback: String? = nil) throws(Diagnostic) -> String {
        guard let value = self[name] else {
            if let fallback { return fallback }
            throw Diagnostic("\(function)() needs the argument '\(name)'", at: callRange)
        }
        // A `pathlib.Path` is accepted wherever a string is, so every path argument takes one.
        guard let text = PathObject.pathText(value) else { throw wrongType(name, expected: "a string", got: value) }
        return text
    }
}

extension Value {
    /// The value as an Int when it is a whole number (Python int, bool, or an integer NumPy scalar).
    var exactInteger: Int? {
        switch self {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .array(let a) where a.isScalar && a.tensor.dtype != .float32 && a.tensor.dtype != .float64:
            return Int(truncating: a.tensor.double(flat: 0))
        default: return nil
        }
    }
}

/// A function implemented in Swift, with a Python signature and a description for `help()`.
public final class BuiltinFunction: PyObject {
    public let name: String
    public let signature: Signature
    public let summary: String
    let body: (BoundArguments, Interpreter) throws(Diagnostic) -> Value
    /// How `repr` shows it: `<function sigmoid>`, `<bound method Sequential.fit>`.
    let reprText: String?

    public init(
        _ name: String, _ signature: Signature, summary: String = "", repr: String? = nil,
        body: @escaping (BoundArguments, Interpreter) throws(Diagnostic) -> Value
    ) {
        self.name = name
        self.signature = signature
        self.summary = summary
        self.body = body
        self.reprText = repr
    }

    public var typeName: String { "function" }

    public func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let bound = try signature.bind(arguments, function: name)
        return try body(bound, interpreter)
    }

    public func repr(_ interpreter: Interpreter) -> String { reprText ?? "<function \(name)>" }
}

/// An object that can be called like a function (classes such as `Dense` are callable too).
public protocol CallableObject: PyObject {
    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value
}

extension BuiltinFunction: CallableObject {}

extension BuiltinFunction {
    /// `str.lower`, `list.append`, `dict.get`: a type's method taken from the type (as in
    /// `sorted(words, key=str.lower)`), called with the object first.
    public func attribute(_ attribute: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        if attribute == "__name__" { return .string(name) }
        let samples: [String: Value] = [
            "str": .string(""), "list": .list([]), "dict": .dict(DictBox()), "int": .int(0), "float": .float(0),
            "tuple": .tuple([]),
        ]
        guard let sample = samples[name], try ContainerMethods.attribute(attribute, of: sample, interpreter) != nil
        else { return nil }
        let owner = name
        return .object(
            BuiltinFunction(
                attribute, Signature(parsing: "self, *args, **kwargs"),
                repr: "<method '\(attribute)' of '\(owner)' objects>"
            ) {
                a, interpreter throws(Diagnostic) in
                let receiver = a.values["self"]?.value ?? .none
                guard receiver.typeName == owner || (owner == "int" && receiver.typeName == "bool") else {
                    throw Diagnostic(
                        "descriptor '\(attribute)' for '\(owner)' objects doesn't apply to a '\(receiver.typeName)' object",
                        at: a.callRange, exception: "TypeError")
                }
                let method = try interpreter.attribute(attribute, of: receiver, range: a.callRange)
                guard case .object(let callee as CallableObject) = method else { return method }
                return try callee.call(
                    CallArguments(
                        positional: a.rest, positionalRanges: a.rest.indices.map { a.restRange($0) },
                        keywords: a.keywords.map { ($0.name, $0.value, a.callRange) }, range: a.callRange),
                    interpreter)
            })
    }
}
