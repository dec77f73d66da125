extension Session {
    /// On a terminal that does not mark pastes, a blank line followed at once by more input is a
    /// blank line inside pasted code: the cell goes on when the next line is indented. Otherwise
    /// the next line is kept for the next cell.
    func continuesPastedBlock(_ lines: inout [String], _ completeness: inout InputCompleteness) -> Bool {
        // Blank and comment-only lines (course code has `### START CODE HERE ###` at the margin)
        // wait for the first line of code to say whether the block goes on.
        var skipped: [String] = []
        while true {
            let input = reader.read(prompt: continuationPrompt, indent: 0)
            guard case .line(let next) = input else {
                carried = skipped.map { .line($0) } + [input]
                return false
            }
            let code = next.trimmingCharacters()
            if (code.isEmpty || code.hasPrefix("#")) && reader.inputIsWaiting {
                skipped.append(next)
                continue
            }
            guard let first = next.first, first == " " || first == "\t", !code.isEmpty else {
                carried = skipped.map { .line($0) } + [input]
                return false
            }
            for line in skipped + [next] {
                lines.append(line)
                completeness.append(line)
            }
            return true
        }
    }
}
