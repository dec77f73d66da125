import Synchronization

/// Gives layers and models the names Keras gives them: the first `Dense` is `dense`, the next
/// `dense_1`, and so on for the whole session, until `reset()` (Keras's `clear_session()`).
public final class LayerNames: Sendable {
    public static let shared = LayerNames()
    private let counts = Mutex<[String: Int]>([:])

    /// A fresh set of counters (an interpreter keeps its own, so sessions never share names).
    public init() {}

    /// The next unused name for `prefix`.
    public func next(_ prefix: String) -> String {
        counts.withLock { counts in
            let used = counts[prefix, default: 0]
            counts[prefix] = used + 1
            return used == 0 ? prefix : "\(prefix)_\(used)"
        }
    }

    public func reset() { counts.withLock { $0 = [:] } }
}
