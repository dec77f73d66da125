import ArgumentParser
import NNEngine
import NNLang
import NNPlot
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
              nn lab.ipynb                            run a Jupyter notebook's cells in order
              nn --to-notebook lesson.nn > lesson.ipynb
              cat lesson.nn | nn -                     read the program from standard input
              nn kernel install --user               use NNLab in Jupyter (as the kernel "NNLab")
            """,
        version: NNLabVersion.string)

    /// `nn kernel …` goes to the Jupyter kernel's command; anything else is a program to run (a
    /// positional file argument would otherwise take the word `kernel` for a file name).
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "kernel" { return KernelCommand.main(Array(arguments.dropFirst())) }
        main(arguments)
    }

    @ArgumentParser.Argument(
        help: "The program (.nn) or notebook (.ipynb) to run, or - for standard input; with none, nn starts the REPL.")
    var file: String?

    @Option(name: .customShort("c"), help: ArgumentHelp("Run CODE instead of a file.", valueName: "code"))
    var code: String?

    @Flag(name: .long, help: "Parse the program and resolve its imports and names without running it.")
    var check = false

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Seed for initial weights, shuffling and np.random: a whole number 0 or more "
                + "(default \(RandomGenerator.defaultSeed))."),
        transform: NN.parseSeed)
    var seed: UInt64 = RandomGenerator.defaultSeed

    @Flag(name: .long, help: "Never use colour (also when NO_COLOR is set).")
    var noColor = false

    @Flag(name: .long, help: "Plain ASCII output: no Unicode box drawing or symbols.")
    var ascii = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "How much of training to explain: off, epoch (default), step or full; "
                + "given here, it overrides the program's own fit(explain=...)."))
    var explain: ExplainLevel?

    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Draw training live on a terminal: fit redraws its loss curve (and, for two "
                + "input features, the decision boundary) instead of the progress bar."))
    var live = false

    @Flag(
        name: .long,
        help: "Presenter mode: show each statement and wait for Enter before running it (? lists the keys).")
    var step = false

    @Option(name: .long, help: MemoryLimit.help)
    var memoryLimit: MemoryLimit?

    @Flag(name: .long, help: "Write the lesson as a Jupyter notebook (nbformat 4.5) to standard output.")
    var toNotebook = false

    func validate() throws {
        if code != nil, let file {
            throw ValidationError("give either -c CODE or a program file, not both ('\(file)' would not run)")
        }
        if toNotebook, file == nil || file.map(Notebook.isNotebook) == true || code != nil {
            throw ValidationError("--to-notebook turns a lesson file into a notebook, like nn --to-notebook lesson.nn")
        }
    }

    /// `--seed`'s value: a whole number from 0 to 2⁶⁴ − 1 (`-1` is read as a value, to say so).
    static func parseSeed(_ text: String) throws -> UInt64 {
        let digits = text.trimmingCharacters()
        if let seed = UInt64(digits) { return seed }
        if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw ValidationError("the seed must be at most \(UInt64.max)")
        }
        throw ValidationError("the seed must be a whole number 0 or more, like --seed 7")
    }

    func run() throws {
        MemoryLimit.apply(memoryLimit)
        let stdoutWasClosed = Terminal.reserveClosedStandardStreams()
        let output = StandardOutput(closed: stdoutWasClosed)
        defer { Terminal.reportLostOutput(output) }
        let failure = runProgram(output)
        // Lost output outweighs a program error, as in Python (which exits 120 then).
        if output.failure != nil { throw ExitCode(120) }
        if let failure { throw failure }
    }

    /// Runs the program (or the REPL) writing to `output`; the exit code it failed with, if it did.
    func runProgram(_ output: StandardOutput) -> ExitCode? {
        let terminal = Terminal(noColor: noColor, ascii: ascii)
        let source: SourceFile
        if let code {
            source = SourceFile(name: "<string>", text: code)
        } else if let file, toNotebook {
            return writeNotebook(fromLesson: file, output: output)
        } else if let file, file != "-" {
            do {
                source = try SourceFile.read(file)
            } catch {
                Terminal.printError("nn: \(error.message)")
                return ExitCode(1)
            }
        } else if file == "-" {
            source = SourceFile(name: "<stdin>", text: Terminal.readStandardInput())
        } else {
            startREPL(terminal, output: output)
            return nil
        }
        let options = InterpreterOptions(
            interactive: terminal.outputIsTerminal, color: terminal.color, unicode: terminal.unicode, seed: seed,
            live: live)
        if step, source.name == "<stdin>" {
            Terminal.printError(
                "nn: --step reads your answers from standard input, so the program must come from a file")
            return ExitCode(2)
        }
        // The presenter keeps a copy of each statement's output, to show it again.
        let sink: OutputSink = step ? RecordingOutput(output) : output
        let interpreter = Interpreter(output: sink, options: options)
        interpreter.explainLevel = explain ?? .epoch
        let styles = terminal.styles
        let teaching = Teaching.attach(
            to: interpreter, styles: styles, output: sink, narration: true, override: explain)
        if step, let recording = sink as? RecordingOutput {
            teaching.presenter = Presenter(interpreter: interpreter, output: recording, styles: styles)
        }
        let formatter = DiagnosticFormatter(color: terminal.errorColor)
        if let failure = perform(interpreter, source) {
            for diagnostic in failure.diagnostics { Terminal.printError(formatter.format(diagnostic, in: source)) }
            return ExitCode(1)
        }
        return nil
    }

    /// `nn` with no program: the notebook-style REPL, with line editing on a terminal and plain
    /// lines from a pipe.
    func startREPL(_ terminal: Terminal, output: StandardOutput) {
        let output = OutputRecorder(forwardingTo: output)  // each cell's output, for %save session.ipynb
        let options = InterpreterOptions(
            interactive: terminal.outputIsTerminal, color: terminal.color, unicode: terminal.unicode, seed: seed,
            live: live)
        let interpreter = Interpreter(output: output, options: options)
        interpreter.explainLevel = explain ?? .epoch
        Teaching.attach(to: interpreter, styles: terminal.styles, output: output, narration: false, override: explain)
        Interrupts.install(cancelling: interpreter.cancellation)
        let reader: LineReader
        if Terminal.standardInputIsTerminal {
            output.write(Session.banner)
            let history = HistoryFile.standard(warn: Terminal.printError)
            reader = EditLineReader(completer: Completer(interpreter: interpreter), history: history)
        } else {
            reader = PlainLineReader(output: output)
        }
        Session(interpreter: interpreter, reader: reader, output: output, color: terminal.color).run()
    }

    /// Checks or runs the program; returns its errors, if any.
    func perform(_ interpreter: Interpreter, _ source: SourceFile) -> DiagnosticList? {
        if Notebook.isNotebook(source.name) { return performNotebook(interpreter, source) }
        do throws(DiagnosticList) {
            if check {
                try interpreter.check(source)
                interpreter.output.write("\(source.name): no problems found\n")
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
