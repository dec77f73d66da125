import NNLang
import Testing

/// `nn --check` through `with` and `try` blocks, and without cascading errors: names a block binds are
/// defined after it, and a statement with an error still binds its names.
@Suite struct CheckBlockTests {
    /// Every problem `nn --check` reports for `text`, as (line, message).
    func problems(_ text: String) -> [(line: Int, message: String)] {
        let interpreter = Interpreter(output: CapturedOutput())
        do { try interpreter.check(SourceFile(name: "main.py", text: text)) } catch {
            return error.diagnostics.map { ($0.range?.start.line ?? 0, $0.message) }
        }
        return []
    }

    @Test func withTargetsAndBodiesAreChecked() {
        let opening = "import numpy as np\nwith np.printoptions(precision=2) as opts:\n"
        #expect(problems(opening + "    text = str(np.ones(2))\nprint(opts, text)\n").isEmpty)
        let found = problems(opening + "    print(missing_name)\n")
        #expect(found.map(\.line) == [3])
        #expect(found.first?.message.contains("'missing_name'") == true)
    }

    @Test func aMissingContextManagerIsReportedOnceNotAsCascade() {
        let found = problems(
            "import tensorflow as tf\nwith tf.NoSuchTape() as tape:\n    y = 2\ng = tape.gradient(y, 1)\nprint(g)\n")
        #expect(found.map(\.line) == [2], "\(found)")
        #expect(found.first?.message.contains("'NoSuchTape'") == true)
    }

    @Test func aStatementWithAnErrorStillBindsItsNames() {
        let found = problems(
            "import numpy as np\nw = np.no_such_function(3)\nprint(w + 1)\nfor i in w:\n    print(i)\n")
        #expect(found.map(\.line) == [2], "\(found)")
    }

    @Test func tryBlocksBindTheirNamesAndElseFinallyAreChecked() {
        let optional = """
            try:
                import some_optional_module
                where = "here"
            except ImportError as e:
                where = str(e)
            print(where)
            """
        #expect(problems(optional).isEmpty)
        let found = problems("try:\n    x = 1\nexcept ValueError:\n    pass\nfinally:\n    print(undefined_y)\n")
        #expect(found.map(\.line) == [6], "\(found)")
    }
}
