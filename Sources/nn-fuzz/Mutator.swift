/// Mutates real programs (the lessons, the examples and the annotated test programs): deletes,
/// duplicates, swaps and moves lines and tokens, splices in lines of another program, turns numbers
/// into extremes, puts in brackets, quotes and odd characters, and breaks indentation.
///
/// Numbers on lines that drive loops or training (`range(`, `epochs`, `while`, …) keep their size,
/// so a mutant does not run legitimately for ever.
struct Mutator {
    let seeds: [String]

    func mutant(using rng: inout FuzzRandom) -> String {
        var lines = rng.pick(seeds).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<rng.weighted([0, 4, 3, 2, 1]) {
            mutate(&lines, using: &rng)
        }
        var text = lines.joined(separator: "\n")
        if rng.chance(0.05) { text = text.replacingNewlines(with: "\r\n") }
        return text
    }

    private func mutate(_ lines: inout [String], using rng: inout FuzzRandom) {
        guard !lines.isEmpty else {
            lines = [""]
            return
        }
        let at = rng.below(lines.count)
        switch rng.weighted([4, 3, 2, 2, 3, 6, 6, 3, 3, 2, 2, 1]) {
        case 0: lines.remove(at: at)
        case 1: lines.insert(lines[at], at: rng.below(lines.count + 1))
        case 2: lines.swapAt(at, rng.below(lines.count))
        case 3:
            let line = lines.remove(at: at)
            lines.insert(line, at: rng.below(lines.count + 1))
        case 4:
            // Splice: a run of lines from another program.
            let other = rng.pick(seeds).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let start = rng.below(other.count)
            let run = other[start..<min(other.count, start + rng.between(1, 6))]
            lines.insert(contentsOf: run, at: rng.below(lines.count + 1))
        case 5: lines[at] = mutateTokens(lines[at], using: &rng)
        case 6: lines[at] = extremeNumber(in: lines[at], using: &rng)
        case 7:
            lines[at] = lines[at].insertingCharacter(
                rng.pick([
                    "(", ")", "[", "]", "{", "}", "'", "\"", ":", ",",
                    "\\", "\"\"\"", "#",
                ]), using: &rng)
        case 8:
            // Indentation: add, remove or mix in a tab.
            let line = lines[at]
            lines[at] = rng.pick(["    " + line, "\t" + line, String(line.drop { $0 == " " }), " " + line])
        case 9:
            lines[at] = lines[at].insertingCharacter(
                rng.pick([
                    "\0", "é", "\u{202E}", "\u{FEFF}", "🙂", "\r",
                    "\u{0C}", "\u{FFFF}", "\u{10FFFF}",
                ]), using: &rng)
        case 10:
            // Repeat a token many times: long chains from real code.
            var tokens = Tokens.split(lines[at])
            let candidates = tokens.indices.filter { tokens[$0].first != " " }
            guard !candidates.isEmpty else { return }
            let index = rng.pick(candidates)
            tokens[index] = String(repeating: tokens[index], count: rng.pick([2, 10, 100, 1000]))
            lines[at] = tokens.joined()
        default:
            lines = Array(lines[..<at])
        }
    }

    private func mutateTokens(_ line: String, using rng: inout FuzzRandom) -> String {
        var tokens = Tokens.split(line)
        guard !tokens.isEmpty else { return line }
        let at = rng.below(tokens.count)
        switch rng.below(5) {
        case 0: tokens.remove(at: at)
        case 1: tokens.insert(tokens[at], at: rng.below(tokens.count + 1))
        case 2: tokens.swapAt(at, rng.below(tokens.count))
        case 3:
            // A token from another program.
            let other = Tokens.split(rng.pick(seeds.randomLines(using: &rng)))
            if !other.isEmpty { tokens[at] = rng.pick(other) }
        default:
            tokens[at] = rng.pick([
                "None", "0", "-1", "''", "[]", "()", "{}", "np", "X", "model", "...", "not", "and",
                "lambda", "if", "=", ".", "**", "@", "in", "is",
            ])
        }
        return tokens.joined()
    }

    private func extremeNumber(in line: String, using rng: inout FuzzRandom) -> String {
        var tokens = Tokens.split(line)
        let numbers = tokens.indices.filter { tokens[$0].first?.isNumber == true }
        guard !numbers.isEmpty else { return line }
        let drivesWork = ["range(", "epochs", "while", "for ", "n_samples", "batch_size", "steps"]
            .contains { line.contains($0) }
        let pool =
            drivesWork
            ? ["0", "1", "-1", "0.5", "-0.0", "1e-300", "3"]
            : [
                "0", "-1", "0.0", "-0.0", "1e308", "1e-320", "9223372036854775807", "9223372036854775808",
                "-9223372036854775808", "99999999999999999999", "1e5", "100000", "2**31", "1e400", "float('nan')",
                "float('inf')", "0.1", "65535", "4294967297", "7",
            ]
        tokens[rng.pick(numbers)] = rng.pick(pool)
        return tokens.joined()
    }
}

/// A rough tokenizer for mutation: names, numbers, strings, runs of spaces and single other characters.
enum Tokens {
    static func split(_ line: String) -> [String] {
        var tokens: [String] = []
        var characters = Array(line)[...]
        while let first = characters.first {
            var length = 1
            if first.isLetter || first == "_" || first.isNumber {
                length =
                    characters.prefix { character in
                        character.isLetter || character.isNumber || character == "_"
                            || character == "." && first.isNumber
                    }.count
            } else if first == " " {
                length = characters.prefix { $0 == " " }.count
            } else if first == "'" || first == "\"" {
                let rest = characters.dropFirst()
                length = (rest.firstIndex(of: first).map { $0 - characters.startIndex + 1 }) ?? characters.count
            }
            tokens.append(String(characters.prefix(length)))
            characters = characters.dropFirst(length)
        }
        return tokens
    }
}

extension Array where Element == String {
    /// The lines of one of these texts, chosen at random.
    func randomLines(using rng: inout FuzzRandom) -> [String] {
        let lines = rng.pick(self).split(separator: "\n").map(String.init)
        return lines.isEmpty ? [""] : lines
    }
}
