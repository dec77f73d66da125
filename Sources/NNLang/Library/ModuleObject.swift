/// A module: a named set of members, as `import numpy as np` binds.
public final class ModuleObject: PyObject {
    public let name: String
    private var storedMembers: [String: Value]
    /// A helper module's globals, which its members are (nil for the library's modules).
    let namespace: ModuleNamespace?
    private weak var interpreter: Interpreter?
    /// Gives members the module does not list (matplotlib's skipped names), or nil.
    var fallback: ((String) -> Value?)?

    init(_ name: String, _ members: [String: Value] = [:]) {
        self.name = name
        self.storedMembers = members
        self.namespace = nil
    }

    init(_ name: String, namespace: ModuleNamespace, interpreter: Interpreter) {
        self.name = name
        self.storedMembers = [:]
        self.namespace = namespace
        self.interpreter = interpreter
    }

    var members: [String: Value] {
        get {
            guard let namespace else { return storedMembers }
            return interpreter?.currentGlobals(of: namespace) ?? namespace.globals
        }
        set {
            guard let namespace else {
                storedMembers = newValue
                return
            }
            if let interpreter, interpreter.modules.programModules.active === namespace {
                interpreter.globals = newValue
            } else {
                namespace.globals = newValue
            }
        }
    }

    public var typeName: String { "module" }
    public func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        members[name] ?? fallback?(name)
    }
    public var attributeNames: [String] { members.keys.sorted() }
    public func setAttribute(_ name: String, to value: Value, _ interpreter: Interpreter) throws(Diagnostic) {
        guard namespace != nil else {
            throw Diagnostic("cannot set the attribute '\(name)' of a module object", at: nil)
        }
        members[name] = value
    }
    public func repr(_ interpreter: Interpreter) -> String {
        namespace.map { "<module '\(name)' from '\($0.source.name)'>" } ?? "<module '\(name)'>"
    }
}

/// Shorthand for declaring built-in functions: `function("zeros", "shape, dtype=None") { args, interpreter in … }`.
func function(
    _ name: String, _ parameters: String, summary: String = "", repr: String? = nil,
    _ body: @escaping (BoundArguments, Interpreter) throws(Diagnostic) -> Value
) -> Value {
    .object(BuiltinFunction(name, Signature(parsing: parameters), summary: summary, repr: repr, body: body))
}

extension Signature {
    /// Parameters from Python-like text: `"x, axis=None, *args, *, keepdims=False, **kwargs"`.
    init(parsing text: String) {
        var parameters: [Parameter] = []
        var keywordOnly = false
        var pieces: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if "([{".contains(character) { depth += 1 }
            if ")]}".contains(character) { depth -= 1 }
            if character == ",", depth == 0 {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        for piece in pieces {
            let item = String(piece).trimming(" ")
            if item.isEmpty { continue }
            if item == "*" {
                keywordOnly = true
                continue
            }
            if item.hasPrefix("**") {
                parameters.append(Parameter(String(item.dropFirst(2)), kind: .variadicKeywords))
                continue
            }
            if item.hasPrefix("*") {
                parameters.append(.variadic(String(item.dropFirst())))
                keywordOnly = true
                continue
            }
            let parts = item.split(separator: "=", maxSplits: 1).map { String($0).trimming(" ") }
            parameters.append(
                Parameter(
                    parts[0], parts.count > 1 ? parts[1] : nil, kind: keywordOnly ? .keywordOnly : .positionalOrKeyword)
            )
        }
        self.init(parameters)
    }
}
