/// What reading one line gave: the line, an interrupt (Ctrl-C), or the end of input (Ctrl-D).
public enum LineInput: Equatable, Sendable {
    case line(String)
    case interrupted
    case end
}

/// Where the REPL's lines come from: a line editor on a terminal, standard input otherwise,
/// or a list of lines in tests.
public protocol LineReader: AnyObject {
    func read(prompt: String) -> LineInput
    /// Remembers an entered line for Up-arrow recall (and the history file).
    func remember(_ line: String)
}

extension LineReader {
    public func remember(_ line: String) {}
}

/// Lines given in advance, for tests and scripted sessions.
public final class ScriptedLineReader: LineReader {
    private var inputs: [LineInput]
    public private(set) var prompts: [String] = []

    public init(_ inputs: [LineInput]) { self.inputs = inputs }
    public convenience init(lines: [String]) { self.init(lines.map { .line($0) }) }

    public func read(prompt: String) -> LineInput {
        prompts.append(prompt)
        return inputs.isEmpty ? .end : inputs.removeFirst()
    }
}
