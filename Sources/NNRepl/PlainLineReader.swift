import NNLang

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads lines from standard input without a line editor (a pipe, a file, a test). Each line is
/// echoed after its prompt, so a scripted session reads like one typed at a terminal.
public final class PlainLineReader: LineReader {
    let output: OutputSink
    private var buffer: [UInt8] = []
    private var finished = false

    public init(output: OutputSink) { self.output = output }

    public func read(prompt: String) -> LineInput {
        output.write(prompt)
        while true {
            switch nextLine() {
            case nil:
                output.write("\n")
                return .end
            case .tooLong(let size)?:
                let limit = Lexer.maximumSourceLength / 1_000_000
                output.write("# (a line of \(size) bytes was skipped: NNLab reads programs of up to \(limit) MB)\n")
                output.write(prompt)
            case .line(let line)?:
                output.write(line + "\n")
                return .line(line)
            }
        }
    }

    enum Read {
        case line(String)
        /// A line longer than a program may be, dropped without being kept in memory.
        case tooLong(Int)
    }

    /// Bytes at the start of `buffer` known to hold no line break.
    private var searched = 0
    /// Bytes of an overlong line dropped so far.
    private var skipped = 0

    private func nextLine() -> Read? {
        while true {
            if let newline = buffer[searched...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                searched = 0
                if skipped > 0 {
                    defer { skipped = 0 }
                    return .tooLong(skipped + line.count)
                }
                var text = String(decoding: line, as: UTF8.self)
                if text.hasSuffix("\r") { text.removeLast() }
                return .line(text)
            }
            searched = buffer.count
            if buffer.count > Lexer.maximumSourceLength {
                skipped += buffer.count
                buffer = []
                searched = 0
            }
            if finished {
                if skipped > 0 {
                    defer {
                        skipped = 0
                        buffer = []
                        searched = 0
                    }
                    return .tooLong(skipped + buffer.count)
                }
                guard !buffer.isEmpty else { return nil }
                defer {
                    buffer = []
                    searched = 0
                }
                return .line(String(decoding: buffer, as: UTF8.self))
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = Glibc.read(0, &chunk, chunk.count)
            if count > 0 {
                buffer += chunk[0..<count]
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                finished = true
            }
        }
    }
}
