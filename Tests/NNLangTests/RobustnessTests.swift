import NNLang
import Testing

/// Inputs that once stopped the program (found by fuzzing `nn -c`): each must now run or give a
/// located error. A crash here would end the test process.
@Suite struct RobustnessTests {
    static let snippets = [
        "np.arange(1e308, 3, 1)", "np.arange(-5, 1e308, None)", "np.arange(-0.0, float('nan'), 3)",
        "'ab' * 2**62", "[1] * 2**62", "X.reshape(2**62, 2**62)", "X.reshape(3, 2**62)", "'%d' % float('nan')",
        "'%d' % 1e308", "round(1e308)", "round(float('nan'))", "np.tile(X, (2**62, 2**62))",
        "list(range(-2**62, 2**62))",
        "np.random.randint(-2**62, 2**62)", "X[np.array([1e30])]", "np.array([1e30]).astype('uint8').tolist()",
        "np.array([1e30]).astype('int64').tolist()", "int(np.float32(1e30))", "np.zeros((10**6, 10**6))", "np.eye(-1)",
        "X[::0]", "np.linspace(0, 1, 10**12)", "model.fit(X, np.ones(4), epochs=-1, verbose=0)", "Dense(2**62)",
        "model.fit(X, np.ones(4), batch_size=0, verbose=0)", "np.float32(1e308) * 10", "(-2**63) // -1",
        "2 ** 10**9", "-(-2**63)", "abs(-2**63)", "abs(-9223372036854775807 - 1)", "(-9223372036854775807 - 1) // -1",
        "(-9223372036854775807 - 1) % -1", "-(-9223372036854775807 - 1)", "int('99999999999999999999')",
        "float('1e400')",
    ]

    @Test(arguments: RobustnessTests.snippets)
    func runsOrReportsAnError(_ snippet: String) {
        let interpreter = Interpreter(output: CapturedOutput())
        let prelude =
            "import numpy as np\nX = np.arange(8.0).reshape(4, 2)\nmodel = Sequential([Dense(2), Dense(1)])\nmodel.compile(loss='mse')\n"
        do {
            try interpreter.run(SourceFile(name: "<fuzz>", text: prelude + snippet))
        } catch {
            #expect(error.diagnostics.first?.range != nil || error.diagnostics.first?.message.isEmpty == false)
        }
    }
}
