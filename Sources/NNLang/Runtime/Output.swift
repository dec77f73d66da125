#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a program's output goes: standard output, or a buffer in tests.
public protocol OutputSink: AnyObject {
    func write(_ text: String)
}

/// Writes to the process's standard output, flushing so output interleaves with progress bars.
public final class StandardOutput: OutputSink {
    public init() {}
    public func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            bytes = bytes.dropFirst(written)
        }
    }
}

/// Collects output in memory.
public final class CapturedOutput: OutputSink {
    public private(set) var text = ""
    public init() {}
    public func write(_ text: String) { self.text += text }
}
