import Foundation

/// Runs the built `nn` executable as a user would, capturing what it prints.
struct NNProcess {
    /// The package's root folder (where Package.swift is).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `nn` beside this test bundle in the build folder.
    static var executable: URL {
        var folder = Bundle(for: Marker.self).bundleURL.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("nn").path) {
            folder = root.appendingPathComponent(".build/debug")
        }
        return folder.appendingPathComponent("nn")
    }

    final class Marker {}

    struct Result {
        var output: String
        var error: String
        var status: Int32
    }

    /// A new empty folder to serve as `$HOME` for one run of `nn` (the caller removes it).
    static func makeHome() throws -> String {
        let home = NSTemporaryDirectory() + "nnlab-home-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        return home
    }

    /// Runs `nn arguments` in `directory` with `input` on standard input and a plain environment
    /// (no terminal, no colour, UTF-8).
    static func run(
        _ arguments: [String], in directory: URL = root, input: String = "",
        environment extra: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        // A home of its own, removed after: the REPL keeps its history under $HOME/.local.
        let home = try makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        var environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": home]
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let outData = stdout.fileHandleForReading.readDataToEndOfFile()
        let errData = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            output: String(decoding: outData, as: UTF8.self), error: String(decoding: errData, as: UTF8.self),
            status: process.terminationStatus)
    }
}
