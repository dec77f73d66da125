import Foundation
import Testing

/// `model.diagnose()`, `%diagnose` and the stop warning as a user meets them in `nn`.
@Suite struct DiagnosisCLITests {
    static let setup = """
        import numpy as np
        import tensorflow as tf
        from tensorflow.keras import Sequential
        from tensorflow.keras.layers import Dense
        X = np.random.rand(64, 2)
        y = (X[:, 0] > 0.5).astype(int)

        """

    @Test func diagnoseShowsATablePerLayerAndTheFindings() throws {
        let code =
            Self.setup + """
                model = Sequential([Dense(8, activation='relu'), Dense(1, activation='sigmoid')])
                model.compile(loss='mse', optimizer='sgd')
                model.fit(X, y, epochs=2, verbose=0)
                before = model.get_weights()[0].copy()
                model.diagnose()
                print(np.array_equal(before, model.get_weights()[0]))
                """
        let result = try NNProcess.run(["-"], input: code)
        #expect(
            result.output.contains("Diagnosis of model 'sequential' on 64 examples"), "\(result.output)\(result.error)")
        #expect(result.output.contains("layer    units"))
        #expect(result.output.contains("0 of 8 dead"))
        #expect(result.output.contains("mean squared error after a sigmoid"))
        #expect(result.output.hasSuffix("True\n"))
        #expect(result.output.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func diagnoseBeforeAnyFitAsksForData() throws {
        let result = try NNProcess.run(
            ["-"],
            input: Self.setup + """
                model = Sequential([Dense(1, activation='sigmoid')])
                model.compile(loss='binary_crossentropy')
                model.diagnose()
                """)
        #expect(result.error.contains("has not been fitted yet: give the data, model.diagnose(x, y)"))
        #expect(result.status == 1)
    }

    @Test func aDivergingFitStopsWithAWarningAndItsHistory() throws {
        let result = try NNProcess.run(
            ["-"],
            input: Self.setup + """
                model = Sequential([Dense(1)])
                model.compile(loss='mse', optimizer=tf.keras.optimizers.SGD(learning_rate=0.3))
                history = model.fit(X * 10, y * 30.0, epochs=5, batch_size=8)
                print(model.optimizer.iterations)
                print(len(history.history['loss']), np.isfinite(model.get_weights()[0]).all())
                """)
        #expect(
            result.output.contains("Warning: training stopped at epoch 1, step 3: the loss grew from"),
            "\(result.output)\(result.error)")
        // The weights and the optimizer go back to before step 3: two steps taken.
        let unwrapped = result.output.replacingOccurrences(of: "\n  ", with: " ")
        #expect(unwrapped.contains("(and its optimizer the state) it had before step 3 of epoch 1"))
        #expect(result.output.contains("\n2\n1 True\n"))
        #expect(unwrapped.contains("is probably too high: try 0.03"))
        #expect(result.output.hasSuffix("1 True\n"))
        #expect(result.status == 0)
    }

    @Test func aNonFiniteLossStopsEvenAtTheOffLevel() throws {
        let result = try NNProcess.run(
            ["--explain", "off", "-"],
            input: Self.setup + """
                model = Sequential([Dense(1)])
                model.compile(loss='mse', optimizer=tf.keras.optimizers.SGD(learning_rate=5.0))
                history = model.fit(X * 10, y * 30.0, epochs=5, verbose=0)
                print(len(history.history['loss']), np.isfinite(model.get_weights()[0]).all())
                """)
        #expect(result.output.contains("the loss became inf"), "\(result.output)\(result.error)")
        #expect(result.output.contains("try 0.5"))
        #expect(result.output.hasSuffix("True\n"))
    }
}
