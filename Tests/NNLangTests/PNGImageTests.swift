import Foundation
import NNEngine
import Testing

@testable import NNLang

/// PNG files read as matplotlib 3.10's `imread` reads them: the fixtures (scripts/make_png_fixtures.py) cover
/// every colour type and bit depth, all five filters, palettes with tRNS, Adam7 and split IDAT chunks, and
/// `imread.json` holds what real matplotlib returned for each.
@Suite struct PNGImageTests {
    struct Expected: Decodable {
        let shape: [Int]
        let values: [Double]
    }

    static let here = SourceRange(SourceLocation(line: 1, column: 1), SourceLocation(line: 1, column: 2))

    func fixture(_ name: String) throws -> String {
        try #require(Bundle.module.url(forResource: "Fixtures/png/" + name, withExtension: nil)).path
    }

    func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: fixture(name)))) }

    func decodeError(_ bytes: [UInt8]) -> String {
        do {
            _ = try PNGImage.decode(bytes, name: "x.png", range: Self.here)
            return "no error"
        } catch {
            return error.message
        }
    }

    /// A chunk with its length and CRC-32, as a PNG writer makes it.
    func chunk(_ kind: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(kind.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(PNGImage.crc32(body[...]))
    }

    func bigEndian(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }

    @Test func everyFixtureDecodesAsMatplotlibReadsIt() throws {
        let json = try Data(contentsOf: URL(fileURLWithPath: fixture("imread.json")))
        let expected = try JSONDecoder().decode([String: Expected].self, from: json)
        #expect(expected.count == 20)
        for (name, want) in expected.sorted(by: { $0.key < $1.key }) {
            let image = try PNGImage.decode(try bytes(name), name: name, range: Self.here)
            #expect(image.shape == want.shape, "\(name)")
            let differing = zip(image.values, want.values).filter { $0 != Float($1) }.count
            #expect(image.values.count == want.values.count && differing == 0, "\(name): \(differing) values differ")
        }
    }

    @Test func imreadReturnsFloat32ArraysThroughPyplotAndImage() throws {
        let (rgb, grey, palette) = (
            try fixture("rgb8.png"), try fixture("grey16.png"), try fixture("palette8_trns.png")
        )
        let output = CapturedOutput()
        try Interpreter(output: output).run(
            SourceFile(
                name: "program.py",
                text: """
                    import matplotlib.pyplot as plt
                    import matplotlib.image as mpimg
                    x = plt.imread('\(rgb)')
                    print(x.shape, x.dtype, x[0, 0])
                    print(mpimg.imread('\(grey)')[:2])
                    print(plt.imread('\(palette)')[0, :2])
                    plt.imshow(x)
                    plt.imshow(x * 255)
                    """))
        // Recorded from matplotlib 3.10 with NumPy 2.4.
        #expect(
            output.text == """
                (8, 9, 3) float32 [0.2509804  0.45490196 0.9607843 ]
                [[0.21585412 0.8008087  0.21559472 0.58181125 0.7730373 ]
                 [0.13365377 0.03376821 0.00108339 0.42700848 0.41944   ]]
                [[0.6862745  0.3764706  0.14117648 1.        ]
                 [0.9372549  0.85490197 0.70980394 1.        ]]

                """)
    }

    @Test func otherFormatsAndDamagedFilesGetLocatedErrors() throws {
        let good = try bytes("rgb8.png")
        #expect(decodeError([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]).contains("NNLab reads PNG only"))
        var badCRC = good
        badCRC[40] ^= 0x01
        #expect(decodeError(badCRC).contains("CRC-32 does not match"))
        #expect(decodeError(Array(good.prefix(good.count - 40))).contains("broken PNG file"))
        #expect(decodeError(Array(good.prefix(8))).contains("ends before its IEND"))
        let huge = PNGImage.signature + chunk("IHDR", bigEndian(100_000) + bigEndian(100_000) + [8, 2, 0, 0, 0])
        #expect(decodeError(huge + chunk("IEND", [])).contains("too large"))
        let odd = PNGImage.signature + chunk("IHDR", bigEndian(1) + bigEndian(1) + [3, 2, 0, 0, 0])
        #expect(decodeError(odd + chunk("IEND", [])).contains("colour type 2 at bit depth 3"))
        let empty = PNGImage.signature + chunk("IHDR", bigEndian(2) + bigEndian(2) + [8, 0, 0, 0, 0])
        #expect(decodeError(empty + chunk("IEND", [])).contains("not a zlib stream"))
        // An IDAT whose stored block holds the right bytes but whose Adler-32 is wrong.
        let rows: [UInt8] = [0, 1, 2, 0, 3, 4]
        let stored: [UInt8] = [0x78, 0x01, 0x01, 6, 0, 0xF9, 0xFF] + rows
        let right = PNGImage.adler32(rows)
        #expect(decodeError(empty + chunk("IDAT", stored + bigEndian(right)) + chunk("IEND", [])) == "no error")
        #expect(decodeError(empty + chunk("IDAT", stored + bigEndian(right ^ 1)) + chunk("IEND", [])).contains("Adler"))
        #expect(
            decodeError(
                empty + chunk("IDAT", [0x78, 0x01, 0x01, 9, 0, 0xF6, 0xFF] + rows + [5, 6, 7])
                    + chunk("IEND", [])
            ).contains("broken PNG file"))
    }

    /// Every cut and every flipped byte of a real file is an error or an image, never a crash.
    @Test func everyTruncationAndByteFlipIsHandled() throws {
        for name in ["rgb8.png", "adam7_grey2.png", "palette4.png"] {
            let good = try bytes(name)
            for length in 0..<good.count { _ = decodeError(Array(good.prefix(length))) }
            for index in 8..<good.count {
                var flipped = good
                flipped[index] ^= 0x5A
                _ = decodeError(flipped)
            }
        }
    }

    @Test func imreadOfAJPEGSaysPNGOnly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-png-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("photo.jpg").path
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46]).write(to: URL(fileURLWithPath: path))
        do {
            try Interpreter(output: CapturedOutput()).run(
                SourceFile(name: "program.py", text: "import matplotlib.pyplot as plt\nplt.imread('\(path)')"))
            Issue.record("no error")
        } catch {
            #expect(error.diagnostics.first?.message.contains("NNLab reads PNG only") == true)
            #expect(error.diagnostics.first?.range?.start.line == 2)
        }
    }

    @Test func imsaveWritesAPNGThatImreadReadsBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-imsave-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.png").path
        let output = CapturedOutput()
        try Interpreter(output: output).run(
            SourceFile(
                name: "program.py",
                text: """
                    import numpy as np
                    import matplotlib.pyplot as plt
                    x = np.array([[[0.0, 0.5, 1.0], [0.25, 0.999, 0.1]], [[1.0, 0.0, 0.0], [0.3, 0.6, 0.9]]], dtype=np.float32)
                    plt.imsave('\(path)', x)
                    y = plt.imread('\(path)')
                    print(y.shape)
                    print(y)
                    plt.imsave('\(path)', (x * 255).astype(np.uint8), origin='lower')
                    print(plt.imread('\(path)')[0])
                    """))
        // Recorded from matplotlib 3.10.
        #expect(
            output.text == """
                (2, 2, 4)
                [[[0.         0.49803922 1.         1.        ]
                  [0.24705882 0.99607843 0.09803922 1.        ]]

                 [[1.         0.         0.         1.        ]
                  [0.29803923 0.6        0.8980392  1.        ]]]
                [[1.         0.         0.         1.        ]
                 [0.29803923 0.6        0.8980392  1.        ]]

                """)
    }
}
