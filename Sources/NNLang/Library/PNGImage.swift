import Foundation
import NNEngine

/// PNG files (ISO/IEC 15948) decoded into the float32 values matplotlib's `imread` returns: every chunk's
/// CRC-32 checked, the zlib stream inflated by ZIPFoundation and its Adler-32 checked, the five scanline
/// filters undone, Adam7 interlacing put back together, and the samples scaled as Pillow and matplotlib do.
enum PNGImage {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The image header: what IHDR declares.
    struct Header {
        var width: Int
        var height: Int
        var depth: Int
        var colour: Int
        var interlaced: Bool
        /// Samples per pixel in the file: grey 1, RGB 3, palette index 1, grey+alpha 2, RGBA 4.
        var samples: Int { [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][colour] ?? 1 }
        /// Bytes from one pixel to the same byte of the one before it, as the filters count them.
        var filterStride: Int { max(1, samples * depth / 8) }
        func rowBytes(_ columns: Int) -> Int { (columns * samples * depth + 7) / 8 }
    }

    /// The (x0, y0, dx, dy) of Adam7's seven passes.
    static let adam7 = [
        (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2),
    ]

    /// The decoded image: shape (H, W), (H, W, 3) or (H, W, 4) and its values row by row.
    static func decode(_ bytes: [UInt8], name: String, range: SourceRange?) throws(Diagnostic) -> (
        shape: [Int], values: [Float]
    ) {
        guard bytes.starts(with: signature) else {
            throw Diagnostic(
                "'\(name)' is not a PNG file: NNLab reads PNG only", at: range,
                hint: "convert the image to PNG, or read it with another tool and save it with np.save")
        }
        func damaged(_ why: String) -> Diagnostic {
            Diagnostic("SyntaxError: broken PNG file '\(name)': \(why)", at: range)
        }
        var header: Header?
        var palette: [UInt8] = []
        var transparency: [UInt8]?
        var compressed: [UInt8] = []
        var position = 8
        var ended = false
        while !ended {
            guard position + 12 <= bytes.count else { throw damaged("the file ends before its IEND chunk") }
            let length = Int(bigEndian32(bytes, position))
            let kind = String(decoding: bytes[(position + 4)..<(position + 8)], as: UTF8.self)
            guard length <= bytes.count - position - 12 else { throw damaged("the \(kind) chunk is cut short") }
            let data = Array(bytes[(position + 8)..<(position + 8 + length)])
            guard crc32(bytes[(position + 4)..<(position + 8 + length)]) == bigEndian32(bytes, position + 8 + length)
            else { throw damaged("the \(kind) chunk's CRC-32 does not match its contents") }
            position += 12 + length
            if kind != "IHDR", header == nil { throw damaged("the first chunk is \(kind), not IHDR") }
            switch kind {
            case "IHDR": header = try readHeader(data, damaged)
            case "PLTE":
                guard length % 3 == 0, length <= 768, length > 0 else { throw damaged("its PLTE chunk is malformed") }
                palette = data
            case "tRNS": transparency = data
            case "IDAT": compressed += data
            case "IEND": ended = true
            default: break
            }
        }
        guard let header else { throw damaged("it has no IHDR chunk") }
        if header.colour == 3, palette.isEmpty { throw damaged("a palette image without a PLTE chunk") }
        // The declared size is checked against NNLab's limits before anything that size is made.
        try ArrayConversion.checkSize(shape(header), range: range)
        var raw = 0
        for (x0, y0, dx, dy) in passes(header) {
            let (columns, rows) = passSize(header, x0, y0, dx, dy)
            if columns > 0, rows > 0 { raw += rows * (1 + header.rowBytes(columns)) }
        }
        try MemoryCheck.reserve(raw, of: 1, range: range)
        let inflated = try inflate(compressed, expected: raw, damaged)
        return try pixels(header, inflated, palette: palette, transparency: transparency, damaged)
    }

    static func readHeader(_ data: [UInt8], _ damaged: (String) -> Diagnostic) throws(Diagnostic) -> Header {
        guard data.count == 13 else { throw damaged("its IHDR chunk is malformed") }
        let header = Header(
            width: Int(bigEndian32(data, 0)), height: Int(bigEndian32(data, 4)), depth: Int(data[8]),
            colour: Int(data[9]), interlaced: data[12] == 1)
        guard header.width > 0, header.height > 0, header.width < 1 << 31, header.height < 1 << 31 else {
            throw damaged("it declares a \(header.width)x\(header.height) image")
        }
        let depths: [Int: [Int]] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
        guard depths[header.colour]?.contains(header.depth) == true else {
            throw damaged("colour type \(header.colour) at bit depth \(header.depth) is not a PNG format")
        }
        guard data[10] == 0, data[11] == 0, data[12] <= 1 else {
            throw damaged("unknown compression, filter or interlace method")
        }
        return header
    }

