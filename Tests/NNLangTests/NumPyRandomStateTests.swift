import NNLang
import Testing

/// The legacy generator against numbers recorded from NumPy 2.4 (`np.random.RandomState`).
@Suite struct NumPyRandomStateTests {
    @Test func randomSampleMatchesNumPy() {
        let state = NumPyRandomState.randomState(seed: 1)
        #expect(
            (0..<3).map { _ in state.randomSample() } == [
                0.417022004702574, 0.7203244934421581, 0.00011437481734488664,
            ])
        #expect(NumPyRandomState(seed: UInt32.max).randomSample() == 0.0976320289940138)
    }

    @Test func gaussianKeepsTheSecondValueOfEachPair() {
        let state = NumPyRandomState(seed: 0)
        let expected = [
            1.764052345967664, 0.4001572083672233, 0.9787379841057392, 2.240893199201458, 1.8675579901499675,
        ]
        #expect((0..<5).map { _ in state.standardNormal() } == expected)
        let other = NumPyRandomState(seed: 5)
        #expect(other.normal(loc: 2, scale: 3) == 3.3236824606551245)
        #expect(other.uniform(low: -1, high: 1) == -0.5865616893211472)
        #expect([other.standardNormal(), other.standardNormal()] == [-0.33087015189408764, -0.023303746449855414])
    }

    @Test func boundedIntegersUseMaskedRejection() {
        let state = NumPyRandomState(seed: 42)
        #expect((0..<10).map { _ in state.randint(low: 0, high: 10) } == [6, 3, 7, 4, 6, 9, 2, 6, 7, 4])
        #expect(
            (0..<3).map { _ in state.randint(low: -(1 << 40), high: 1 << 40) } == [
                -673_696_257_177, -448_176_021_374, -459_319_214_796,
            ])
        #expect((0..<2).map { _ in state.randint(low: 0, high: 1 << 32) } == [4_165_731_073, 3_100_961_111])
        #expect(
            (0..<2).map { _ in state.randint(low: Int.min, high: Int.max) } == [
                6_132_484_236_315_524_509, -5_306_406_783_962_379_903,
            ])
    }

    @Test func permutationIsNumPysShuffle() {
        #expect(NumPyRandomState(seed: 7).permutation(10) == [8, 5, 0, 2, 1, 9, 7, 3, 6, 4])
    }

    @Test func seedingFromASequenceUsesInitByArray() {
        let state = NumPyRandomState(seed: 0)
        state.seed(words: [1, 2, 3])
        #expect(state.randomSample() == 0.6098612722867289)
        #expect(state.randint(low: 0, high: 100) == 67)
    }

    @Test func choiceWithAndWithoutReplacement() throws {
        let state = NumPyRandomState(seed: 3)
        #expect(
            try state.choiceIndices(population: 5, count: 6, replace: true, p: [0.1, 0.2, 0.3, 0.15, 0.25]) == [
                2, 3, 1, 2, 4, 4,
            ])
        #expect(try state.choiceIndices(population: 5, count: 3, replace: false, p: nil) == [0, 3, 2])
        let weights = [0.1, 0.2, 0.3, 0.15, 0.15, 0.1]
        #expect(try state.choiceIndices(population: 6, count: 4, replace: false, p: weights) == [0, 2, 4, 1])
        #expect(throws: NumPyRandomState.ChoiceError.self) {
            try state.choiceIndices(population: 3, count: 1, replace: true, p: [0.5, 0.6, 0.1])
        }
    }
}

extension NumPyRandomStateTests {
    func printed(_ code: String, seed: UInt64 = 42) throws -> String {
        let output = CapturedOutput()
        try Interpreter(output: output, options: InterpreterOptions(seed: seed)).run(
            SourceFile(name: "<test>", text: code))
        return output.text
    }

    /// Unseeded, `np.random` starts from the session's seed; NNLab's `seed(n)` restarts it too.
    @Test func theSessionSeedSeedsNumPysStream() throws {
        let draw = "import numpy as np\nprint(np.random.rand())"
        #expect(try printed(draw) == "\(NumPyRandomState(seed: 42).randomSample())\n")
        #expect(try printed(draw, seed: 7) == "\(NumPyRandomState(seed: 7).randomSample())\n")
        #expect(try printed("seed(5)\n" + draw) == "\(NumPyRandomState(seed: 5).randomSample())\n")
        let state = NumPyRandomState(seed: 3)
        let expected = "\(state.randomSample()) \(state.randomSample())\n"
        #expect(
            try printed("import numpy as np\nnp.random.seed(3)\nprint(np.random.rand(), np.random.random())")
                == expected)
    }
}
