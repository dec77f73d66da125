import Foundation
import NNLang
import Testing

/// `open()` and `pathlib` errors, uncaught, as Python words them and located at the call.
/// Each test works in its own folder under the temporary directory and removes it.
@Suite struct FileObjectTests {
    func failure(_ program: (String) -> String) throws -> Diagnostic? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let interpreter = Interpreter(output: CapturedOutput())
        do { try interpreter.run(SourceFile(name: "program.py", text: program(folder.path))) } catch {
            return error.diagnostics.first
        }
        return nil
    }

    @Test func aMissingFileIsFileNotFoundError() throws {
        let error = try failure { "x = 1\nf = open('\($0)/x.txt')\n" }
        let folder = FileManager.default.temporaryDirectory.path
        #expect(error?.message.hasPrefix("FileNotFoundError: [Errno 2] No such file or directory: '\(folder)") == true)
        #expect(error?.message.hasSuffix("/x.txt'") == true)
        #expect(error?.range?.start.line == 2)
    }

    @Test(arguments: [
        ("f = open(D)", "IsADirectoryError: [Errno 21] Is a directory: '"),
        ("open(D + '/a', 'w').close()\nopen(D + '/a', 'x')", "FileExistsError: [Errno 17] File exists: '"),
        ("f = open(D + '/a', 'w')\nf.close()\nf.write('x')", "ValueError: I/O operation on closed file."),
        ("f = open(D + '/a', 'w')\nf.read()", "io.UnsupportedOperation: not readable"),
        ("open(D + '/a', 'w').close()\nf = open(D + '/a')\nf.write('x')", "io.UnsupportedOperation: not writable"),
        ("f = open(D + '/a', 'rb')", "ValueError: binary mode 'rb' is not available: nn has no bytes type"),
        ("f = open(D + '/a', 'rw')", "ValueError: invalid mode: 'rw'"),
        ("f = open(D + '/a', 'w')\nf.write(3)", "TypeError: write() argument must be str, not int"),
        (
            "from pathlib import Path\np = Path(D) / 3",
            "TypeError: unsupported operand type(s) for /: 'PosixPath' and 'int'"
        ),
        ("from pathlib import Path\np = Path(3)", "TypeError: expected str, bytes or os.PathLike object, not int"),
        ("from pathlib import Path\n(Path(D) / 'a' / 'b').mkdir()", "FileNotFoundError: [Errno 2] No such file or"),
        ("import os\nos.makedirs(D)", "FileExistsError: [Errno 17] File exists: '"),
    ])
    func errorsSpeakPython(_ program: String, _ message: String) throws {
        let error = try failure { "D = '\($0)'\n" + program + "\n" }
        #expect(error?.message.hasPrefix(message) == true, "\(String(describing: error?.message))")
        #expect(error?.range?.start.line == program.split(separator: "\n").count + 1)
    }

    @Test func aFileClosesWhenAnExceptionLeavesItsWithBlock() throws {
        let error = try failure {
            "try:\n    with open('\($0)/a', 'w') as f:\n        f.write('x')\n        raise KeyError('k')\n"
                + "except KeyError:\n    pass\nassert f.closed\nprint(open('\($0)/a').read())\nf.read()\n"
        }
        #expect(error?.message == "ValueError: I/O operation on closed file.")
        #expect(error?.range?.start.line == 9)
    }
}
