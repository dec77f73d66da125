import Foundation

/// `pathlib.Path`: a POSIX path as Python normalizes it (`Path("a//b/./c/")` is `a/b/c`), with the
/// parts, tests and file helpers beginner scripts use. Accepted wherever a path string is.
final class PathObject: PyObject {
    let path: String

    init(_ text: String) {
        let absolute = text.hasPrefix("/")
        let parts = text.split(separator: "/").filter { $0 != "." }
        let joined = parts.joined(separator: "/")
        path = absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    var typeName: String { "PosixPath" }
    func repr(_ interpreter: Interpreter) -> String { "PosixPath(\(pythonStringRepr(path)))" }
    func str(_ interpreter: Interpreter) -> String { path }

    var parts: [String] { path.split(separator: "/").map(String.init) }
    var name: String { path == "." || path == "/" ? "" : (parts.last ?? "") }
    private var dot: String.Index? {
        guard let index = name.lastIndex(of: "."), index != name.startIndex, name.index(after: index) != name.endIndex
        else { return nil }
        return index
    }
    var suffix: String { dot.map { String(name[$0...]) } ?? "" }
    var stem: String { dot.map { String(name[..<$0]) } ?? name }
    var parent: PathObject {
        guard name != "" else { return self }
        let rest = parts.dropLast().joined(separator: "/")
        return PathObject(path.hasPrefix("/") ? "/" + rest : rest)
    }

    func joined(_ other: String) -> PathObject { PathObject(other.hasPrefix("/") ? other : path + "/" + other) }

    private var kind: Bool? {
        var directory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &directory) else { return nil }
        return directory.boolValue
    }

    var attributeNames: [String] {
        [
            "name", "stem", "suffix", "parent", "parts", "exists", "is_file", "is_dir", "mkdir", "read_text",
            "write_text", "glob", "iterdir", "unlink", "rmdir", "with_suffix", "open", "cwd", "resolve",
        ]
    }

    func attribute(_ attribute: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch attribute {
        case "name": return .string(name)
        case "stem": return .string(stem)
        case "suffix": return .string(suffix)
        case "parent": return .object(parent)
        case "parts": return .tuple(TupleBox(((path.hasPrefix("/") ? ["/"] : []) + parts).map { .string($0) }))
        case "exists": return function("exists", "") { _, _ in .bool(self.kind != nil) }
        case "is_file": return function("is_file", "") { _, _ in .bool(self.kind == false) }
        case "is_dir": return function("is_dir", "") { _, _ in .bool(self.kind == true) }
        case "resolve": return function("resolve", "") { _, _ in .object(PathObject(Self.absolute(self.path))) }
        case "with_suffix":
            return function("with_suffix", "suffix") { a, _ throws(Diagnostic) in
                let suffix = try a.string("suffix")
                return .object(self.parent.joined(self.stem + suffix))
            }
        case "mkdir":
            return function("mkdir", "mode=511, parents=False, exist_ok=False") { a, _ throws(Diagnostic) in
                let parents = try a.bool("parents", default: false)
                let existOK = try a.bool("exist_ok", default: false)
                try Self.makeDirectory(self.path, parents: parents, existOK: existOK, range: a.callRange)
                return .none
            }
        case "read_text":
            return function("read_text", "encoding=None, errors=None") { a, _ throws(Diagnostic) in
                let file = try FileObject(self.path, mode: "r", encoding: "UTF-8", range: a.callRange)
                defer { file.close() }
                return .string(try file.readAll(range: a.callRange))
            }
        case "write_text":
            return function("write_text", "data, encoding=None, errors=None, newline=None") { a, _ throws(Diagnostic) in
                guard case .string(let text) = a["data"] ?? .none else {
                    throw Diagnostic(
                        python: "TypeError", "data must be str, not \((a["data"] ?? .none).typeName)", at: a.callRange)
                }
                let file = try FileObject(self.path, mode: "w", encoding: "UTF-8", range: a.callRange)
                defer { file.close() }
                try file.write(text, range: a.callRange)
                return .int(text.count)
            }
        case "open":
            return function("open", "mode='r', buffering=-1, encoding=None, errors=None, newline=None") {
                a, _ throws(Diagnostic) in
                .object(
                    try FileObject(
                        self.path, mode: try a.string("mode", default: "r"), encoding: "UTF-8",
                        range: a.callRange))
            }
        case "unlink":
            return function("unlink", "missing_ok=False") { a, _ throws(Diagnostic) in
                let missingOK = try a.bool("missing_ok", default: false)
                if unlink(self.path) != 0, !(errno == ENOENT && missingOK) {
                    throw FileObject.osError(self.path, range: a.callRange)
                }
                return .none
            }
        case "rmdir":
            return function("rmdir", "") { a, _ throws(Diagnostic) in
                guard rmdir(self.path) == 0 else { throw FileObject.osError(self.path, range: a.callRange) }
                return .none
            }
        case "iterdir":
            return function("iterdir", "") { a, _ throws(Diagnostic) in
                .list(ListBox(try self.entries(range: a.callRange).map { .object(self.joined($0)) }))
            }
        case "glob":
            // Python yields matches in the folder's own order, which varies by file system; nn sorts them.
            return function("glob", "pattern") { a, _ throws(Diagnostic) in
                let pattern = try a.string("pattern")
                guard !pattern.contains("/"), !pattern.contains("**") else {
                    throw Diagnostic(
                        "glob() here matches names in one folder ('*.csv'); patterns with '/' or '**' are not "
                            + "available", at: a.range("pattern"))
                }
                let names = (try? self.entries(range: a.callRange)) ?? []
                let matches = names.filter { fnmatch(pattern, $0, FNM_PERIOD) == 0 }
                return .list(ListBox(matches.map { .object(self.joined($0)) }))
            }
        case "cwd": return PathType.shared.attribute("cwd")
        default: return nil
        }
    }

