import NNLang
import Testing

/// A docstring is never printed when its function runs, and `help` shows it.
@Suite struct DocstringTests {
    @Test func helpShowsTheDocstringOfAFunctionAndAClass() throws {
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        let program = """
            def area(w, h=1):
                \"\"\"Area of a rectangle.

                w and h are its sides.
                \"\"\"
                return w * h
            print(area(2, 3))
            help(area)
            class Box:
                "A box."
                def size(self):
                    return 1
            help(Box)
            """
        try interpreter.run(SourceFile(name: "doc.py", text: program))
        #expect(
            output.text == """
                6
                area(w, h=1)
                    Area of a rectangle.

                    w and h are its sides.
                class Box
                    A box.
                    members: size

                """)
    }
}
