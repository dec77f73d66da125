import NNLang
import Testing

/// Seeded scikit-learn calls against the numbers real scikit-learn 1.9.1 printed: NumPy's legacy
/// MT19937 stream behind `LegacyRandom.seeded` makes them scikit-learn's to the bit.
@Suite
struct ScikitLearnExactStreamTests {
    /// The flattened values of the arrays `code` binds to `names`.
    func values(_ code: String, _ names: [String]) throws -> [[Double]] {
        let interpreter = Interpreter(output: CapturedOutput())
        try interpreter.run(SourceFile(name: "<test>", text: "import numpy as np\n" + code))
        return names.map { name in
            guard case .array(let array) = interpreter.globals[name] else { return [] }
            return array.tensor.scalars.map(Double.init)
        }
    }

    func close(_ got: [Double], _ expected: [Double]) -> Bool {
        got.count == expected.count && zip(got, expected).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) }
    }

    @Test func makeBlobsGivesScikitLearnsData() throws {
        let v = try values(
            "from sklearn.datasets import make_blobs\nX, y = make_blobs(n_samples=6, centers=2, random_state=30)",
            ["X", "y"])
        #expect(
            close(
                v[0],
                [
                    2.782174004895178, -2.0812370225715453, 4.644805272172619, -5.9666003929886475, 2.4969102800340903,
                    -7.502173987311088, 4.839183655871305, -6.619487535151902, 3.0171673144943107, -3.491885673939544,
                    1.1569082929713326, -0.7999348382821287,
                ]))
        #expect(v[1] == [0, 1, 1, 1, 0, 0])
    }

    @Test func makeMoonsGivesScikitLearnsData() throws {
        let v = try values(
            "from sklearn.datasets import make_moons\nX, y = make_moons(n_samples=6, noise=0.1, random_state=0)",
            ["X", "y"])
        #expect(
            close(
                v[0],
                [
                    1.9157275946170713, 0.6969924447869893, -0.8733881470142222, -0.05058765397605105,
                    0.25452007784710545, 1.1080811913055446, 0.04843121541206648, 0.5579140478706729,
                    0.9818417427268804, 0.1410204631131214, 0.9625528309019793, -0.47248016844236795,
                ]))
        #expect(v[1] == [1, 0, 0, 1, 0, 1])
    }

    @Test func trainTestSplitOfIrisAsScikitLearnSplitsIt() throws {
        let v = try values(
            """
            from sklearn.datasets import load_iris
            from sklearn.model_selection import train_test_split
            X, y = load_iris(return_X_y=True)
            a, b, c, d = train_test_split(X, y, test_size=0.2, random_state=42)
            e, f, g, h = train_test_split(X, y, test_size=0.2, stratify=y, random_state=1)
            """, ["d", "h"])
        #expect(v[0] == [1, 0, 2, 1, 1, 0, 1, 2, 1, 1, 2, 0, 0, 0, 0, 1, 2, 1, 1, 2, 0, 2, 0, 2, 2, 2, 2, 2, 0, 0])
        #expect(v[1] == [2, 0, 1, 0, 0, 0, 2, 2, 2, 1, 0, 1, 2, 1, 2, 0, 2, 1, 1, 2, 1, 1, 0, 0, 2, 2, 0, 0, 1, 1])
    }
}
