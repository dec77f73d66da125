import NNEngine

/// Asks the session's memory budget (`MemoryBudget`, `nn --memory-limit`) before making a large
/// value, so running out of memory is Python's MemoryError at the line that asked, not an abort.
enum MemoryCheck {
    /// Bytes one element of a list or tuple takes, counted twice: Swift's arrays and strings may
    /// reserve up to double what they hold while growing.
    static let valueSize = 2 * MemoryLayout<Value>.stride
    static let byteSize = 2

    /// Throws a located MemoryError when `count` items of `size` bytes do not fit in the budget.
    static func reserve(_ count: Int, of size: Int = 1, range: SourceRange?) throws(Diagnostic) {
        let (bytes, overflow) = max(count, 0).multipliedReportingOverflow(by: size)
        guard overflow || !MemoryBudget.allows(bytes) else { return }
        let needed = overflow ? "more memory than any machine has" : MemoryBudget.describe(bytes) + " more"
        throw Diagnostic(
            "MemoryError: this needs \(needed), past the memory limit of "
                + MemoryBudget.describe(MemoryBudget.effectiveLimit), at: range,
            hint: "set big values you no longer need to None, or give nn more: nn --memory-limit 8G")
    }

    /// For a list growing one item at a time: checks when its storage would double.
    static func reserveGrowth(of count: Int, range: SourceRange?) throws(Diagnostic) {
        guard count >= 1 << 16, count & (count - 1) == 0 else { return }
        try reserve(count, of: valueSize, range: range)
    }
}
