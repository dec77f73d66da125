import Foundation

/// The global names of one module of the program (a helper file beside it): the module object reads
/// its attributes here, and the functions defined in it run with these globals wherever they are called.
///
/// The interpreter keeps the running module's globals in `Interpreter.globals`; `withGlobals(of:)`
/// parks them here and brings in another module's while a function or module body of that module runs.
/// (When scopes become an environment chain, a module's globals become its outermost environment.)
final class ModuleNamespace {
    let name: String
    let source: SourceFile
    var globals: [String: Value]

    init(name: String, source: SourceFile, globals: [String: Value]) {
        self.name = name
        self.source = source
        self.globals = globals
    }
}

/// Which module's globals are live, the main program's while a helper's run, and the helpers loaded.
final class ProgramModuleState {
    /// The namespace whose globals are in `Interpreter.globals` now; nil for the main program.
    var active: ModuleNamespace?
    /// The main program's globals while a helper's are live.
    var parkedMain: [String: Value] = [:]
    /// Helper modules by name, loaded once per session (a module is here while it runs, so cycles end).
    var loaded: [String: ModuleObject] = [:]
    /// The built-in names as the session began, which a helper's globals start from.
    var builtins: [String: Value] = [:]
    /// What `nn --check` has learnt of the program's imports.
    let checking = ModuleCheckState()
}

extension Interpreter {
    /// Runs `body` with the globals of `namespace` (nil: the main program's) live, then restores.
    func withGlobals<T>(of namespace: ModuleNamespace?, _ body: () throws(Diagnostic) -> T) throws(Diagnostic) -> T {
        let state = modules.programModules
        let previous = state.active
        if previous === namespace { return try body() }
        switchGlobals(from: previous, to: namespace)
        defer { switchGlobals(from: namespace, to: previous) }
        return try body()
    }

    private func switchGlobals(from old: ModuleNamespace?, to new: ModuleNamespace?) {
        let state = modules.programModules
        if let old { old.globals = globals } else { state.parkedMain = globals }
        globals = [:]
        if let new {
            globals = new.globals
            new.globals = [:]
        } else {
            globals = state.parkedMain
            state.parkedMain = [:]
        }
        state.active = new
    }

    /// The globals of `namespace` as they are now, wherever they are kept.
    func currentGlobals(of namespace: ModuleNamespace) -> [String: Value] {
        modules.programModules.active === namespace ? globals : namespace.globals
    }

    /// `import name` of a file beside the program: `name.py` or `name.nn` in the running file's folder,
    /// then in the working directory; run once per session in its own globals. Nil when there is no file.
    func programModule(_ name: String, range: SourceRange) throws(Diagnostic) -> ModuleObject? {
        let state = modules.programModules
        if let module = state.loaded[name] { return module }
        guard let path = programModulePath(name) else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw Diagnostic("cannot read the module '\(name)' from \(path)", at: range)
        }
        let source = SourceFile(name: path, text: text)
        let program: Program
        do { program = try Parser.parse(text) } catch {
            throw (error.diagnostics.first ?? Diagnostic("cannot parse \(path)", at: range)).inSource(source)
        }
        var globals = state.builtins
        globals["__name__"] = .string(name)
        globals["__file__"] = .string(path)
        let namespace = ModuleNamespace(name: name, source: source, globals: globals)
        let module = ModuleObject(name, namespace: namespace, interpreter: self)
        state.loaded[name] = module
        // A helper runs at its top level, with its own file for messages, and is never narrated.
        let (savedSource, savedFrames, savedNarration) = (currentSource, frames, narrationAllowed)
        (currentSource, frames, narrationAllowed) = (source, [], false)
        defer { (currentSource, frames, narrationAllowed) = (savedSource, savedFrames, savedNarration) }
        do {
            try withGlobals(of: namespace) { () throws(Diagnostic) in
                for statement in program.statements {
                    _ = try execute(statement)
                    if exitRequested { break }
                }
            }
        } catch {
            state.loaded[name] = nil
            (currentSource, frames) = (savedSource, savedFrames)
            throw error.inSource(source).leaving("<module>", calledAt: range, by: runningFunctionName)
        }
        return module
    }

    /// Where `import name` finds a helper file, or nil.
    func programModulePath(_ name: String) -> String? {
        var folders: [String] = []
        if let file = currentSource?.name, file.contains("/") {
            let folder = file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            folders.append(folder.isEmpty ? "/" : folder + "/")
        }
        folders.append("")
        for folder in folders {
            for suffix in [".py", ".nn"] where access(folder + name + suffix, R_OK) == 0 {
                return folder + name + suffix
            }
        }
        return nil
    }

    /// What `from module import *` binds: `__all__` when the module names it, else its public names
    /// (a helper's own and those it imported, not the built-ins every module sees).
    func publicMembers(of module: ModuleObject) -> [String: Value] {
        let members = module.members
        if case .list(let all)? = members["__all__"] {
            var chosen: [String: Value] = [:]
            for case .string(let name) in all.items { chosen[name] = members[name] }
            return chosen
        }
        let builtins = modules.programModules.builtins
        return members.filter { name, value in
            guard !name.hasPrefix("_") else { return false }
            guard module.namespace != nil, let builtin = builtins[name] else { return true }
            return !Interpreter.isSameObject(value, builtin)
        }
    }

    private static func isSameObject(_ a: Value, _ b: Value) -> Bool {
        if case .object(let x) = a, case .object(let y) = b { return x === y }
        return false
    }
}
