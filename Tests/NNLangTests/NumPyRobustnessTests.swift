import NNLang
import Testing

/// Extreme arguments to the NumPy functions added for issue 11: each must run or give a located error.
@Suite struct NumPyRobustnessTests {
    static let snippets = [
        "np.random.permutation(10**10)", "np.random.choice(10**10, 2)", "np.random.default_rng(1).permutation(10**10)",
        "np.random.default_rng(1).choice(10**10, 3, replace=False)", "np.random.randint(-2**63, 2**63 - 1, size=3)",
        "np.random.default_rng(1).integers(-2**63, 2**63 - 1, size=3)", "np.random.seed([2**40])", "np.random.seed([])",
        "np.random.choice(3, 2, p=[float('nan'), 0.5, 0.5])", "np.random.choice(3, 5, replace=False, p=[0.5, 0.5, 0])",
        "np.random.default_rng(-1)", "np.random.default_rng([1, -1])", "np.random.uniform(0, float('inf'))",
        "np.r_[-(2**63 - 1):2**63 - 1:2**62]", "np.r_[0:10:0]", "np.r_[:5]", "np.c_[np.ones(2), np.ones(3)]",
        "np.c_[[]]",
        "np.set_printoptions(precision=300); print(np.array([1/3, 1e-5]))",
        "np.set_printoptions(linewidth=-5); print(X)",
        "np.set_printoptions(threshold=float('nan'))", "np.set_printoptions(threshold=-float('inf'))",
        "np.set_printoptions(edgeitems=-3, threshold=0); print(X)",
        "np.unique(X, axis=0)", "np.where(np.float32(1))", "np.argsort(X, axis=5)", "np.meshgrid()",
        "np.loadtxt('/nonexistent')",
        "np.loadtxt('/', delimiter=',')", "np.savetxt('/nonexistent/x.txt', X)",
        "np.savetxt('/tmp/nnlab_r.txt', np.zeros((2, 2, 2)))",
        "np.load('/tmp/nnlab_r.txt')", "np.savez('/nonexistent/x.npz', X)", "np.savez()", "np.savez(3, X)",
        "np.isclose(X, np.ones(3))", "np.clip(X, None, None)", "np.argwhere(np.float32(0))",
        "np.loadtxt('/tmp/nnlab_r.txt', ndmin=-4)",
        "np.diff(X, n=10**9)", "np.outer(np.ones(10**5), np.ones(10**5))", "np.identity(-1)", "np.diag(np.ones(10**5))",
        "np.linalg.inv(np.zeros((2, 2)))", "np.linalg.inv(np.ones(3))", "np.linalg.norm(X, ord='fro')", "np.stack([])",
        "np.squeeze(X, axis=9)", "np.flip(X, axis=5)", "np.cumsum(X, axis=7)", "np.median(np.array([]))",
        "np.diff(X, axis=3)",
        "np.linalg.norm(X, ord='nuc')", "np.append(X, np.ones(3), axis=1)", "np.stack([X, X.T])",
        "np.empty((2**62, 2))",
        "np.random.normal(np.ones(3), np.ones(2))", "np.random.normal([1, 2], -1)",
        "np.random.uniform([0, 1], float('inf'))",
        "np.random.normal(np.ones(3), 1, size=(2, 2))", "np.random.randint(0, 5, dtype=np.uint8)",
        "np.random.seed(np.array([4294967295.0]))", "np.random.seed([4294967296])",
    ]

    @Test(arguments: NumPyRobustnessTests.snippets)
    func runsOrReportsAnError(_ snippet: String) {
        let interpreter = Interpreter(output: CapturedOutput())
        let prelude = "import numpy as np\nX = np.arange(8.0).reshape(4, 2)\n"
        do {
            try interpreter.run(SourceFile(name: "<fuzz>", text: prelude + snippet))
        } catch {
            #expect(error.diagnostics.first?.range != nil || error.diagnostics.first?.message.isEmpty == false)
        }
    }
}