    /// Grey stays (H, W); palette and grey+alpha become RGBA as Pillow converts them; RGB stays RGB.
    static func shape(_ header: Header) -> [Int] {
        let channels = [0: 1, 2: 3, 3: 4, 4: 4, 6: 4][header.colour] ?? 1
        return channels == 1 ? [header.height, header.width] : [header.height, header.width, channels]
    }

    static func passes(_ header: Header) -> [(Int, Int, Int, Int)] {
        header.interlaced ? adam7 : [(0, 0, 1, 1)]
    }

    static func passSize(_ header: Header, _ x0: Int, _ y0: Int, _ dx: Int, _ dy: Int) -> (Int, Int) {
        ((header.width - x0 + dx - 1) / dx, (header.height - y0 + dy - 1) / dy)
    }

    /// The zlib stream (RFC 1950) inflated: its header checked, at most `expected` bytes kept, Adler-32 checked.
    static func inflate(_ stream: [UInt8], expected: Int, _ damaged: (String) -> Diagnostic) throws(Diagnostic)
        -> [UInt8]
    {
        guard stream.count >= 6, stream[0] & 0x0F == 8, stream[0] >> 4 <= 7, stream[1] & 0x20 == 0,
            (Int(stream[0]) << 8 | Int(stream[1])) % 31 == 0
        else { throw damaged("its image data is not a zlib stream") }
        let deflated = Data(stream[2..<(stream.count - 4)])
        guard let (output, _) = RawDeflate.inflate(deflated, reserving: expected, limit: expected, checksum: false)
        else { throw damaged("its image data is truncated or corrupt") }
        guard output.count == expected else { throw damaged("its image data is shorter than the declared size") }
        guard adler32(output) == bigEndian32(stream, stream.count - 4) else {
            throw damaged("the Adler-32 checksum of its image data does not match")
        }
        return output
    }

    /// The float32 values: filters undone pass by pass, samples scaled as matplotlib's `imread` scales them.
    static func pixels(
        _ header: Header, _ raw: [UInt8], palette: [UInt8], transparency: [UInt8]?,
        _ damaged: (String) -> Diagnostic
    ) throws(Diagnostic) -> (shape: [Int], values: [Float]) {
        let shape = shape(header)
        let channels = shape.count == 2 ? 1 : shape[2]
        var values = [Float](repeating: 0, count: header.height * header.width * channels)
        let colours = palette.count / 3
        var offset = 0
        for (x0, y0, dx, dy) in passes(header) {
            let (columns, rows) = passSize(header, x0, y0, dx, dy)
            guard columns > 0, rows > 0 else { continue }
            let width = header.rowBytes(columns)
            var previous = [UInt8](repeating: 0, count: width)
            for row in 0..<rows {
                let filter = raw[offset]
                var line = Array(raw[(offset + 1)..<(offset + 1 + width)])
                offset += 1 + width
                try unfilter(&line, previous: previous, filter: filter, stride: header.filterStride, damaged)
                previous = line
                for column in 0..<columns {
                    let base = ((y0 + row * dy) * header.width + x0 + column * dx) * channels
                    let s = samples(line, column, header)
                    switch header.colour {
                    case 0:
                        // Pillow widens 2- and 4-bit grey to 0...255 before matplotlib divides by 3 or 15.
                        values[base] =
                            switch header.depth {
                            case 1: Float(s[0])
                            case 2: Float(s[0] * 85) / 3
                            case 4: Float(s[0] * 17) / 15
                            case 8: Float(s[0]) / 255
                            default: Float(s[0]) / 65535
                            }
                    case 3:
                        let index = s[0]
                        for c in 0..<3 { values[base + c] = index < colours ? Float(palette[index * 3 + c]) / 255 : 0 }
                        let alpha = transparency.flatMap { index < $0.count ? $0[index] : nil } ?? 255
                        values[base + 3] = Float(alpha) / 255
                    case 4:
                        let grey = Float(byte(s[0], header)) / 255
                        for c in 0..<3 { values[base + c] = grey }
                        values[base + 3] = Float(byte(s[1], header)) / 255
                    default:
                        // Pillow keeps the high byte of 16-bit RGB(A) samples.
                        for c in 0..<channels { values[base + c] = Float(byte(s[c], header)) / 255 }
                    }
                }
            }
        }
        return (shape, values)
    }