    /// The folder's entry names, sorted.
    private func entries(range: SourceRange?) throws(Diagnostic) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        } catch {
            errno = kind == false ? ENOTDIR : ENOENT
            throw FileObject.osError(path, range: range)
        }
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// `os.makedirs` / `Path.mkdir`: Python's FileExistsError and FileNotFoundError.
    static func makeDirectory(_ path: String, parents: Bool, existOK: Bool, range: SourceRange?) throws(Diagnostic) {
        var directory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &directory) {
            if directory.boolValue && existOK { return }
            errno = EEXIST
            throw FileObject.osError(path, range: range)
        }
        if parents {
            let parent = PathObject(path).parent.path
            if parent != path { try makeDirectory(parent, parents: true, existOK: true, range: range) }
        }
        guard mkdir(path, 0o777) == 0 else {
            if errno == EEXIST && existOK { return }
            throw FileObject.osError(path, range: range)
        }
    }

    /// `Path(...)`'s segments joined: each a string or a Path.
    static func make(_ a: BoundArguments) throws(Diagnostic) -> PathObject {
        var result = PathObject("")
        for (index, piece) in a.rest.enumerated() {
            guard let text = pathText(piece) else {
                throw Diagnostic(
                    python: "TypeError",
                    "expected str, bytes or os.PathLike object, not \(piece.typeName)",
                    at: a.restRange(index))
            }
            result = index == 0 ? PathObject(text) : result.joined(text)
        }
        return result
    }

    /// A path given as a string or a Path object, as Python's `os.fspath`.
    static func pathText(_ value: Value) -> String? {
        switch value {
        case .string(let text): return text
        case .object(let path as PathObject): return path.path
        default: return nil
        }
    }

    /// `p == q` between paths (a path never equals a string, as in Python), and their order, which is
    /// that of their lists of parts (so `sorted(folder.glob("*.csv"))` works).
    static func compared(_ op: ComparisonOperator, _ left: Value, _ right: Value) -> Value? {
        if case .object(let l as PathObject) = left, case .object(let r as PathObject) = right {
            let a = l.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            let b = r.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            let less = a.lexicographicallyPrecedes(b)
            switch op {
            case .equal: return .bool(a == b)
            case .notEqual: return .bool(a != b)
            case .less: return .bool(less)
            case .lessEqual: return .bool(less || a == b)
            case .greater: return .bool(!less && a != b)
            case .greaterEqual: return .bool(!less)
            default: return nil
            }
        }
        guard op == .equal || op == .notEqual else { return nil }
        switch (left, right) {
        case (.object(is PathObject), _), (_, .object(is PathObject)): return .bool(op == .notEqual)
        default: return nil
        }
    }

    /// `path / "name"` and `"folder" / path`.
    static func divided(_ op: BinaryOperator, _ left: Value, _ right: Value, range: SourceRange) throws(Diagnostic)
        -> Value?
    {
        guard op == .divide else { return nil }
        switch (left, right) {
        case (.object(let path as PathObject), _):
            guard let text = pathText(right) else {
                throw Diagnostic(
                    python: "TypeError", "unsupported operand type(s) for /: 'PosixPath' and '\(right.typeName)'",
                    at: range)
            }
            return .object(path.joined(text))
        case (.string(let text), .object(let path as PathObject)):
            return .object(PathObject(text).joined(path.path))
        default: return nil
        }
    }
}

/// The `Path` class itself: called to make a path, with `Path.cwd()`.
final class PathType: CallableObject {
    static var shared: PathType { PathType() }
    private let constructor = function("Path", "*pathsegments") { a, _ throws(Diagnostic) in
        .object(try PathObject.make(a))
    }

    var typeName: String { "type" }
    var attributeNames: [String] { ["cwd"] }
    func repr(_ interpreter: Interpreter) -> String { "<class 'pathlib.Path'>" }

    func attribute(_ name: String) -> Value? {
        guard name == "cwd" else { return nil }
        return function("cwd", "") { _, _ in .object(PathObject(FileManager.default.currentDirectoryPath)) }
    }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? { attribute(name) }

    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        guard case .object(let callable as CallableObject) = constructor else { return .none }
        return try callable.call(arguments, interpreter)
    }

    /// Whether `value` is the `Path` class (for `isinstance(p, Path)`).
    static func isPath(_ value: Value) -> Bool {
        if case .object(is PathType) = value { return true }
        return false
    }

    /// The `pathlib` module.
    static func module() -> ModuleObject {
        ModuleObject("pathlib", ["Path": .object(shared), "PosixPath": .object(shared)])
    }
}
