/// How a `TerminalFigure` draws each kind of artist on a panel's canvas: lines in braille dots (or a
/// trail of marks without colour), points as marker glyphs, images, filled contours, bands and bars
/// as coloured cells, contour lines, reference lines and text.
extension TerminalFigure {
    static let asciiSeriesMarks: [Character] = ["*", "o", "+", "x", "#", "@", "%", "="]
    static let unicodeClassMarks: [Character] = ["●", "✕", "▲", "■", "◆", "★", "+", "•"]
    static let asciiClassMarks: [Character] = ["o", "x", "^", "#", "D", "*", "+", "."]

    /// The glyph for a matplotlib marker letter.
    func glyph(_ marker: Character?) -> Character {
        let unicode: [Character: Character] = [
            "o": "●", "s": "■", "^": "▲", "v": "▼", "<": "◀", ">": "▶", "x": "✕", "X": "✕",
            "+": "+", "P": "+", "*": "★", "D": "◆", "d": "◆", ".": "•", ",": "·", "p": "⬟", "h": "⬢",
        ]
        let ascii: [Character: Character] = [
            "o": "o", "s": "#", "^": "^", "v": "v", "<": "<", ">": ">", "x": "x", "X": "x",
            "+": "+", "P": "+", "*": "*", "D": "D", "d": "D", ".": ".", ",": ".", "p": "@", "h": "@",
        ]
        let letter = marker ?? "o"
        return (style.unicode ? unicode[letter] : ascii[letter]) ?? (style.unicode ? "●" : "o")
    }

    /// A scatter's mark: its marker's glyph, or without colour, when several scatters share the
    /// axes, a mark of its own for each (as the colour cycle would tell them apart).
    func scatterMark(_ artist: Artist, _ index: Int, among count: Int) -> Character {
        guard !style.color, artist.marker == nil, count > 1 else { return glyph(artist.marker) }
        return (style.unicode ? TerminalFigure.unicodeClassMarks : TerminalFigure.asciiClassMarks)[index % 8]
    }

    /// Whether the figure's lines need a mark of their own to tell apart (no colour, several lines).
    func lineMark(_ index: Int, among count: Int) -> Character? {
        guard !style.color, count > 1 else { return nil }
        return (style.unicode ? ["•", "○", "+", "×", "■", "◆", "▲", "★"] : TerminalFigure.asciiSeriesMarks)[index % 8]
    }

