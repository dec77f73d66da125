#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NNLang

/// Reads lines from standard input without a line editor (a pipe, a file, a test). Each line is
/// echoed after its prompt, so a scripted session reads like one typed at a terminal.
public final class PlainLineReader: LineReader {
    let output: OutputSink
    private var buffer: [UInt8] = []
    private var finished = false

    public init(output: OutputSink) { self.output = output }

    public func read(prompt: String) -> LineInput {
        output.write(prompt)
        guard let line = nextLine() else {
            output.write("\n")
            return .end
        }
        output.write(line + "\n")
        return .line(line)
    }

    private func nextLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                var text = String(decoding: line, as: UTF8.self)
                if text.hasSuffix("\r") { text.removeLast() }
                return text
            }
            if finished {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = [] }
                return String(decoding: buffer, as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
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
