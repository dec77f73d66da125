import Foundation
import NNEngine
import Testing

@testable import NNLang

/// scikit-learn's generators and splitters against real scikit-learn: every draw scikit-learn made from
/// its RandomState was recorded (scripts/record_sklearn_draws.py) and is replayed here, so NNLab must ask
/// for the same draws in the same order and combine them as scikit-learn does to give its data.
@Suite struct ScikitLearnDrawsTests {
    struct Fixture: Decodable, CustomTestStringConvertible, Sendable {
        let code: String
        let seed: Int
        let draws: [Draw]
        let results: [[Double]]
        let shapes: [[Int]]
        var testDescription: String { "\(code) with seed \(seed)" }
    }

    /// One recorded draw: ["sample", x], ["normal", x] or ["shuffle", [permutation]].
    enum Draw: Decodable, Sendable {
        case sample(Double)
        case normal(Double)
        case shuffle([Int])
        init(from decoder: Decoder) throws {
            var container = try decoder.unkeyedContainer()
            switch try container.decode(String.self) {
            case "sample": self = .sample(try container.decode(Double.self))
            case "normal": self = .normal(try container.decode(Double.self))
            default: self = .shuffle(try container.decode([Int].self))
            }
        }
    }

    /// Gives back the recorded draws, noting any call that differs from what scikit-learn asked for.
    final class ReplayStream: LegacyRandomStream, PyObject {
        var draws: [Draw]
        var mismatches: [String] = []
        init(_ draws: [Draw]) { self.draws = draws }
        var typeName: String { "RandomState" }

        func next() -> Draw? { draws.isEmpty ? nil : draws.removeFirst() }
        func randomSample() -> Double {
            if case .sample(let x) = next() { return x }
            mismatches.append("random_sample out of order")
            return 0
        }
        func standardNormal() -> Double {
            if case .normal(let x) = next() { return x }
            mismatches.append("standard_normal out of order")
            return 0
        }
        func shuffle(_ values: inout [Int]) {
            guard case .shuffle(let order) = next(), order.count == values.count else {
                mismatches.append("shuffle of \(values.count) out of order")
                return
            }
            values = order.map { [values] in values[$0] }
        }
        func randint(low: Int, high: Int) -> Int {
            mismatches.append("randint is not among the recorded draws")
            return low
        }
    }

    static let fixtures: [Fixture] = {
        guard let url = Bundle.module.url(forResource: "Fixtures/sklearn_draws", withExtension: "json"),
            let data = try? Data(contentsOf: url)
        else { return [] }
        return (try? JSONDecoder().decode([Fixture].self, from: data)) ?? []
    }()

    @Test func fixturesAreThere() { #expect(ScikitLearnDrawsTests.fixtures.count == 21) }

    @Test(arguments: ScikitLearnDrawsTests.fixtures)
    func replayedDrawsGiveScikitLearnsResult(_ fixture: Fixture) throws {
        let interpreter = Interpreter(output: CapturedOutput())
        let stream = ReplayStream(fixture.draws)
        interpreter.globals["rs"] = .object(stream)
        try interpreter.run(
            SourceFile(
                name: "<test>",
                text: """
                    import numpy as np
                    from sklearn.datasets import make_blobs, make_moons, make_circles
                    from sklearn.model_selection import train_test_split
                    X20 = np.arange(40).reshape(20, 2)
                    y20 = np.array([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2])
                    result = \(fixture.code)
                    """))
        #expect(stream.mismatches.isEmpty)
        #expect(stream.draws.isEmpty, "draws left over: \(stream.draws.count)")
        let parts: [Value]
        switch interpreter.globals["result"] {
        case .tuple(let tuple): parts = tuple.items
        case .list(let list): parts = list.items
        default: parts = []
        }
        try #require(parts.count == fixture.results.count)
        for (index, part) in parts.enumerated() {
            guard case .array(let array) = part else {
                Issue.record("result \(index) is not an array")
                continue
            }
            #expect(array.shape == fixture.shapes[index])
            let got = array.tensor.scalars.map(Double.init)
            let expected = fixture.results[index].map { Double(Float($0)) }
            #expect(got == expected, "result \(index)")
        }
    }
}
