import Foundation

/// A fresh folder for one test's files (tests run in parallel, and other checkouts run them too).
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "nnlab-repl-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ text: String, to name: String) throws {
        try text.write(toFile: path + "/" + name, atomically: false, encoding: .utf8)
    }

    func read(_ name: String) -> String? { try? String(contentsOfFile: path + "/" + name, encoding: .utf8) }
}
