/// A colour map as matplotlib names it (`viridis`, `gray`, `RdBu`, `tab10`, any of them `_r` reversed),
/// or a `ListedColormap` of given colours. Continuous maps interpolate between a few anchor colours
/// of matplotlib's own tables, close enough for a terminal and an SVG.
public struct Colormap: Sendable {
    public var name: String
    /// The anchors, each at its position from 0 to 1.
    var anchors: [(position: Double, color: Color)]
    /// Whether the colours are steps (a listed map) rather than a gradient.
    public var listed: Bool

    public init(name: String, colors: [Color], listed: Bool) {
        self.name = name
        self.listed = listed
        let count = max(1, colors.count - 1)
        self.anchors = colors.enumerated().map { (Double($0.offset) / Double(count), $0.element) }
    }

    init(name: String, positioned: [(Double, UInt32)]) {
        self.name = name
        self.listed = false
        self.anchors = positioned.map { ($0.0, Color(hex: $0.1)) }
    }

    /// How many colours the map is made of (a listed map's `N`).
    public var colorCount: Int { anchors.count }

    /// The colour for `value` from 0 to 1 (clipped).
    public func color(_ value: Double) -> Color {
        guard let first = anchors.first else { return .black }
        let v = value.isFinite ? min(1, max(0, value)) : 0
        if listed {
            let index = min(anchors.count - 1, Int(saturating: v * Double(anchors.count)))
            return anchors[index].color
        }
        guard v > first.position else { return first.color }
        for (a, b) in zip(anchors, anchors.dropFirst()) where v <= b.position {
            let t = b.position > a.position ? (v - a.position) / (b.position - a.position) : 1
            return Color(
                a.color.red + (b.color.red - a.color.red) * t, a.color.green + (b.color.green - a.color.green) * t,
                a.color.blue + (b.color.blue - a.color.blue) * t)
        }
        return anchors[anchors.count - 1].color
    }

    /// The same map backwards (`viridis_r`).
    public var reversed: Colormap {
        var copy = self
        copy.name = name.hasSuffix("_r") ? String(name.dropLast(2)) : name + "_r"
        copy.anchors = anchors.reversed().map { (1 - $0.position, $0.color) }
        return copy
    }

    /// The map matplotlib calls `name`, or nil.
    public static func named(_ name: String) -> Colormap? {
        if name.hasSuffix("_r"), let map = named(String(name.dropLast(2))) { return map.reversed }
        if let listed = listedTables[name] {
            return Colormap(name: name, colors: listed.map { Color(hex: $0) }, listed: true)
        }
        if let table = tables[name] {
            return Colormap(name: name, colors: table.map { Color(hex: $0) }, listed: false)
        }
        switch name {
        case "jet":
            return Colormap(
                name: name,
                positioned: [
                    (0, 0x00007f), (0.125, 0x0000ff), (0.375, 0x00ffff), (0.625, 0xffff00),
                    (0.875, 0xff0000), (1, 0x7f0000),
                ])
        case "hot":
            return Colormap(
                name: name, positioned: [(0, 0x0b0000), (0.365, 0xff0000), (0.746, 0xffff00), (1, 0xffffff)])
        case "rainbow":
            return Colormap(
                name: name,
                positioned: [
                    (0, 0x8000ff), (0.25, 0x2adddd), (0.5, 0x80ffb4), (0.75, 0xffb360),
                    (1, 0xff0000),
                ])
        default: return nil
        }
    }

    /// Every name `named` knows (without the reversed ones).
    public static var names: [String] {
        (Array(tables.keys) + Array(listedTables.keys) + ["jet", "hot", "rainbow"]).sorted()
    }

