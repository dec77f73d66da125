import NNEngine

/// The draws of NumPy's legacy `RandomState` that scikit-learn's generators and splitters and Keras's
/// data loaders make. Given NumPy's own MT19937 stream, the data they produce is NumPy's to the bit.
protocol LegacyRandomStream: AnyObject {
    /// `random_sample()`: uniform in [0, 1) from 53 bits.
    func randomSample() -> Double
    /// `standard_normal()`: the legacy polar-method Gaussian (`legacy_gauss`, caching its second value).
    func standardNormal() -> Double
    /// `shuffle(x)` of a 1-D array: from the last index down, swapping with `random_interval(i)`.
    func shuffle(_ values: inout [Int])
    /// `randint(low, high)` (int64, masked rejection).
    func randint(low: Int, high: Int) -> Int
}

extension LegacyRandomStream {
    /// `permutation(n)`: a shuffled `arange(n)`.
    func permutation(_ n: Int) -> [Int] {
        var values = Array(0..<max(n, 0))
        shuffle(&values)
        return values
    }

    /// `permutation(x)` of a 1-D integer array: a shuffled copy.
    func permutation(of values: [Int]) -> [Int] {
        let order = permutation(values.count)
        return order.map { values[$0] }
    }

    /// `uniform(low, high)`: `low + (high - low) * random_sample()`.
    func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * randomSample() }

    /// `normal(loc, scale)`: `loc + scale * standard_normal()`.
    func normal(_ loc: Double, _ scale: Double) -> Double { loc + scale * standardNormal() }
}

/// Where scikit-learn's `random_state` and Keras's seeds get their stream.
enum LegacyRandom {
    /// `np.random.RandomState(seed)`.
    static func seeded(_ seed: Int) -> any LegacyRandomStream {
        NumPyRandomState(seed: UInt32(truncatingIfNeeded: seed))
    }

    /// The global stream `np.random.seed` resets, which scikit-learn uses when `random_state` is None.
    static func global(_ interpreter: Interpreter) -> any LegacyRandomStream { interpreter.numpyRandomState }

    /// The stream for a scikit-learn `random_state` argument (`check_random_state`): None is the global
    /// `np.random` stream, an integer seeds a new one, a `RandomState` object is used as it is. Other
    /// values get the message of scikit-learn's parameter validation for `function`.
    static func stream(
        _ randomState: Value?, _ interpreter: Interpreter, range: SourceRange, function: String
    )
        throws(Diagnostic) -> any LegacyRandomStream
    {
        guard let randomState, !randomState.isNone else { return global(interpreter) }
        if case .object(let object as RandomStateObject) = randomState { return object.state }
        if case .object(let object) = randomState, let stream = object as? any LegacyRandomStream { return stream }
        guard let seed = randomState.exactInteger, seed >= 0, seed <= Int(UInt32.max) else {
            throw Diagnostic(
                "The 'random_state' parameter of \(function) must be an int in the range [0, 4294967295], an "
                    + "instance of 'numpy.random.mtrand.RandomState' or None. Got \(interpreter.repr(randomState)) "
                    + "instead.", at: range)
        }
        return seeded(seed)
    }
}

extension NumPyRandomState: LegacyRandomStream {}
