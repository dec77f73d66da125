import Foundation

/// What `open(path, mode)` gives: a text file read and written as UTF-8 through the C library, with
/// Python's methods and errors. Reads ask the memory budget first; writes report `ulimit -f` as an OSError.
final class FileObject: PyObject, LazyIterator {
    let name: String
    let mode: String
    let encoding: String
    private var file: UnsafeMutablePointer<FILE>?
    private let readable: Bool
    private let writable: Bool

    /// Opens `given` (resolved against the working directory) in a text `mode`: r, w, a, x, with an optional `+`.
    init(_ given: String, mode: String, encoding: String, range: SourceRange?) throws(Diagnostic) {
        var letters = Set(mode)
        let plus = letters.remove("+") != nil
        letters.remove("t")
        guard mode.count == Set(mode).count, letters.count == 1, let kind = letters.first, "rwax".contains(kind) else {
            if mode.contains("b") {
                throw Diagnostic(
                    "ValueError: binary mode '\(mode)' is not available: nn has no bytes type, so open() "
                        + "reads and writes text only", at: range, hint: "open the file in text mode, e.g. 'r' or 'w'")
            }
            throw Diagnostic(python: "ValueError", "invalid mode: '\(mode)'", at: range)
        }
        self.name = given
        self.mode = mode
        self.encoding = encoding
        readable = kind == "r" || plus
        writable = kind != "r" || plus
        var flags: Int32 =
            switch kind {
            case "r": 0
            case "w": O_CREAT | O_TRUNC
            case "a": O_CREAT | O_APPEND
            default: O_CREAT | O_EXCL
            }
        flags |= readable && writable ? O_RDWR : (readable ? O_RDONLY : O_WRONLY)
        let descriptor = Glibc.open(given, flags, 0o666)
        guard descriptor >= 0 else { throw Self.osError(given, range: range) }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            Glibc.close(descriptor)
            errno = EISDIR
            throw Self.osError(given, range: range)
        }
        let cMode = kind == "r" ? (plus ? "r+" : "r") : (kind == "a" ? (plus ? "a+" : "a") : (plus ? "w+" : "w"))
        file = fdopen(descriptor, cMode)
        if file == nil { Glibc.close(descriptor) }
    }

    deinit { if let file { fclose(file) } }

    /// Python's OSError subclass for `errno`, worded as Python words it.
    static func osError(_ path: String, range: SourceRange?) -> Diagnostic {
        let code = errno
        let kind =
            switch code {
            case ENOENT: "FileNotFoundError"
            case EISDIR: "IsADirectoryError"
            case EEXIST: "FileExistsError"
            case EACCES, EPERM: "PermissionError"
            case ENOTDIR: "NotADirectoryError"
            default: "OSError"
            }
        return Diagnostic(python: kind, "[Errno \(code)] \(String(cString: strerror(code))): '\(path)'", at: range)
    }

    var typeName: String { "TextIOWrapper" }
    var closed: Bool { file == nil }
    var attributeNames: [String] {
        [
            "read", "readline", "readlines", "write", "writelines", "close", "closed", "name", "mode", "flush",
            "encoding", "readable", "writable", "__enter__", "__exit__",
        ]
    }

    func repr(_ interpreter: Interpreter) -> String {
        "<_io.TextIOWrapper name=\(pythonStringRepr(name)) mode='\(mode)' encoding='\(encoding)'>"
    }

    private func open(_ range: SourceRange?) throws(Diagnostic) -> UnsafeMutablePointer<FILE> {
        guard let file else { throw Diagnostic(python: "ValueError", "I/O operation on closed file.", at: range) }
        return file
    }

    private func readableFile(_ range: SourceRange?) throws(Diagnostic) -> UnsafeMutablePointer<FILE> {
        let file = try open(range)
        guard readable else {
            throw Diagnostic("io.UnsupportedOperation: not readable", at: range, exception: "io.UnsupportedOperation")
        }
        return file
    }

    /// Decoded text with Python's universal newlines (`\r\n` and `\r` read as `\n`).
    private static func text(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains("\r") else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    /// The rest of the file; its size is asked of the memory budget before it is read.
    func readAll(range: SourceRange?) throws(Diagnostic) -> String {
        let file = try readableFile(range)
        var info = stat()
        let position = ftell(file)
        if fstat(fileno(file), &info) == 0, position >= 0 {
            try MemoryCheck.reserve(Int(info.st_size) - position, of: MemoryCheck.byteSize, range: range)
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, 65536, file) }
            if count == 0 { break }
            try MemoryCheck.reserveGrowth(of: bytes.count + count, range: range)
            bytes.append(contentsOf: chunk[0..<count])
        }
        return Self.text(bytes)
    }

    /// Up to `limit` characters (all when negative), byte by byte so a UTF-8 character is never split.
    func read(_ limit: Int, range: SourceRange?) throws(Diagnostic) -> String {
        if limit < 0 { return try readAll(range: range) }
        let file = try readableFile(range)
        var bytes: [UInt8] = []
        var characters = 0
        while characters < limit {
            let byte = getc(file)
            if byte == EOF { break }
            if byte == 13 {  // `\r\n` and `\r` are one newline
                let next = getc(file)
                if next != 10, next != EOF { ungetc(next, file) }
                bytes.append(10)
            } else {
                bytes.append(UInt8(byte))
            }
            if byte & 0xC0 != 0x80 { characters += 1 }
            // Finish a multi-byte character before counting it done.
            while characters == limit, case let next = getc(file), next != EOF {
                if next & 0xC0 == 0x80 {
                    bytes.append(UInt8(next))
                } else {
                    ungetc(next, file)
                    break
                }
            }
        }
        return Self.text(bytes)
    }

    /// One line with its `\n`, or "" at the end.
    func readLine(range: SourceRange?) throws(Diagnostic) -> String {
        let file = try readableFile(range)
        var bytes: [UInt8] = []
        while true {
            let byte = getc(file)
            if byte == EOF { break }
            if byte == 13 {
                let next = getc(file)
                if next != 10, next != EOF { ungetc(next, file) }
                bytes.append(10)
                break
            }
            bytes.append(UInt8(byte))
            if byte == 10 { break }
            if bytes.count >= 1 << 16 { try MemoryCheck.reserveGrowth(of: bytes.count, range: range) }
        }
        return Self.text(bytes)
    }

    func write(_ text: String, range: SourceRange?) throws(Diagnostic) {
        let file = try open(range)
        guard writable else {
            throw Diagnostic("io.UnsupportedOperation: not writable", at: range, exception: "io.UnsupportedOperation")
        }
        // Past `ulimit -f` the kernel would end the process with SIGXFSZ; ignored, the write fails with EFBIG.
        signal(SIGXFSZ, SIG_IGN)
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, bytes.count, file) }
        guard written == bytes.count, fflush(file) == 0 else { throw FileBytes.writeError(name, range: range) }
    }

    func close() {
        if let file { fclose(file) }
        file = nil
    }

    func next(_ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        let line = try readLine(range: nil)
        return line.isEmpty ? nil : .string(line)
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "name": return .string(self.name)
        case "mode": return .string(mode)
        case "encoding": return .string(encoding)
        case "closed": return .bool(closed)
        case "read":
            return function("read", "size=-1") { a, _ throws(Diagnostic) in
                var size = -1
                if let given = a["size"], case .none = given {} else { size = try a.int("size", default: -1) }
                return .string(try self.read(size, range: a.callRange))
            }
        case "readline":
            return function("readline", "size=-1") { a, _ throws(Diagnostic) in
                .string(try self.readLine(range: a.callRange))
            }
        case "readlines":
            return function("readlines", "hint=-1") { a, _ throws(Diagnostic) in
                var lines: [Value] = []
                while case let line = try self.readLine(range: a.callRange), !line.isEmpty {
                    try MemoryCheck.reserveGrowth(of: lines.count + 1, range: a.callRange)
                    lines.append(.string(line))
                }
                return .list(ListBox(lines))
            }
        case "write":
            return function("write", "s") { a, _ throws(Diagnostic) in
                guard case .string(let text) = a["s"] ?? .none else {
                    throw Diagnostic(
                        python: "TypeError", "write() argument must be str, not \((a["s"] ?? .none).typeName)",
                        at: a.callRange)
                }
                try self.write(text, range: a.callRange)
                return .int(text.count)
            }
        case "writelines":
            return function("writelines", "lines") { a, interpreter throws(Diagnostic) in
                for line in try interpreter.iterate(a["lines"] ?? .none, range: a.callRange) {
                    guard case .string(let text) = line else {
                        throw Diagnostic(
                            python: "TypeError", "write() argument must be str, not \(line.typeName)",
                            at: a.callRange)
                    }
                    try self.write(text, range: a.callRange)
                }
                return .none
            }
        case "readable", "writable":
            return function(name, "") { a, _ throws(Diagnostic) in
                _ = try self.open(a.callRange)
                return .bool(name == "readable" ? self.readable : self.writable)
            }
        case "flush":
            return function("flush", "") { a, _ throws(Diagnostic) in
                fflush(try self.open(a.callRange))
                return .none
            }
        case "close":
            return function("close", "") { _, _ throws(Diagnostic) in
                self.close()
                return .none
            }
        case "__enter__":
            return function("__enter__", "") { a, _ throws(Diagnostic) in
                _ = try self.open(a.callRange)
                return .object(self)
            }
        case "__exit__":
            return function("__exit__", "*exception") { _, _ throws(Diagnostic) in
                self.close()
                return .none
            }
        default: return nil
        }
    }
}

extension FileObject {
    /// The built-in `open(file, mode='r', ...)`: text files only, as UTF-8.
    static var openFunction: Value {
        function(
            "open", "file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None"
        ) { a, interpreter throws(Diagnostic) in
            let given = try a.string("file")
            var encoding = "UTF-8"
            if let value = a["encoding"], case .string(let name) = value {
                guard ["utf-8", "utf8", "ascii", "us-ascii"].contains(name.lowercased()) else {
                    throw Diagnostic(
                        "LookupError: nn reads and writes UTF-8 text only, not '\(name)'", at: a.range("encoding"),
                        hint: "leave encoding out, or give encoding='utf-8'")
                }
                encoding = name
            }
            return .object(
                try FileObject(
                    given, mode: try a.string("mode", default: "r"), encoding: encoding,
                    range: a.callRange))
        }
    }
}
