#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Builtins {
    /// `input()` without a handler: writes the prompt, then reads one line from standard input
    /// (without its line break); nil at the end of input, as Python's EOFError.
    static func readInputLine(_ prompt: String, _ interpreter: Interpreter) -> String? {
        interpreter.write(prompt)
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = read(0, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
    }
}
