#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How far the running thread's stack may still grow. The parser bounds each tree and calls are
/// counted, but frames differ in size (debug builds, small thread stacks), so the deepest paths
/// (evaluating, showing values) also check what is left and stop with a RecursionError in time.
struct StackGuard {
    /// Room kept for whatever the deepest frame still calls (formatting, BLAS, the engine).
    static let reserve: UInt = 512 * 1024

    /// The lowest address the stack may reach.
    let floor: UInt

    /// For the current thread.
    init() {
        let here = StackGuard.currentAddress()
        if let low = StackGuard.lowestAddress(), low < here {
            floor = low + min(StackGuard.reserve, (here - low) / 4)
        } else {
            // The bounds are unknown: allow 1 MB below this point, safe on any thread.
            floor = here > 1 << 20 ? here - (1 << 20) : 0
        }
    }

    /// Whether the stack is nearly full here.
    var isExhausted: Bool { StackGuard.currentAddress() < floor }

    @inline(never)
    static func currentAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    /// The low end of the current thread's stack (stacks grow down on every platform NNLab runs on).
    private static func lowestAddress() -> UInt? {
        #if canImport(Glibc)
            // pthread_getattr_np is a GNU extension the Swift Glibc module does not import.
            typealias GetAttributes = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pthread_getattr_np") else { return nil }
            let getAttributes = unsafeBitCast(symbol, to: GetAttributes.self)
            var attributes = pthread_attr_t()
            guard getAttributes(pthread_self(), &attributes) == 0 else { return nil }
            defer { pthread_attr_destroy(&attributes) }
            var address: UnsafeMutableRawPointer?
            var size = 0
            guard pthread_attr_getstack(&attributes, &address, &size) == 0, let address else { return nil }
            return UInt(bitPattern: address)
        #else
            let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
            return top - UInt(pthread_get_stacksize_np(pthread_self()))
        #endif
    }
}

extension Interpreter {
    /// Python's RecursionError, for a stack that is nearly full at `range`.
    static func recursionError(at range: SourceRange) -> Diagnostic {
        Diagnostic(
            "RecursionError: maximum recursion depth exceeded (the program's calls and expressions "
                + "are nested too deeply)", at: range)
    }

    /// Runs `body` with a guard for the current thread's stack (restoring the one before, for nested runs).
    func guardingStack<T>(_ body: () throws(DiagnosticList) -> T) throws(DiagnosticList) -> T {
        let saved = stackGuard
        stackGuard = StackGuard()
        defer { stackGuard = saved }
        return try body()
    }
}
