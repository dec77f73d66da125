import Foundation
import Testing

@testable import NNLang

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// keras.datasets and keras.utils.get_file on small files in a temporary Keras cache (KERAS_HOME),
/// never the network (NNLAB_OFFLINE=1). Expected lines were printed by NumPy loading the same files
/// as Keras 3's loaders do. Serialized: the tests set process environment variables.
@Suite(.serialized) struct KerasDatasetsTests {
    static let here = SourceRange(SourceLocation(line: 1, column: 1), SourceLocation(line: 1, column: 2))
    static let summary = "(x, y), (xt, yt) = data\nprint(x.shape, x.dtype, y, xt.shape, yt, x.sum(), xt[1, 14, :6])"

    /// A fresh cache folder set as KERAS_HOME, with the network off.
    func makeCache() throws -> String {
        let folder = NSTemporaryDirectory() + "nnlab-keras-\(UUID().uuidString)"
        try FileManager.default.createDirectory(
            atPath: folder + "/datasets/fashion-mnist", withIntermediateDirectories: true)
        setenv("KERAS_HOME", folder, 1)
        setenv("NNLAB_OFFLINE", "1", 1)
        return folder
    }

    func fixture(_ name: String) throws -> String {
        try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil)).path
    }

    func install(_ fixtureName: String, as target: String) throws -> KerasCache.File {
        let source = try fixture(fixtureName)
        try FileManager.default.copyItem(atPath: source, toPath: target)
        let name = (target as NSString).lastPathComponent
        return KerasCache.File(
            name: name, origin: "https://example.invalid/" + name,
            sha256: try KerasCache.hash(of: source, range: KerasDatasetsTests.here))
    }

    /// Runs `code` with `data` bound, returning what it prints.
    func show(_ data: Value, _ code: String, _ interpreter: Interpreter, _ output: CapturedOutput) throws -> String {
        let before = output.text.count
        interpreter.globals["data"] = data
        try interpreter.run(SourceFile(name: "<test>", text: code))
        return String(output.text.dropFirst(before)).trimmingCharacters(in: .newlines)
    }

    @Test func sha256MatchesPythonsHashlib() throws {
        #expect(FileDigest.sha256(of: [UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            FileDigest.sha256(of: Array("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(FileDigest.sha256(of: million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // A file is read in chunks of a megabyte: 2.5 MB takes three.
        let path = NSTemporaryDirectory() + "nnlab-digest-\(UUID().uuidString)"
        try Data(repeating: UInt8(ascii: "a"), count: 2_500_000).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(
            try FileDigest.sha256(ofFile: path, range: KerasDatasetsTests.here)
                == "38a637965059125eeb67f54c30e7f48a61859a467a800ba09740ba48a924f2b9")
    }

    @Test func mnistReadsTheCachedNPZ() throws {
        let cache = try makeCache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let file = try install("mnist_small.npz", as: cache + "/datasets/mnist.npz")
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        let data = try KerasDatasets.mnist(file, interpreter, range: KerasDatasetsTests.here)
        #expect(
            try show(data, KerasDatasetsTests.summary, interpreter, output)
                == "(3, 28, 28) uint8 [5 0 4] (2, 28, 28) [7 2] 295360 [185 187  40 137   3  58]")
    }

    @Test func fashionMNISTInflatesTheFourIDXFiles() throws {
        let cache = try makeCache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        var files: [KerasCache.File] = []
        for name in KerasDatasets.fashionFiles.map(\.name) {
            var file = try install("fashion_small/" + name, as: cache + "/datasets/fashion-mnist/" + name)
            file.subdirectory = "datasets/fashion-mnist"
            files.append(file)
        }
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        let data = try KerasDatasets.fashionMNIST(files, interpreter, range: KerasDatasetsTests.here)
        #expect(
            try show(data, KerasDatasetsTests.summary, interpreter, output)
                == "(3, 28, 28) uint8 [9 0 0] (2, 28, 28) [9 2] 292497 [161 168  62 162 246  74]")
    }

    @Test func bostonHousingSplitsEightyTwenty() throws {
        let cache = try makeCache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let file = try install("boston_small.npz", as: cache + "/datasets/boston_housing.npz")
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        let data = try KerasDatasets.bostonHousing(
            file, split: 0.2, seed: 113, interpreter, range: KerasDatasetsTests.here)
        let code = "(x, y), (xt, yt) = data\nprint(x.shape, y.shape, xt.shape, yt.shape, y.sum() + yt.sum())"
        #expect(try show(data, code, interpreter, output) == "(8, 13) (8,) (2, 13) (2,) 167.5")
    }

    @Test func bostonHousingShufflesAsKerasDoes() throws {
        let cache = try makeCache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let file = try install("boston_small.npz", as: cache + "/datasets/boston_housing.npz")
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        let data = try KerasDatasets.bostonHousing(
            file, split: 0.2, seed: 113, interpreter, range: KerasDatasetsTests.here)
        #expect(
            try show(data, "(x, y), (xt, yt) = data\nprint(y, yt)", interpreter, output)
                == "[23.5 14.5 19.  11.5 10.  20.5 16.  22. ] [13.  17.5]")
    }

    @Test func aMissingFileOfflineSaysWhatToPutWhere() throws {
        let cache = try makeCache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        var failure: DiagnosticList?
        do {
            try interpreter.run(
                SourceFile(
                    name: "<test>", text: "from tensorflow.keras.datasets import mnist\n(x, y), _ = mnist.load_data()"))
        } catch { failure = error }
        let diagnostic = try #require(failure?.diagnostics.first)
        #expect(
            output.text
                == "Downloading data from https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz\n")
        #expect(diagnostic.range?.start.line == 2)
        #expect(diagnostic.hint?.contains("put it at \(cache)/datasets/mnist.npz") == true)
    }

    @Test func aCachedFileWithTheWrongHashIsNotUsed() throws {
        let cache = try makeCache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        _ = try install("mnist_small.npz", as: cache + "/datasets/mnist.npz")
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        #expect(throws: DiagnosticList.self) {
            try interpreter.run(SourceFile(name: "<test>", text: "import keras\nkeras.datasets.mnist.load_data()"))
        }
        #expect(
            output.text.hasPrefix(
                "A local file was found, but it seems to be incomplete or outdated because the sha256 file "
                    + "hash does not match the original value of 731c5ac6"))
    }

    @Test func getFileKeepsOnlyADownloadWhoseHashMatches() throws {
        let cache = try makeCache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let source = try fixture("boston_small.npz")
        let good = try KerasCache.hash(of: source, range: KerasDatasetsTests.here)
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        let program = """
            import keras
            path = keras.utils.get_file('b.npz', origin='file://\(source)', file_hash='\(good)')
            print(path)
            keras.utils.get_file('c.npz', origin='file://\(source)', file_hash='\(String(repeating: "0", count: 64))')
            """
        var failure: DiagnosticList?
        do { try interpreter.run(SourceFile(name: "<test>", text: program)) } catch { failure = error }
        #expect(output.text.contains("\(cache)/datasets/b.npz\n"))
        #expect(output.text.contains("1610/1610 ━━━━━━━━━━━━━━━━━━━━\n"))
        let diagnostic = try #require(failure?.diagnostics.first)
        #expect(diagnostic.message.hasPrefix("Incomplete or corrupted file detected."))
        #expect(diagnostic.range?.start.line == 4)
        #expect(FileManager.default.fileExists(atPath: cache + "/datasets/b.npz"))
        #expect(!FileManager.default.fileExists(atPath: cache + "/datasets/c.npz"))
        #expect(!FileManager.default.fileExists(atPath: cache + "/datasets/c.npz.part"))
    }

    @Test func damagedArchivesAreErrorsNotCrashes() throws {
        let gz = try FileBytes.read(
            try fixture("fashion_small/train-images-idx3-ubyte.gz"), range: KerasDatasetsTests.here)
        #expect(try GzipFile.inflate(gz, name: "ok.gz", range: KerasDatasetsTests.here).count == 16 + 3 * 28 * 28)
        for cut in [0, 5, 20, gz.count / 2, gz.count - 9, gz.count - 1] {
            #expect(throws: Diagnostic.self) {
                try GzipFile.inflate(Array(gz[..<cut]), name: "cut.gz", range: KerasDatasetsTests.here)
            }
        }
        var flipped = gz
        flipped[gz.count / 2] ^= 0xFF
        #expect(throws: Diagnostic.self) {
            try GzipFile.inflate(flipped, name: "flipped.gz", range: KerasDatasetsTests.here)
        }
        let folder = try makeCache()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let npz = try FileBytes.read(try fixture("mnist_small.npz"), range: KerasDatasetsTests.here)
        try FileBytes.write(Array(npz[..<(npz.count / 2)]), to: folder + "/half.npz", range: KerasDatasetsTests.here)
        #expect(throws: Diagnostic.self) { try NPZFile.read(folder + "/half.npz", range: KerasDatasetsTests.here) }
        #expect(throws: Diagnostic.self) { try NPZFile.read(folder + "/missing.npz", range: KerasDatasetsTests.here) }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")))
    func anHTTPDownloadIsVerifiedBeforeItIsKept() throws {
        let cache = try makeCache()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        unsetenv("NNLAB_OFFLINE")
        defer { setenv("NNLAB_OFFLINE", "1", 1) }
        let body = try FileBytes.read(try fixture("boston_small.npz"), range: KerasDatasetsTests.here)
        let good = FileDigest.sha256(of: body)
        let server = try #require(LoopbackServer(path: "/boston.npz", body: body, requests: 4))
        let origin = "http://127.0.0.1:\(server.port)/boston.npz"
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        let program = """
            import keras
            print(keras.utils.get_file('b.npz', origin='\(origin)', file_hash='\(good)'))
            keras.utils.get_file('c.npz', origin='\(origin)', file_hash='\(String(repeating: "f", count: 64))')
            """
        var failure: DiagnosticList?
        do { try interpreter.run(SourceFile(name: "<test>", text: program)) } catch { failure = error }
        #expect(
            output.text.hasPrefix(
                "Downloading data from \(origin)\n1610/1610 ━━━━━━━━━━━━━━━━━━━━\n\(cache)/datasets/b.npz\n"))
        #expect(try KerasCache.hash(of: cache + "/datasets/b.npz", range: KerasDatasetsTests.here) == good)
        let diagnostic = try #require(failure?.diagnostics.first)
        #expect(diagnostic.message.hasPrefix("Incomplete or corrupted file detected."))
        #expect(!FileManager.default.fileExists(atPath: cache + "/datasets/c.npz"))
    }
}
