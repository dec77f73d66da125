import NNPlot

/// Explanation lines folded to the terminal's width at spaces, each continuation indented under
/// its line's own indent plus four (a hanging indent). Colour codes take no columns.
extension Style {
    func wrapped(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { wrap(String($0)) }.joined(separator: "\n")
    }

    /// The columns `text` takes on screen (ANSI escape sequences excluded).
    static func visibleWidth(_ text: some StringProtocol) -> Int {
        var count = 0, escaping = false
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
        var lines: [String] = [], current = leading
        for word in line.dropFirst(leading.count).split(separator: " ", omittingEmptySubsequences: false) {
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
}
