/// What one run of `nn` on a program says about `nn`.
enum Verdict: Equatable {
    case passed
    /// Ran past the deadline but stopped on Ctrl-C: a long program, not a hang in `nn`.
    case slow
    /// A signal, an abort-like exit status, or the Swift runtime's "Fatal error".
    case crash(String)
    /// Ran past the deadline and did not stop on Ctrl-C.
    case hang
    /// An error on standard error without a `file:line:column` location.
    case unlocated(String)

    var isFailure: Bool {
        switch self {
        case .passed, .slow: false
        default: true
        }
    }

    /// A short name for summaries and file names: crash, hang or unlocated.
    var category: String {
        switch self {
        case .passed: "passed"
        case .slow: "slow"
        case .crash: "crash"
        case .hang: "hang"
        case .unlocated: "unlocated"
        }
    }

    var detail: String {
        switch self {
        case .crash(let text), .unlocated(let text): text
        default: ""
        }
    }

    /// Judges a finished run from how it ended and what it wrote on standard error.
    static func judge(_ termination: Termination, stderr: String, program: String) -> Verdict {
        let signalNames: [Int32: String] = [
            4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE",
            9: "SIGKILL", 11: "SIGSEGV", 25: "SIGXFSZ",
        ]
        let crashMarkers = [
            "Fatal error", "Program crashed", "Crash!", "Stack dump", "Current stack trace",
            "Illegal instruction", "Segmentation fault",
        ]
        let marker = crashMarkers.first { stderr.contains($0) }
        switch termination {
        case .timedOut(let interruptible):
            return interruptible ? .slow : .hang
        case .signaled(let signal):
            let name = signalNames[signal] ?? "signal \(signal)"
            return .crash(marker.map { "\(name): " + firstLine(containing: $0, in: stderr) } ?? name)
        case .exited(let code):
            if let marker { return .crash("exit \(code): " + firstLine(containing: marker, in: stderr)) }
            let asksToExit = program.contains("exit(") || program.contains("quit(")
            if code >= 128 && !asksToExit { return .crash("exit \(code)") }
            if let message = unlocatedMessage(stderr, failed: code != 0 && !asksToExit) { return .unlocated(message) }
            return .passed
        }
    }

    /// The first error on `stderr` whose message (which may take several lines) has no
    /// ` --> name:line:column` line before the next error, if any; when the run failed, standard error
    /// must hold at least one located error.
    static func unlocatedMessage(_ stderr: String, failed: Bool) -> String? {
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let headers = ["error:", "syntax error:", "not supported:", "nn:"]
        let isHeader = { (line: String) in headers.contains(where: { line.hasPrefix($0) }) }
        let startsMessage = { (line: String) in isHeader(line) || isExceptionHeader(line) }
        var located = 0
        for (index, line) in lines.enumerated() where startsMessage(line) {
            let message = lines[(index + 1)...].prefix { !startsMessage($0) }
            // A notebook that cannot be read at all is named, with what is wrong in it, on one line.
            if message.contains(where: hasLocation) || line.contains("is not a notebook NNLab can read") {
                located += 1
            } else if isHeader(line) {
                // A line like `ValueError: …` may be a program's own output; only NNLab's headers must be located.
                return line
            }
        }
        if failed && located == 0 {
            return lines.first { !$0.isEmpty }.map { "no located error; stderr starts: \($0)" }
                ?? "failed with nothing on standard error"
        }
        return nil
    }

    /// Whether a line starts as a raised Python exception is shown: `ValueError: …`, `KeyboardInterrupt: …`.
    /// An exception raised without a message is its bare name (`ValueError`), as Python prints it.
    static func isExceptionHeader(_ line: String) -> Bool {
        guard let first = line.first, first.isUppercase else { return false }
        let name = line[..<(line.firstIndex(of: ":") ?? line.endIndex)]
        let endings = ["Error", "Exception", "Interrupt", "Iteration"]
        return name.allSatisfy { $0.isLetter || $0.isNumber } && endings.contains(where: { name.hasSuffix($0) })
    }

    /// Whether a line is ` --> file:line:column`.
    static func hasLocation(_ line: String) -> Bool {
        let text = Array(line)
        guard let arrow = (0..<max(text.count - 3, 0)).first(where: { String(text[$0..<$0 + 4]) == "--> " }) else {
            return false
        }
        let place = String(text[(arrow + 4)...])
        let numbers = place.split(separator: ":").suffix(2)
        if numbers.count == 2 && numbers.allSatisfy({ part in !part.isEmpty && part.allSatisfy { $0.isNumber } }) {
            return true
        }
        // In a notebook: `FILE.ipynb, cell 3, line 2, column 5`.
        let words = place.split(separator: ",").suffix(3).map { $0.split(separator: " ") }
        return words.count == 3
            && zip(words, ["cell", "line", "column"]).allSatisfy { parts, name in
                parts.count == 2 && parts[0] == name && parts[1].allSatisfy { $0.isNumber }
            }
    }

    private static func firstLine(containing marker: String, in text: String) -> String {
        String(text.split(separator: "\n").first { $0.contains(marker) }?.prefix(200) ?? "")
    }
}
