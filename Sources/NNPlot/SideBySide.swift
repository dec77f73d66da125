/// Pictures placed next to each other, their lines padded to each picture's widest (colour codes
/// take no columns), each with its title above.
public enum SideBySide {
    public static func join(_ pictures: [(title: String, text: String)], gap: Int = 3) -> String {
        let blocks = pictures.map {
            [$0.title] + $0.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast()
        }
        let widths = blocks.map { $0.map(visibleWidth).max() ?? 0 }
        let height = blocks.map(\.count).max() ?? 0
        var lines: [String] = []
        for row in 0..<height {
            var line = ""
            for (index, block) in blocks.enumerated() {
                let cell = row < block.count ? block[row] : ""
                line += cell
                if index < blocks.count - 1 {
                    line += String(repeating: " ", count: widths[index] - visibleWidth(cell) + gap)
                }
            }
            lines.append(line.trimmingTrailing())
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The columns `text` takes on screen: ANSI escape sequences take none.
    public static func visibleWidth(_ text: String) -> Int {
        var count = 0
        var escaping = false
        for character in text {
            if character == "\u{1B}" {
                escaping = true
            } else if escaping {
                if character.isLetter { escaping = false }
            } else {
                count += 1
            }
        }
        return count
    }
}
