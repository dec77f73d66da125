import NNEngine
import NNPlot

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs programs: binds names to values in one global scope and calls into the engine.
/// One interpreter is one session (a script run or a REPL), keeping its variables between runs.
public final class Interpreter {
    public var globals: [String: Value] = [:]
    /// The local names of the functions being run, innermost last.
    var frames: [Environment] = []
    public let output: OutputSink
    public var options: InterpreterOptions
    /// Set (from a signal handler, say) to stop a running `fit` at the next batch.
    public let cancellation = CancellationFlag()
    /// The session's random stream: initial weights, shuffling and `np.random`.
    public let random = RandomSource()
    /// Names for layers and models (`dense`, `dense_1`, …), counted per session as Keras counts them.
    public let layerNames = LayerNames()
    /// The teaching layer: told of each statement, narration, `pause()`, explanations, diagnoses and
    /// every `fit`. Nil runs programs as Python does, silently.
    public var teaching: TeachingListener?
    /// The session's explanation level (`explain('full')`, `nn --explain`).
    public var explainLevel = ExplainLevel.epoch
    /// How pictures (`show`, `plot`, matplotlib) are drawn: symbols, colour and width. Plain ASCII
    /// at 80 columns unless the command line gives the terminal's.
    public var style: Style {
        get { (teaching as? StyleFollowing)?.currentStyle ?? fixedStyle }
        set { fixedStyle = newValue }
    }
    private var fixedStyle = Style.plain
    /// False while a helper module (or a notebook's code cell) runs: its top-level strings are never narration.
    public var narrationAllowed = true
    /// What `input(prompt)` reads a line from (nil: end of input); by default standard input. A
    /// Jupyter kernel asks its client instead.
    public var inputHandler: ((String) -> String?)?
    /// Whether a live fit outside a terminal has said, once, that it shows the usual progress.
    var liveNoteGiven = false
    /// Set by `exit()` or `quit()`: the program stops after the current statement.
    public var exitRequested = false
    /// The source being run, for messages from inside calls.
    public internal(set) var currentSource: SourceFile?
    let modules = ModuleRegistry()
    /// The exceptions being handled by `except` blocks, innermost last (for a bare `raise`).
    var handling: [Diagnostic] = []
    var reprState = ReprState()
    /// Language bookkeeping: the program's exception classes, objects raised and not yet caught.
    let language = LanguageState()
    /// The stack bounds of the thread running the program (set by `run` and `check`).
    var stackGuard: StackGuard?
    /// Names bound before a program starts (builtins, the Keras prelude, NNLab's own functions).
    public private(set) var builtinNames: Set<String> = []

    public init(output: OutputSink = StandardOutput(), options: InterpreterOptions = InterpreterOptions()) {
        self.output = output
        self.options = options
        random.reseed(options.seed)
        builtinNames = installBuiltins()
    }

    /// Parses and runs `source`. Returns the value of the last statement when it is an expression
    /// (for the REPL's `Out[n]`), or nil. Throws the syntax errors, or the first runtime error.
    @discardableResult
    public func run(_ source: SourceFile) throws(DiagnosticList) -> Value? {
        try guardingStack { () throws(DiagnosticList) in try runGuarded(source) }
    }

    private func runGuarded(_ source: SourceFile) throws(DiagnosticList) -> Value? {
        let program = try Parser.parse(source.text)
        // A run inside a run (the presenter's REPL, a re-run statement) gives the outer one its source back.
        let outerSource = currentSource
        currentSource = source
        defer { currentSource = outerSource }
        var last: Value?
        // A string standing alone at the top level of a lesson is narration; in a .py file, and
        // inside functions and blocks (docstrings), it is only a value, as in Python.
        let narrates = narrationAllowed && teaching?.narrates == true && !source.name.hasSuffix(".py")
        for statement in program.statements {
            if let teaching, !teaching.statementWillRun(Self.start(of: statement, in: source)) { return nil }
            if narrates, case .expression(.string(let text, _)) = statement {
                teaching?.narrate(text)
                last = nil
                continue
            }
            do {
                if case .next(let value) = try execute(statement) { last = value }
            } catch {
                throw DiagnosticList(diagnostics: [error])
            }
            if exitRequested { return nil }
        }
        return last
    }

    /// Parses `source` and resolves its imports and names without running anything (`nn --check`).
    public func check(_ source: SourceFile) throws(DiagnosticList) {
        let program = try Parser.parse(source.text)
        currentSource = source  // helper modules are found beside it
        defer { currentSource = nil }
        var errors: [Diagnostic] = []
        var defined = Set(globals.keys)
        for statement in program.statements {
            do { try NameChecker(interpreter: self).check(statement, defined: &defined) } catch { errors.append(error) }
        }
        if !errors.isEmpty { throw DiagnosticList(diagnostics: errors) }
    }

