import ArgumentParser
import NNKernel
import NNLang
import NNPlot
import NNTeach

/// `nn kernel -f CONNECTION_FILE` runs NNLab as a Jupyter kernel; `nn kernel install` writes its kernelspec.
struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nn kernel",
        abstract: "Run NNLab as a Jupyter kernel (Jupyter starts it so), or install its kernelspec.",
        discussion: """
            Examples:
              nn kernel install --user      then choose "NNLab" in JupyterLab, or: jupyter console --kernel nnlab
              nn kernel -f kernel-1.json    what Jupyter runs, with the connection file it wrote
            """,
        subcommands: [Install.self])

    @Option(
        name: .customShort("f"),
        help: ArgumentHelp("The connection file Jupyter wrote.", valueName: "connection-file"))
    var connectionFile: String?

    func run() throws {
        guard let connectionFile else {
            throw ValidationError("give the connection file Jupyter wrote: nn kernel -f FILE (or nn kernel install)")
        }
        let connection: ConnectionInfo
        do {
            connection = try ConnectionInfo.read(connectionFile)
        } catch {
            throw ValidationError(error.description)
        }
        let server: KernelServer
        do {
            server = try KernelServer(connection: connection)
        } catch {
            Terminal.printError("nn kernel: cannot listen on the connection file's ports: \(error)")
            throw ExitCode(1)
        }
        // One interpreter per kernel, taught as in the REPL, in colour (notebooks show terminal colours in
        // text output, and pictures need them to tell classes apart), 80 columns.
        server.run { interpreter, output in
            let style = Style(unicode: true, color: true, width: 80)
            Teaching.attach(
                to: interpreter, styles: StyleSource(style, tracksWindow: false), output: output, narration: false)
        }
    }

    /// `nn kernel install [--user]`.
    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the NNLab kernelspec (kernels/nnlab/kernel.json) into the Jupyter data directory.")

        @Flag(
            name: .long,
            help: "Install for this user (JUPYTER_DATA_DIR or ~/.local/share/jupyter), not for everyone.")
        var user = false

        func run() throws {
            do {
                let folder = try KernelSpec.install(user: user, executable: KernelSpec.currentExecutable())
                print("Installed the NNLab kernelspec in \(folder)")
            } catch {
                Terminal.printError("nn kernel install: \(error)")
                throw ExitCode(1)
            }
        }
    }
}
