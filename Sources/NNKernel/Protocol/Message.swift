import Crypto
import NNRepl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One Jupyter message (protocol 5.3): the routing identities, the four JSON dictionaries and any
/// binary buffers.
public struct KernelMessage: Equatable, Sendable {
    public var identities: [[UInt8]]
    public var header: JSON
    public var parentHeader: JSON
    public var metadata: JSON
    public var content: JSON
    public var buffers: [[UInt8]]

    public static let protocolVersion = "5.3"

    public init(
        identities: [[UInt8]] = [], header: JSON, parentHeader: JSON = [:], metadata: JSON = [:],
        content: JSON, buffers: [[UInt8]] = []
    ) {
        self.identities = identities
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
        self.buffers = buffers
    }

    /// The message's type (`execute_request`, `status`, …).
    public var type: String { header["msg_type"]?.string ?? "" }

    /// A new message of `type` answering or caused by `parent` (its header becomes the parent
    /// header, and its identities route a reply back to the client that asked).
    public static func make(
        _ type: String, content: JSON, parent: KernelMessage?, session: String,
        identities: [[UInt8]]? = nil
    ) -> KernelMessage {
        let header: JSON = [
            "msg_id": .string(newIdentifier()), "session": .string(session), "username": "nnlab",
            "date": .string(timestamp()), "msg_type": .string(type), "version": .string(protocolVersion),
        ]
        return KernelMessage(
            identities: identities ?? parent?.identities ?? [], header: header,
            parentHeader: parent?.header ?? [:], content: content)
    }

    /// A random UUID-like identifier (32 hex digits in the 8-4-4-4-12 layout).
    public static func newIdentifier() -> String {
        var generator = SystemRandomNumberGenerator()
        let hex = (0..<16).map { _ in String(UInt8.random(in: 0...255, using: &generator), radix: 16) }
            .map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }

    /// The time now in ISO 8601 with microseconds, in UTC, as Jupyter writes it.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let micro = String(now.tv_nsec / 1000)
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):"
            + "\(two(parts.tm_min)):\(two(parts.tm_sec)).\(String(repeating: "0", count: 6 - micro.count) + micro)Z"
    }
}

/// Signs messages with HMAC-SHA256 over header, parent header, metadata and content, as the
/// connection file's key asks; an empty key means messages are neither signed nor checked.
public struct MessageSigner: Sendable {
    let key: [UInt8]

    public init(key: String) { self.key = Array(key.utf8) }

    public var signs: Bool { !key.isEmpty }

    /// The signature (lowercase hex) of the four serialized dictionaries; empty without a key.
    public func signature(_ parts: [[UInt8]]) -> String {
        guard signs else { return "" }
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: key))
        for part in parts { hmac.update(data: part) }
        return hex(Array(hmac.finalize()))
    }

    /// Whether `signature` is right for `parts`, compared in time that does not depend on where
    /// they differ (so a forger learns nothing from timing).
    public func verify(_ signature: [UInt8], _ parts: [[UInt8]]) -> Bool {
        guard signs else { return true }
        let expected = Array(self.signature(parts).utf8)
        guard expected.count == signature.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(expected, signature) { difference |= a ^ b }
        return difference == 0
    }

    func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// Why a message from the wire was refused.
public enum WireError: Error, Equatable, CustomStringConvertible {
    case noDelimiter
    case missingFrames(Int)
    case badSignature
    case notJSON(String)

    public var description: String {
        switch self {
        case .noDelimiter: "no <IDS|MSG> delimiter"
        case .missingFrames(let count): "only \(count) frames after the delimiter (5 or more expected)"
        case .badSignature: "the signature does not match the connection key"
        case .notJSON(let part): "the \(part) is not a JSON object"
        }
    }
}

/// The wire framing: identities, `<IDS|MSG>`, signature, header, parent header, metadata, content,
/// then buffers.
public enum Wire {
    public static let delimiter = Array("<IDS|MSG>".utf8)

    public static func encode(_ message: KernelMessage, signer: MessageSigner) -> [[UInt8]] {
        let parts = [message.header, message.parentHeader, message.metadata, message.content].map { $0.encoded() }
        return message.identities + [delimiter, Array(signer.signature(parts).utf8)] + parts + message.buffers
    }

    public static func decode(_ frames: [[UInt8]], signer: MessageSigner) throws(WireError) -> KernelMessage {
        guard let split = frames.firstIndex(of: delimiter) else { throw .noDelimiter }
        let rest = Array(frames[(split + 1)...])
        guard rest.count >= 5 else { throw .missingFrames(rest.count) }
        let parts = Array(rest[1...4])
        guard signer.verify(rest[0], parts) else { throw .badSignature }
        var dictionaries: [JSON] = []
        for (part, name) in zip(parts, ["header", "parent header", "metadata", "content"]) {
            guard let value = JSON.decode(part), value.isObject else { throw .notJSON(name) }
            dictionaries.append(value)
        }
        return KernelMessage(
            identities: Array(frames[..<split]), header: dictionaries[0],
            parentHeader: dictionaries[1], metadata: dictionaries[2], content: dictionaries[3],
            buffers: Array(rest.dropFirst(5)))
    }
}
