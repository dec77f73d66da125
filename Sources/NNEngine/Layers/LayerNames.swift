import Synchronization

/// Gives layers and models the names Keras gives them: the first `Dense` is `dense`, the next
/// `dense_1`, and so on for the whole session, until `reset()` (Keras's `clear_session()`).
public final class LayerNames: Sendable {
    public static let shared = LayerNames()
    /// The counters layers made without a name draw from: `shared`, unless a task binds its own (as a
    /// test does, so that layers made in parallel elsewhere do not take its names).
    @TaskLocal public static var current: LayerNames = shared
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

    /// Keras's `to_snake_case` of a class name, the prefix of its layers' names:
    /// `BatchNormalization` → `batch_normalization`, `LeakyReLU` → `leaky_re_lu`, `ReLU` → `re_lu`.
    public static func prefix(for kind: String) -> String {
        let characters = Array(kind)
        var result = ""
        for (index, character) in characters.enumerated() {
            if index > 0, character.isUppercase {
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                if nextIsLower || characters[index - 1].isLowercase { result += "_" }
            }
            result += character.lowercased()
        }
        return result
    }
}