    /// What running a statement asks of the statements around it.
    enum Flow {
        /// Go on; the value of an expression statement, if it was one.
        case next(Value?)
        case breakLoop
        case continueLoop
        case returned(Value)
    }

    /// Runs the statements of a block until one breaks or continues a loop, or exit() is called.
    func executeBlock(_ statements: [Statement]) throws(Diagnostic) -> Flow {
        for statement in statements {
            let flow = try execute(statement)
            if case .next = flow {
                if exitRequested { return .breakLoop }
                continue
            }
            return flow
        }
        return .next(nil)
    }

    /// A long loop stops on Ctrl-C (the same flag that stops a fit).
    func checkInterrupted(_ range: SourceRange) throws(Diagnostic) {
        guard cancellation.isCancelled else { return }
        cancellation.clear()
        throw Diagnostic("interrupted (Ctrl-C): the loop stopped here", at: range)
    }

    /// Runs one statement; `.next(value)` carries an expression statement's value.
    func execute(_ statement: Statement) throws(Diagnostic) -> Flow {
        switch statement {
        case .ifStatement(let branches, let otherwise, _):
            for (condition, body) in branches where try truth(try evaluate(condition), range: condition.range) {
                return try executeBlock(body)
            }
            return try otherwise.map { block throws(Diagnostic) in try executeBlock(block) } ?? .next(nil)
        case .forLoop(let target, let iterable, let body, let range):
            let items = try evaluate(iterable)
            if case .object(let lazy as LazyIterator) = items {
                return try executeLazyFor(lazy, target: target, body: body, range: range)
            }
            if case .object(let numbers as RangeObject) = items, numbers.step != 0 {
                return try executeRangeFor(numbers, target: target, body: body, range: range)
            }
            for item in try iterate(items, range: iterable.range) {
                try checkInterrupted(range)
                try assign(item, to: target)
                let flow = try executeBlock(body)
                if case .returned = flow { return flow }
                if case .breakLoop = flow { break }
                if exitRequested { break }
            }
            return .next(nil)
        case .whileLoop(let condition, let body, let range):
            while try truth(try evaluate(condition), range: condition.range) {
                try checkInterrupted(range)
                let flow = try executeBlock(body)
                if case .returned = flow { return flow }
                if case .breakLoop = flow { break }
                if exitRequested { break }
            }
            return .next(nil)
        case .functionDefinition(let name, let parameters, let body, let range):
            try bind(name, to: .object(try makeFunction(name, parameters, body: body, range: range)))
            return .next(nil)
        case .global, .nonlocal:
            return .next(nil)
        case .decorated(let decorators, let definition, _):
            return try executeDecorated(decorators, definition)
        case .yieldValue(_, let range), .yieldFrom(_, let range):
            throw .unsupported("'yield' is supported as a statement of its own in a generator's body", at: range)
        case .tryStatement(let block, _):
            return try executeTry(block)
        case .raise(let expression, let cause, let range):
            throw try raised(expression, from: cause, range: range)
        case .assertion(let condition, let message, let range):
            try executeAssert(condition, message, range: range)
        case .withBlock(let items, let body, let range):
            return try executeWith(items[...], body: body, range: range)
        case .classDefinition(let name, let base, let body, let range):
            try bind(name, to: .object(try makeClass(name, base: base, body: body, range: range)))
        case .delete(let targets, _):
            for target in targets { try delete(target) }
        case .returnValue(let expression, _):
            return .returned(try expression.map { e throws(Diagnostic) in try evaluate(e) } ?? .none)
        case .breakLoop:
            return .breakLoop
        case .continueLoop:
            return .continueLoop
        case .expression(let expression):
            return .next(try evaluate(expression))
        case .assign(let targets, let valueExpression, _):
            let value = try evaluate(valueExpression)
            for target in targets { try assign(value, to: target) }
        case .augmentedAssign(let target, let op, let valueExpression, let range):
            let current = try evaluate(target)
            let value = try evaluate(valueExpression)
            let result = try binary(op, current, value, range: range, inPlace: true)
            try assign(result, to: target)
        case .importModule(let path, let alias, let range):
            let module = try modules.module(path, range: range, self)
            if let alias {
                try bind(alias, to: .object(module))
            } else {
                try bind(path[0], to: .object(try modules.module([path[0]], range: range, self)))
            }
        case .importNames(let path, let names, let range):
            let module = try modules.module(path, range: range, self)
            for (name, alias, nameRange) in names {
                if name == "*" {  // `from module import *` (ProgramModules.swift)
                    globals.merge(publicMembers(of: module)) { _, new in new }
                    continue
                }
                guard let value = try modules.member(name, of: module, path: path, range: nameRange, self) else {
                    continue
                }
                try bind(alias ?? name, to: value)
            }
        case .pass:
            break
        }
        return .next(nil)
    }

