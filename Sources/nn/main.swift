import ArgumentParser
import NNEngine

/// The `nn` command. Until the language lands it only reports its version.
@main
struct NN: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nn",
        abstract: "Run Keras-style neural-network lessons and explain what happens inside.",
        version: NNLabVersion.string)

    func run() throws {
        print("nn \(NNLabVersion.string): the language and REPL are not built yet; see README.md")
    }
}
