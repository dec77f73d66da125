import Testing

@testable import nn_fuzz

@Suite struct GeneratorTests {
    let seeds = [
        "import numpy as np\nx = np.ones((2, 3))\nprint(x.sum(axis=1) * 2.5)\n",
        "for i in range(3):\n    print(i, 'done')\n",
    ]

    func grammarProgram(seed: UInt64, index: Int) -> String {
        var generator = GrammarGenerator(rng: FuzzRandom(seed: seed, index: index))
        return generator.program()
    }

    @Test func programsDependOnlyOnSeedAndNumber() {
        #expect(grammarProgram(seed: 1, index: 7) == grammarProgram(seed: 1, index: 7))
        #expect(grammarProgram(seed: 1, index: 7) != grammarProgram(seed: 1, index: 8))
        #expect(grammarProgram(seed: 1, index: 7) != grammarProgram(seed: 2, index: 7))
        var first = FuzzRandom(seed: 3, index: 1)
        var second = FuzzRandom(seed: 3, index: 1)
        #expect(Mutator(seeds: seeds).mutant(using: &first) == Mutator(seeds: seeds).mutant(using: &second))
    }

    @Test func grammarProgramsUseTheLanguage() {
        let programs = (0..<200).map { grammarProgram(seed: 5, index: $0) }
        for construct in ["def ", "while ", "for ", "if ", "Sequential(", "np.", "f\"", "print("] {
            #expect(programs.contains { $0.contains(construct) }, "no program has \(construct)")
        }
        // Loops are bounded: every while loop counts up to a small number.
        for program in programs {
            for line in program.split(separator: "\n") where line.trimmingPrefixSpaces.hasPrefix("while ") {
                #expect(line.contains(" < "), "unbounded loop: \(line)")
            }
        }
    }

    @Test func mutantsDifferFromTheirSeeds() {
        var rng = FuzzRandom(seed: 9)
        let mutants = (0..<100).map { _ in Mutator(seeds: seeds).mutant(using: &rng) }
        #expect(mutants.filter { !seeds.contains($0) }.count > 80)
    }

    @Test func tokensJoinBackToTheLine() {
        let line = "model.fit(X, y, epochs=10, verbose='auto')  # 1.5e3"
        #expect(Tokens.split(line).joined() == line)
        #expect(Tokens.split("x = 1.5e3") == ["x", " ", "=", " ", "1.5e3"])
    }
}

extension Substring {
    var trimmingPrefixSpaces: Substring { drop { $0 == " " } }
}
