#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The REPL's history across sessions: `$XDG_STATE_HOME/nnlab/history` (or
/// `~/.local/state/nnlab/history`), one entered cell per entry, appended as each cell is entered
/// so nothing is lost if the process dies. A cell's first line is written as it is and each
/// further line after the continuation prompt `   ...: `, so the file reads like the session:
///
///     def add_one(x):
///        ...:     return x + 1
///        ...:
///     add_one(41)
///
/// Files from before cells were kept (a line per entry) read the same way.
///
/// A history that cannot be used (not writable, a folder, a FIFO, a device) never blocks or stops
/// the REPL: it is skipped, and the first problem is reported once through `warn`.
public final class HistoryFile {
    public let path: String
    /// Cells kept when loading.
    static let limit = 2000
    /// What starts each line of a cell after its first.
    static let continuation = "   ...: "
    /// Only the end of a larger file is read: 2000 cells are usually far less than this.
    static let tailBytes = 1 << 20
    let warn: (String) -> Void
    private var warned = false

    /// - Parameter warn: reports a problem with the file, once per session (nn writes it to standard error).
    public init(path: String, warn: @escaping (String) -> Void) {
        self.path = path
        self.warn = warn
    }

    /// The default location, creating its folder; nil when there is no home to keep it in.
    public static func standard(warn: @escaping (String) -> Void) -> HistoryFile? {
        let state: String
        if let xdg = getenv("XDG_STATE_HOME"), xdg.pointee != 0 {
            state = String(cString: xdg)
        } else if let home = getenv("HOME"), home.pointee != 0 {
            state = String(cString: home) + "/.local/state"
        } else {
            return nil
        }
        let folder = state + "/nnlab"
        var partial = ""
        for component in folder.split(separator: "/") {
            partial += "/" + component
            mkdir(partial, 0o755)
        }
        return HistoryFile(path: folder + "/history", warn: warn)
    }

    /// The last lines of the file; none when it is missing or unusable.
    public func load() -> [String] {
        guard let descriptor = openFile(flags: O_RDONLY) else { return [] }
        defer { close(descriptor) }
        let size = Int(lseek(descriptor, 0, SEEK_END))
        guard size > 0 else { return [] }
        let start = max(0, size - HistoryFile.tailBytes)
        lseek(descriptor, off_t(start), SEEK_SET)
        var bytes = [UInt8](repeating: 0, count: size - start)
        var filled = 0
        while filled < bytes.count {
            let count = bytes[filled...].withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            filled += count
        }
        let lines = bytes[..<filled].split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        let cells = HistoryFile.cells(fromLines: start > 0 ? Array(lines.dropFirst()) : lines)
        return Array(cells.suffix(HistoryFile.limit))
    }

    /// The cells that lines of the file hold: a continuation line joins the cell before it (one
    /// cut off at the start of what was read is dropped), and empty lines between cells are skipped.
    static func cells(fromLines lines: [String]) -> [String] {
        var cells: [String] = []
        var current: [String]?
        for line in lines {
            if let rest = continuationText(line) {
                current?.append(rest)
                continue
            }
            if let cell = current { cells.append(cell.joined(separator: "\n")) }
            current = line.isEmpty ? nil : [line]
        }
        if let cell = current { cells.append(cell.joined(separator: "\n")) }
        return cells
    }

    /// The text of a continuation line (after `...: `, leading spaces before it allowed), or nil.
    static func continuationText(_ line: String) -> String? {
        let trimmed = line.drop { $0 == " " }
        guard trimmed.hasPrefix("...:") else { return nil }
        let rest = trimmed.dropFirst(4)
        if rest.isEmpty { return "" }
        return rest.first == " " ? String(rest.dropFirst()) : nil
    }

    /// A cell as lines of the file.
    static func entry(_ cell: String) -> String {
        let lines = cell.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { $0.allSatisfy { $0 == " " || $0 == "\t" } }
        return lines.enumerated().map { $0.offset == 0 ? String($0.element) : continuation + $0.element }
            .joined(separator: "\n") + "\n"
    }

    public func append(_ cell: String) {
        guard !warned, let descriptor = openFile(flags: O_WRONLY | O_APPEND | O_CREAT) else { return }
        defer { close(descriptor) }
        var bytes = Array(HistoryFile.entry(cell).utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return report(String(cString: strerror(errno))) }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Opens the file without ever waiting (a FIFO would block until someone opened its other end),
    /// and only if it is a regular file.
    private func openFile(flags: Int32) -> Int32? {
        let descriptor = open(path, flags | O_NONBLOCK | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno != ENOENT || flags & O_CREAT != 0 { report(String(cString: strerror(errno))) }
            return nil
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            report("not a regular file")
            return nil
        }
        return descriptor
    }

    private func report(_ reason: String) {
        guard !warned else { return }
        warned = true
        warn("nn: history is not kept in this session: \(path): \(reason)")
    }
}
