import NNPlot

/// Explanation lines folded to the terminal's width at spaces, each continuation indented under
/// its line's own indent plus four (a hanging indent). Colour codes take no columns. A name and its
/// shape (`b¹ (3,)`), a short parenthesized group (`Dense(3, sigmoid)`) and an ellipsis with its
/// count (`… 21 more]`) are never split.
extension Style {
    func wrapped(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { wrap(String($0)) }.joined(separator: "\n")
    }

    /// The columns `text` takes on screen (ANSI escape sequences excluded).
    static func visibleWidth(_ text: some StringProtocol) -> Int {
        var count = 0
        var escaping = false
        for character in text {
            if character == "\u{1B}" {
                escaping = true
            } else if escaping {
                if character == "m" { escaping = false }
            } else {
                count += 1
            }
        }
        return count
    }

    func wrap(_ line: String) -> [String] {
        guard Style.visibleWidth(line) > width else { return [line] }
        let leading = String(line.prefix { $0 == " " })
        let indent = leading + "    "
        var lines: [String] = []
        var current = leading
        for word in units(line.dropFirst(leading.count).split(separator: " ", omittingEmptySubsequences: false)) {
            let fresh = current == leading || current == indent
            if !fresh, Style.visibleWidth(current) + 1 + Style.visibleWidth(word) > width {
                lines.append(current)
                current = indent + word
            } else {
                current += (fresh ? "" : " ") + word
            }
        }
        lines.append(current)
        return lines
    }

    /// The longest group of words kept on one line.
    static let groupLimit = 28

    /// `words` joined into the pieces a line may break between.
    func units(_ words: [Substring]) -> [String] {
        var units: [String] = []
        var depth = 0
        var glueNext = 0
        func balance(_ text: some StringProtocol) -> Int {
            text.reduce(0) { $0 + ($1 == "(" ? 1 : $1 == ")" ? -1 : 0) }
        }
        for word in words {
            let width = (units.last.map { Style.visibleWidth($0) } ?? 0) + 1 + Style.visibleWidth(word)
            let fits = width <= Style.groupLimit
            let glue =
                !word.isEmpty && !(units.last?.isEmpty ?? true)
                && (glueNext > 0 || (fits && (depth > 0 || word.first == "(")))
            if glue, let last = units.popLast() {
                units.append(last + " " + word)
                depth = max(0, depth + balance(word))
                glueNext = max(0, glueNext - 1)
            } else {
                units.append(String(word))
                depth = max(0, balance(word))
                glueNext = 0
            }
            // The words after an ellipsis count what it leaves out: `… 21 more]`.
            if word == ellipsis { glueNext = 2 }
        }
        return units
    }
}
