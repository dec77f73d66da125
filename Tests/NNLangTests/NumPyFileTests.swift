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
        #expect(try savedText("np.array([[1.5, 2.0], [3.25, -4.0]]), delimiter=',', fmt='%.3f', header='a,b'")
                == "# a,b\n1.500,2.000\n3.250,-4.000\n")
        #expect(try savedText("np.array([1, 2, 3])")
                == "1.000000000000000000e+00\n2.000000000000000000e+00\n3.000000000000000000e+00\n")
        #expect(try savedText("np.array([[1, 2], [3, 4]]), fmt='%d', footer='end', comments='// '") == "1 2\n3 4\n// end\n")
        #expect(try savedText("np.array([[1, 2], [3, 4]]), fmt=['%d', '%.1f'], delimiter='\\t'") == "1\t2.0\n3\t4.0\n")
    }
}
