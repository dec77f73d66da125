import ArgumentParser
import NNEngine

/// The value of `--memory-limit`: a size such as `2G`, `512M` or a number of bytes.
struct MemoryLimit: ExpressibleByArgument {
    let bytes: Int

    init?(argument: String) {
        guard let bytes = MemoryBudget.parse(argument) else { return nil }
        self.bytes = bytes
    }

    static let help = ArgumentHelp(
        "Memory for the session's values, like 2G, 512M or a number of bytes "
            + "(default: half the physical memory, \(MemoryBudget.describe(MemoryBudget.defaultLimit)) here).",
        valueName: "size")

    /// Sets the session's budget, when the option was given.
    static func apply(_ limit: MemoryLimit?) {
        if let limit { MemoryBudget.limit = limit.bytes }
    }
}
