/// A function defined in the program with `def`: positional and keyword arguments with defaults,
/// its own local names, and access to the program's global names.
final class UserFunction: CallableObject {
    let name: String
    private(set) var parameters: [(name: String, defaultValue: Value?)]
    let body: [Statement]
    let signature: Signature
    /// Where the function was written, so errors inside it point there (an earlier REPL cell, say).
    let source: SourceFile?
    /// The helper module it was defined in, whose globals it sees when called (nil: the main program).
    let namespace: ModuleNamespace?

    init(name: String, parameters: [(name: String, defaultValue: Value?)], body: [Statement], defaults: [String?],
         source: SourceFile?, namespace: ModuleNamespace? = nil) {
        self.name = name
        self.source = source
        self.namespace = namespace
        self.parameters = parameters
        self.body = body
        self.signature = Signature(zip(parameters, defaults).map { Parameter($0.0.name, $0.1) })
    }

    /// Default values may hold functions whose defaults hold functions …: released without recursion.
    deinit {
        var defaults = parameters.compactMap(\.defaultValue)
        parameters = []
        Dismantler.release(&defaults)
    }

    var typeName: String { "function" }
    func repr(_ interpreter: Interpreter) -> String { "<function \(name)>" }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        name == "__name__" ? .string(self.name) : nil
    }

    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let bound = try signature.bind(arguments, function: name)
        var locals: [String: Value] = [:]
        for parameter in parameters {
            locals[parameter.name] = bound.values[parameter.name]?.value ?? parameter.defaultValue ?? Value.none
        }
        return try interpreter.withGlobals(of: namespace) { () throws(Diagnostic) in
            try interpreter.callFrame(locals: locals, function: name, range: arguments.range) { () throws(Diagnostic) in
                do throws(Diagnostic) {
                    if case .returned(let value) = try interpreter.executeBlock(body) { return value }
                } catch {
                    throw error.inSource(source)
                }
                return .none
            }
        }
    }
}

extension Interpreter {
    /// Deepest chain of calls to the program's own functions.
    static let maximumCallDepth = 200

    /// Runs `body` with a new frame of local names on top.
    func callFrame(locals: [String: Value], function: String, range: SourceRange,
                   _ body: () throws(Diagnostic) -> Value) throws(Diagnostic) -> Value {
        guard frames.count < Interpreter.maximumCallDepth else {
            throw Diagnostic("maximum recursion depth exceeded in \(function)() (\(Interpreter.maximumCallDepth) calls deep)", at: range)
        }
        frames.append(locals)
        defer { frames.removeLast() }
        return try body()
    }
}
