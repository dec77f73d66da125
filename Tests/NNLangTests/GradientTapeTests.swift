import NNLang
import Testing

/// `tf.GradientTape`'s recorded ops checked against central finite differences in float64, and its
/// errors. (The numbers TensorFlow gives are checked by the annotated programs 276–278.)
@Suite struct GradientTapeTests {
    private func run(_ program: String) throws -> String {
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        try interpreter.run(SourceFile(name: "tape.nn", text: program))
        return output.text
    }

    /// Each case is `f(x)` on a float64 variable; the program prints the largest difference between the
    /// tape's gradient and (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h over every element i.
    @Test(arguments: [
        "tf.reduce_sum(x * x + 3 * x)",
        "tf.reduce_sum(x / (x + 5.0))",
        "tf.reduce_sum((x + 2.0) ** 3)",
        "tf.reduce_mean(tf.exp(x) - tf.sqrt(x + 3.0) + tf.math.log(x + 4.0))",
        "tf.reduce_sum(tf.square(x) * tf.tanh(x))",
        "tf.reduce_sum(tf.sin(x) * tf.cos(x) + tf.abs(x))",
        "tf.reduce_sum(tf.matmul(x, tf.transpose(x)) * tf.constant([[1., 2.], [3., 4.]], dtype=tf.float64))",
        "tf.reduce_sum(tf.matmul(x, x, transpose_a=True) ** 2)",
        "tf.reduce_sum(tf.reduce_sum(x, axis=0) ** 2) + tf.reduce_sum(tf.reduce_mean(x, axis=1) ** 3)",
        "tf.reduce_sum(tf.reshape(x, (3, 2)) * tf.constant([[1.], [2.], [3.]], dtype=tf.float64))",
        "tf.reduce_sum(tf.concat([x, x * x], axis=1) ** 2)",
        "tf.reduce_sum(x * tf.constant([1., 2., 3.], dtype=tf.float64) - tf.constant([[1.], [2.]], tf.float64) / x)",
        "tf.reduce_sum(tf.nn.softmax(x) * tf.constant([[1., 2., 3.], [4., 5., 6.]], dtype=tf.float64))",
        "tf.reduce_sum(tf.sigmoid(x) * x) + tf.reduce_sum(tf.nn.relu(x - 0.35))",
        "tf.reduce_sum(-x * x)",
    ])
    func recordedOpsMatchFiniteDifferences(_ expression: String) throws {
        let program = """
            import numpy as np
            import tensorflow as tf
            start = np.array([[0.3, -0.7, 1.2], [0.9, 0.45, -1.1]])
            def f(x):
                return \(expression)
            x = tf.Variable(start)
            with tf.GradientTape() as tape:
                y = f(x)
            grad = tape.gradient(y, x).numpy()
            # Activations compute in float32 (as Keras's do), so their differences take a larger step.
            in_float32 = "nn." in "\(expression)" or "sigmoid" in "\(expression)"
            h = 1e-3 if in_float32 else 1e-6
            tolerance = 1e-3 if in_float32 else 1e-4
            worst = 0.0
            for i in range(2):
                for j in range(3):
                    up = start.copy()
                    up[i, j] += h
                    down = start.copy()
                    down[i, j] -= h
                    numeric = (f(tf.constant(up)).numpy() - f(tf.constant(down)).numpy()) / (2 * h)
                    worst = max(worst, abs(numeric - grad[i, j]))
            print(worst < tolerance, worst)
            """
        let printed = try run(program)
        #expect(printed.hasPrefix("True"), "\(expression): \(printed)")
    }

    @Test func secondDerivativeThroughNestedTapes() throws {
        let printed = try run(
            """
            import tensorflow as tf
            t = tf.Variable(1.5, dtype=tf.float64)
            with tf.GradientTape() as outer:
                with tf.GradientTape() as inner:
                    y = t ** 3 + 2 * t * t / (t + 1)
                dy = inner.gradient(y, t)
            print(round(float(dy), 6), round(float(outer.gradient(dy, t)), 6))
            """)
        // y′ = 3t² + 2(t² + 2t)/(t + 1)², y″ = 6t + 4/(t + 1)³ at t = 1.5
        #expect(printed == "8.43 9.256\n")
    }

    @Test func activationsHaveNoSecondDerivativeAndSaySo() throws {
        let program = """
            import tensorflow as tf
            t = tf.Variable([1.0, -2.0])
            with tf.GradientTape() as outer:
                with tf.GradientTape() as inner:
                    y = tf.reduce_sum(tf.nn.relu(t) * t)
                dy = inner.gradient(y, t)
            outer.gradient(dy, t)
            """
        #expect {
            try run(program)
        } throws: { error in
            "\(error)".contains("second derivative of tf.nn.relu")
        }
    }

    @Test func unconnectedSourcesAndUsedTapes() throws {
        let printed = try run(
            """
            import tensorflow as tf
            a = tf.Variable(1.0)
            b = tf.Variable(2.0)
            c = tf.constant(3.0)
            with tf.GradientTape(persistent=True) as tape:
                y = a * c
                z = tf.round(a * 2.5)
            print(tape.gradient(y, [a, b, c]))
            print(tape.gradient(z, a))
            print(tape.gradient(y, (a,)))
            with tf.GradientTape() as once:
                y = a * a
            once.gradient(y, a)
            try:
                once.gradient(y, a)
            except RuntimeError:
                print("RuntimeError")
            """)
        #expect(
            printed == """
                [<tf.Tensor: shape=(), dtype=float32, numpy=3.0>, None, None]
                None
                (<tf.Tensor: shape=(), dtype=float32, numpy=3.0>,)
                RuntimeError

                """)
    }

    @Test func applyGradientsStepsVariablesByTheEngineOptimizer() throws {
        let printed = try run(
            """
            import tensorflow as tf
            from tensorflow import keras
            w = tf.Variable([1.0, 2.0])
            optimizer = keras.optimizers.SGD(learning_rate=0.1)
            optimizer.apply_gradients(zip([tf.constant([1.0, -1.0])], [w]))
            print(w.numpy())
            try:
                optimizer.apply_gradients(zip([None], [w]))
            except ValueError as error:
                print(error)
            """)
        #expect(printed == "[0.9 2.1]\nNo gradients provided for any variable.\n")
    }
}
