import NNEngine

/// `sklearn.model_selection.train_test_split`, with scikit-learn's index draws: `ShuffleSplit` takes
/// `rng.permutation(n)` (test rows first); `StratifiedShuffleSplit` allots rows per class by
/// `_approximate_mode` and permutes each class, then both halves.
enum ScikitLearnModelSelection {
    static func module() -> ModuleObject {
        ModuleObject(
            "sklearn.model_selection",
            [
                "train_test_split": function(
                    "train_test_split",
                    "*arrays, test_size=None, train_size=None, random_state=None, "
                        + "shuffle=True, stratify=None"
                ) { a, interpreter throws(Diagnostic) in
                    try trainTestSplit(a, interpreter)
                }
            ])
    }

    static func trainTestSplit(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        guard !a.rest.isEmpty else { throw Diagnostic("At least one array required as input", at: a.callRange) }
        var counts: [Int] = []
        for (index, array) in a.rest.enumerated() {
            counts.append(try sampleCount(array, range: a.restRange(index), interpreter))
        }
        guard Set(counts).count == 1 else {
            let list = counts.map(String.init).joined(separator: ", ")
            throw Diagnostic("Found input variables with inconsistent numbers of samples: [\(list)]", at: a.callRange)
        }
        let n = counts[0]
        let (nTrain, nTest) = try sizes(n, a, interpreter)
        var train: [Int]
        var test: [Int]
        if try !a.bool("shuffle", default: true) {
            guard a["stratify"] == nil else {
                throw Diagnostic(
                    "Stratified train/test split is not implemented for shuffle=False", at: a.range("stratify"))
            }
            train = Array(0..<nTrain)
            test = Array(nTrain..<(nTrain + nTest))
        } else {
            let stream = try LegacyRandom.stream(
                a["random_state"], interpreter, range: a.range("random_state"), function: a.function)
            if let stratify = a["stratify"] {
                let labels = try ClassLabel.labels(stratify, range: a.range("stratify"), interpreter, joiningRows: true)
                    .labels
                guard labels.count == n else {
                    throw Diagnostic(
                        "Found input variables with inconsistent numbers of samples: [\(n), \(labels.count)]",
                        at: a.range("stratify"))
                }
                (train, test) = try StratifiedSplit.split(
                    labels, train: nTrain, test: nTest, stream, range: a.range("stratify"))
            } else {
                let permutation = stream.permutation(n)
                test = Array(permutation[..<nTest])
                train = Array(permutation[nTest..<(nTest + nTrain)])
            }
        }
        var result: [Value] = []
        for (index, array) in a.rest.enumerated() {
            let range = a.restRange(index)
            result += [try take(array, train, range, interpreter), try take(array, test, range, interpreter)]
        }
        return .list(result)
    }

    /// `_num_samples`: the length of the first axis.
    static func sampleCount(_ value: Value, range: SourceRange, _ interpreter: Interpreter) throws(Diagnostic) -> Int {
        if case .array(let array) = value {
            guard !array.isScalar else {
                throw Diagnostic(
                    "Singleton array \(interpreter.repr(value)) cannot be considered a valid collection.", at: range)
            }
            return array.shape[0]
        }
        switch value {
        case .list, .tuple, .object(is IterableObject): return try interpreter.iterate(value, range: range).count
        default: throw Diagnostic("Expected sequence or array-like, got \(value.typeName)", at: range)
        }
    }

    /// `_safe_indexing`: rows of an array, items of a list.
    static func take(
        _ value: Value, _ indices: [Int], _ range: SourceRange, _ interpreter: Interpreter
    ) throws(Diagnostic)
        -> Value
    {
        if case .array(let array) = value { return .array(NDArray(rows(array.tensor, indices))) }
        let items = try interpreter.iterate(value, range: range)
        return .list(indices.map { items[$0] })
    }

    static func rows(_ tensor: Tensor, _ indices: [Int]) -> Tensor {
        let width = tensor.rowWidth
        let shape: [Int] = [indices.count] + tensor.shape.dropFirst()
        return tensor.gathering(shape: shape) { (i: Int) -> Int in indices[i / width] * width + i % width }
    }

    /// `_validate_shuffle_split`: the train and test counts, with scikit-learn's checks and messages.
    static func sizes(_ n: Int, _ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> (Int, Int) {
        enum Size {
            case count(Int)
            case fraction(Double)
        }
        func size(_ name: String) throws(Diagnostic) -> Size? {
            guard let value = a[name] else { return nil }
            switch value {
            case .int(let count): return .count(count)
            case .float(let fraction): return .fraction(fraction)
            case .array(let array) where array.isScalar && array.tensor.dtype != .bool:
                if let count = value.exactInteger { return .count(count) }
                return value.numericValue.map { .fraction($0) }
            default: throw Diagnostic("Invalid value for \(name): \(interpreter.repr(value))", at: a.range(name))
            }
        }
        let test = try size("test_size") ?? (a["train_size"] == nil ? .fraction(0.25) : nil)
        let train = try size("train_size")
        for (name, item) in [("test_size", test), ("train_size", train)] {
            let bad =
                switch item {
                case .count(let c): c >= n || c <= 0
                case .fraction(let f): f <= 0 || f >= 1
                case nil: false
                }
            if bad {
                let shown = a[name].map { interpreter.repr($0) } ?? "0.25"
                throw Diagnostic(
                    "\(name)=\(shown) should be either positive and smaller than the number of samples \(n) "
                        + "or a float in the (0, 1) range", at: a.range(name))
            }
        }
        if case .fraction(let f) = test, case .fraction(let g) = train, f + g > 1 {
            throw Diagnostic(
                "The sum of test_size and train_size = \(pythonFloatRepr(f + g)), should be in the (0, 1) range. "
                    + "Reduce test_size and/or train_size.", at: a.callRange)
        }
        func count(_ size: Size?, rounding: FloatingPointRoundingRule) -> Int? {
            switch size {
            case .count(let c): c
            case .fraction(let f): Int((f * Double(n)).rounded(rounding))
            case nil: nil
            }
        }
        var nTest = count(test, rounding: .up)
        var nTrain = count(train, rounding: .down)
        if train == nil { nTrain = n - (nTest ?? 0) } else if test == nil { nTest = n - (nTrain ?? 0) }
        let (trainCount, testCount) = (nTrain ?? 0, nTest ?? 0)
        if trainCount + testCount > n {
            throw Diagnostic(
                "The sum of train_size and test_size = \(trainCount + testCount), should be smaller than the number "
                    + "of samples \(n). Reduce test_size and/or train_size.", at: a.callRange)
        }
        if trainCount == 0 {
            let defaultTest = a["train_size"] == nil ? "0.25" : "None"
            let shown = { (name: String) in
                a[name].map { interpreter.repr($0) } ?? (name == "test_size" ? defaultTest : "None")
            }
            throw Diagnostic(
                "With n_samples=\(n), test_size=\(shown("test_size")) and train_size=\(shown("train_size")), the "
                    + "resulting train set will be empty. Adjust any of the aforementioned parameters.", at: a.callRange
            )
        }
        return (trainCount, testCount)
    }
}