    /// A relative path as given when it exists from the current folder; otherwise, if it exists
    /// beside the running script, that one (so `np.load("data/X.npy")` works from anywhere).
    public func resolvePath(_ path: String) -> String {
        guard !path.hasPrefix("/"), access(path, F_OK) != 0, let script = currentSource?.name, script.contains("/")
        else { return path }
        let folder = script.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let candidate = (folder.isEmpty ? "/" : folder + "/") + path
        return access(candidate, F_OK) == 0 ? candidate : path
    }

    /// A statement as the teaching layer sees it before it runs (a presenter shows its lines).
    static func start(of statement: Statement, in source: SourceFile) -> StatementStart {
        let range = statement.range
        let lines = (range.start.line...max(range.start.line, range.end.line)).map { source.line($0) }
        var isString = false
        var isPause = false
        if case .expression(.string) = statement { isString = true }
        if case .expression(.call(.name("pause", _), _, _)) = statement { isPause = true }
        return StatementStart(
            sourceName: source.name, line: range.start.line, lines: lines, isString: isString,
            column: range.start.column, isPause: isPause)
    }

    /// Writes text to the program's output.
    public func write(_ text: String) { output.write(text) }

    /// Where a drawn picture goes instead of the output: a Jupyter kernel sends it as its own display.
    /// It gets the text drawing and, for a matplotlib figure, its SVG.
    public var pictureHandler: ((_ text: String, _ svg: String?) -> Void)?

    /// Shows a drawn picture (`show`, `plot`, `plt.show()`): through `pictureHandler` when set, else
    /// as output. The SVG is made only when a handler wants it, or `plt.savefig` asks for it later.
    public func showPicture(_ text: String, svg: @escaping @autoclosure () -> String? = nil) {
        lastPictureSVG = svg
        if let pictureHandler { pictureHandler(text, svg()) } else { write(text) }
    }

    /// The last picture's SVG, made on demand: with no matplotlib figure drawn since, `plt.savefig`
    /// saves NNLab's own pictures (`plot_boundary`, `diagram`, …) too.
    public var lastPictureSVG: (() -> String?)?

    /// Where warnings go (NumPy's RuntimeWarning, …): standard error unless a host says otherwise.
    public var warningHandler: (String) -> Void = { text in
        var bytes = Array(text.utf8)
        _ = Glibc.write(2, &bytes, bytes.count)
    }
    /// Warnings already shown, by place: as Python, each is shown once per line.
    var shownWarnings = Set<String>()

    /// Shows a warning as Python does (`file:line: RuntimeWarning: …` and the line's source under it), once
    /// per line of the program.
    func warn(_ message: String, at range: SourceRange?) {
        let place = "\(currentSource?.name ?? "<string>"):\(range.map { String($0.start.line) } ?? "?")"
        guard shownWarnings.insert(place + message).inserted else { return }
        let line = range.flatMap { range in
            currentSource.flatMap { source in
                source.lines.indices.contains(range.start.line - 1) ? source.lines[range.start.line - 1] : nil
            }
        }
        let shownLine = line.map { "\n  " + $0.trimmingCharacters(in: .whitespaces) } ?? ""
        warningHandler("\(place): \(message)\(shownLine)\n")
    }
}

/// How an interpreter presents things.
public struct InterpreterOptions: Sendable {
    /// Whether output goes to a person at a terminal: progress bars update in place and show timings.
    public var interactive = false
    public var color = false
    /// Whether the terminal shows Unicode (box drawing, ━); ASCII otherwise.
    public var unicode = true
    /// The random seed at the start of the session.
    public var seed: UInt64 = RandomGenerator.defaultSeed
    /// Whether `fit` shows training live (`nn --live`, `%live on`) when the call does not say.
    public var live = false

    public init(
        interactive: Bool = false, color: Bool = false, unicode: Bool = true,
        seed: UInt64 = RandomGenerator.defaultSeed, live: Bool = false
    ) {
        self.live = live
        self.interactive = interactive
        self.color = color
        self.unicode = unicode
        self.seed = seed
    }
}
