import Foundation
import NNEngine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Downloads a file of Keras's cache: "Downloading data from …", Keras's progress bar, then the
/// SHA-256 checked, the file moved into place only when it matches. The transfer runs `curl`, so
/// NNLab does not load a networking library (and its 17 dependencies) on every start for a rare
/// download; `file://` origins are copied directly.
enum Downloader {
    static func fetch(
        _ file: KerasCache.File, to target: String, _ interpreter: Interpreter,
        range: SourceRange
    ) throws(Diagnostic) {
        interpreter.write("Downloading data from \(file.origin)\n")
        guard let url = URL(string: file.origin), ["https", "http", "file"].contains(url.scheme ?? "") else {
            throw Diagnostic("cannot download '\(file.origin)': not an http(s) or file address", at: range)
        }
        if !url.isFileURL, KerasCache.environment("NNLAB_OFFLINE") == "1" {
            throw Diagnostic(
                "URL fetch failure on \(file.origin): the network is off (NNLAB_OFFLINE=1)", at: range,
                hint: KerasCache.offlineHint(file, target))
        }
        let partial = target + ".part"
        try? FileManager.default.removeItem(atPath: partial)
        let failure =
            url.isFileURL ? copy(url.path, to: partial, interpreter) : transfer(file, to: partial, interpreter)
        if let failure {
            try? FileManager.default.removeItem(atPath: partial)
            throw Diagnostic(
                failure, at: range,
                hint: failure.hasPrefix("URL fetch failure") ? KerasCache.offlineHint(file, target) : nil)
        }
        if let expected = file.sha256, try KerasCache.hash(of: partial, range: range) != expected {
            try? FileManager.default.removeItem(atPath: partial)
            throw Diagnostic(
                "Incomplete or corrupted file detected. The sha256 file hash does not match the provided value "
                    + "of \(expected). The download was discarded.", at: range)
        }
        try? FileManager.default.removeItem(atPath: target)
        do {
            try FileManager.default.moveItem(atPath: partial, toPath: target)
        } catch {
            throw Diagnostic("cannot move the download into place at '\(target)'", at: range)
        }
    }

    static func size(of path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// `curl` into `partial`, with the progress bar drawn from the file's growth; the error message, or nil.
    static func transfer(_ file: KerasCache.File, to partial: String, _ interpreter: Interpreter) -> String? {
        let total = contentLength(file.origin)
        let bar =
            total > 0
            ? ProgressBar(total: total, verbose: 1, output: interpreter.output, options: interpreter.options) : nil
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "curl", "--fail", "--location", "--silent", "--show-error", "--output", partial, file.origin,
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch {
            return "URL fetch failure on \(file.origin): curl could not be started (\(error))"
        }
        while process.isRunning {
            if interpreter.cancellation.isCancelled {
                process.terminate()
                process.waitUntilExit()
                return "the download of \(file.name) was interrupted"
            }
            usleep(100_000)
            if let bar { bar.update(step: min(size(of: partial), total - 1), logs: Logs(), final: false) }
        }
        guard process.terminationStatus == 0 else {
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let reason = text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(
                of: "curl: ", with: "")
            if process.terminationStatus == 127 {
                return "URL fetch failure on \(file.origin): NNLab downloads with curl, "
                    + "which is not installed"
            }
            return "URL fetch failure on \(file.origin): \(reason.isEmpty ? "curl failed" : reason)"
        }
        bar?.update(step: total, logs: Logs(), final: true)
        return nil
    }

    /// The length the server announces (the last Content-Length after redirects), or 0 when unknown.
    static func contentLength(_ origin: String) -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "--head", "--location", "--silent", "--max-time", "20", origin]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return 0 }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lengths = text.split(whereSeparator: \.isNewline).compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
            return Int(parts[1].trimmingCharacters(in: .whitespaces))
        }
        return lengths.last ?? 0
    }

    /// A `file://` origin, read in chunks like a download (with the bar); the error message, or nil.
    static func copy(_ path: String, to partial: String, _ interpreter: Interpreter) -> String? {
        guard let source = fopen(path, "rb") else {
            return "URL fetch failure on file://\(path): there is no file '\(path)'"
        }
        defer { fclose(source) }
        guard let destination = fopen(partial, "wb") else { return "cannot write '\(partial)'" }
        defer { fclose(destination) }
        let total = size(of: path)
        let bar =
            total > 0
            ? ProgressBar(total: total, verbose: 1, output: interpreter.output, options: interpreter.options) : nil
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var copied = 0
        while true {
            if interpreter.cancellation.isCancelled { return "the copy of \(path) was interrupted" }
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, source) }
            if count == 0 { break }
            guard buffer.withUnsafeBytes({ fwrite($0.baseAddress, 1, count, destination) }) == count else {
                return "cannot write '\(partial)'"
            }
            copied += count
            if let bar, copied < total { bar.update(step: copied, logs: Logs(), final: false) }
        }
        bar?.update(step: total, logs: Logs(), final: true)
        return nil
    }
}
