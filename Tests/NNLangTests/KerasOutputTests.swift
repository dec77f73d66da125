import NNLang
import Testing

/// What fit prints for each verbosity, and NNLab's own data sets.
@Suite struct KerasOutputTests {
    func run(_ code: String) throws -> String {
        let output = CapturedOutput()
        try Interpreter(output: output).run(SourceFile(name: "<test>", text: code))
        return output.text
    }

    static let training = """
        import numpy as np
        X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0], [0.5, 0.5]])
        y = np.array([1, 1, 0, 0, 1])
        model = Sequential([Dense(3, activation='relu'), Dense(1, activation='sigmoid')])
        model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])

        """

    @Test func verboseOnePrintsABarPerEpochWithoutTimingsWhenNotATerminal() throws {
        let text = try run(KerasOutputTests.training + "h = model.fit(X, y, epochs=2, batch_size=2)")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == "Epoch 1/2")
        #expect(lines[1].hasPrefix("3/3 ━━━━━━━━━━━━━━━━━━━━ - accuracy: "))
        #expect(lines[1].contains(" - loss: 0."))
        #expect(lines[2] == "Epoch 2/2")
    }

    @Test func verboseTwoPrintsOneLinePerEpochAndZeroNothing() throws {
        let text = try run(KerasOutputTests.training + "h = model.fit(X, y, epochs=2, verbose=2, validation_split=0.4)")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("1/1 - accuracy: "))
        #expect(lines[1].contains(" - val_accuracy: ") && lines[1].contains(" - val_loss: "))
        #expect(try run(KerasOutputTests.training + "h = model.fit(X, y, epochs=3, verbose=0)").isEmpty)
    }

    @Test func predictAndEvaluateShowTheirBars() throws {
        let text = try run(KerasOutputTests.training + "p = model.predict(X)\nr = model.evaluate(X, y)\nprint(len(r))")
        let lines: [String] = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first == "1/1 ━━━━━━━━━━━━━━━━━━━━")
        #expect(lines.last == "2")
        #expect(text.contains("1/1 ━━━━━━━━━━━━━━━━━━━━ - accuracy: "))
    }

    @Test func asciiTerminalsGetAnAsciiBarAndTable() throws {
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output, options: InterpreterOptions(unicode: false))
        try interpreter.run(
            SourceFile(
                name: "<test>",
                text: KerasOutputTests.training + "h = model.fit(X, y, epochs=1, batch_size=5)\nmodel.summary()"))
        #expect(output.text.contains("1/1 ==================== - accuracy"))
        #expect(output.text.contains("+=================================+"))
        #expect(!output.text.unicodeScalars.contains { $0.value > 127 })
    }

    @Test func playgroundDataSets() throws {
        let text = try run(
            """
            import numpy as np
            X, y = make_xor(n_samples=100, random_state=1)
            print(X.shape, y.shape, np.all((X[:, 0] * X[:, 1] > 0) == (y == 1)))
            S, t = make_spiral(n_samples=90)
            print(S.shape, t.sum(), np.abs(S).max() <= 5.0)
            """)
        #expect(text == "(100, 2) (100,) True\n(90, 2) 45 True\n")
    }
}
