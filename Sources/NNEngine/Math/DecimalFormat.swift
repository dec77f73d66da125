#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// C's printf for one number (`%.4f`, `%.3e`), which Python's format specs and the teacher's
/// numbers are defined by.
public func cFormat(_ format: String, _ value: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 512)
    let count = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
    guard count >= 0 else { return String(value) }
    if Int(count) >= buffer.count {
        buffer = [CChar](repeating: 0, count: Int(count) + 1)
        _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
    }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
