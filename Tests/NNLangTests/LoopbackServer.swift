import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A tiny HTTP/1.0 server on 127.0.0.1 for download tests: it answers `requests` requests (GET or
/// HEAD) with `body`, or 404 for other paths, then stops. Never reaches beyond the loopback interface.
final class LoopbackServer: @unchecked Sendable {
    let port: UInt16

    init?(path: String, body: [UInt8], requests: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard bound == 0, named == 0, listen(fd, 4) == 0 else {
            close(fd)
            return nil
        }
        port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread {
            for _ in 0..<requests {
                let client = accept(fd, nil, nil)
                guard client >= 0 else { break }
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = read(client, &buffer, buffer.count)
                let request = String(decoding: buffer[..<max(count, 0)], as: UTF8.self)
                let found = request.hasPrefix("GET \(path) ") || request.hasPrefix("HEAD \(path) ")
                let header =
                    found
                    ? "HTTP/1.0 200 OK\r\nContent-Length: \(body.count)\r\n\r\n"
                    : "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                var reply = Array(header.utf8)
                if found, request.hasPrefix("GET") { reply += body }
                var sent = 0
                while sent < reply.count {
                    let n = reply[sent...].withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
                    if n <= 0 { break }
                    sent += n
                }
                close(client)
            }
            close(fd)
        }
    }
}
