import Foundation
import NNEngine

/// gzip files (RFC 1952), as Keras's fashion-mnist downloads are: the header skipped, the deflate
/// stream inflated by ZIPFoundation (RawDeflate), the length and CRC-32 of the trailer checked.
enum GzipFile {
    static func inflate(_ bytes: [UInt8], name: String, range: SourceRange) throws(Diagnostic) -> [UInt8] {
        let damaged = Diagnostic("'\(name)' is not a complete gzip file", at: range)
        guard bytes.count >= 18, bytes[0] == 0x1F, bytes[1] == 0x8B, bytes[2] == 8 else { throw damaged }
        let flags = bytes[3]
        var start = 10
        if flags & 0x04 != 0 {
            guard start + 2 <= bytes.count else { throw damaged }
            start += 2 + Int(bytes[start]) + Int(bytes[start + 1]) << 8
        }
        for flag in [UInt8(0x08), 0x10] where flags & flag != 0 {
            while start < bytes.count, bytes[start] != 0 { start += 1 }
            start += 1
        }
        if flags & 0x02 != 0 { start += 2 }
        guard start <= bytes.count - 8 else { throw damaged }
        let trailer = bytes[(bytes.count - 8)...].map(UInt32.init)
        let expectedCRC = trailer[0] | trailer[1] << 8 | trailer[2] << 16 | trailer[3] << 24
        let expectedSize = trailer[4] | trailer[5] << 8 | trailer[6] << 16 | trailer[7] << 24
        let compressed = Data(bytes[start..<(bytes.count - 8)])
        guard let (output, crc) = RawDeflate.inflate(compressed, reserving: Int(expectedSize), checksum: true)
        else { throw damaged }
        guard crc == expectedCRC, UInt32(truncatingIfNeeded: output.count) == expectedSize else {
            throw Diagnostic("'\(name)' is damaged: its checksum does not match its contents", at: range)
        }
        return output
    }
}
