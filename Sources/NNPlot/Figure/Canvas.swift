/// A grid of terminal cells to draw a plot on: braille dots (2x4 a cell) for lines, two colours a
/// cell (upper and lower half) for images and filled regions, and whole characters for markers and text.
struct Canvas {
    struct Cell {
        var upper: Color?
        var lower: Color?
        /// A shade index for filled regions when there is no colour (band or bar number).
        var shade: Int?
        var dots: UInt8 = 0
        var dotColor: Color?
        var character: Character?
        var characterColor: Color?
        var dim = false
    }

    let width: Int
    let height: Int
    let style: Style
    var cells: [[Cell]]

    init(width: Int, height: Int, style: Style) {
        self.width = max(1, width)
        self.height = max(1, height)
        self.style = style
        cells = Array(repeating: Array(repeating: Cell(), count: max(1, width)), count: max(1, height))
    }

    /// Dots across and down: braille gives 2x4 a cell, ASCII one.
    var dotsWide: Int { style.unicode ? width * 2 : width }
    var dotsHigh: Int { style.unicode ? height * 4 : height }

    static let brailleLeft: [UInt8] = [0x01, 0x02, 0x04, 0x40]
    static let brailleRight: [UInt8] = [0x08, 0x10, 0x20, 0x80]

    /// Sets the dot at (`x`, `y`), counted from the top left; `mark` is the ASCII character.
    mutating func dot(_ x: Int, _ y: Int, color: Color, mark: Character) {
        guard x >= 0, y >= 0, x < dotsWide, y < dotsHigh else { return }
        if style.unicode {
            let row = y / 4
            let column = x / 2
            if cells[row][column].character != nil && cells[row][column].dots == 0 && !cells[row][column].dim { return }
            cells[row][column].dots |= x % 2 == 0 ? Canvas.brailleLeft[y % 4] : Canvas.brailleRight[y % 4]
            cells[row][column].dotColor = color
            cells[row][column].character = nil
            cells[row][column].dim = false
        } else {
            cells[y][x].character = mark
            cells[y][x].characterColor = color
            cells[y][x].dim = false
        }
    }

    /// A whole-cell character (a marker or text) at cell (`column`, `row`).
    mutating func put(_ character: Character, _ column: Int, _ row: Int, color: Color?, dim: Bool = false) {
        guard column >= 0, row >= 0, column < width, row < height else { return }
        cells[row][column].character = character
        cells[row][column].characterColor = color
        cells[row][column].dots = 0
        cells[row][column].dim = dim
    }

    /// Colours half a cell: half-row `half` (two a cell, from the top) of `column`.
    mutating func fill(_ column: Int, _ half: Int, color: Color, shade: Int) {
        guard column >= 0, half >= 0, column < width, half < height * 2 else { return }
        if half % 2 == 0 { cells[half / 2][column].upper = color } else { cells[half / 2][column].lower = color }
        cells[half / 2][column].shade = shade
    }

    /// A line between two dots (Bresenham), every few dots left out for dashed and dotted styles.
    mutating func line(
        from a: (Int, Int), to b: (Int, Int), color: Color, mark: Character, pattern: Artist.LineStyle,
        counter: inout Int
    ) {
        for (x, y) in Canvas.segment(a, b, limit: 100_001) {
            counter += 1
            let on: Bool
            switch pattern {
            case .dashed: on = counter % 6 < 4
            case .dotted: on = counter % 3 == 0
            case .dashDot: on = counter % 8 < 4 || counter % 8 == 6
            case .solid, .none: on = true
            }
            if on { dot(x, y, color: color, mark: mark) }
        }
    }

    /// The points of a line from `a` to `b` (Bresenham), at most `limit` of them.
    static func segment(_ a: (Int, Int), _ b: (Int, Int), limit: Int = 100_001) -> [(Int, Int)] {
        var points: [(Int, Int)] = []
        var (x, y) = a
        let dx = abs(b.0 - a.0)
        let dy = -abs(b.1 - a.1)
        let sx = a.0 < b.0 ? 1 : -1
        let sy = a.1 < b.1 ? 1 : -1
        var error = dx + dy
        while points.count < limit {
            points.append((x, y))
            if x == b.0 && y == b.1 { break }
            let e2 = 2 * error
            if e2 >= dy {
                error += dy
                x += sx
            }
            if e2 <= dx {
                error += dx
                y += sy
            }
        }
        return points
    }

    static let unicodeShades: [Character] = [" ", "░", "▒", "▓", "█"]
    static let asciiShades: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]
    static let asciiFills: [Character] = ["#", "=", "+", "~", ":", "%", "o", "*"]
    static let unicodeFills: [Character] = ["█", "▓", "▒", "░"]

    /// The row's text, `width` columns wide.
    func row(_ index: Int) -> String {
        var text = ""
        for cell in cells[index] { text += render(cell) }
        return text
    }

    func render(_ cell: Cell) -> String {
        let background = cell.upper ?? cell.lower
        if let character = cell.character {
            guard style.color else { return String(character) }
            var codes: [String] = []
            if let color = cell.characterColor { codes.append("38;5;\(color.ansi256)") }
            if cell.dim { codes.append("2") }
            if let background { codes.append("48;5;\(background.ansi256)") }
            return codes.isEmpty ? String(character) : style.paint(String(character), codes.joined(separator: ";"))
        }
        if cell.dots != 0 {
            let glyph = String(Character(Unicode.Scalar(0x2800 + UInt32(cell.dots)) ?? " "))
            guard style.color else { return glyph }
            var code = "38;5;\((cell.dotColor ?? .black).ansi256)"
            if let background { code += ";48;5;\(background.ansi256)" }
            return style.paint(glyph, code)
        }
        guard let background else { return " " }
        if style.color {
            if style.unicode {
                let upper = cell.upper ?? cell.lower ?? background
                let lower = cell.lower ?? cell.upper ?? background
                if cell.upper == nil { return style.paint("▄", "38;5;\(lower.ansi256)") }
                if cell.lower == nil { return style.paint("▀", "38;5;\(upper.ansi256)") }
                if upper.ansi256 == lower.ansi256 { return style.paint("█", "38;5;\(upper.ansi256)") }
                return style.paint("▀", "38;5;\(upper.ansi256);48;5;\(lower.ansi256)")
            }
            return style.paint(" ", "48;5;\(background.ansi256)")
        }
        if let shade = cell.shade, shade >= 0 {
            let fills = style.unicode ? Canvas.unicodeFills : Canvas.asciiFills
            return String(fills[shade % fills.count])
        }
        let light = ((cell.upper ?? background).luminance + (cell.lower ?? background).luminance) / 2
        let shades = style.unicode ? Canvas.unicodeShades : Canvas.asciiShades
        return String(shades[min(shades.count - 1, Int(saturating: (light * Double(shades.count - 1)).rounded()))])
    }
}
