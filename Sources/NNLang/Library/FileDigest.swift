import Crypto
import NNEngine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SHA-256 digests (swift-crypto), to check downloaded data sets against the hashes Keras publishes,
/// as `keras.utils.get_file(file_hash=...)` does.
enum FileDigest {
    /// The SHA-256 of `bytes` as lowercase hex.
    static func sha256(of bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    /// The SHA-256 of the file at `path`, read in chunks of a megabyte.
    static func sha256(ofFile path: String, range: SourceRange) throws(Diagnostic) -> String {
        guard let handle = fopen(path, "rb") else { throw Diagnostic("cannot read '\(path)'", at: range) }
        defer { fclose(handle) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
            if count == 0 { break }
            hasher.update(data: buffer[..<count])
        }
        return hex(hasher.finalize())
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef")
        return String(digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }
}
