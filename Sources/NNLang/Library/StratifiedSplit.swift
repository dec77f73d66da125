import NNEngine

/// scikit-learn's `StratifiedShuffleSplit` (one split), draw for draw: each class keeps its share of
/// the train and test rows.
enum StratifiedSplit {
    static func split(
        _ labels: [ClassLabel], train nTrain: Int, test nTest: Int, _ rng: any LegacyRandomStream,
        range: SourceRange
    ) throws(Diagnostic) -> (train: [Int], test: [Int]) {
        let classes = Array(Set(labels)).sorted()
        let position = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        var members = Array(repeating: [Int](), count: classes.count)
        for (row, label) in labels.enumerated() { if let c = position[label] { members[c].append(row) } }
        let counts = members.map(\.count)
        let tooFew = classes.indices.filter { counts[$0] < 2 }
        if !tooFew.isEmpty {
            let shown = tooFew.map { classes[$0].value }
            throw Diagnostic(
                "The least populated classes in y have only 1 member, which is too few. The minimum number of groups "
                    + "for any class cannot be less than 2. Classes with too few members are: "
                    + "[\(shown.map(ClassLabel.plainRepr).joined(separator: ", "))]", at: range)
        }
        if nTrain < classes.count {
            throw Diagnostic(
                "The train_size = \(nTrain) should be greater or equal to the number of classes = \(classes.count)",
                at: range)
        }
        if nTest < classes.count {
            throw Diagnostic(
                "The test_size = \(nTest) should be greater or equal to the number of classes = \(classes.count)",
                at: range)
        }
        let trainShare = approximateMode(counts, nTrain, rng)
        let remaining = zip(counts, trainShare).map { $0 - $1 }
        let testShare = approximateMode(remaining, nTest, rng)
        var train: [Int] = []
        var test: [Int] = []
        for c in classes.indices {
            let shuffled = rng.permutation(counts[c]).map { members[c][$0] }
            // NumPy's slices stop at the end of the class, should rounding give it more than it has.
            let trainEnd = min(trainShare[c], counts[c])
            let testEnd = min(trainShare[c] + testShare[c], counts[c])
            train += shuffled[..<trainEnd]
            test += shuffled[trainEnd..<max(trainEnd, testEnd)]
        }
        return (rng.permutation(of: train), rng.permutation(of: test))
    }

    /// `sklearn.utils.extmath._approximate_mode`: per-class draws, floored, with the leftovers given to
    /// the largest remainders (ties broken by `rng.choice(..., replace=False)`).
    static func approximateMode(_ counts: [Int], _ draws: Int, _ rng: any LegacyRandomStream) -> [Int] {
        let total = Double(counts.reduce(0, +))
        let continuous = counts.map { Double($0) / total * Double(draws) }
        var floored = continuous.map { $0.rounded(.down) }
        var needed = Int(Double(draws) - floored.reduce(0, +))
        if needed > 0 {
            let remainder = zip(continuous, floored).map { $0 - $1 }
            for value in Array(Set(remainder)).sorted(by: >) {
                let tied = remainder.indices.filter { remainder[$0] == value }
                let now = min(tied.count, needed)
                for pick in rng.permutation(tied.count).prefix(now) { floored[tied[pick]] += 1 }
                needed -= now
                if needed == 0 { break }
            }
        }
        return floored.map { Int($0) }
    }
}
