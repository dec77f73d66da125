import NNEngine
import NNLang
import NNPlot
import NNTeach

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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

    /// The teaching layer's style: measured again after each resize on a terminal, 80 columns otherwise.
    var styles: StyleSource {
        StyleSource(
            Style(unicode: teachingUnicode, color: color, width: outputIsTerminal ? Style.terminalWidth() : 80),
            tracksWindow: outputIsTerminal)
    }

    static func printError(_ text: String) {
        let line = text + "\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
    }

    /// Opens /dev/null on standard input, output or error if the caller closed them (`nn >&-`), so
    /// that no file the program opens gets their numbers (and its output). Whether output was closed.
    static func reserveClosedStandardStreams() -> Bool {
        var outputClosed = false
        for descriptor: Int32 in [0, 1, 2] where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY)
            if null >= 0, null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
            if descriptor == 1 { outputClosed = true }
        }
        return outputClosed
    }

    /// Says on standard error that output was lost, if it was (the exit status is then 120).
    static func reportLostOutput(_ output: StandardOutput) {
        guard let failure = output.failure else { return }
        let reason = failure == EBADF ? "standard output is closed" : String(cString: strerror(failure))
        printError("nn: the program's output was lost: cannot write to standard output (\(reason))")
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
