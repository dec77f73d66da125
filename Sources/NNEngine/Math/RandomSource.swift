import Synchronization

/// A shared, reseedable stream of random numbers: what `seed(n)` resets, and what initial weights
/// and shuffling draw from, so a whole session is reproducible from one number.
public final class RandomSource: Sendable {
    /// The stream everything draws from unless given another.
    public static let shared = RandomSource()

    private let generator: Mutex<RandomGenerator>

    public init(seed: UInt64 = RandomGenerator.defaultSeed) {
        generator = Mutex(RandomGenerator(seed: seed))
    }

    /// Restarts the stream from `seed`.
    public func reseed(_ seed: UInt64) { generator.withLock { $0 = RandomGenerator(seed: seed) } }

    /// Runs `body` with exclusive use of the generator.
    public func draw<R, E: Error>(_ body: (inout RandomGenerator) throws(E) -> R) throws(E) -> R {
        var local = generator.withLock { $0 }
        defer { generator.withLock { $0 = local } }
        return try body(&local)
    }
}
