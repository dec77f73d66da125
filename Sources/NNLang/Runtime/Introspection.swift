import NNEngine

/// What the REPL asks about a session: names in scope, attributes, call signatures and the string
/// values an argument takes, for Tab completion, `help` and `%whos`.
extension Interpreter {
    /// Every name bound in the session (builtins and Python keywords included).
    public var namesInScope: [String] { Array(globals.keys) }

    /// Names the user defined (not the builtins and the Keras prelude).
    public var userNames: [String] {
        let builtins = builtinNames
        return globals.keys.filter { !builtins.contains($0) && !$0.hasPrefix("_") && $0 != "Out" && $0 != "In" }
            .sorted()
    }

    /// The value of a dotted name such as `model` or `tf.keras.layers`, without calling anything.
    public func value(ofDottedName text: String) -> Value? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, !first.isEmpty, var value = globals[first] else { return nil }
        for part in parts.dropFirst() {
            guard !part.isEmpty, let next = try? attributeValue(part, of: value) else { return nil }
            value = next
        }
        return value
    }

    func attributeValue(_ name: String, of value: Value) throws(Diagnostic) -> Value? {
        switch value {
        case .object(let object): return try object.attribute(name, self)
        case .array(let array):
            return try ArrayAttributes.attribute(
                name, of: array, self, range: SourceRange(.init(line: 0, column: 0), .init(line: 0, column: 0)))
        default: return try ContainerMethods.attribute(name, of: value, self)
        }
    }

    /// Attribute names of the value at a dotted name (`model` → fit, compile, …).
    public func attributeNames(ofDottedName text: String) -> [String] {
        guard let value = value(ofDottedName: text) else { return [] }
        switch value {
        case .object(let object): return object.attributeNames
        case .array: return ArrayAttributes.names
        default: return ContainerMethods.names(for: value)
        }
    }

    /// Keyword parameters of the function at a dotted name (`Dense` → units, activation, …).
    public func parameterNames(ofDottedName text: String) -> [String] {
        guard case .object(let object)? = value(ofDottedName: text) else { return [] }
        if let function = object as? BuiltinFunction {
            return function.signature.parameters.filter { $0.kind != .variadic }.map(\.name)
        }
        if let function = object as? UserFunction { return function.parameters.map(\.name) }
        return []
    }

    /// The string values a keyword argument takes (`activation` → 'sigmoid', 'relu', …).
    public static func stringChoices(forKeyword keyword: String) -> [String] {
        switch keyword {
        case "activation": Activation.allCases.map(\.name)
        case "loss": Loss.names.keys.sorted()
        case "optimizer": ["adam", "rmsprop", "sgd"]
        case "kernel_initializer", "bias_initializer": Initializer.names.keys.sorted()
        case "metrics": ["accuracy", "mae", "mse"]
        case "verbose": ["auto"]
        case "explain", "level": ExplainLevel.names
        case "dtype": ["float32", "float64", "int64", "uint8", "bool"]
        default: []
        }
    }

    /// `help(x)` for the expression text `x` (a dotted name), or nil when it names nothing.
    public func helpText(forDottedName text: String) -> String? {
        value(ofDottedName: text).map { Help.text(for: $0, self) }
    }

    /// One line about a value for `%whos`: its type and, for arrays, shape and dtype.
    public func summary(ofName name: String) -> (type: String, detail: String)? {
        guard let value = globals[name] else { return nil }
        switch value {
        case .array(let array): return (value.typeName, "\(formatShape(array.shape)) \(array.tensor.dtype.rawValue)")
        case .list(let list): return ("list", "n=\(list.items.count)")
        case .object(let model as ModelObject):
            return ("Sequential", "\(model.model.layers.count) layers, \(model.model.parameterCount) params")
        default:
            let text = repr(value)
            return (value.typeName, text.count > 40 ? String(text.prefix(39)) + "…" : text)
        }
    }

    /// Forgets every name the user defined (`%reset`).
    public func resetUserNames() {
        for name in userNames { globals[name] = nil }
        for name in globals.keys where name.hasPrefix("_") { globals[name] = nil }
        globals["Out"] = nil
    }
}
