/// A matplotlib figure drawn in the terminal: each axes a panel with its title, y tick labels, plot
/// area, x axis, labels, legend and colour bar; a grid's panels side by side as far as the width
/// allows, wrapping to the next band of panels beyond it.
public struct TerminalFigure {
    public let style: Style
    public init(style: Style) { self.style = style }

    static let gap = 3

    public func render(_ figure: Figure) -> String {
        var lines: [String] = []
        if let suptitle = figure.suptitle {
            lines.append(centred(style.emphasis(suptitle), suptitle.count, style.width))
        }
        let axes = figure.axes.sorted {
            (Double($0.place.row) / Double($0.place.rows), $0.place.column) < (
                Double($1.place.row) / Double($1.place.rows), $1.place.column
            )
        }
        guard !axes.isEmpty else { return lines.map { $0 + "\n" }.joined() }
        let grid = figure.grid
        let onlyImages = axes.allSatisfy(\.isImage)
        let minimum = onlyImages ? 14 : 30
        var perLine = grid.columns
        while perLine > 1 && (style.width - TerminalFigure.gap * (perLine - 1)) / perLine < minimum { perLine -= 1 }
        let panelWidth = (style.width - TerminalFigure.gap * (perLine - 1)) / perLine
        let aspect = (figure.size.height / Double(grid.rows)) / (figure.size.width / Double(grid.columns))
        // Bands of panels: the grid's rows when they fit, else runs of `perLine`.
        var bands: [[Axes]] = []
        for axes in axes {
            if let last = bands.last, last.count < perLine,
                perLine < grid.columns
                    || last.first.map({ $0.place.row * grid.rows / $0.place.rows }) == axes.place.row * grid.rows
                        / axes.place.rows
            {
                bands[bands.count - 1].append(axes)
            } else {
                bands.append([axes])
            }
        }
        for (index, band) in bands.enumerated() {
            let panels = band.map { panel($0, width: panelWidth, aspect: aspect) }
            let height = panels.map(\.count).max() ?? 0
            for row in 0..<height {
                var line = ""
                for (column, panel) in panels.enumerated() {
                    let (text, visible) = row < panel.count ? panel[row] : ("", 0)
                    let last = column == panels.count - 1
                    line +=
                        text
                        + (last ? "" : String(repeating: " ", count: max(0, panelWidth - visible) + TerminalFigure.gap))
                }
                lines.append(trimmed(line))
            }
            if index < bands.count - 1 { lines.append("") }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// Removes trailing spaces (never inside escapes).
    func trimmed(_ line: String) -> String {
        var copy = line
        while copy.last == " " { copy.removeLast() }
        return copy
    }

    func centred(_ text: String, _ visible: Int, _ width: Int) -> String {
        String(repeating: " ", count: max(0, (width - visible) / 2)) + text
    }

    /// One axes as lines of text, each with its visible width.
    func panel(_ axes: Axes, width: Int, aspect: Double) -> [(String, Int)] {
        var out: [(String, Int)] = []
        let limits = Limits(axes)
        // The y tick labels decide the plot's left edge.
        var plotHeight = 0
        var plotWidth = 0
        let firstGuessWidth = max(8, width - 8)
        plotHeight =
            axes.isImage
            ? imageHeight(axes, width: firstGuessWidth)
            : min(16, max(5, Int(saturating: (Double(firstGuessWidth) * aspect * 0.4).rounded())))
        let yTicks = tickMarks(axes, limits, horizontal: false, maximum: max(3, plotHeight / 3))
        let labelWidth = axes.axisVisible ? (yTicks.map(\.label.count).max() ?? 0) : 0
        plotWidth = max(4, width - labelWidth - 2)
        if axes.isImage { plotWidth = min(plotWidth, imageWidth(axes, height: plotHeight, maximum: plotWidth)) }
        let left = labelWidth + 2
        if let title = axes.title { out.append((centred(style.emphasis(title), title.count, left + plotWidth), 0)) }
        if let yLabel = axes.yLabel, !yLabel.isEmpty { out.append((style.note(yLabel), yLabel.count)) }
        var canvas = Canvas(width: plotWidth, height: plotHeight, style: style)
        if axes.grid { drawGrid(&canvas, axes, limits, yTicks) }
        draw(axes, limits, on: &canvas)
        let tickRows = Dictionary(yTicks.map { (row(limits.v($0.value) ?? 0, plotHeight), $0.label) }) { first, _ in
            first
        }
        let vertical = style.unicode ? "│" : "|"
        let tickMark = style.unicode ? "┤" : "+"
        for row in 0..<plotHeight {
            let label = tickRows[row] ?? ""
            let prefix =
                axes.axisVisible
                ? String(repeating: " ", count: labelWidth - label.count) + label + " "
                    + (tickRows[row] == nil ? vertical : tickMark) : "  "
            out.append((prefix + canvas.row(row), left + plotWidth))
        }
        if axes.axisVisible {
            let xTicks = tickMarks(axes, limits, horizontal: true, maximum: max(2, plotWidth / 10))
            var axisLine = Array(repeating: style.unicode ? "─" : "-", count: plotWidth)
            var labelLine = Array(repeating: Character(" "), count: left + plotWidth + 8)
            var nextFree = 0
            for tick in xTicks {
                guard let u = limits.u(tick.value), u >= -1e-9, u <= 1 + 1e-9 else { continue }
                let column = min(plotWidth - 1, max(0, Int(saturating: (u * Double(plotWidth - 1)).rounded())))
                axisLine[column] = style.unicode ? "┬" : "+"
                let start = max(0, left + column - tick.label.count / 2)
                guard start >= nextFree, start + tick.label.count <= labelLine.count else { continue }
                for (offset, character) in tick.label.enumerated() { labelLine[start + offset] = character }
                nextFree = start + tick.label.count + 1
            }
            out.append(
                (
                    String(repeating: " ", count: labelWidth + 1) + (style.unicode ? "└" : "+") + axisLine.joined(),
                    left + plotWidth
                ))
            let labels = trimmed(String(labelLine))
            if !labels.isEmpty { out.append((labels, labels.count)) }
        }
        if let xLabel = axes.xLabel, !xLabel.isEmpty {
            out.append((centred(style.note(xLabel), xLabel.count, left + plotWidth), 0))
        }
        out += legend(axes, width: width)
        if let colorbar = axes.colorbar { out.append(colorbarLine(axes, label: colorbar)) }
        return out.map { ($0.0, $0.1 == 0 ? visibleCount($0.0) : $0.1) }
    }

    /// Characters that show (escape sequences take no columns).
    func visibleCount(_ text: String) -> Int {
        var count = 0
        var inEscape = false
        for character in text {
            if character == "\u{1B}" {
                inEscape = true
            } else if inEscape {
                if character == "m" { inEscape = false }
            } else {
                count += 1
            }
        }
        return count
    }

    func row(_ v: Double, _ height: Int) -> Int {
        min(height - 1, max(0, Int(saturating: ((1 - v) * Double(height - 1)).rounded())))
    }

    /// Tick values and labels: the program's own, or nice ones.
    func tickMarks(_ axes: Axes, _ limits: Limits, horizontal: Bool, maximum: Int) -> [(value: Double, label: String)] {
        if let given = horizontal ? axes.xTicks : axes.yTicks {
            let values = given.map(\.0)
            let automatic = Ticks.labels(values, minus: style.minus)
            return given.enumerated().map { ($1.0, $1.1 ?? automatic[$0]) }
        }
        let values = limits.ticks(horizontal: horizontal, maximum: maximum)
        let log = horizontal ? limits.xLog : limits.yLog
        let labels = log ? Ticks.powerLabels(values, unicode: style.unicode) : Ticks.labels(values, minus: style.minus)
        return Array(zip(values, labels)).map { (value: $0.0, label: $0.1) }
    }

    /// Rows for an image axes: its pixel rows at half a row each, scaled to fit.
    func imageHeight(_ axes: Axes, width: Int) -> Int {
        guard let image = axes.firstImage else { return 8 }
        let scale = min(Double(width) / Double(image.columns), 32.0 / Double(image.rows), 2)
        return max(2, Int(saturating: (Double(image.rows) * scale / 2).rounded()))
    }

    func imageWidth(_ axes: Axes, height: Int, maximum: Int) -> Int {
        guard let image = axes.firstImage else { return maximum }
        let width = (Double(image.columns) * Double(height * 2) / Double(image.rows)).rounded()
        return min(maximum, max(2, Int(saturating: width)))
    }

    func drawGrid(_ canvas: inout Canvas, _ axes: Axes, _ limits: Limits, _ yTicks: [(value: Double, label: String)]) {
        let grey = Color(0.6, 0.6, 0.6)
        for tick in yTicks {
            guard let v = limits.v(tick.value) else { continue }
            let r = row(v, canvas.height)
            for column in stride(from: 0, to: canvas.width, by: 2) {
                canvas.put(style.unicode ? "·" : ".", column, r, color: grey, dim: true)
            }
        }
        for tick in tickMarks(axes, limits, horizontal: true, maximum: max(2, canvas.width / 10)) {
            guard let u = limits.u(tick.value), u >= 0, u <= 1 else { continue }
            let column = Int(saturating: (u * Double(canvas.width - 1)).rounded())
            for r in stride(from: 0, to: canvas.height, by: 1) {
                canvas.put(style.unicode ? "·" : ".", column, r, color: grey, dim: true)
            }
        }
    }

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
                        for (c, r) in TerminalFigure.segment(previous ?? (column, row), (column, row)) {
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

    static func segment(_ a: (Int, Int), _ b: (Int, Int)) -> [(Int, Int)] {
        var points: [(Int, Int)] = []
        var (x, y) = a
        let dx = abs(b.0 - a.0)
        let dy = -abs(b.1 - a.1)
        let sx = a.0 < b.0 ? 1 : -1
        let sy = a.1 < b.1 ? 1 : -1
        var error = dx + dy
        while points.count < 10_000 {
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

    /// One line of legend entries (wrapped to the panel's width).
    func legend(_ axes: Axes, width: Int) -> [(String, Int)] {
        var entries: [(String, Int)] = []
        let lineCount = axes.artists.filter { if case .line = $0.kind { true } else { false } }.count
        var lineIndex = 0
        var scatterIndex = 0
        let scatterCount = axes.artists.filter(\.isScatter).count
        var fillIndex = 0
        for artist in axes.artists {
            var sample: String
            switch artist.kind {
            case .line:
                let mark = lineMark(lineIndex, among: lineCount)
                lineIndex += 1
                if let marker = artist.marker, artist.lineStyle == .none {
                    sample = String(glyph(marker))
                } else if let mark {
                    sample = String(repeating: mark, count: 2)
                } else {
                    sample =
                        style.unicode
                        ? (artist.lineStyle == .dashed ? "╌╌" : "──") : (artist.lineStyle == .dashed ? "- " : "--")
                }
            case .referenceLine: sample = style.unicode ? "──" : "--"
            case .scatter(_, _, let values, let colormap, let range):
                if let classes = TerminalFigure.classes(values), axes.legend || artist.label == nil {
                    let low = range?.0 ?? classes.first ?? 0
                    let high = range?.1 ?? classes.last ?? 1
                    for (position, value) in classes.enumerated() {
                        let mark =
                            style.color
                            ? glyph(artist.marker)
                            : (style.unicode ? TerminalFigure.unicodeClassMarks : TerminalFigure.asciiClassMarks)[
                                position % 8]
                        let color = colormap.color(high > low ? (value - low) / (high - low) : 0.5)
                        let name = Ticks.labels([value], minus: style.minus)[0]
                        entries.append((paint(String(mark), color) + " " + name, name.count + 2))
                    }
                    continue
                }
                sample = String(scatterMark(artist, scatterIndex, among: scatterCount))
                scatterIndex += 1
            case .bars, .band, .contour, .image:
                let fills = style.unicode ? Canvas.unicodeFills : Canvas.asciiFills
                sample =
                    style.color
                    ? (style.unicode ? "██" : "##") : String(repeating: fills[fillIndex % fills.count], count: 2)
                fillIndex += 1
            case .text: continue
            }
            guard axes.legend, let label = artist.label, !label.isEmpty, !label.hasPrefix("_") else { continue }
            let color = artist.alpha < 1 ? artist.color.blended(over: .white, alpha: artist.alpha) : artist.color
            entries.append((paint(sample, color) + " " + label, sample.count + 1 + label.count))
        }
        guard !entries.isEmpty else { return [] }
        var lines: [(String, Int)] = []
        var current = ""
        var visible = 0
        for (text, count) in entries {
            if visible > 0 && visible + 3 + count > width {
                lines.append((current, visible))
                current = ""
                visible = 0
            }
            current += (visible > 0 ? "   " : "") + text
            visible += (visible > 0 ? 3 : 0) + count
        }
        lines.append((current, visible))
        return lines
    }

    func paint(_ text: String, _ color: Color) -> String { style.paint(text, "38;5;\(color.ansi256)") }

    /// The colour bar as one line: the low value, the map's colours, the high value.
    func colorbarLine(_ axes: Axes, label: String) -> (String, Int) {
        guard let (map, low, high) = axes.mappedRange else { return ("", 0) }
        let numbers = Ticks.labels([low, high], minus: style.minus)
        var bar = ""
        for index in 0..<20 {
            let color = map.color(Double(index) / 19)
            if style.color {
                bar += style.paint(
                    style.unicode ? "█" : " ", style.unicode ? "38;5;\(color.ansi256)" : "48;5;\(color.ansi256)")
            } else {
                let shades = style.unicode ? Canvas.unicodeShades : Canvas.asciiShades
                let shade = Int(saturating: (color.luminance * Double(shades.count - 1)).rounded())
                bar.append(shades[min(shades.count - 1, max(0, shade))])
            }
        }
        let name = label.isEmpty ? "" : " " + label
        return (numbers[0] + " " + bar + " " + numbers[1] + name, numbers[0].count + 22 + numbers[1].count + name.count)
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

extension Axes {
    /// Whether the axes shows only images (then it keeps the image's shape).
    var isImage: Bool { !artists.isEmpty && artists.allSatisfy { if case .image = $0.kind { true } else { false } } }

    var firstImage: ImageData? {
        for artist in artists { if case .image(let image) = artist.kind { return image } }
        return nil
    }

    /// The colour map and value range a colour bar shows: the last image, filled contour or coloured scatter.
    public var mappedRange: (Colormap, Double, Double)? {
        // Images and filled contours first (a colour bar shows them rather than the points on top).
        for artist in artists.reversed() {
            switch artist.kind {
            case .image(let image) where image.channels == 1: return (image.colormap, image.range.low, image.range.high)
            case .contour(let contour) where contour.filled && contour.levels.count > 1:
                return (contour.colormap, contour.levels.first ?? 0, contour.levels.last ?? 1)
            default: continue
            }
        }
        for artist in artists.reversed() {
            switch artist.kind {
            case .contour(let contour) where contour.levels.count > 1:
                return (contour.colormap, contour.levels.first ?? 0, contour.levels.last ?? 1)
            case .scatter(_, _, let values?, let colormap, let range):
                let finite = values.filter(\.isFinite)
                return (colormap, range?.0 ?? finite.min() ?? 0, range?.1 ?? finite.max() ?? 1)
            default: continue
            }
        }
        return nil
    }
}
