import NNLang
import Testing

/// `np.random.default_rng` against numbers recorded from NumPy 2.4.
@Suite struct NumPyGeneratorTests {
    @Test func randomMatchesNumPy() {
        let g = NumPyGenerator(seed: 42)
        #expect((0..<3).map { _ in g.random() } == [0.7739560485559633, 0.4388784397520523, 0.8585979199113825])
        #expect(NumPyGenerator(seed: (1 << 40) + 5).random() == 0.004739459374490829)
        #expect(NumPyGenerator(entropy: [1, 2, 3]).random() == 0.6704722626516632)
    }

    @Test func integersUseLemiresMethod() {
        let g = NumPyGenerator(seed: 0)
        #expect((0..<10).map { _ in g.integers(low: 0, high: 10) } == [8, 6, 5, 2, 3, 0, 0, 0, 1, 8])
        #expect((0..<2).map { _ in g.integers(low: -(1 << 40), high: 1 << 40) } == [907_659_113_292, 234_494_550_785])
        #expect((0..<2).map { _ in g.integers(low: 0, high: 1 << 32) } == [4_169_308_741, 3_133_163_871])
        #expect(g.uniform(low: -1, high: 1) == 0.08724998293084574)
    }

    @Test func permutationShuffleAndChoice() throws {
        #expect(NumPyGenerator(seed: 7).permutation(10) == [8, 0, 7, 1, 3, 6, 2, 4, 5, 9])
        let g = NumPyGenerator(seed: 3)
        #expect(try g.choiceIndices(population: 10, count: 4, replace: false, p: nil) == [2, 0, 1, 5])
        let p = [0.1, 0.2, 0.3, 0.2, 0.2]
        #expect(try g.choiceIndices(population: 5, count: 3, replace: true, p: p) == [0, 2, 2])
        #expect(try g.choiceIndices(population: 5, count: 3, replace: false, p: p) == [1, 3, 2])
        #expect(try g.choiceIndices(population: 20000, count: 3, replace: false, p: nil) == [10334, 11642, 17755])
        #expect(
            try g.choiceIndices(population: 20000, count: 500, replace: false, p: nil).prefix(5) == [
                5189, 127, 4611, 16495, 19283,
            ])
    }
}

extension NumPyGeneratorTests {
    /// The ziggurat's tables are computed, so values match NumPy's to ~1e-14 and exactly as float32.
    @Test func normalDrawsNumPysVariates() {
        let g = NumPyGenerator(seed: 1)
        let values = (0..<2000).map { _ in g.standardNormal() }
        let expected = [0.345584192064786, 0.8216181435011584, 0.33043707618338714, -1.303157231604361]
        for (value, reference) in zip(values, expected) {
            #expect(Float(value) == Float(reference))
            #expect(abs(value - reference) < 1e-13)
        }
        #expect(
            values[1000..<1003].map(Float.init)
                == [0.19483956316952594, 0.8387179933254993, -0.027649280432602362].map(Float.init))
        #expect(abs(values.reduce(0, +) - -26.79587365615727) < 1e-9)
        let other = NumPyGenerator(seed: 5)
        #expect(abs(other.normal(loc: 2, scale: 3) - -0.4057942757603423) < 1e-13)
        #expect(abs(other.standardNormal() - -1.324358995628145) < 1e-13)
    }
}
