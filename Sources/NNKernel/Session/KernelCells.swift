import NNLang
import NNRepl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A course notebook's cell in the kernel, as Jupyter users expect it: a cell that is one line
/// magic is the REPL's (`%who`, `%time x = f()`, `%run lab.py`); otherwise IPython's own lines are
/// blanked by `NotebookCode` (line numbers stay those of the cell; setup magics go silently, the
/// others with a note each), and a cell magic on the first line decides how the rest runs.
extension KernelSession {
    func runCell(_ code: String, request: KernelMessage) {
        let filled = code.split(separator: "\n").map { String($0).trimmingCharacters() }.filter { !$0.isEmpty }
        if filled.count == 1, let only = filled.first, only.first == "%" || only.first == "!", !only.hasPrefix("%%") {
            let magic = NotebookCode.magicName(only.dropFirst())
            if only.first == "!" || magic == "pip" || magic == "conda" {
                return stream.write("(NNLab runs no shell commands; skipped: \(only))\n")
            }
            if NotebookCode.setupMagics.contains(magic) { return }
            return repl.runCell(only)
        }
        let prepared = NotebookCode(code, quietSetup: true)
        for note in prepared.notes { stream.write("(\(note))\n") }
        guard let magic = prepared.cellMagic else {
            if !prepared.code.trimmingCharacters().isEmpty { repl.runCell(prepared.code) }
            return
        }
        switch magic.kind {
        case .run:
            let start = KernelSession.seconds()
            if !prepared.code.trimmingCharacters().isEmpty { repl.runCell(prepared.code) }
            let elapsed = KernelSession.duration(KernelSession.seconds() - start)
            switch magic.name {
            case "time": stream.write("Wall time: \(elapsed)\n")
            case "timeit":
                stream.write("\(elapsed) for one run (NNLab runs a %%timeit cell once, keeping its variables)\n")
            default: stream.write("(\(magic.note))\n")
            }
        case .capture:
            if let name = magic.arguments.first(where: { !$0.hasPrefix("-") }) {
                stream.write("(`\(name)` is not set: NNLab keeps no captured output)\n")
            }
            capturing = true
            defer { capturing = false }
            if !prepared.code.trimmingCharacters().isEmpty { repl.runCell(prepared.code) }
        case .display(let mimeType, let what):
            guard case .display(_, let text)? = prepared.task else { return }
            let object = what == "JavaScript" ? "Javascript" : what == "LaTeX" ? "Latex" : what
            channels.publish(
                "display_data",
                [
                    "data": [
                        mimeType: .string(text), "text/plain": .string("<IPython.core.display.\(object) object>"),
                    ],
                    "metadata": [:],
                ], parent: request)
        case .writeFile:
            guard case .writeFile(let path, let text, let append)? = prepared.task else { return }
            guard !path.isEmpty else { return fail("UsageError", "%%writefile needs a file name", code) }
            let exists = access(path, F_OK) == 0
            if let problem = NotebookCode.writeFile(text, to: path, append: append) {
                return fail("OSError", "could not write '\(path)': \(problem)", code)
            }
            stream.write((append && exists ? "Appending to " : exists ? "Overwriting " : "Writing ") + path + "\n")
        case .otherProgram, .unknown:
            stream.write("(\(magic.note))\n")
        }
    }

    /// Ends the cell with an error at its first line (a cell magic's own failure).
    func fail(_ exception: String, _ text: String, _ code: String) {
        let source = SourceFile(name: "In [\(repl.count)]", text: code)
        let line = source.line(1)
        var diagnostic = Diagnostic(
            "\(exception): \(text)",
            at: SourceRange(SourceLocation(line: 1, column: 1), SourceLocation(line: 1, column: line.count + 1)))
        diagnostic.exception = exception
        diagnostic.exceptionText = text
        error = ([diagnostic], source)
    }

    static func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// A duration as IPython's `%time` writes it: `1.23 ms`, `2.5 s`.
    static func duration(_ seconds: Double) -> String {
        seconds < 1e-3
            ? "\(Int((seconds * 1e6).rounded())) µs"
            : seconds < 1
                ? "\(Double(Int((seconds * 1e5).rounded())) / 100) ms"
                : "\(Double(Int((seconds * 100).rounded())) / 100) s"
    }
}
