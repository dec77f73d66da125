#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How explanations look on this terminal: Unicode symbols or ASCII spellings, colour or not,
/// and the width to fit.
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

    // Symbols, each with its ASCII spelling.
    var sigma: String { unicode ? "σ" : "sigmoid" }
    var partial: String { unicode ? "∂" : "d" }
    var transpose: String { unicode ? "ᵀ" : "^T" }
    var hadamard: String { unicode ? "⊙" : "*" }
    var dot: String { unicode ? "·" : "." }
    var times: String { unicode ? "×" : "x" }
    var plusMinus: String { unicode ? "±" : "+/-" }
    var minus: String { unicode ? "−" : "-" }
    var yHat: String { unicode ? "ŷ" : "y_hat" }
    var arrow: String { unicode ? "←" : "<-" }
    var rightArrow: String { unicode ? "→" : "->" }
    var ellipsis: String { unicode ? "…" : "..." }
    var sum: String { unicode ? "Σ" : "sum" }
    var eta: String { unicode ? "η" : "lr" }
    var rho: String { unicode ? "ρ" : "rho" }
    var beta1: String { unicode ? "β₁" : "beta_1" }
    var beta2: String { unicode ? "β₂" : "beta_2" }
    var epsilon: String { unicode ? "ε" : "eps" }
    var alpha: String { unicode ? "α" : "alpha" }
    var mu: String { unicode ? "μ" : "momentum" }
    var sqrt: String { unicode ? "√" : "sqrt" }
    var prime: String { unicode ? "′" : "'" }
    var rule: String { unicode ? "─" : "-" }

    /// A layer number as a superscript (`z³`) or bracketed (`z[3]`).
    func layer(_ symbol: String, _ number: Int) -> String {
        guard unicode else { return "\(symbol)[\(number)]" }
        let digits: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹"]
        return symbol + String(String(number).map { digits[$0] ?? $0 })
    }

    /// `∂L/∂z²`
    func gradient(_ of: String) -> String { "\(partial)L/\(partial)\(of)" }

    /// A section heading: `── Forward pass ─────…` filling the width.
    func heading(_ title: String) -> String {
        let start = rule + rule + " " + title + " "
        let text = start + String(repeating: rule, count: max(3, width - start.count))
        return paint(text, "1;36")
    }

    func emphasis(_ text: String) -> String { paint(text, "1") }
    func note(_ text: String) -> String { paint(text, "2") }
    func number(_ text: String) -> String { paint(text, "33") }

    public func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
}
