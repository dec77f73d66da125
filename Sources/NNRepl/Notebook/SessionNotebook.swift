import NNLang

/// Passes everything written on to `target`, and gives a copy to `capture` while one is set: the
/// REPL records what each cell prints, so that `%save session.ipynb` keeps the outputs.
public final class OutputRecorder: OutputSink {
    let target: OutputSink
    var capture: ((String) -> Void)?

    public init(forwardingTo target: OutputSink) { self.target = target }

    public func write(_ text: String) {
        capture?(text)
        target.write(text)
    }
}

/// What one REPL cell printed, the value it showed and the error it stopped at.
struct CellRecord {
    var stream = ""
    var result: String?
    var error: JSON?
}

extension Session {
    var recorder: OutputRecorder? { output as? OutputRecorder }

    /// Starts recording cell `number`'s output (replacing an earlier record of the same number).
    func startRecording(_ number: Int) {
        records[number] = CellRecord()
        recorder?.capture = { [weak self] text in self?.records[number]?.stream += text }
    }

    /// Runs `body` without recording what it writes (the `Out[n]:` line, an error report).
    func unrecorded(_ body: () -> Void) {
        let capture = recorder?.capture
        recorder?.capture = nil
        body()
        recorder?.capture = capture
    }

    func recordError(_ diagnostics: [Diagnostic], in source: SourceFile, number: Int?) {
        guard let number, let first = diagnostics.first else { return }
        let plain = DiagnosticFormatter(color: false)
        let traceback = diagnostics.flatMap { plain.format($0, in: source).split(separator: "\n").map(String.init) }
        records[number]?.error = Notebook.error(name: first.exceptionName, value: first.message, traceback: traceback)
    }

    /// The chosen cells as a notebook: each cell's code, its printed text as a `stream` output,
    /// its value as an `execute_result` and its error, with the cell's number as execution count.
    func notebook(of numbers: [Int]) -> Notebook {
        let cells = numbers.compactMap { number -> Notebook.Cell? in
            guard let text = self.cells[number], !isCommand(text) else { return nil }
            var outputs: [JSON] = []
            if let record = records[number] {
                if !record.stream.isEmpty { outputs.append(Notebook.stream(record.stream)) }
                if let result = record.result { outputs.append(Notebook.executeResult(result, count: number)) }
                if let error = record.error { outputs.append(error) }
            }
            return .code(text.trimmingBlankLines(), count: number, outputs: outputs)
        }
        return Notebook(cells: cells)
    }
}