    func draw(_ axes: Axes, _ limits: Limits, on canvas: inout Canvas) {
        let dotsWide = canvas.dotsWide
        let dotsHigh = canvas.dotsHigh
        func dotX(_ u: Double) -> Int { Int(saturating: (u * Double(dotsWide - 1)).rounded()) }
        func dotY(_ v: Double) -> Int { Int(saturating: ((1 - v) * Double(dotsHigh - 1)).rounded()) }
        func cell(_ x: Double, _ y: Double) -> (Int, Int)? {
            guard let u = limits.u(x), let v = limits.v(y), u >= -0.001, u <= 1.001, v >= -0.001, v <= 1.001 else {
                return nil
            }
            return (Int(saturating: (u * Double(canvas.width - 1)).rounded()), row(v, canvas.height))
        }
        let lineCount = axes.artists.filter { if case .line = $0.kind { true } else { false } }.count
        var lineIndex = 0
        var scatterIndex = 0
        let scatterCount = axes.artists.filter(\.isScatter).count
        var fillIndex = 0
        // Filled things first, then lines, then points (so that a line through them leaves them seen), text last.
        let order: [Artist] =
            axes.artists.filter(\.isBackground)
            + axes.artists.filter { !$0.isBackground && !$0.isText && !$0.isScatter }
            + axes.artists.filter(\.isScatter) + axes.artists.filter(\.isText)
        for artist in order {
            let color = artist.alpha < 1 ? artist.color.blended(over: .white, alpha: artist.alpha) : artist.color
            switch artist.kind {
            case .image(let image):
                for column in 0..<canvas.width {
                    for half in 0..<(canvas.height * 2) {
                        let x = limits.xValue((Double(column) + 0.5) / Double(canvas.width))
                        let y = limits.yValue(1 - (Double(half) + 0.5) / Double(canvas.height * 2))
                        let b = image.bounds
                        let c = Int(
                            saturating: ((x - b.left) / (b.right - b.left) * Double(image.columns)).rounded(.down))
                        let r = Int(saturating: ((y - b.top) / (b.bottom - b.top) * Double(image.rows)).rounded(.down))
                        guard let pixel = image.color(row: r, column: c) else { continue }
                        canvas.fill(
                            column, half,
                            color: artist.alpha < 1 ? pixel.blended(over: .white, alpha: artist.alpha) : pixel,
                            shade: -1)
                    }
                }
            case .contour(let contour) where contour.filled:
                for column in 0..<canvas.width {
                    for half in 0..<(canvas.height * 2) {
                        let x = limits.xValue((Double(column) + 0.5) / Double(canvas.width))
                        let y = limits.yValue(1 - (Double(half) + 0.5) / Double(canvas.height * 2))
                        guard let value = contour.value(x: x, y: y), value.isFinite else { continue }
                        let band = contour.band(value)
                        let shown =
                            artist.alpha < 1 ? band.color.blended(over: .white, alpha: artist.alpha) : band.color
                        canvas.fill(column, half, color: shown, shade: band.index)
                    }
                }
            case .contour(let contour):
                var previous: [Int?] = []
                for y in 0..<dotsHigh {
                    var current: [Int?] = []
                    for x in 0..<dotsWide {
                        let value = contour.value(
                            x: limits.xValue(Double(x) / Double(max(1, dotsWide - 1))),
                            y: limits.yValue(1 - Double(y) / Double(max(1, dotsHigh - 1))))
                        let band = value.map { contour.band($0) }
                        let level = value.map { contour.level($0) }
                        current.append(level)
                        let left = x > 0 ? current[x - 1] : level
                        let above = y > 0 ? previous[x] : level
                        if let level, level != left || level != above {
                            canvas.dot(x, y, color: contour.fixedColor ?? band?.color ?? color, mark: "~")
                        }
                    }
                    previous = current
                }
            case .band(let xs, let lower, let upper):
                let shade = fillIndex
                fillIndex += 1
                for column in 0..<canvas.width {
                    let x = limits.xValue((Double(column) + 0.5) / Double(canvas.width))
                    guard let (low, high) = TerminalFigure.interpolate(x, xs, lower, upper) else { continue }
                    for half in 0..<(canvas.height * 2) {
                        let y = limits.yValue(1 - (Double(half) + 0.5) / Double(canvas.height * 2))
                        if y >= min(low, high) && y <= max(low, high) {
                            canvas.fill(column, half, color: color, shade: shade)
                        }
                    }
                }
            case .bars(let positions, let heights, let width, let bottoms, let horizontal):
                let shade = fillIndex
                fillIndex += 1
                for (index, position) in positions.enumerated() where index < heights.count {
                    let bottom = index < bottoms.count ? bottoms[index] : 0
                    let a = position - width / 2
                    let b = position + width / 2
                    let c = bottom
                    let d = bottom + heights[index]
                    for column in 0..<canvas.width {
                        let x = limits.xValue((Double(column) + 0.5) / Double(canvas.width))
                        for half in 0..<(canvas.height * 2) {
                            let y = limits.yValue(1 - (Double(half) + 0.5) / Double(canvas.height * 2))
                            let (along, across) = horizontal ? (y, x) : (x, y)
                            if along >= a && along <= b && across >= min(c, d) && across <= max(c, d) {
                                canvas.fill(column, half, color: color, shade: shade)
                            }
                        }
                    }
                }
            case .line(let xs, let ys):
                let mark = lineMark(lineIndex, among: lineCount)
                lineIndex += 1
                var counter = 0
                if artist.lineStyle != .none && mark == nil {
                    var previous: (Int, Int)?
                    for (x, y) in zip(xs, ys) {
                        guard let u = limits.u(x), let v = limits.v(y) else {
                            previous = nil
                            continue
                        }
                        let point = (dotX(u), dotY(v))
                        canvas.line(
                            from: previous ?? point, to: point, color: color,
                            mark: TerminalFigure.asciiSeriesMarks[(lineIndex - 1) % 8], pattern: artist.lineStyle,
                            counter: &counter)
                        previous = point
                    }
                } else if let mark, artist.lineStyle != .none {
                    // Without colour, each line is a trail of its own mark, a cell apart.
                    var previous: (Int, Int)?
                    for (x, y) in zip(xs, ys) {
                        guard let (column, row) = cell(x, y) else {
                            previous = nil
                            continue
                        }
                        for (c, r) in Canvas.segment(previous ?? (column, row), (column, row), limit: 10_000) {
                            canvas.put(mark, c, r, color: color)
                        }
                        previous = (column, row)
                    }
                }
                if let marker = artist.marker {
                    for (x, y) in zip(xs, ys) {
                        if let (column, row) = cell(x, y) { canvas.put(glyph(marker), column, row, color: color) }
                    }
                }
            case .scatter(let xs, let ys, let values, let colormap, let range):
                let classes = TerminalFigure.classes(values)
                let seriesMark = scatterMark(artist, scatterIndex, among: scatterCount)
                scatterIndex += 1
                let low = range?.0 ?? values?.filter(\.isFinite).min() ?? 0
                let high = range?.1 ?? values?.filter(\.isFinite).max() ?? 1
                for (index, (x, y)) in zip(xs, ys).enumerated() {
                    guard let (column, row) = cell(x, y) else { continue }
                    var pointColor = color
                    var mark = seriesMark
                    if let values, index < values.count {
                        pointColor = colormap.color(high > low ? (values[index] - low) / (high - low) : 0.5)
                        if !style.color, let classes, let position = classes.firstIndex(of: values[index]) {
                            mark =
                                (style.unicode ? TerminalFigure.unicodeClassMarks : TerminalFigure.asciiClassMarks)[
                                    position % 8]
                        }
                    }
                    canvas.put(mark, column, row, color: pointColor)
                }
            case .referenceLine(let value, let horizontal):
                var counter = 0
                if horizontal, let v = limits.v(value), v >= 0, v <= 1 {
                    canvas.line(
                        from: (0, dotY(v)), to: (dotsWide - 1, dotY(v)), color: color, mark: "-",
                        pattern: artist.lineStyle, counter: &counter)
                } else if !horizontal, let u = limits.u(value), u >= 0, u <= 1 {
                    canvas.line(
                        from: (dotX(u), 0), to: (dotX(u), dotsHigh - 1), color: color, mark: "|",
                        pattern: artist.lineStyle, counter: &counter)
                }
            case .text(let x, let y, let text):
                guard let (column, row) = cell(x, y) else { continue }
                for (offset, character) in text.enumerated() {
                    canvas.put(character, column + offset, row, color: color)
                }
            }
        }
    }

