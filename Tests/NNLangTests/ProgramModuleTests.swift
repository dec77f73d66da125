import Foundation
import NNEngine
import NNLang
import Testing

/// Helper modules beside the program: `import helper`, `from helper import …`, their own globals,
/// `__name__`, cycles, and errors located in the helper. Expected lines were printed by Python 3.
@Suite struct ProgramModuleTests {
    /// Writes `files` into a new folder and runs `main.py` there; returns what it printed and its error.
    func run(_ files: [String: String], main: String) -> (lines: [String], error: Diagnostic?) {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("nnlab-modules-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, text) in files {
            try? Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        interpreter.teaching = NarrationListener(output)
        var failure: Diagnostic?
        do { try interpreter.run(SourceFile(name: folder + "/main.py", text: main)) } catch {
            failure = error.diagnostics.first
        }
        var lines = output.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return (lines, failure)
    }

    static let helper = """
        \"\"\"A helper.\"\"\"
        import numpy as np
        print("loading", __name__)
        counter = [0]
        def bump():
            counter[0] = counter[0] + 1
            return counter[0]
        def area(r):
            return PI * r * r
        PI = 3.0
        _hidden = 1
        if __name__ == "__main__":
            print("never")
        """

    @Test func aHelperRunsOnceInItsOwnGlobals() {
        let (lines, error) = run(
            ["helper.py": Self.helper],
            main: """
                import helper
                import helper as h2
                from helper import area, PI
                from helper import *
                print(helper.bump(), h2.bump(), bump())
                print(helper.counter, counter)
                print(area(2), PI)
                PI = 100.0
                print(area(2), helper.PI)
                helper.PI = 1.0
                print(area(2))
                print(__name__, helper.__name__)
                print(np.zeros(2))
                if __name__ == "__main__":
                    print("main")
                """)
        #expect(error == nil, "\(error?.message ?? "")")
        #expect(
            lines == [
                "loading helper", "1 2 3", "[3] [3]", "12.0 3.0", "12.0 3.0", "4.0", "__main__ helper",
                "[0. 0.]", "main",
            ])
    }

    @Test func starImportTakesPublicNamesOnly() {
        let (lines, error) = run(
            ["helper.py": Self.helper],
            main: """
                from helper import *
                print(PI, bump())
                print(_hidden)
                """)
        #expect(lines == ["loading helper", "3.0 1"])
        #expect(error?.message.contains("_hidden") == true)
    }

    @Test func starImportOfNumPy() {
        let (lines, error) = run([:], main: "from numpy import *\nprint(zeros(2), pi)\n")
        #expect(error == nil)
        #expect(lines == ["[0. 0.] 3.141592653589793"])
    }

    @Test func allNamesWhatStarImports() {
        let (lines, _) = run(
            ["h.py": "__all__ = ['a']\na = 1\nb = 2\n"],
            main: """
                from h import *
                print(a)
                print(b)
                """)
        #expect(lines == ["1"])
    }

    @Test func cyclicImportsEnd() {
        let (lines, error) = run(
            ["cyc_a.py": "import cyc_b\nA = 1\n", "cyc_b.py": "import cyc_a\nB = 2\n"],
            main: "import cyc_a\nprint(cyc_a.A, cyc_a.cyc_b.B)\n")
        #expect(error == nil)
        #expect(lines == ["1 2"])
    }

    @Test func anErrorInAHelperNamesItsFileAndLine() throws {
        let (_, error) = run(["bad.py": "x = 1\n\ny = undefined_name + 1\n"], main: "print('start')\nimport bad\n")
        let diagnostic = try #require(error)
        #expect(diagnostic.source?.name.hasSuffix("/bad.py") == true)
        #expect(diagnostic.range?.start.line == 3)
        #expect(diagnostic.message.contains("undefined_name"))
    }

    @Test func anErrorInAHelperFunctionCalledLaterNamesTheHelper() throws {
        let (_, error) = run(["h.py": "def f(x):\n    return x + missing\n"], main: "import h\nh.f(1)\n")
        let diagnostic = try #require(error)
        #expect(diagnostic.source?.name.hasSuffix("/h.py") == true)
        #expect(diagnostic.range?.start.line == 2)
    }

    @Test func aMissingModuleSaysSo() throws {
        let (_, error) = run([:], main: "import no_such_helper\n")
        #expect(try #require(error).message.contains("no_such_helper"))
    }

    @Test func importInsideAFunctionBindsTheModuleLocally() {
        let (lines, error) = run(
            ["h.py": "v = 5\n"],
            main: """
                def g():
                    import h
                    return h.v
                print(g())
                """)
        #expect(error == nil, "\(error?.message ?? "")")
        #expect(lines == ["5"])
    }

    /// `nn --check` on `main` beside `files`: the first problem found, or nil; and what checking printed.
    func check(_ files: [String: String], main: String) -> (error: Diagnostic?, printed: String) {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("nnlab-check-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, text) in files {
            try? Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        do { try interpreter.check(SourceFile(name: folder + "/main.py", text: main)) } catch {
            return (error.diagnostics.first, output.text)
        }
        return (nil, output.text)
    }

    @Test func checkResolvesHelpersWithoutRunningThem() {
        let (error, printed) = check(
            ["helper.py": Self.helper],
            main: """
                import tensorflow as tf
                import helper
                from helper import area, bump
                from numpy import *
                x = tf.keras.layers.Flatten()
                z = helper.area(2) + zeros(2) + helper.np.pi
                if helper.__name__ == "helper":
                    print(bump())
                """)
        #expect(error == nil, "\(error?.message ?? "")")
        #expect(printed.isEmpty)
    }

    @Test func checkFindsAMissingModuleAttribute() throws {
        let (error, _) = check([:], main: "import tensorflow as tf\nw = tf.keras.layers.Flaten()\n")
        let diagnostic = try #require(error)
        #expect(diagnostic.message.contains("has no attribute 'Flaten'"))
        #expect(diagnostic.hint?.contains("Flatten") == true)
        #expect(diagnostic.range?.start.line == 2)
    }

    @Test func checkFindsMissingHelperNames() throws {
        let (attribute, _) = check(["helper.py": Self.helper], main: "import helper\nprint(helper.nothere)\n")
        #expect(try #require(attribute).message.contains("'nothere'"))
        let (imported, _) = check(["helper.py": Self.helper], main: "from helper import nothere\n")
        #expect(try #require(imported).message.contains("cannot import name 'nothere'"))
    }

    @Test func checkForgetsAModuleNameThatIsRebound() {
        let (error, _) = check([:], main: "import numpy as np\nnp = 3\nprint(np.whatever)\n")
        #expect(error == nil)
    }
}

/// Writes narration to the program's output, marked.
final class NarrationListener: TeachingListener {
    let output: OutputSink
    init(_ output: OutputSink) { self.output = output }
    var narrates: Bool { true }
    func narrate(_ text: String) { output.write("NARRATED \(text)\n") }
}
