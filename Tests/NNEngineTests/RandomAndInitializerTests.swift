import NNEngine
import Testing

@Suite struct RandomAndInitializerTests {
    @Test func theGeneratorIsDeterministicAndUniform() {
        var a = RandomGenerator(seed: 5)
        var b = RandomGenerator(seed: 5)
        let first = (0..<1000).map { _ in a.nextFloat() }
        #expect(first == (0..<1000).map { _ in b.nextFloat() })
        #expect(first.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = first.reduce(0, +) / 1000
        #expect(abs(mean - 0.5) < 0.03)
        // A fixed value pins the algorithm: changing it changes every lesson's numbers.
        var pinned = RandomGenerator(seed: 42)
        // (Computed independently with a Python transcription of SplitMix64 and xoshiro256**.)
        #expect(pinned.next() == 1_546_998_764_402_558_742)
    }

    @Test func normalsHaveUnitSpreadAndTruncationHolds() {
        var g = RandomGenerator(seed: 1)
        let values = (0..<20000).map { _ in g.nextNormal() }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
        #expect(abs(mean) < 0.03 && abs(variance - 1) < 0.05)
        #expect((0..<5000).allSatisfy { _ in abs(g.nextTruncatedNormal()) <= 2 })
    }

    @Test func initializersFollowKerasFormulas() {
        var g = RandomGenerator(seed: 3)
        let glorot = Initializer.glorotUniform.make(shape: [400, 25], using: &g)
        let limit = Float((6.0 / 425).squareRoot())
        #expect(glorot.scalars.allSatisfy { abs($0) <= limit })
        #expect(glorot.scalars.max()! > limit * 0.95)
        let he = Initializer.heUniform.make(shape: [100, 10], using: &g)
        #expect(he.scalars.allSatisfy { abs($0) <= Float((6.0 / 100).squareRoot()) })
        let heNormal = Initializer.heNormal.make(shape: [200, 50], using: &g)
        let bound = Float((2.0 / 200).squareRoot() / 0.87962566103423978 * 2)
        #expect(heNormal.scalars.allSatisfy { abs($0) <= bound })
        let std = Initializer.heNormal.make(shape: [500, 200], using: &g).scalars
        let spread = (std.map { Double($0 * $0) }.reduce(0, +) / Double(std.count)).squareRoot()
        #expect(abs(spread - (2.0 / 500).squareRoot()) < 0.002)
        #expect(Initializer.zeros.make(shape: [3], using: &g).scalars == [0, 0, 0])
        #expect(Initializer.ones.make(shape: [2], using: &g).scalars == [1, 1])
        #expect(Initializer(name: "glorot_normal") == .glorotNormal)
        #expect(Initializer(name: "nope") == nil)
    }

    @Test func shuffleIsAPermutation() {
        var g = RandomGenerator(seed: 9)
        var values = Array(0..<100)
        g.shuffle(&values)
        #expect(values != Array(0..<100))
        #expect(values.sorted() == Array(0..<100))
    }
}
