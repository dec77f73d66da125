import Foundation
import NNRepl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The kernelspec that tells Jupyter how to start NNLab: `kernels/nnlab/kernel.json` in a Jupyter
/// data directory, laid out as `jupyter kernelspec install` lays it out.
public enum KernelSpec {
    public static let name = "nnlab"

    /// The `kernel.json` for the `nn` binary at `executable` (an absolute path).
    public static func json(executable: String) -> JSON {
        [
            "argv": [.string(executable), "kernel", "-f", "{connection_file}"],
            "display_name": "NNLab", "language": "nnlab", "interrupt_mode": "message", "metadata": [:],
        ]
    }

    /// Where kernelspecs go: for the user, `$JUPYTER_DATA_DIR`, else `$XDG_DATA_HOME/jupyter`, else
    /// `~/.local/share/jupyter`; for everyone, `/usr/local/share/jupyter` (as jupyter_core says).
    public static func kernelsDirectory(user: Bool, environment: [String: String]) -> String {
        guard user else { return "/usr/local/share/jupyter/kernels" }
        if let data = environment["JUPYTER_DATA_DIR"], !data.isEmpty { return data + "/kernels" }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/jupyter/kernels" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share/jupyter/kernels"
    }

    /// Writes the kernelspec; returns its folder.
    public static func install(
        user: Bool, executable: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    )
        throws(KernelSpecError) -> String
    {
        let folder = kernelsDirectory(user: user, environment: environment) + "/" + name
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let text = String(decoding: json(executable: executable).encoded(), as: UTF8.self) + "\n"
            try text.write(toFile: folder + "/kernel.json", atomically: false, encoding: .utf8)
        } catch {
            throw KernelSpecError(
                "cannot write \(folder)/kernel.json: \(error.localizedDescription)"
                    + (user ? "" : " (install for yourself with: nn kernel install --user)"))
        }
        return folder
    }

    /// The absolute path of the running `nn` binary.
    public static func currentExecutable() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if count > 0 {
            return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        let first = CommandLine.arguments.first ?? "nn"
        return first.hasPrefix("/") ? first : FileManager.default.currentDirectoryPath + "/" + first
    }
}

/// A kernelspec that could not be written.
public struct KernelSpecError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
