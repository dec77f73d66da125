import Synchronization

/// Set from anywhere (a signal handler included: it is a lock-free atomic) to stop a running `fit`
/// at the next batch boundary, keeping the weights of the last finished step.
public final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func cancel() { flag.store(true, ordering: .relaxed) }
    public func clear() { flag.store(false, ordering: .relaxed) }
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
