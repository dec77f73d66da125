import NNLang
import Testing

@testable import NNRepl

@Suite struct CompleterTests {
    let interpreter: Interpreter
    let completer: Completer

    init() throws {
        interpreter = Interpreter(output: CapturedOutput())
        try interpreter.run(
            SourceFile(name: "<test>", text: "import numpy as np\nmodel = Sequential([Dense(1)])\nmy_value = 3"))
        completer = Completer(interpreter: interpreter)
    }

    @Test func namesInScope() {
        #expect(completer.complete("my_v") == ["my_value"])
        #expect(completer.complete("Seq") == ["Sequential"])
        #expect(completer.complete("x = Den") == ["Dense"])
    }

    @Test func attributesAfterADot() {
        let methods = completer.complete("model.")
        for name in ["model.fit", "model.compile", "model.summary", "model.predict"] { #expect(methods.contains(name)) }
        #expect(completer.complete("model.fi") == ["model.fit"])
        #expect(completer.complete("np.lin") == ["np.linalg", "np.linspace"])
        #expect(completer.complete("np.random.ra").contains("np.random.randn"))
    }

    @Test func keywordArgumentsInsideACall() {
        #expect(completer.complete("Dense(25, act") == ["activation=", "activity_regularizer="])
        #expect(completer.complete("model.fit(X, y, epo").first == "epochs=")
        #expect(completer.complete("model.compile(opt").first == "optimizer=")
    }

    @Test func stringValuesWhereTheyAreKnown() {
        #expect(completer.complete("Dense(25, activation='sig") == ["sigmoid"])
        #expect(completer.complete("model.compile(loss=\"binary") == ["binary_crossentropy"])
        #expect(completer.complete("model.compile(optimizer='a") == ["adam"])
        #expect(completer.complete("model.compile(loss='mse', metrics=['acc") == ["accuracy"])
    }

    @Test func fileNamesInsideOtherStrings() {
        #expect(completer.complete("np.load('/us").contains("/usr/"))
        #expect(completer.complete("np.load('/usr/inclu") == ["/usr/include/"])
    }
}
