import NNLang
import Testing

/// The functional API's limits: what NNLab refuses clearly rather than computing wrongly, and the
/// training of a functional model running through the engine's Sequential.
@Suite struct KerasFunctionalTests {
    func run(_ code: String) throws -> String {
        let output = CapturedOutput()
        try Interpreter(output: output).run(SourceFile(name: "<test>", text: code))
        return output.text
    }

    func failure(_ code: String) -> String? {
        do {
            try Interpreter(output: CapturedOutput()).run(SourceFile(name: "<test>", text: code))
            return nil
        } catch {
            return error.diagnostics.first?.message
        }
    }

    static let chain = """
        import numpy as np
        import keras
        from keras import layers
        inputs = keras.Input(shape=(2,))
        hidden = layers.Dense(3, name="hidden")(inputs)

        """

    @Test func aBranchingModelIsRefusedWithTheReason() {
        let message = failure(
            KerasFunctionalTests.chain + """
                left = layers.Dense(1)(hidden)
                right = layers.Dense(1)(hidden)
                model = keras.Model(inputs, [left, right])
                """)
        #expect(message?.contains("one chain") == true)
    }

    @Test func severalInputsAreRefused() {
        let message = failure(
            KerasFunctionalTests.chain + "other = keras.Input(shape=(2,))\nkeras.Model([inputs, other], hidden)")
        #expect(message?.contains("several inputs") == true)
    }

    @Test func trainingSeveralOutputsIsRefusedButPredictionWorks() throws {
        let code =
            KerasFunctionalTests.chain + """
                model = keras.Model(inputs, [hidden, layers.Dense(1)(hidden)])
                print([a.shape for a in model.predict(np.ones((4, 2)), verbose=0)])

                """
        #expect(try run(code) == "[(4, 3), (4, 1)]\n")
        let message = failure(
            code + "model.compile(loss='mse')\nmodel.fit(np.ones((4, 2)), np.ones((4, 1)), verbose=0)")
        #expect(message?.contains("several outputs") == true)
    }

    @Test func fittingAFunctionalModelLowersTheLossAndTrainsTheSharedLayers() throws {
        let code =
            KerasFunctionalTests.chain + """
                keras.utils.set_random_seed(3)
                model = keras.Model(inputs, layers.Dense(1)(hidden))
                model.compile(loss="mse", optimizer=keras.optimizers.SGD(0.05))
                x = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
                y = np.array([[1.0], [1.0], [2.0], [0.0]])
                before = model.evaluate(x, y, verbose=0)
                history = model.fit(x, y, epochs=40, verbose=0)
                print(model.evaluate(x, y, verbose=0) < before / 4)
                inner = keras.Model(inputs, hidden)
                print(np.allclose(inner.predict(x, verbose=0), model.get_layer("hidden")(x).numpy()))
                """
        #expect(try run(code) == "True\nTrue\n")
    }

    @Test func aSequentialCalledOnASymbolicTensorIsOneLayerOfTheModel() throws {
        let code =
            KerasFunctionalTests.chain + """
                base = keras.Sequential([layers.Dense(4), layers.Dense(2)], name="base")
                model = keras.Model(inputs, base(inputs))
                print([layer.name for layer in model.layers], model.output.shape, len(model.weights))
                """
        #expect(try run(code) == "['input_layer', 'base'] (None, 2) 4\n")
    }
}
