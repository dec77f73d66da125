import Foundation
import NNEngine

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Downloads a file of Keras's cache: "Downloading data from …", Keras's progress bar, the SHA-256
/// computed as the bytes arrive, and the file moved into place only when it matches.
final class Downloader: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let file: KerasCache.File
    private let partial: String
    private let handle: FileHandle
    private var digest = SHA256()
    private var received = 0
    private var bar: ProgressBar?
    private var failure: String?
    private let finished = DispatchSemaphore(value: 0)
    private let interpreter: Interpreter

    private init(_ file: KerasCache.File, partial: String, handle: FileHandle, _ interpreter: Interpreter) {
        self.file = file
        self.partial = partial
        self.handle = handle
        self.interpreter = interpreter
    }

    static func fetch(
        _ file: KerasCache.File, to target: String, _ interpreter: Interpreter, range: SourceRange
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
        guard FileManager.default.createFile(atPath: partial, contents: nil),
            let handle = FileHandle(forWritingAtPath: partial)
        else {
            throw Diagnostic("cannot write '\(partial)'", at: range)
        }
        let downloader = Downloader(file, partial: partial, handle: handle, interpreter)
        if let message = downloader.run(url) {
            try? FileManager.default.removeItem(atPath: partial)
            throw Diagnostic(
                message, at: range,
                hint: message.hasPrefix("URL fetch failure") ? KerasCache.offlineHint(file, target) : nil)
        }
        try? FileManager.default.removeItem(atPath: target)
        do {
            try FileManager.default.moveItem(atPath: partial, toPath: target)
        } catch {
            throw Diagnostic("cannot move the download into place at '\(target)'", at: range)
        }
    }

    /// Runs the download to its end; the error message, or nil when the file arrived whole and verified.
    private func run(_ url: URL) -> String? {
        if url.isFileURL {
            copy(url.path)
        } else {
            let session = URLSession(configuration: .ephemeral, delegate: self, delegateQueue: nil)
            session.dataTask(with: url).resume()
            finished.wait()
            session.finishTasksAndInvalidate()
        }
        try? handle.close()
        if let failure { return failure }
        let hex = digest.hexDigest()
        if let expected = file.sha256, hex != expected {
            return
                "Incomplete or corrupted file detected. The sha256 file hash does not match the provided value "
                + "of \(expected)."
                + " The download was discarded."
        }
        return nil
    }

    /// A `file://` origin (URLSession on Linux has no file scheme): read in chunks like a download.
    private func copy(_ path: String) {
        guard let source = FileHandle(forReadingAtPath: path) else {
            failure = "URL fetch failure on \(file.origin): there is no file '\(path)'"
            return
        }
        defer { try? source.close() }
        let total = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if total > 0 {
            bar = ProgressBar(total: total, verbose: 1, output: interpreter.output, options: interpreter.options)
        }
        while failure == nil, let data = try? source.read(upToCount: 1 << 20), !data.isEmpty { receive(data) }
        if failure == nil, let bar { bar.update(step: bar.total, logs: Logs(), final: true) }
    }

    private func receive(_ data: Data) {
        if interpreter.cancellation.isCancelled {
            failure = "the download of \(file.name) was interrupted"
            return
        }
        handle.write(data)
        digest.update(data)
        received += data.count
        if let bar, received < bar.total { bar.update(step: received, logs: Logs(), final: false) }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
            failure =
                "URL fetch failure on \(file.origin): \(http.statusCode) -- "
                + HTTPURLResponse.localizedString(forStatusCode: http.statusCode)
            completionHandler(.cancel)
            return
        }
        let total = response.expectedContentLength > 0 ? Int(response.expectedContentLength) : 0
        if total > 0 {
            bar = ProgressBar(total: total, verbose: 1, output: interpreter.output, options: interpreter.options)
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        receive(data)
        if failure != nil { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if let error, failure == nil { failure = "URL fetch failure on \(file.origin): \(error.localizedDescription)" }
        if failure == nil, let bar { bar.update(step: bar.total, logs: Logs(), final: true) }
        finished.signal()
    }
}
