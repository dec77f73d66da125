import NNEngine
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ctrl-C in the REPL. The handler is installed without SA_RESTART, so a read at the prompt is
/// interrupted (and the line cleared) and a running `fit` is told to stop at its next batch.
public enum Interrupts {
    private static let pending = Atomic<Bool>(false)
    nonisolated(unsafe) private static var cancellation: CancellationFlag?

    public static func install(cancelling flag: CancellationFlag) {
        cancellation = flag
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            Interrupts.pending.store(true, ordering: .relaxed)
            Interrupts.cancellation?.cancel()
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        // A parent may have started us with SIGINT blocked; a REPL must hear Ctrl-C.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        sigaddset(&unblocked, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
    }

    static func clear() { pending.store(false, ordering: .relaxed) }

    /// Whether Ctrl-C was pressed since the last check (without forgetting it).
    static var isPending: Bool { pending.load(ordering: .relaxed) }

    /// Whether Ctrl-C was pressed since the last check (and forgets it).
    static func takePending() -> Bool { pending.exchange(false, ordering: .relaxed) }
}
