import NNLang
import Testing

/// `scipy.stats` and `sklearn.linear_model` against the numbers SciPy 1.17.1 and scikit-learn 1.9.1
/// printed (their `repr`, so the comparisons are to the last bit where NNLab follows their arithmetic).
@Suite
struct ScikitLearnLinearModelTests {
    /// The flattened exact values of the arrays (or floats) `code` binds to `names`.
    func values(_ code: String, _ names: [String]) throws -> [[Double]] {
        let interpreter = Interpreter(output: CapturedOutput())
        try interpreter.run(SourceFile(name: "<test>", text: "import numpy as np\n" + code))
        return names.map { name in
            switch interpreter.globals[name] {
            case .array(let array)?: return array.tensor.doubles
            case .float(let x)?: return [x]
            case .int(let i)?: return [Double(i)]
            default: return []
            }
        }
    }

    @Test func normalDistributionGivesSciPysDigits() throws {
        let v = try values(
            """
            from scipy.stats import norm
            a = norm.cdf(1.96)
            b = norm.ppf(0.975)
            c = norm.pdf(0)
            d = norm.cdf([-3.0, 0.5])
            e = norm.ppf(0.001)
            """, ["a", "b", "c", "d", "e"])
        #expect(v[0] == [0.9750021048517795])
        #expect(v[1] == [1.959963984540054])
        #expect(v[2] == [0.3989422804014327])
        #expect(v[3] == [0.0013498980316300933, 0.6914624612740131])
        #expect(v[4] == [-3.090232306167813])
    }

    @Test func normRvsDrawsFromNumPysStream() throws {
        let v = try values("from scipy.stats import norm\nx = norm.rvs(loc=1, scale=2, size=2, random_state=0)", ["x"])
        let draws: [Double] = [1.764052345967664, 0.4001572083672233]
        #expect(v[0] == draws.map { $0 * 2 + 1 })
    }

    @Test func sgdRegressorFollowsScikitLearnsUpdates() throws {
        let v = try values(
            """
            from sklearn.linear_model import SGDRegressor
            X = np.array([[1.0, 2.0], [2.0, 0.5], [3.0, 1.5], [4.0, 3.0], [5.0, 2.5]])
            y = np.array([3.0, 2.5, 5.0, 7.5, 8.0])
            m = SGDRegressor(random_state=0).fit(X, y)
            w = m.coef_
            b = m.intercept_
            n = m.n_iter_
            t = m.t_
            """, ["w", "b", "n", "t"])
        #expect(v[0] == [1.16312521631964, 0.761146246637507])
        #expect(v[1] == [0.31289656720863285])
        #expect(v[2] == [18])
        #expect(v[3] == [91])
    }

    @Test func linearRegressionSolvesLeastSquares() throws {
        let v = try values(
            """
            from sklearn.linear_model import LinearRegression
            X = np.array([[1.0, 2.0], [2.0, 0.5], [3.0, 1.5], [4.0, 3.0], [5.0, 2.5]])
            y = np.array([3.0, 2.5, 5.0, 7.5, 8.0])
            m = LinearRegression().fit(X, y)
            w = m.coef_
            b = m.intercept_
            """, ["w", "b"])
        #expect(zip(v[0], [1.132323232323232, 1.0505050505050506]).allSatisfy { abs($0 - $1) < 1e-13 })
        #expect(abs((v[1].first ?? 0) - -0.19292929292929184) < 1e-12)
    }

    @Test func predictBeforeFitIsNotFittedError() throws {
        let interpreter = Interpreter(output: CapturedOutput())
        do {
            try interpreter.run(
                SourceFile(
                    name: "<test>",
                    text: "from sklearn.linear_model import SGDRegressor\nSGDRegressor().predict([[1.0]])\n"))
            Issue.record("predict before fit ran")
        } catch {
            let first = error.diagnostics.first
            #expect(first?.exception == "NotFittedError")
            #expect(first?.message.hasPrefix("This SGDRegressor instance is not fitted yet.") == true)
        }
    }

    @Test func perceptronFollowsScikitLearnsEpochs() throws {
        let v = try values(
            """
            from sklearn.linear_model import Perceptron
            X = np.array([[1.0, 1.0], [2.0, 1.5], [4.0, 4.0], [5.0, 4.5]])
            y = np.array([0, 0, 1, 1])
            m = Perceptron().fit(X, y)
            p = m.predict(X)
            w = m.coef_
            b = m.intercept_
            n = m.n_iter_
            """, ["p", "w", "b", "n"])
        #expect(v == [[0, 1, 1, 1], [1, 4.5], [-7], [9]])
    }

    @Test func ridgeSolvesAsScikitLearnsCholeskyDoes() throws {
        let v = try values(
            """
            from sklearn.linear_model import Ridge
            X = np.array([[1.0, 2.0], [2.0, 0.5], [3.0, 1.5], [4.0, 3.0], [5.0, 2.5]])
            y = np.array([3.0, 2.5, 5.0, 7.5, 8.0])
            m = Ridge(alpha=0.3).fit(X, y)
            w = m.coef_
            b = m.intercept_
            d = Ridge(alpha=0.3).fit(np.array([[1.0, 2.0, 0.5], [2.0, 0.5, 1.0]]), y[:2]).coef_
            """, ["w", "b", "d"])
        #expect(v[0] == [1.1234887737478414, 0.9794473229706385])
        #expect(v[1] == [-0.03141623488773693])
        #expect(v[2] == [-0.12195121951219512, 0.18292682926829268, -0.06097560975609756])
    }

    @Test func polynomialFeaturesAndOneColumnScalerMatchScikitLearn() throws {
        let v = try values(
            """
            from sklearn.preprocessing import StandardScaler, PolynomialFeatures
            mean = StandardScaler().fit(np.linspace(0, 5, 24).reshape(-1, 1)).mean_
            p = PolynomialFeatures(3, include_bias=False).fit_transform(np.array([[0.1, 0.3]]))
            """, ["mean", "p"])
        // NumPy sums the one contiguous column pairwise: not 2.5.
        #expect(v[0] == [2.4999999999999996])
        #expect(v[1] == [0.1, 0.3, 0.010000000000000002, 0.03, 0.09, 0.0010000000000000002, 0.003, 0.009, 0.027])
    }
}
