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
    /// Whether a person answers the reads, so the REPL may ask a question (a pipe cannot answer).
    var isInteractive: Bool { get }
}

extension LineReader {
    public func remember(_ line: String) {}
    public var isInteractive: Bool { false }
}

/// Lines given in advance, for tests and scripted sessions.
public final class ScriptedLineReader: LineReader {
    private var inputs: [LineInput]
    public private(set) var prompts: [String] = []
    public let isInteractive: Bool

    /// - Parameter interactive: whether the lines stand for a person's answers at a terminal.
    public init(_ inputs: [LineInput], interactive: Bool = false) {
        self.inputs = inputs
        self.isInteractive = interactive
    }
    public convenience init(lines: [String], interactive: Bool = false) {
        self.init(lines.map { .line($0) }, interactive: interactive)
    }

    public func read(prompt: String) -> LineInput {
        prompts.append(prompt)
        return inputs.isEmpty ? .end : inputs.removeFirst()
    }
}
