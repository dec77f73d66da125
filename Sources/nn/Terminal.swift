#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NNEngine

/// What the terminal can show, from isatty, NO_COLOR and the locale.
struct Terminal {
    let outputIsTerminal: Bool
    let color: Bool
    let errorColor: Bool
    let unicode: Bool
    /// The teacher's symbols (σ, ᵀ, ⊙) need a UTF-8 terminal that has not asked for plain output.
    let teachingUnicode: Bool

    init(noColor: Bool, ascii: Bool) {
        outputIsTerminal = isatty(1) == 1
        let term = getenv("TERM").map { String(cString: $0) }
        let colorAllowed = !noColor && getenv("NO_COLOR") == nil && term != "dumb"
        color = colorAllowed && outputIsTerminal
        errorColor = colorAllowed && isatty(2) == 1
        unicode = !ascii && Terminal.localeIsUTF8
        teachingUnicode = unicode && outputIsTerminal && getenv("NO_COLOR") == nil
    }

    /// Whether LC_ALL, LC_CTYPE or LANG (the first one set) names UTF-8; an unset locale counts as UTF-8,
    /// as on most systems.
    static var localeIsUTF8: Bool {
        for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = getenv(name), value.pointee != 0 {
                let text = String(cString: value).lowercased()
                return text.contains("utf-8") || text.contains("utf8")
            }
        }
        return true
    }

    static var standardInputIsTerminal: Bool { isatty(0) == 1 }

    static func printError(_ text: String) {
        let line = text + "\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
    }


    static func readStandardInput() -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(0, &buffer, buffer.count)
            if count <= 0 { break }
            bytes += buffer[0..<count]
            if bytes.count > 64_000_000 { break }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Ctrl-C while a program runs: the first stops a running `fit` at the next batch (keeping the
/// weights of the last finished step); a second one, before the fit has stopped, ends the program.
enum Interruption {
    nonisolated(unsafe) private static var flag: CancellationFlag?

    static func install(_ cancellation: CancellationFlag) {
        flag = cancellation
        signal(SIGINT) { _ in
            if let flag = Interruption.flag, !flag.isCancelled {
                flag.cancel()
            } else {
                _exit(130)
            }
        }
    }
}
