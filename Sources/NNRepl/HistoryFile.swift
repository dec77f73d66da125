#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The REPL's history across sessions: `$XDG_STATE_HOME/nnlab/history` (or
/// `~/.local/state/nnlab/history`), one entered line per line, appended as each line is entered
/// so nothing is lost if the process dies.
public struct HistoryFile: Sendable {
    public let path: String
    /// Lines kept when loading.
    static let limit = 2000

    public init(path: String) { self.path = path }

    /// The default location, creating its folder; nil when there is no home to keep it in.
    public static func standard() -> HistoryFile? {
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
        return HistoryFile(path: folder + "/history")
    }

    public func load() -> [String] {
        guard let file = fopen(path, "r") else { return [] }
        defer { fclose(file) }
        var lines: [String] = []
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        while getline(&line, &capacity, file) > 0, let line {
            var text = String(cString: line)
            if text.hasSuffix("\n") { text.removeLast() }
            if !text.isEmpty { lines.append(text) }
        }
        free(line)
        return Array(lines.suffix(HistoryFile.limit))
    }

    public func append(_ line: String) {
        guard let file = fopen(path, "a") else { return }
        fputs(line.replacingNewlines() + "\n", file)
        fclose(file)
    }
}

extension String {
    func replacingNewlines() -> String { split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ") }
}
