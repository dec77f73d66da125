import NNLang
import Testing

/// The demo kit from the language's side: `compare` trains copies from the same start and leaves
/// the model alone, `plot` takes several histories, `diagram` and `plot_boundary` take their new
/// arguments, and wrong arguments are located errors, never crashes.
@Suite struct DemoKitTests {
    func run(_ text: String) -> (output: String, failure: DiagnosticList?) {
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        do { try interpreter.run(SourceFile(name: "program.nn", text: text)) } catch { return (output.text, error) }
        return (output.text, nil)
    }

    static let setup = """
        import numpy as np
        from tensorflow.keras import Sequential
        from tensorflow.keras.layers import Dense
        from tensorflow.keras.optimizers import SGD
        X, y = make_xor(n_samples=40, random_state=0)
        model = Sequential([Dense(4, activation='tanh'), Dense(1, activation='sigmoid')])
        model.compile(loss='binary_crossentropy', optimizer=SGD(learning_rate=0.1), metrics=['accuracy'])

        """

    @Test func compareTrainsCopiesFromTheSameStartAndLeavesTheModel() {
        let (output, failure) = run(
            DemoKitTests.setup + """
                model.predict(X[:1], verbose=0)
                before = [w.copy() for w in model.get_weights()]
                runs = compare(model, X, y, learning_rates=[0.01, 0.5], epochs=3, batch_size=8)
                print(len(runs), [len(r.history['loss']) for r in runs])
                print(all(np.array_equal(a, b) for a, b in zip(before, model.get_weights())))
                print(model.optimizer.learning_rate)
                again = compare(model, X, y, learning_rates=[0.01], epochs=3, batch_size=8)
                print(again[0].history['loss'] == runs[0].history['loss'])
                h1, h2 = compare(model, X, y, optimizers=[SGD(learning_rate=0.1), 'adam'], epochs=2, labels=['SGD', 'Adam'])
                plot([h1, h2], labels=['SGD', 'Adam'])
                """)
        #expect(failure == nil)
        #expect(output.contains("SGD lr=0.01: loss "))
        #expect(output.contains("2 [3, 3]\nTrue\n0.1"), "the model keeps its weights and its optimizer")
        #expect(output.contains("\nTrue\n"), "the same start gives the same run")
        #expect(output.contains("epoch    * SGD   o Adam"))
    }

    @Test func diagramAndBoundaryTakeTheirArguments() {
        let (output, failure) = run(
            DemoKitTests.setup + """
                diagram(model, X[0])
                diagram(model, X[:1], y[:1], grads=True)
                plot_boundary([model, model], X, y, labels=['a', 'b'])
                plot_boundary(model, X, y, neuron=(0, 1), feature_names=['u', 'v'])
                heatmap(model.layers[0], numbers=True)
                """)
        #expect(failure == nil)
        #expect(output.contains("Activations for one example"))
        #expect(output.contains("Gradients for one example (loss "))
        #expect(output.contains("background: . predicted 0  + predicted 1  blank unsure"))
        #expect(output.contains("neuron 1 of layer 0"))
        #expect(output.contains("-> u from"))
    }

    @Test(arguments: [
        ("compare(model, X, y, epochs=2)", "either optimizers=[...] or learning_rates=[...]"),
        ("compare(model, X, y, learning_rates=[-1])", "learning rates are positive numbers"),
        ("compare(Sequential([Dense(1)]), X, y, learning_rates=[0.1])", "compile the model first"),
        ("diagram(model, X, grads=True)", "needs the target too"),
        ("plot_boundary(model, X, y, neuron=(5, 0))", "is not in the model"),
        ("plot_boundary(model, X, y, neuron='a')", "(layer, unit) pair"),
        ("plot_boundary([model, 3], X, y)", "draws models"),
        ("heatmap(np.ones((2, 2)), numbers='x')", "numbers"),
    ])
    func wrongArgumentsAreLocatedErrors(_ call: String, _ message: String) {
        let (_, failure) = run(DemoKitTests.setup + call + "\n")
        let text = failure?.diagnostics.map { $0.message + ($0.hint ?? "") }.joined() ?? ""
        #expect(text.contains(message), "\(call): \(text)")
    }
}
