/// Shrinks a failing program while it keeps failing the same way (delta debugging, first over
/// lines, then over characters), so a report shows the smallest input that still crashes.
struct Minimizer {
    let runner: Runner
    let mode: RunMode
    let budget: Int

    /// What must stay the same: the category, and for a crash the signal or exit status.
    static func signature(_ verdict: Verdict) -> String {
        guard case .crash(let detail) = verdict else { return verdict.category }
        return "crash " + (detail.split(separator: ":").first.map(String.init) ?? detail)
    }

    /// The smallest program found that fails as `text` does, with how it fails; nil when `text` passes.
    func minimize(_ text: String) -> (String, Verdict)? {
        let (verdict, _) = runner.judge(text, mode: mode)
        guard verdict.isFailure else { return nil }
        let wanted = Minimizer.signature(verdict)
        var runs = 0
        let fails = { (candidate: String) -> Bool? in
            guard runs < budget else { return nil }
            runs += 1
            return Minimizer.signature(runner.judge(candidate, mode: mode).0) == wanted
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
        if lines.last == "\n" { lines.removeLast() }
        lines = reduce(lines, fails)
        let characters = reduce(Array(lines.joined()).map { String($0) }, fails)
        let smallest = characters.joined()
        return (smallest, runner.judge(smallest, mode: mode).0)
    }

    /// ddmin: removes ever smaller chunks of `units` while `fails` holds for what is left (it
    /// answers nil when the budget of runs is spent).
    private func reduce(_ units: [String], _ fails: (String) -> Bool?) -> [String] {
        var units = units
        var parts = 2
        while units.count >= 2 {
            let size = (units.count + parts - 1) / parts
            var removedOne = false
            var start = 0
            while start < units.count {
                let candidate = Array(units[..<start] + units[min(start + size, units.count)...])
                guard let failed = fails(candidate.joined()) else { return units }
                if failed {
                    units = candidate
                    removedOne = true
                    parts = max(parts - 1, 2)
                    break
                }
                start += size
            }
            if !removedOne {
                if parts >= units.count { break }
                parts = min(units.count, parts * 2)
            }
        }
        if units.count == 1, fails("") == true { return [] }
        return units
    }
}
