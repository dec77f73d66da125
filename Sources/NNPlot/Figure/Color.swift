/// A colour as matplotlib names it (`'r'`, `'tab:blue'`, `'C1'`, `'#1f77b4'`, `'0.5'`), in RGB from 0 to 1.
public struct Color: Equatable, Sendable {
    public var red: Double
    public var green: Double
    public var blue: Double

    public init(_ red: Double, _ green: Double, _ blue: Double) {
        self.red = min(1, max(0, red))
        self.green = min(1, max(0, green))
        self.blue = min(1, max(0, blue))
    }

    init(hex: UInt32) {
        self.init(Double((hex >> 16) & 0xFF) / 255, Double((hex >> 8) & 0xFF) / 255, Double(hex & 0xFF) / 255)
    }

    /// matplotlib's default colour cycle (`tab10`), `C0` to `C9`.
    public static let cycle: [Color] = [
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
    ].map { Color(hex: $0) }

    static let named: [String: UInt32] = [
        "b": 0x0000ff, "g": 0x008000, "r": 0xff0000, "c": 0x00bfbf, "m": 0xbf00bf, "y": 0xbfbf00, "k": 0x000000,
        "w": 0xffffff, "blue": 0x0000ff, "green": 0x008000, "red": 0xff0000, "cyan": 0x00ffff, "magenta": 0xff00ff,
        "yellow": 0xffff00, "black": 0x000000, "white": 0xffffff, "orange": 0xffa500, "purple": 0x800080,
        "brown": 0xa52a2a, "pink": 0xffc0cb, "gray": 0x808080, "grey": 0x808080, "olive": 0x808000,
        "navy": 0x000080, "teal": 0x008080, "lime": 0x00ff00, "gold": 0xffd700, "darkblue": 0x00008b,
        "darkred": 0x8b0000, "darkgreen": 0x006400, "darkorange": 0xff8c00, "lightblue": 0xadd8e6,
        "lightgreen": 0x90ee90, "lightgray": 0xd3d3d3, "lightgrey": 0xd3d3d3, "darkgray": 0xa9a9a9,
        "darkgrey": 0xa9a9a9, "salmon": 0xfa8072, "skyblue": 0x87ceeb, "steelblue": 0x4682b4, "crimson": 0xdc143c,
        "indigo": 0x4b0082, "violet": 0xee82ee, "turquoise": 0x40e0d0, "coral": 0xff7f50, "tomato": 0xff6347,
        "dodgerblue": 0x1e90ff, "royalblue": 0x4169e1, "forestgreen": 0x228b22, "seagreen": 0x2e8b57,
        "limegreen": 0x32cd32, "maroon": 0x800000, "silver": 0xc0c0c0, "tan": 0xd2b48c, "khaki": 0xf0e68c,
        "orchid": 0xda70d6, "plum": 0xdda0dd, "darkviolet": 0x9400d3, "deepskyblue": 0x00bfff,
        "lightcoral": 0xf08080, "firebrick": 0xb22222, "chocolate": 0xd2691e, "sienna": 0xa0522d,
        "tab:blue": 0x1f77b4, "tab:orange": 0xff7f0e, "tab:green": 0x2ca02c, "tab:red": 0xd62728,
        "tab:purple": 0x9467bd, "tab:brown": 0x8c564b, "tab:pink": 0xe377c2, "tab:gray": 0x7f7f7f,
        "tab:grey": 0x7f7f7f, "tab:olive": 0xbcbd22, "tab:cyan": 0x17becf,
    ]

    /// The colour matplotlib means by `text`, or nil when it names none.
    public init?(name text: String) {
        let name = text.lowercased().filter { $0 != " " }
        if let hex = Color.named[name] ?? Color.named[name.hasPrefix("xkcd:") ? String(name.dropFirst(5)) : name] {
            self.init(hex: hex)
        } else if name.hasPrefix("#"), name.count == 7 || name.count == 9,
            let hex = UInt32(name.dropFirst().prefix(6), radix: 16)
        {
            self.init(hex: hex)
        } else if name.hasPrefix("#"), name.count == 4, let short = UInt32(name.dropFirst(), radix: 16) {
            let r = (short >> 8) & 0xF
            let g = (short >> 4) & 0xF
            let b = short & 0xF
            self.init(hex: (r * 17) << 16 | (g * 17) << 8 | b * 17)
        } else if name.hasPrefix("c"), let index = Int(name.dropFirst()), index >= 0 {
            self = Color.cycle[index % Color.cycle.count]
        } else if let grey = Double(name), grey >= 0, grey <= 1 {
            self.init(grey, grey, grey)
        } else {
            return nil
        }
    }

    /// `#rrggbb`, as SVG writes it.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        return "#"
            + [red, green, blue].map { channel in
                let value = Int(saturating: (channel * 255).rounded())
                return String([digits[value / 16], digits[value % 16]])
            }.joined()
    }

    /// How light the colour looks, 0 (black) to 1 (white).
    public var luminance: Double { 0.299 * red + 0.587 * green + 0.114 * blue }

    /// The nearest of the 256-colour palette's 6x6x6 cube and 24 greys.
    public var ansi256: Int {
        func level(_ channel: Double) -> Int {
            let value = channel * 255
            return value < 48 ? 0 : value < 115 ? 1 : Int(saturating: (value - 35) / 40)
        }
        let (r, g, b) = (level(red), level(green), level(blue))
        let cubeValues = [0.0, 95, 135, 175, 215, 255]
        let cube = (cubeValues[r], cubeValues[g], cubeValues[b])
        let average = (red + green + blue) / 3 * 255
        let greyIndex = average > 238 ? 23 : max(0, Int(saturating: (average - 3) / 10))
        let greyValue = Double(8 + 10 * greyIndex)
        func distance(_ c: (Double, Double, Double)) -> Double {
            let d = (c.0 - red * 255, c.1 - green * 255, c.2 - blue * 255)
            return d.0 * d.0 + d.1 * d.1 + d.2 * d.2
        }
        return distance((greyValue, greyValue, greyValue)) < distance(cube) ? 232 + greyIndex : 16 + 36 * r + 6 * g + b
    }

    /// This colour laid over `background` with opacity `alpha`.
    public func blended(over background: Color, alpha: Double) -> Color {
        Color(
            red * alpha + background.red * (1 - alpha), green * alpha + background.green * (1 - alpha),
            blue * alpha + background.blue * (1 - alpha))
    }

    public static let white = Color(1, 1, 1)
    public static let black = Color(0, 0, 0)
}