    static let tables: [String: [UInt32]] = [
        "viridis": [
            0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779, 0x6ece58, 0xb5de2b, 0xfde725,
        ],
        "plasma": [0x0d0887, 0x46039f, 0x7201a8, 0x9c179e, 0xbd3786, 0xd8576b, 0xed7953, 0xfb9f3a, 0xfdca26, 0xf0f921],
        "inferno": [
            0x000004, 0x1b0c41, 0x4a0c6b, 0x781c6d, 0xa52c60, 0xcf4446, 0xed6925, 0xfb9b06, 0xf7d13d, 0xfcffa4,
        ],
        "magma": [0x000004, 0x180f3d, 0x440f76, 0x721f81, 0x9e2f7f, 0xcd4071, 0xf1605d, 0xfd9668, 0xfeca8d, 0xfcfdbf],
        "cividis": [
            0x00224e, 0x123570, 0x3b496c, 0x575d6d, 0x707173, 0x8a8779, 0xa69d75, 0xc4b56c, 0xe4cf5b, 0xfee838,
        ],
        "gray": [0x000000, 0xffffff], "grey": [0x000000, 0xffffff], "Greys": [0xffffff, 0x000000],
        "binary": [0xffffff, 0x000000], "gist_gray": [0x000000, 0xffffff],
        "bone": [0x000000, 0x545474, 0xa7c7c7, 0xffffff],
        "Blues": [0xf7fbff, 0xc6dbef, 0x6baed6, 0x2171b5, 0x08306b],
        "Reds": [0xfff5f0, 0xfcbba1, 0xfb6a4a, 0xcb181d, 0x67000d],
        "Greens": [0xf7fcf5, 0xc7e9c0, 0x74c476, 0x238b45, 0x00441b],
        "Oranges": [0xfff5eb, 0xfdd0a2, 0xfd8d3c, 0xd94801, 0x7f2704],
        "Purples": [0xfcfbfd, 0xdadaeb, 0x9e9ac8, 0x6a51a3, 0x3f007d],
        "YlOrRd": [0xffffcc, 0xfeb24c, 0xfc4e2a, 0x800026], "YlGnBu": [0xffffd9, 0x7fcdbb, 0x1d91c0, 0x081d58],
        "coolwarm": [0x3b4cc0, 0x8db0fe, 0xdddddd, 0xf49a7b, 0xb40426], "bwr": [0x0000ff, 0xffffff, 0xff0000],
        "seismic": [0x00004c, 0x0000ff, 0xffffff, 0xff0000, 0x800000],
        "RdBu": [0x67001f, 0xd6604d, 0xf7f7f7, 0x4393c3, 0x053061],
        "RdYlBu": [0xa50026, 0xf46d43, 0xffffbf, 0x74add1, 0x313695],
        "RdYlGn": [0xa50026, 0xf46d43, 0xffffbf, 0x66bd63, 0x006837],
        "Spectral": [0x9e0142, 0xf46d43, 0xffffbf, 0x66c2a5, 0x5e4fa2],
        "PiYG": [0x8e0152, 0xf7f7f7, 0x276419], "PRGn": [0x40004b, 0xf7f7f7, 0x00441b],
        "cool": [0x00ffff, 0xff00ff], "spring": [0xff00ff, 0xffff00], "summer": [0x008066, 0xffff66],
        "autumn": [0xff0000, 0xffff00], "winter": [0x0000ff, 0x00ff80], "copper": [0x000000, 0xffc77f],
        "terrain": [0x333399, 0x00cc66, 0xffff99, 0x804c40, 0xffffff],
    ]

    static let listedTables: [String: [UInt32]] = [
        "tab10": [0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf],
        "Set1": [0xe41a1c, 0x377eb8, 0x4daf4a, 0x984ea3, 0xff7f00, 0xffff33, 0xa65628, 0xf781bf, 0x999999],
        "Set2": [0x66c2a5, 0xfc8d62, 0x8da0cb, 0xe78ac3, 0xa6d854, 0xffd92f, 0xe5c494, 0xb3b3b3],
        "Dark2": [0x1b9e77, 0xd95f02, 0x7570b3, 0xe7298a, 0x66a61e, 0xe6ab02, 0xa6761d, 0x666666],
        "Paired": [
            0xa6cee3, 0x1f78b4, 0xb2df8a, 0x33a02c, 0xfb9a99, 0xe31a1c, 0xfdbf6f, 0xff7f00, 0xcab2d6, 0x6a3d9a,
            0xffff99, 0xb15928,
        ],
        "Pastel1": [0xfbb4ae, 0xb3cde3, 0xccebc5, 0xdecbe4, 0xfed9a6, 0xffffcc, 0xe5d8bd, 0xfddaec, 0xf2f2f2],
        "Accent": [0x7fc97f, 0xbeaed4, 0xfdc086, 0xffff99, 0x386cb0, 0xf0027f, 0xbf5b17, 0x666666],
    ]

    public static let viridis =
        Colormap.named("viridis") ?? Colormap(name: "viridis", colors: [.black, .white], listed: false)
}
