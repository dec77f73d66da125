import Foundation
import NNEngine
import Testing

@testable import NNLang

/// NumPy's float64 and int64 arithmetic, bit for bit: each case's results were recorded from real NumPy
/// (scripts/record_numpy_float64.py) as repr strings, and NNLab's exact values must be the same doubles,
/// with the same dtypes.
@Suite struct WideMathTests {
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        let code: String
        let dtypes: [String]
        let values: [String]
        var testDescription: String { code.split(separator: "\n").last.map(String.init) ?? code }
    }

    static let cases: [String: Case] = {
        guard let url = Bundle.module.url(forResource: "Fixtures/numpy_float64", withExtension: "json"),
            let data = try? Data(contentsOf: url),
            let cases = try? JSONDecoder().decode([String: Case].self, from: data)
        else { return [:] }
        return cases
    }()

    static var names: [String] { cases.keys.sorted() }

    @Test func thereAreCases() { #expect(Self.cases.count >= 20) }

    /// The dtypes and exact values of `r` (a value, or a list of them), flattened.
    static func results(_ code: String) throws -> ([String], [Double]) {
        let interpreter = Interpreter(output: CapturedOutput())
        try interpreter.run(SourceFile(name: "<case>", text: "import numpy as np\n" + code))
        var items: [Value] = []
        switch interpreter.globals["r"] {
        case .list(let list)?: items = list.items
        case let value?: items = [value]
        case nil: break
        }
        var dtypes: [String] = []
        var values: [Double] = []
        for item in items {
            switch item {
            case .array(let array):
                dtypes.append(array.tensor.dtype.rawValue)
                values += array.tensor.wide ?? array.tensor.doubles
            case .float(let x):
                dtypes.append("float64")
                values.append(x)
            case .int(let i):
                dtypes.append("int64")
                values.append(Double(i))
            default: dtypes.append(item.typeName)
            }
        }
        return (dtypes, values)
    }

    @Test(arguments: names) func matchesNumPy(_ name: String) throws {
        guard let recorded = Self.cases[name] else { return }
        let (dtypes, values) = try Self.results(recorded.code)
        #expect(dtypes == recorded.dtypes, "\(name)")
        let expected = recorded.values.map { Double($0) ?? .nan }
        #expect(values.count == expected.count, "\(name)")
        for (i, (got, want)) in zip(values, expected).enumerated() where got != want && !(got.isNaN && want.isNaN) {
            Issue.record("\(name)[\(i)]: \(got) where NumPy gives \(want)")
        }
    }

    /// The double-precision results carry their exact values, so a float32 view never leaks into them.
    @Test func float32StaysFloat32() throws {
        let (dtypes, values) = try Self.results(
            "s = np.arange(4).astype(np.float32)\nr = [s * 0.1, s + s, np.exp(s), s.sum()]")
        #expect(dtypes == ["float32", "float32", "float32", "float32"])
        #expect(values[1] == Double(Float(0.1)))
    }

    @Test func int64SumsBeyondFloat32() throws {
        let (dtypes, values) = try Self.results("x = np.arange(3) + 16777217\nr = [x.sum(), x * 3, x.max()]")
        #expect(dtypes == ["int64", "int64", "int64"])
        #expect(values == [50_331_654, 50_331_651, 50_331_654, 50_331_657, 16_777_219])
    }

    @Test func inPlaceOnIntegersRefusesFloats() throws {
        #expect(throws: DiagnosticList.self) { try Self.results("x = np.arange(3)\nx += 0.5\nr = x") }
    }
}

/// NumPy's floating-point RuntimeWarnings for float64 division and functions, worded as NumPy words them.
@Suite struct WideMathWarningTests {
    @Test func divisionAndLogarithmsWarnAsNumPy() throws {
        let interpreter = Interpreter(output: CapturedOutput())
        var warnings: [String] = []
        interpreter.warningHandler = { warnings.append($0) }
        let program = """
            import numpy as np
            a = np.array([1.0, 0.0, -2.0])
            b = a / 0.0
            c = np.log(a)
            d = np.float64(1.0) / 0.0
            e = np.exp(np.array([1000.0]))
            f = np.log(np.array([1.0, 2.0])) / 2
            """
        try interpreter.run(SourceFile(name: "w.nn", text: program))
        #expect(
            warnings == [
                "w.nn:3: RuntimeWarning: divide by zero encountered in divide\n  b = a / 0.0\n",
                "w.nn:3: RuntimeWarning: invalid value encountered in divide\n  b = a / 0.0\n",
                "w.nn:4: RuntimeWarning: divide by zero encountered in log\n  c = np.log(a)\n",
                "w.nn:4: RuntimeWarning: invalid value encountered in log\n  c = np.log(a)\n",
                "w.nn:5: RuntimeWarning: divide by zero encountered in scalar divide\n  d = np.float64(1.0) / 0.0\n",
                "w.nn:6: RuntimeWarning: overflow encountered in exp\n  e = np.exp(np.array([1000.0]))\n",
            ])
    }
}
