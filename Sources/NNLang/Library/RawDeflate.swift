import Foundation
import ZIPFoundation

/// Raw deflate streams (RFC 1951) inflated by ZIPFoundation, for gzip files and PNG images.
enum RawDeflate {
    private struct Overrun: Error {}

    /// The bytes `deflated` inflates to and their CRC-32 (0 unless `checksum`), or nil when the stream is
    /// cut, corrupt, never ends or inflates past `limit` bytes. ZIPFoundation tells zlib every chunk is
    /// `size` bytes long, so each one is: zero-padded past the end (a truncated stream then fails as corrupt
    /// data), and a stream that never ends stops.
    static func inflate(_ deflated: Data, reserving capacity: Int, limit: Int = .max, checksum: Bool)
        -> (bytes: [UInt8], crc: UInt32)?
    {
        var output: [UInt8] = []
        output.reserveCapacity(capacity)
        do {
            let crc = try Data.decompress(
                size: Int64(deflated.count), bufferSize: 1 << 16, skipCRC32: !checksum,
                provider: { position, size in
                    let start = Int(position)
                    guard start < deflated.count + size else { throw Overrun() }
                    var chunk =
                        start < deflated.count
                        ? deflated.subdata(in: start..<min(start + size, deflated.count)) : Data()
                    if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
                    return chunk
                },
                consumer: { data in
                    guard output.count + data.count <= limit else { throw Overrun() }
                    output.append(contentsOf: data)
                })
            return (output, crc)
        } catch {
            return nil
        }
    }
}
