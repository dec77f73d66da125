import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Keras's file cache, as `keras.utils.get_file` keeps it: `$KERAS_HOME/<cache_subdir>/<fname>`, or
/// `~/.keras/datasets/...` (`/tmp/.keras` when the home folder cannot be written), so a Keras user's
/// downloads are reused. A missing file is downloaded from its origin with a progress bar and kept
/// only if its SHA-256 matches the published one. `NNLAB_OFFLINE=1` never touches the network.
struct KerasCache {
    /// A file of the cache: its name, where Keras downloads it from, and its SHA-256 (nil: not checked).
    struct File {
        var name: String
        var origin: String
        var sha256: String?
        var subdirectory = "datasets"
    }

    /// Where the cache lives: `cache_dir` if given, else KERAS_HOME, else `~/.keras`.
    static func base(_ cacheDir: String? = nil) -> String {
        if let cacheDir { return expandingTilde(cacheDir) }
        if let home = environment("KERAS_HOME") { return expandingTilde(home) }
        let user = environment("HOME") ?? "/tmp"
        return (access(user, W_OK) == 0 ? user : "/tmp") + "/.keras"
    }

    static func environment(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

    static func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        return (environment("HOME") ?? "") + path.dropFirst()
    }

    /// `get_file`: the local path of `file`, downloading it first when it is missing or damaged.
    static func fetch(
        _ file: File, cacheDir: String? = nil, force: Bool = false, _ interpreter: Interpreter,
        range: SourceRange
    ) throws(Diagnostic) -> String {
        guard !file.name.contains("/") else {
            throw Diagnostic(
                "Paths are no longer accepted as the `fname` argument. To specify the file's parent directory, use "
                    + "the `cache_dir` argument. Received: fname=\(file.name)", at: range)
        }
        var root = base(cacheDir)
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        if access(root, W_OK) != 0 { root = "/tmp/.keras" }
        let folder = root + "/" + file.subdirectory
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let target = folder + "/" + file.name
        var download = force || !FileManager.default.fileExists(atPath: target)
        if !download, let expected = file.sha256, try hash(of: target, range: range) != expected {
            interpreter.write(
                "A local file was found, but it seems to be incomplete or outdated because the sha256 file hash "
                    + "does not match the original value of \(expected) so we will re-download the data.\n")
            download = true
        }
        if download { try Downloader.fetch(file, to: target, interpreter, range: range) }
        return target
    }

    /// The SHA-256 of a file.
    static func hash(of path: String, range: SourceRange) throws(Diagnostic) -> String {
        try FileDigest.sha256(ofFile: path, range: range)
    }

    /// The message when a file cannot be fetched: which file to put where, and where to get it.
    static func offlineHint(_ file: File, _ target: String) -> String {
        "NNLab could not download it. Download \(file.origin) yourself (from a machine that is online) and put it at "
            + "\(target); a Keras user's ~/.keras/datasets folder can also be copied as it is"
    }

    /// `get_file(fname, origin, file_hash=..., cache_subdir=..., cache_dir=...)` as Keras 3 takes it.
    static var getFileFunction: Value {
        function(
            "get_file",
            "fname=None, origin=None, untar=False, md5_hash=None, file_hash=None, cache_subdir='datasets', "
                + "hash_algorithm='auto', extract=False, archive_format='auto', cache_dir=None, force_download=False"
        ) {
            a, interpreter throws(Diagnostic) in
            for name in ["untar", "extract"] where try a.bool(name, default: false) {
                throw .unsupported(
                    "get_file(\(name)=True) is not supported: NNLab does not unpack archives", at: a.range(name))
            }
            if a["md5_hash"] != nil {
                throw .unsupported("get_file checks SHA-256 hashes only (file_hash=...)", at: a.range("md5_hash"))
            }
            let algorithm = try a.string("hash_algorithm", default: "auto")
            guard algorithm == "auto" || algorithm == "sha256" else {
                throw .unsupported(
                    "get_file checks SHA-256 hashes only; got hash_algorithm='\(algorithm)'",
                    at: a.range("hash_algorithm"))
            }
            let origin = try a.string("origin")
            var name = a["fname"] == nil ? "" : try a.string("fname")
            if name.isEmpty { name = URL(string: origin)?.lastPathComponent ?? "" }
            guard !name.isEmpty else {
                throw Diagnostic(
                    "Can't parse the file name from the origin provided: '\(origin)'."
                        + "Please specify the `fname` argument.",
                    at: a.range("origin"))
            }
            var hash: String?
            if a["file_hash"] != nil {
                let text = try a.string("file_hash").lowercased()
                guard text.count == 64, text.allSatisfy(\.isHexDigit) else {
                    throw .unsupported(
                        "get_file checks SHA-256 hashes (64 hex digits); got '\(text)'", at: a.range("file_hash"))
                }
                hash = text
            }
            let file = File(
                name: name, origin: origin, sha256: hash,
                subdirectory: try a.string("cache_subdir", default: "datasets"))
            let cacheDir = a["cache_dir"] == nil ? nil : try a.string("cache_dir")
            return .string(
                try fetch(
                    file, cacheDir: cacheDir, force: try a.bool("force_download", default: false), interpreter,
                    range: a.callRange))
        }
    }
}
