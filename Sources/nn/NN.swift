import ArgumentParser
import NNEngine
import NNLang
import NNRepl
import NNTeach

extension ExplainLevel: ExpressibleByArgument {}

/// The `nn` command: runs a lesson or script written in NNLab's Keras-like language.
@main
struct NN: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nn",
        abstract: "Run Keras-style neural-network programs on NNLab's engine, and see inside them.",
        discussion: """
            Examples:
              nn lessons/01-neurons-and-layers.nn     run a lesson
              nn -c "import numpy as np; print(np.ones(3))"
              nn --check lesson.nn                    parse and resolve names without running
              cat lesson.nn | nn -                     read the program from standard input
            """,
        version: NNLabVersion.string)

    @ArgumentParser.Argument(help: "The program to run (.nn), or - for standard input; with none, nn starts the REPL.")
    var file: String?

    @Option(name: .customShort("c"), help: "Run CODE instead of a file.")
    var code: String?

    @Flag(name: .long, help: "Parse the program and resolve its imports and names without running it.")
    var check = false

    @Option(name: .long, help: "Seed for initial weights, shuffling and np.random (default \(RandomGenerator.defaultSeed)).")
    var seed: UInt64 = RandomGenerator.defaultSeed

    @Flag(name: .long, help: "Never use colour (also when NO_COLOR is set).")
    var noColor = false

    @Flag(name: .long, help: "Plain ASCII output: no Unicode box drawing or symbols.")
    var ascii = false

    @Option(name: .long, help: "How much of training to explain: off, epoch (default), step or full.")
    var explain: ExplainLevel = .epoch

    @Flag(name: .long, help: "Presenter mode: show each statement and wait for Enter before running it (q quits, c continues).")
    var step = false

    @Option(name: .long, help: MemoryLimit.help)
    var memoryLimit: MemoryLimit?

    func run() throws {
        MemoryLimit.apply(memoryLimit)
        let terminal = Terminal(noColor: noColor, ascii: ascii)
        let source: SourceFile
        if let code {
            source = SourceFile(name: "<string>", text: code)
        } else if let file, file != "-" {
            do {
                source = try SourceFile.read(file)
            } catch {
                Terminal.printError("nn: \(error.message)")
                throw ExitCode(1)
            }
        } else if file == "-" {
            source = SourceFile(name: "<stdin>", text: Terminal.readStandardInput())
        } else {
            startREPL(terminal)
            return
        }
        let options = InterpreterOptions(
            interactive: terminal.outputIsTerminal, color: terminal.color, unicode: terminal.unicode, seed: seed)
        let output = StandardOutput()
        let interpreter = Interpreter(output: output, options: options)
        interpreter.explainLevel = explain.rawValue
        let style = Style(unicode: terminal.teachingUnicode, color: terminal.color,
                          width: terminal.outputIsTerminal ? Style.terminalWidth() : 80)
        Teaching.attach(to: interpreter, style: style, output: output, narration: true)
        if step {
            guard source.name != "<stdin>" else {
                Terminal.printError("nn: --step reads your answers from standard input, so the program must come from a file")
                throw ExitCode(2)
            }
            Presenter(output: output, style: style).attach(to: interpreter)
        }
        let formatter = DiagnosticFormatter(color: terminal.errorColor)
        if let failure = perform(interpreter, source) {
            for diagnostic in failure.diagnostics { Terminal.printError(formatter.format(diagnostic, in: source)) }
            throw ExitCode(1)
        }
    }

    /// `nn` with no program: the notebook-style REPL, with line editing on a terminal and plain
    /// lines from a pipe.
    func startREPL(_ terminal: Terminal) {
        let output = StandardOutput()
        let options = InterpreterOptions(
            interactive: terminal.outputIsTerminal, color: terminal.color, unicode: terminal.unicode, seed: seed)
        let interpreter = Interpreter(output: output, options: options)
        interpreter.explainLevel = explain.rawValue
        let style = Style(unicode: terminal.teachingUnicode, color: terminal.color,
                          width: terminal.outputIsTerminal ? Style.terminalWidth() : 80)
        Teaching.attach(to: interpreter, style: style, output: output, narration: false)
        Interrupts.install(cancelling: interpreter.cancellation)
        let reader: LineReader
        if Terminal.standardInputIsTerminal {
            output.write(Session.banner)
            reader = EditLineReader(completer: Completer(interpreter: interpreter), history: HistoryFile.standard())
        } else {
            reader = PlainLineReader(output: output)
        }
        Session(interpreter: interpreter, reader: reader, output: output, color: terminal.color).run()
    }

    /// Checks or runs the program; returns its errors, if any.
    func perform(_ interpreter: Interpreter, _ source: SourceFile) -> DiagnosticList? {
        do throws(DiagnosticList) {
            if check {
                try interpreter.check(source)
                print("\(source.name): no problems found")
            } else {
                Interruption.install(interpreter.cancellation)
                try interpreter.run(source)
            }
            return nil
        } catch {
            return error
        }
    }
}
