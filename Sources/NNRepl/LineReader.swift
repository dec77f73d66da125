/// What reading one line gave: the line, an interrupt (Ctrl-C), or the end of input (Ctrl-D).
public enum LineInput: Equatable, Sendable {
    case line(String)
    /// A whole cell at once, line breaks and blank lines and all: a paste, or a cell recalled from
    /// the history (and perhaps edited). It is entered as it is, without waiting for a blank line.
    case cell(String)
    case interrupted
    case end
}

/// Where the REPL's lines come from: a line editor on a terminal, standard input otherwise,
/// or a list of lines in tests.
public protocol LineReader: AnyObject {
    func read(prompt: String) -> LineInput
    /// Reads a line that starts indented by `indent` spaces (auto-indent), which the person may delete.
    func read(prompt: String, indent: Int) -> LineInput
    /// Whether more input is already waiting (a paste on a terminal that does not mark pastes).
    var inputIsWaiting: Bool { get }
    /// Remembers an entered cell (all its lines) for Up-arrow recall (and the history file).
    func remember(_ line: String)
    /// Whether a person answers the reads, so the REPL may ask a question (a pipe cannot answer).
    var isInteractive: Bool { get }
}

extension LineReader {
    public func remember(_ line: String) {}
    public var isInteractive: Bool { false }
    public func read(prompt: String, indent: Int) -> LineInput { read(prompt: prompt) }
    public var inputIsWaiting: Bool { false }
}

/// Lines given in advance, for tests and scripted sessions.
public final class ScriptedLineReader: LineReader {
    private var inputs: [LineInput]
    public private(set) var prompts: [String] = []
    /// The auto-indent asked for at each read.
    public private(set) var indents: [Int] = []
    /// The cells remembered for recall.
    public private(set) var remembered: [String] = []
    public let isInteractive: Bool
    /// Whether the lines stand for a paste on a terminal that does not mark pastes (input waiting).
    public var inputIsWaiting = false

    /// - Parameter interactive: whether the lines stand for a person's answers at a terminal.
    public init(_ inputs: [LineInput], interactive: Bool = false) {
        self.inputs = inputs
        self.isInteractive = interactive
    }
    public convenience init(lines: [String], interactive: Bool = false) {
        self.init(lines.map { .line($0) }, interactive: interactive)
    }

    public func read(prompt: String) -> LineInput { read(prompt: prompt, indent: 0) }

    public func read(prompt: String, indent: Int) -> LineInput {
        prompts.append(prompt)
        indents.append(indent)
        return inputs.isEmpty ? .end : inputs.removeFirst()
    }

    public func remember(_ line: String) { remembered.append(line) }
}
