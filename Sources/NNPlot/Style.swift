#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How NNLab's output looks on this terminal: Unicode symbols or ASCII spellings, ANSI colour or
/// not, and the width to fit. Every escape code NNLab writes comes from here.
public struct Style: Sendable {
    public var unicode: Bool
    public var color: Bool
    public var width: Int

    public init(unicode: Bool, color: Bool, width: Int = 80) {
        self.unicode = unicode
        self.color = color
        self.width = max(40, min(width, 200))
    }

    /// Plain ASCII, no colour, 80 columns: for files, pipes and tests.
    public static let plain = Style(unicode: false, color: false)

    /// The terminal's width in columns, or 80 when it is unknown.
    public static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }), columns > 0 { return columns }
        return 80
    }

    // MARK: Colour

    /// `text` in the SGR style `code` (`"1"` bold, `"33"` yellow, `"48;5;208"` a 256-colour
    /// background), reset after it; plain `text` without colour.
    public func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    /// The escape that switches to SGR style `code`, or nothing without colour (for runs of cells
    /// that share one reset at the end).
    public func escape(_ code: String) -> String { color ? "\u{1B}[\(code)m" : "" }

    /// The escape that ends every style, or nothing without colour.
    public var reset: String { escape("0") }

    /// Moves the cursor to the start of the line `lines` above and clears from there to the end of
    /// the screen: how a picture redrawn in place (a live fit) takes back its previous frame.
    public static func eraseLinesAbove(_ lines: Int) -> String { lines > 0 ? "\u{1B}[\(lines)A\r\u{1B}[J" : "" }

    public func emphasis(_ text: String) -> String { paint(text, "1") }
    public func note(_ text: String) -> String { paint(text, "2") }
    public func number(_ text: String) -> String { paint(text, "33") }

    /// A section heading: `── Forward pass ─────…` filling the width.
    public func heading(_ title: String) -> String {
        let start = rule + rule + " " + title + " "
        let text = start + String(repeating: rule, count: max(3, width - start.count))
        return paint(text, "1;36")
    }

    // MARK: Symbols, each with its ASCII spelling

    public var sigma: String { unicode ? "σ" : "sigmoid" }
    public var partial: String { unicode ? "∂" : "d" }
    public var transpose: String { unicode ? "ᵀ" : "^T" }
    public var hadamard: String { unicode ? "⊙" : "*" }
    public var dot: String { unicode ? "·" : "." }
    public var times: String { unicode ? "×" : "x" }
    public var plusMinus: String { unicode ? "±" : "+/-" }
    public var minus: String { unicode ? "−" : "-" }
    public var yHat: String { unicode ? "ŷ" : "y_hat" }
    public var arrow: String { unicode ? "←" : "<-" }
    public var rightArrow: String { unicode ? "→" : "->" }
    public var ellipsis: String { unicode ? "…" : "..." }
    public var sum: String { unicode ? "Σ" : "sum" }
    public var eta: String { unicode ? "η" : "lr" }
    public var rho: String { unicode ? "ρ" : "rho" }
    public var beta1: String { unicode ? "β₁" : "beta_1" }
    public var beta2: String { unicode ? "β₂" : "beta_2" }
    public var epsilon: String { unicode ? "ε" : "eps" }
    public var alpha: String { unicode ? "α" : "alpha" }
    public var mu: String { unicode ? "μ" : "momentum" }
    public var sqrt: String { unicode ? "√" : "sqrt" }
    public var prime: String { unicode ? "′" : "'" }
    public var rule: String { unicode ? "─" : "-" }

    /// A layer number as a superscript (`z³`) or bracketed (`z[3]`).
    public func layer(_ symbol: String, _ number: Int) -> String {
        guard unicode else { return "\(symbol)[\(number)]" }
        let digits: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        ]
        return symbol + String(String(number).map { digits[$0] ?? $0 })
    }

    /// `∂L/∂z²`
    public func gradient(_ of: String) -> String { "\(partial)L/\(partial)\(of)" }

    // MARK: Numbers

    /// A number as pictures and the teacher print it: four decimals, or three-digit scientific
    /// notation for very small and very large magnitudes, with this style's minus sign.
    public func decimal(_ value: Float) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "\(minus)inf" : "inf" }
        let magnitude = abs(value)
        let text =
            magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e6)
            ? printf("%.3e", Double(magnitude)) : printf("%.4f", Double(magnitude))
        return (value < 0 && text != "0.0000" ? minus : "") + text
    }
}

/// C's printf for one number (`%.4f`, `%g`).
func printf(_ format: String, _ value: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 128)
    let count = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
    guard count >= 0, Int(count) < buffer.count else { return String(value) }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
