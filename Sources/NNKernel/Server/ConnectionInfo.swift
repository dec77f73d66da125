import Foundation
import NNRepl

/// A Jupyter connection file: where the kernel listens (transport, address, five ports) and the key
/// that signs messages.
public struct ConnectionInfo: Equatable, Sendable {
    public var transport: String
    public var ip: String
    public var shellPort: Int
    public var iopubPort: Int
    public var stdinPort: Int
    public var controlPort: Int
    public var heartbeatPort: Int
    public var key: String
    public var signatureScheme: String

    /// Reads a connection file; a clear message when it cannot be read or lacks a field.
    public static func read(_ path: String) throws(ConnectionError) -> ConnectionInfo {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConnectionError("cannot read the connection file '\(path)'")
        }
        return try parse(Array(data), name: path)
    }

    public static func parse(_ bytes: [UInt8], name: String = "connection file") throws(ConnectionError)
        -> ConnectionInfo
    {
        guard let json = JSON.decode(bytes), json.isObject else {
            throw ConnectionError("\(name) is not a JSON object")
        }
        func port(_ key: String) throws(ConnectionError) -> Int {
            guard let value = json[key]?.int, (0...65535).contains(value) else {
                throw ConnectionError("\(name) has no valid '\(key)'")
            }
            return value
        }
        let info = ConnectionInfo(
            transport: json["transport"]?.string ?? "tcp", ip: json["ip"]?.string ?? "127.0.0.1",
            shellPort: try port("shell_port"), iopubPort: try port("iopub_port"), stdinPort: try port("stdin_port"),
            controlPort: try port("control_port"), heartbeatPort: try port("hb_port"),
            key: json["key"]?.string ?? "", signatureScheme: json["signature_scheme"]?.string ?? "hmac-sha256")
        guard info.transport == "tcp" || info.transport == "ipc" else {
            throw ConnectionError("\(name): transport '\(info.transport)' is not tcp or ipc")
        }
        guard info.signatureScheme == "hmac-sha256" || info.key.isEmpty else {
            throw ConnectionError("\(name): signature scheme '\(info.signatureScheme)' is not hmac-sha256")
        }
        return info
    }

    /// The ZeroMQ endpoint of a port (`tcp://127.0.0.1:5555`, or `ipc://kernel-ipc-5` as Jupyter names them).
    public func endpoint(_ port: Int) -> String {
        transport == "ipc" ? "ipc://\(ip)-\(port)" : "tcp://\(ip):\(port)"
    }
}

/// A connection file that cannot be used.
public struct ConnectionError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
