#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a program's output goes: standard output, or a buffer in tests.
public protocol OutputSink: AnyObject {
    func write(_ text: String)
}

/// An output that can be silenced for a while: a notebook's `%%capture` cell runs with it off.
public protocol SilenceableOutput: OutputSink {
    var silenced: Bool { get set }
}

/// Writes to the process's standard output, flushing so output interleaves with progress bars.
/// A write that fails (standard output closed, a full disk) is remembered, so the program can say
/// its output was lost and exit non-zero, as Python does; later output is dropped.
public final class StandardOutput: SilenceableOutput {
    public var silenced = false
    /// The C error (`errno`) of the first write that failed, if one did.
    public private(set) var failure: Int32?

    /// - Parameter closed: standard output was closed when the program started (its descriptor now
    ///   points at /dev/null so that no file takes its place): any output is lost.
    public init(closed: Bool = false) {
        self.closed = closed
    }

    private let closed: Bool

    public func write(_ text: String) {
        guard failure == nil, !text.isEmpty, !silenced else { return }
        if closed {
            failure = EBADF
            return
        }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written < 0 && errno == EAGAIN {
                // Someone made the descriptor non-blocking: wait until it takes more.
                var waiting = pollfd(fd: 1, events: Int16(POLLOUT), revents: 0)
                _ = poll(&waiting, 1, -1)
                continue
            }
            if written <= 0 {
                failure = written < 0 ? errno : EIO
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }
}

/// Collects output in memory.
public final class CapturedOutput: SilenceableOutput {
    public private(set) var text = ""
    public var silenced = false
    public init() {}
    public func write(_ text: String) { if !silenced { self.text += text } }
}
