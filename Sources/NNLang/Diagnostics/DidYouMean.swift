/// Suggests the closest of `candidates` to a misspelt `word`, as "did you mean …?" hints do.
/// Case differences count little (BinaryCrossEntropy → BinaryCrossentropy); the distance allowed
/// grows with the word's length.
public func closestMatch(to word: String, in candidates: some Sequence<String>) -> String? {
    let lowered = word.lowercased()
    var best: (name: String, cost: Int)?
    for candidate in candidates where candidate != word {
        let cost = candidate.lowercased() == lowered ? 0 : editDistance(lowered, candidate.lowercased()) * 2 + 1
        if cost < (best?.cost ?? Int.max) { best = (candidate, cost) }
    }
    guard let best else { return nil }
    let allowed = (word.count <= 3 ? 1 : max(2, word.count / 3)) * 2 + 1
    return best.cost <= allowed ? best.name : nil
}

/// The hint text for `closestMatch`, or nil.
func didYouMean(_ word: String, _ candidates: some Sequence<String>, quote: String = "'") -> String? {
    closestMatch(to: word, in: candidates).map { "did you mean \(quote)\($0)\(quote)?" }
}

/// Levenshtein distance with adjacent transpositions counted as one edit.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], previous2[j - 2] + 1)
            }
        }
        (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
}
