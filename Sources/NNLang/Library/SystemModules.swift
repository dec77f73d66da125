import Foundation

/// `os`, `os.path`, `sys`, `warnings` and `IPython.display`: the parts beginner code touches.
enum SystemModules {
    static func osPath() -> ModuleObject {
        func isDirectory(_ path: String) -> Bool? {
            var directory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &directory) else { return nil }
            return directory.boolValue
        }
        func path(_ a: BoundArguments) throws(Diagnostic) -> String { try a.string("path") }
        return ModuleObject(
            "os.path",
            [
                "join": function("join", "path, *paths") { a, _ throws(Diagnostic) in
                    var result = try a.string("path")
                    for (index, piece) in a.rest.enumerated() {
                        guard let part = PathObject.pathText(piece) else {
                            throw Diagnostic("join() takes strings, not \(piece.typeName)", at: a.restRange(index))
                        }
                        if part.hasPrefix("/") {
                            result = part
                        } else if result.isEmpty || result.hasSuffix("/") {
                            result += part
                        } else {
                            result += "/" + part
                        }
                    }
                    return .string(result)
                },
                "exists": function("exists", "path") { a, _ throws(Diagnostic) in .bool(isDirectory(try path(a)) != nil)
                },
                "isfile": function("isfile", "path") { a, _ throws(Diagnostic) in
                    .bool(isDirectory(try path(a)) == false)
                },
                "isdir": function("isdir", "path") { a, _ throws(Diagnostic) in .bool(isDirectory(try path(a)) == true)
                },
                "basename": function("basename", "p") { a, _ throws(Diagnostic) in
                    .string(
                        String(try a.string("p").split(separator: "/", omittingEmptySubsequences: false).last ?? ""))
                },
                "dirname": function("dirname", "p") { a, _ throws(Diagnostic) in .string(split(try a.string("p")).head)
                },
                "split": function("split", "p") { a, _ throws(Diagnostic) in
                    let (head, tail) = split(try a.string("p"))
                    return .tuple([.string(head), .string(tail)])
                },
                "splitext": function("splitext", "p") { a, _ throws(Diagnostic) in
                    let p = try a.string("p")
                    let name = p.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
                    let stem = name.drop { $0 == "." }
                    guard let dot = stem.lastIndex(of: ".") else { return .tuple([.string(p), .string("")]) }
                    let ext = String(stem[dot...])
                    return .tuple([.string(String(p.dropLast(ext.count))), .string(ext)])
                },
            ])
    }

    /// `os.path.split`: the head keeps no trailing slash unless it is the root.
    static func split(_ path: String) -> (head: String, tail: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        var head = String(path[...slash])
        let tail = String(path[path.index(after: slash)...])
        if head.contains(where: { $0 != "/" }) { while head.hasSuffix("/") { head.removeLast() } }
        return (head, tail)
    }

    static func os(path: ModuleObject?) -> ModuleObject {
        let environment = ProcessInfo.processInfo.environment.sorted { $0.key < $1.key }
        var members: [String: Value] = [
            "environ": .dict(DictBox(environment.map { (Value.string($0.key), Value.string($0.value)) })),
            "sep": .string("/"),
            "getcwd": function("getcwd", "") { _, _ in .string(FileManager.default.currentDirectoryPath) },
            "listdir": function("listdir", "path='.'") { a, _ throws(Diagnostic) in
                let folder = a["path"] == nil ? "." : try a.string("path")
                guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
                    throw Diagnostic("FileNotFoundError: No such file or directory: '\(folder)'", at: a.callRange)
                }
                return .list(names.map { .string($0) })
            },
        ]
        // `os.remove(path)` / `os.unlink(path)`: deletes a file (never a folder), as Python's do.
        for name in ["remove", "unlink"] {
            members[name] = function(name, "path") { a, interpreter throws(Diagnostic) in
                let given = try a.string("path")
                let path = interpreter.resolvePath(given)
                var directory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &directory) else {
                    throw Diagnostic(
                        python: "FileNotFoundError", "[Errno 2] No such file or directory: '\(given)'", at: a.callRange)
                }
                guard !directory.boolValue, (try? FileManager.default.removeItem(atPath: path)) != nil else {
                    let (kind, number, reason) =
                        directory.boolValue
                        ? ("IsADirectoryError", 21, "Is a directory") : ("PermissionError", 13, "Permission denied")
                    throw Diagnostic(python: kind, "[Errno \(number)] \(reason): '\(given)'", at: a.callRange)
                }
                return .none
            }
        }
        members["makedirs"] = function("makedirs", "name, mode=511, exist_ok=False") { a, _ throws(Diagnostic) in
            let existOK = try a.bool("exist_ok", default: false)
            try PathObject.makeDirectory(try a.string("name"), parents: true, existOK: existOK, range: a.callRange)
            return .none
        }
        members["mkdir"] = function("mkdir", "path, mode=511") { a, _ throws(Diagnostic) in
            try PathObject.makeDirectory(try a.string("path"), parents: false, existOK: false, range: a.callRange)
            return .none
        }
        members["rmdir"] = function("rmdir", "path") { a, _ throws(Diagnostic) in
            let path = try a.string("path")
            guard rmdir(path) == 0 else { throw FileObject.osError(path, range: a.callRange) }
            return .none
        }
        if let path { members["path"] = .object(path) }
        return ModuleObject("os", members)
    }

    static func sys(_ interpreter: Interpreter) -> ModuleObject {
        let program = interpreter.currentSource?.name ?? ""
        let folder = program.contains("/") ? SystemModules.split(program).head : ""
        let stdout = ModuleObject(
            "sys.stdout",
            [
                "write": function("write", "s") { a, interpreter throws(Diagnostic) in
                    let text = try a.string("s")
                    interpreter.write(text)
                    return .int(text.count)
                },
                "flush": function("flush", "") { _, _ in .none },
            ])
        // Python's stderr: the interpreter's warning channel (the terminal's stderr under `nn`).
        let stderr = ModuleObject(
            "sys.stderr",
            [
                "write": function("write", "s") { a, interpreter throws(Diagnostic) in
                    let text = try a.string("s")
                    interpreter.warningHandler(text)
                    return .int(text.count)
                },
                "flush": function("flush", "") { _, _ in .none },
            ])
        return ModuleObject(
            "sys",
            [
                "stderr": .object(stderr),
                "argv": .list([.string(program)]),
                "path": .list([.string(folder)]),
                "version": .string("3.12.0 (NNLab)"),
                "version_info": versionInfo(),
                "platform": .string("linux"),
                "stdout": .object(stdout),
                "exc_info": function("exc_info", "") { _, interpreter in interpreter.exceptionInfo() },
                "exit": function("exit", "status=None") { a, interpreter throws(Diagnostic) in
                    if case .string(let message)? = a["status"] { interpreter.warningHandler(message + "\n") }
                    interpreter.exitRequested = true
                    return .none
                },
            ])
    }

    /// `warnings`: `filterwarnings("ignore")` and `simplefilter("ignore")` quiet NNLab's warnings
    /// (NumPy's RuntimeWarning, …); another action shows them again; `warn` shows one as Python does.
    static func warnings(_ interpreter: Interpreter) -> ModuleObject {
        let shown = interpreter.warningHandler
        let filter: (BoundArguments, Interpreter) throws(Diagnostic) -> Value = { a, interpreter throws(Diagnostic) in
            let action = try a.string("action")
            guard ["ignore", "default", "always", "error", "module", "once"].contains(action) else {
                throw Diagnostic("ValueError: invalid action: '\(action)'", at: a.range("action"))
            }
            interpreter.warningHandler = action == "ignore" ? { _ in } : shown
            return .none
        }
        return ModuleObject(
            "warnings",
            [
                "filterwarnings": function(
                    "filterwarnings", "action, message='', category=None, module='', lineno=0",
                    filter),
                "simplefilter": function("simplefilter", "action, category=None, lineno=0, append=False", filter),
                "warn": function("warn", "message, category=None, stacklevel=1") { a, interpreter throws(Diagnostic) in
                    let message = try a.string("message")
                    var category = "UserWarning"
                    if let value = a["category"],
                        case .string(let name)? = try? interpreter.attribute("__name__", of: value, range: a.callRange)
                    {
                        category = name
                    }
                    interpreter.warn("\(category): \(message)", at: a.callRange)
                    return .none
                },
            ])
    }

    /// `IPython.display`: `display(x)` prints what a notebook would show as text.
    static func ipythonDisplay() -> ModuleObject {
        func textObject(_ kind: String) -> Value {
            function(kind, "data=None") { a, _ throws(Diagnostic) in
                .object(DisplayText(kind: kind, text: a["data"] == nil ? "" : try a.string("data")))
            }
        }
        return ModuleObject(
            "IPython.display",
            [
                "display": function("display", "*objs") { a, interpreter throws(Diagnostic) in
                    for value in a.rest {
                        if case .object(let text as DisplayText) = value {
                            interpreter.write(text.text + "\n")
                        } else {
                            interpreter.write(interpreter.repr(value) + "\n")
                        }
                    }
                    return .none
                },
                "Markdown": textObject("Markdown"), "HTML": textObject("HTML"), "Latex": textObject("Latex"),
            ])
    }
}

/// `Markdown("…")`, `HTML("…")`: shown as their text, since NNLab shows no rich output.
final class DisplayText: PyObject {
    let kind: String
    let text: String
    init(kind: String, text: String) { (self.kind, self.text) = (kind, text) }
    var typeName: String { kind }
    func repr(_ interpreter: Interpreter) -> String { "<IPython.core.display.\(kind) object>" }
    func str(_ interpreter: Interpreter) -> String { text }
}

extension SystemModules {
    /// `sys.version_info`: a named tuple, so `.major` works and `>= (3, 7)` compares as Python's does.
    static func versionInfo() -> Value {
        let tuple = TupleBox([.int(3), .int(12), .int(0), .string("final"), .int(0)])
        tuple.namedType = NamedTupleType(
            name: "sys.version_info",
            fields: ["major", "minor", "micro", "releaselevel", "serial"], defaults: [])
        return .tuple(tuple)
    }
}
