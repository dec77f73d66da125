import Foundation
import NNLang
import Testing

/// The exact text `np.savetxt` writes, recorded from NumPy 2.4.
@Suite struct NumPyFileTests {
    func savedText(_ call: String) throws -> String {
        let path = NSTemporaryDirectory() + "nnlab-savetxt-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let code = "import numpy as np\nnp.savetxt('\(path)', \(call))"
        try Interpreter(output: CapturedOutput()).run(SourceFile(name: "<test>", text: code))
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func savetxtWritesNumPysText() throws {
        #expect(
            try savedText("np.array([[1.5, 2.0], [3.25, -4.0]]), delimiter=',', fmt='%.3f', header='a,b'")
                == "# a,b\n1.500,2.000\n3.250,-4.000\n")
        #expect(
            try savedText("np.array([1, 2, 3])")
                == "1.000000000000000000e+00\n2.000000000000000000e+00\n3.000000000000000000e+00\n")
        #expect(
            try savedText("np.array([[1, 2], [3, 4]]), fmt='%d', footer='end', comments='// '") == "1 2\n3 4\n// end\n")
        #expect(try savedText("np.array([[1, 2], [3, 4]]), fmt=['%d', '%.1f'], delimiter='\\t'") == "1\t2.0\n3\t4.0\n")
    }
}

extension NumPyFileTests {
    func loadError(_ bytes: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "nnlab-load-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            try Interpreter(output: CapturedOutput()).run(
                SourceFile(name: "<test>", text: "import numpy as np\nnp.load('\(path)')"))
        } catch {
            return error.diagnostics.first?.message ?? ""
        }
        return "no error"
    }

    @Test func loadNeverUnpickles() throws {
        #expect(
            try loadError([0x80, 0x04, 0x95, 0x00])
                == "Cannot load file containing pickled data when allow_pickle=False")
        let header = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }".utf8
        let objectArray =
            [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(header.count), 0] + Array(header) + [0x80, 0x04]
        #expect(try loadError(objectArray) == "Object arrays cannot be loaded when allow_pickle=False")
        #expect(try loadError([0x50, 0x4B, 0x03, 0x04, 0, 0]).contains("is not a readable .npz"))
    }
}

extension NumPyFileTests {
    /// What a program prints after loading `bytes` as a `.npy` file.
    func printedAfterLoading(_ bytes: [UInt8], _ statement: String) throws -> String {
        let path = NSTemporaryDirectory() + "nnlab-load-\(UUID().uuidString).npy"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let output = CapturedOutput()
        try Interpreter(output: output).run(
            SourceFile(name: "<test>", text: "import numpy as np\na = np.load('\(path)')\n\(statement)"))
        return output.text
    }

    @Test func fortranOrderArraysLoadInTheirLogicalOrder() throws {
        // As `np.save(np.asfortranarray(np.arange(6.0).reshape(2, 3)))` stores it: column by column.
        let header = "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }".utf8
        var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(header.count), 0] + Array(header)
        for value in [0.0, 3, 1, 4, 2, 5] { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
        #expect(
            try printedAfterLoading(bytes, "print(a)\nprint(a[1, 0], a.shape)")
                == "[[0. 1. 2.]\n [3. 4. 5.]]\n3.0 (2, 3)\n")
    }
}
