/// `show(image)`: a 2-D array as shaded blocks, two characters per pixel (pixels are about twice
/// as tall as characters are wide), scaled from the image's smallest value to its largest.
public struct ImagePicture {
    let style: Style
    /// Widest image drawn at one character pair per pixel; larger ones are averaged down.
    static let maximumPixels = 38

    public init(style: Style) { self.style = style }

    static let unicodeShades: [Character] = [" ", "░", "▒", "▓", "█"]
    static let asciiShades: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]

    /// - Parameter values: the image's pixels, row by row (`rows` x `columns`).
    public func render(_ values: [Float], rows: Int, columns: Int) -> String {
        let step = max(1, (max(rows, columns) + ImagePicture.maximumPixels - 1) / ImagePicture.maximumPixels)
        let outRows = (rows + step - 1) / step
        let outColumns = (columns + step - 1) / step
        var cells = [[Float]](repeating: [Float](repeating: 0, count: outColumns), count: outRows)
        for r in 0..<outRows {
            for c in 0..<outColumns {
                var total: Float = 0
                var count: Float = 0
                for i in (r * step)..<min(rows, (r + 1) * step) {
                    for j in (c * step)..<min(columns, (c + 1) * step) {
                        total += values[i * columns + j]
                        count += 1
                    }
                }
                cells[r][c] = total / max(count, 1)
            }
        }
        let averaged = cells.joined()
        let low = averaged.min() ?? 0
        let high = averaged.max() ?? 1
        let span = high > low ? high - low : 1
        var lines: [String] = []
        for row in cells {
            var line = ""
            for value in row {
                let level = (value - low) / span
                guard level.isFinite else {
                    line += "??"
                    continue
                }
                if style.color {
                    // 24 grey levels of the 256-colour palette, from near black (232) to white (255).
                    line += style.escape("48;5;\(232 + Int((level * 23).rounded()))") + "  "
                } else {
                    let shades = style.unicode ? ImagePicture.unicodeShades : ImagePicture.asciiShades
                    let shade = shades[min(shades.count - 1, Int((level * Float(shades.count - 1)).rounded()))]
                    line += String(repeating: shade, count: 2)
                }
            }
            lines.append(line + style.reset)
        }
        let caption = "\(rows)x\(columns) image, values \(style.decimal(low)) to \(style.decimal(high))"
        return lines.joined(separator: "\n") + "\n" + style.note(caption) + "\n"
    }
}