    /// A few whole-number values (class labels) in order, or nil.
    static func classes(_ values: [Double]?) -> [Double]? {
        guard let values else { return nil }
        let distinct = Set(values.filter(\.isFinite))
        guard distinct.count <= 8, distinct.allSatisfy({ $0 == $0.rounded() }) else { return nil }
        return distinct.sorted()
    }

    static func interpolate(_ x: Double, _ xs: [Double], _ lower: [Double], _ upper: [Double]) -> (Double, Double)? {
        let count = min(xs.count, lower.count, upper.count)
        guard count > 0 else { return nil }
        for i in 0..<count {
            if xs[i] == x { return (lower[i], upper[i]) }
            if i + 1 < count, (xs[i] - x) * (xs[i + 1] - x) < 0 {
                let t = (x - xs[i]) / (xs[i + 1] - xs[i])
                return (lower[i] + t * (lower[i + 1] - lower[i]), upper[i] + t * (upper[i + 1] - upper[i]))
            }
        }
        return nil
    }
}

extension Artist {
    public var isBackground: Bool {
        switch kind {
        case .image, .bars, .band: true
        case .contour(let contour): contour.filled
        default: false
        }
    }

    public var isText: Bool { if case .text = kind { true } else { false } }

    public var isScatter: Bool { if case .scatter = kind { true } else { false } }
}