    /// An 8-bit sample, or the high byte of a 16-bit one.
    static func byte(_ sample: Int, _ header: Header) -> Int { header.depth == 16 ? sample >> 8 : sample }

    /// The samples of pixel `column` of an unfiltered scanline.
    static func samples(_ line: [UInt8], _ column: Int, _ header: Header) -> [Int] {
        let count = header.samples
        switch header.depth {
        case 8: return (0..<count).map { Int(line[column * count + $0]) }
        case 16:
            return (0..<count).map {
                Int(line[(column * count + $0) * 2]) << 8 | Int(line[(column * count + $0) * 2 + 1])
            }
        default:
            // 1, 2 and 4 bits: one sample per pixel, packed from the high bits of each byte.
            let bit = column * header.depth
            let shift = 8 - header.depth - bit % 8
            return [Int(line[bit / 8] >> UInt8(shift)) & ((1 << header.depth) - 1)]
        }
    }

    /// Undoes one scanline's filter (None, Sub, Up, Average, Paeth) in place.
    static func unfilter(
        _ line: inout [UInt8], previous: [UInt8], filter: UInt8, stride: Int, _ damaged: (String) -> Diagnostic
    ) throws(Diagnostic) {
        switch filter {
        case 0: return
        case 1: for i in stride..<max(stride, line.count) { line[i] &+= line[i - stride] }
        case 2: for i in 0..<line.count { line[i] &+= previous[i] }
        case 3:
            for i in 0..<line.count {
                let left = i >= stride ? Int(line[i - stride]) : 0
                line[i] &+= UInt8((left + Int(previous[i])) / 2)
            }
        case 4:
            for i in 0..<line.count {
                let a = i >= stride ? Int(line[i - stride]) : 0
                let b = Int(previous[i])
                let c = i >= stride ? Int(previous[i - stride]) : 0
                let p = a + b - c
                let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                line[i] &+= UInt8(pa <= pb && pa <= pc ? a : (pb <= pc ? b : c))
            }
        default: throw damaged("a scanline has unknown filter type \(filter)")
        }
    }

    static func bigEndian32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
    }

    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes { c = crcTable[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var (a, b): (UInt32, UInt32) = (1, 0)
        var index = 0
        while index < bytes.count {
            // 5552 bytes is the most that can be summed before the 32-bit sums might overflow.
            for byte in bytes[index..<min(index + 5552, bytes.count)] {
                a += UInt32(byte)
                b += a
            }
            (a, b) = (a % 65521, b % 65521)
            index += 5552
        }
        return b << 16 | a
    }
}

extension PNGImage {
    /// An 8-bit RGBA PNG file of `rows` × `columns` pixels (four bytes each, row by row), as `imsave` writes.
    static func encode(rgba: [UInt8], rows: Int, columns: Int, range: SourceRange?) throws(Diagnostic) -> [UInt8] {
        var raw: [UInt8] = []
        raw.reserveCapacity(rows * (1 + columns * 4))
        for row in 0..<rows {
            raw.append(0)
            raw += rgba[(row * columns * 4)..<((row + 1) * columns * 4)]
        }
        let input = Data(raw)
        var deflated: [UInt8] = []
        do {
            _ = try Data.compress(
                size: Int64(input.count), bufferSize: 1 << 16,
                provider: { position, size in input.subdata(in: Int(position)..<(Int(position) + size)) },
                consumer: { deflated.append(contentsOf: $0) })
        } catch {
            throw Diagnostic("the image could not be compressed", at: range)
        }
        func bigEndian(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }
        func chunk(_ kind: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(kind.utf8) + data
            return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body[...]))
        }
        let header = bigEndian(UInt32(columns)) + bigEndian(UInt32(rows)) + [8, 6, 0, 0, 0]
        let stream = [0x78, 0x9C] + deflated + bigEndian(adler32(raw))
        return signature + chunk("IHDR", header) + chunk("IDAT", stream) + chunk("IEND", [])
    }
}
