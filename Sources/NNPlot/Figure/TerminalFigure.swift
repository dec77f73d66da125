/// A matplotlib figure drawn in the terminal: each axes a panel with its title, y tick labels, plot
/// area, x axis, labels, legend and colour bar; a grid's panels side by side as far as the width
/// allows, wrapping to the next band of panels beyond it. This file lays out the figure and its
/// panels; `TerminalFigure+Artists.swift` draws the artists inside a panel.
public struct TerminalFigure {
    public let style: Style
    public init(style: Style) { self.style = style }

    static let gap = 3

    public func render(_ figure: Figure) -> String {
        var lines: [String] = []
        if let suptitle = figure.suptitle {
            lines.append(centred(style.emphasis(suptitle), suptitle.count, style.width))
        }
        let axes = figure.axes.filter { !$0.isPlaceholder }.sorted {
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
            // A GridSpec block spanning columns is as wide as its columns (with the gaps between them).
            let widths = band.map { axes in
                let span = min(axes.place.columnSpan, grid.columns - axes.place.column)
                guard span > 1, perLine == grid.columns else { return panelWidth }
                if axes.place.column + span == grid.columns {
                    return style.width - axes.place.column * (panelWidth + TerminalFigure.gap)
                }
                return span * panelWidth + (span - 1) * TerminalFigure.gap
            }
            let panels = zip(band, widths).map { panel($0, width: $1, aspect: aspect) }
            let height = panels.map(\.count).max() ?? 0
            for row in 0..<height {
                var line = ""
                for (column, panel) in panels.enumerated() {
                    let (text, visible) = row < panel.count ? panel[row] : ("", 0)
                    let last = column == panels.count - 1
                    line +=
                        text
                        + (last
                            ? "" : String(repeating: " ", count: max(0, widths[column] - visible) + TerminalFigure.gap))
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
