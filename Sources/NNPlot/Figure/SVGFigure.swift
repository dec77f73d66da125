/// A matplotlib figure as an SVG document (`savefig('plot.svg')`): at 100 pixels an inch as
/// matplotlib saves, each axes with its frame, ticks at nice values, labels, title, legend and
/// colour bar; lines as polylines, points as circles, images and filled contours as rectangles.
public struct SVGFigure {
    public init() {}

    public func render(_ figure: Figure) -> String {
        let width = max(100, figure.size.width * 100)
        let height = max(100, figure.size.height * 100)
        var svg = SVGText()
        svg.add("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"no\"?>")
        svg.add(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))pt\" height=\"\(n(height))pt\" "
                + "viewBox=\"0 0 \(n(width)) \(n(height))\" version=\"1.1\">")
        svg.add("<title>\(escape(figure.suptitle ?? "NNLab figure"))</title>")
        svg.add("<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>")
        var top = 0.0
        if let suptitle = figure.suptitle {
            svg.add(text(suptitle, x: width / 2, y: 24, size: 14, anchor: "middle", extra: " font-weight=\"bold\""))
            top = 30
        }
        let grid = figure.grid
        for (index, axes) in figure.axes.enumerated() where !axes.isPlaceholder {
            // A GridSpec slice covers several cells.
            let cellWidth = width / Double(axes.place.columns) * Double(axes.place.columnSpan)
            let cellHeight = (height - top) / Double(axes.place.rows) * Double(axes.place.rowSpan)
            let x0 = Double(axes.place.column) * (width / Double(axes.place.columns))
            let y0 = top + Double(axes.place.row) * ((height - top) / Double(axes.place.rows))
            let right = axes.colorbar != nil ? 70.0 : 20.0
            let frame = (
                x: x0 + 62, y: y0 + (axes.title != nil ? 34 : 16), width: cellWidth - 62 - right,
                height: cellHeight - (axes.title != nil ? 34 : 16) - 48
            )
            _ = grid
            draw(axes, index: index, frame: frame, into: &svg)
        }
        svg.add("</svg>")
        return svg.text
    }

    struct SVGText {
        var text = ""
        mutating func add(_ line: String) { text += line + "\n" }
    }

    typealias Frame = (x: Double, y: Double, width: Double, height: Double)

    func draw(_ axes: Axes, index: Int, frame: Frame, into svg: inout SVGText) {
        guard frame.width > 10, frame.height > 10 else { return }
        let limits = Limits(axes)
        func px(_ value: Double) -> Double? { limits.u(value).map { frame.x + $0 * frame.width } }
        func py(_ value: Double) -> Double? { limits.v(value).map { frame.y + (1 - $0) * frame.height } }
        svg.add("<g id=\"axes_\(index + 1)\">")
        svg.add(
            "<clipPath id=\"clip_\(index + 1)\"><rect x=\"\(n(frame.x))\" y=\"\(n(frame.y))\" width=\"\(n(frame.width))\" "
                + "height=\"\(n(frame.height))\"/></clipPath>")
        let xTicks = ticks(axes, limits, horizontal: true, maximum: max(2, Int(saturating: frame.width / 60)))
        let yTicks = ticks(axes, limits, horizontal: false, maximum: max(2, Int(saturating: frame.height / 28)))
        if axes.grid {
            for tick in xTicks {
                if let x = px(tick.value) { svg.add(segment(x, frame.y, x, frame.y + frame.height, "#b0b0b0", 0.8)) }
            }
            for tick in yTicks {
                if let y = py(tick.value) { svg.add(segment(frame.x, y, frame.x + frame.width, y, "#b0b0b0", 0.8)) }
            }
        }
        svg.add("<g clip-path=\"url(#clip_\(index + 1))\">")
        let ordered = axes.artists.filter(\.isBackground) + axes.artists.filter { !$0.isBackground }
        for artist in ordered { draw(artist, limits, frame, px, py, into: &svg) }
        svg.add("</g>")
        if axes.axisVisible {
            svg.add(
                "<rect x=\"\(n(frame.x))\" y=\"\(n(frame.y))\" width=\"\(n(frame.width))\" height=\"\(n(frame.height))\" "
                    + "fill=\"none\" stroke=\"#000000\" stroke-width=\"0.8\"/>")
            for tick in xTicks {
                guard let x = px(tick.value), x >= frame.x - 0.5, x <= frame.x + frame.width + 0.5 else { continue }
                svg.add(segment(x, frame.y + frame.height, x, frame.y + frame.height + 3.5, "#000000", 0.8))
                svg.add(text(tick.label, x: x, y: frame.y + frame.height + 16, size: 10, anchor: "middle"))
            }
            for tick in yTicks {
                guard let y = py(tick.value), y >= frame.y - 0.5, y <= frame.y + frame.height + 0.5 else { continue }
                svg.add(segment(frame.x - 3.5, y, frame.x, y, "#000000", 0.8))
                svg.add(text(tick.label, x: frame.x - 6, y: y + 3.5, size: 10, anchor: "end"))
            }
        }
        if let title = axes.title {
            svg.add(text(title, x: frame.x + frame.width / 2, y: frame.y - 8, size: 12, anchor: "middle"))
        }
        if let label = axes.xLabel {
            svg.add(
                text(label, x: frame.x + frame.width / 2, y: frame.y + frame.height + 34, size: 10, anchor: "middle"))
        }
        if let label = axes.yLabel {
            let x = frame.x - 46
            let y = frame.y + frame.height / 2
            svg.add(
                text(label, x: x, y: y, size: 10, anchor: "middle", extra: " transform=\"rotate(-90 \(n(x)) \(n(y)))\"")
            )
        }
        if axes.legend { legend(axes, frame, into: &svg) }
        if axes.colorbar != nil, let (map, low, high) = axes.mappedRange { colorbar(map, low, high, frame, into: &svg) }
        svg.add("</g>")
    }

    func draw(
        _ artist: Artist, _ limits: Limits, _ frame: Frame, _ px: (Double) -> Double?, _ py: (Double) -> Double?,
        into svg: inout SVGText
    ) {
        let color = artist.color.hex
        let opacity = artist.alpha < 1 ? " opacity=\"\(n(artist.alpha))\"" : ""
        switch artist.kind {
        case .line(let xs, let ys):
            if artist.lineStyle != .none {
                // Points closer than a third of a pixel to the last one kept add nothing a viewer sees
                // (matplotlib simplifies its paths likewise), so long lines stay small.
                var runs: [[String]] = [[]]
                var kept: (Double, Double)?
                let pairs = Array(zip(xs, ys))
                for (index, (x, y)) in pairs.enumerated() {
                    guard let sx = px(x), let sy = py(y) else {
                        runs.append([])
                        kept = nil
                        continue
                    }
                    let last = index == pairs.count - 1
                    if let kept, !last, abs(sx - kept.0) < 0.34, abs(sy - kept.1) < 0.34 { continue }
                    runs[runs.count - 1].append("\(n(sx)),\(n(sy))")
                    kept = (sx, sy)
                }
                for run in runs where run.count > 1 {
                    svg.add(
                        "<polyline points=\"\(run.joined(separator: " "))\" fill=\"none\" stroke=\"\(color)\" "
                            + "stroke-width=\"\(n(artist.lineWidth))\"\(dash(artist.lineStyle))\(opacity)/>")
                }
            }
            if let marker = artist.marker {
                for (x, y) in zip(xs, ys) {
                    if let sx = px(x), let sy = py(y) {
                        svg.add(markerShape(marker, sx, sy, artist.markerSize / 2, color, opacity))
                    }
                }
            }
        case .scatter(let xs, let ys, let values, let colormap, let range):
            let finite = values?.filter(\.isFinite) ?? []
            let low = range?.0 ?? finite.min() ?? 0
            let high = range?.1 ?? finite.max() ?? 1
            for (index, (x, y)) in zip(xs, ys).enumerated() {
                guard let sx = px(x), let sy = py(y) else { continue }
                var fill = color
                if let values, index < values.count {
                    fill = colormap.color(high > low ? (values[index] - low) / (high - low) : 0.5).hex
                }
                svg.add(markerShape(artist.marker ?? "o", sx, sy, 3, fill, opacity))
            }
        case .image(let image):
            let b = image.bounds
            let step = max(1, max(image.rows, image.columns) / 200)
            for row in stride(from: 0, to: image.rows, by: step) {
                // Neighbours of one colour in a row are one rectangle (decision regions are mostly runs).
                var column = 0
                while column < image.columns {
                    let pixel = image.color(row: row, column: column)
                    var end = min(image.columns, column + step)
                    while end < image.columns, let next = image.color(row: row, column: end), let pixel,
                        next.hex == pixel.hex
                    {
                        end = min(image.columns, end + step)
                    }
                    defer { column = end }
                    guard let pixel else { continue }
                    let left = b.left + (b.right - b.left) * Double(column) / Double(image.columns)
                    let rightEdge = b.left + (b.right - b.left) * Double(end) / Double(image.columns)
                    let topEdge = b.top + (b.bottom - b.top) * Double(row) / Double(image.rows)
                    let bottom = b.top + (b.bottom - b.top) * Double(min(image.rows, row + step)) / Double(image.rows)
                    guard let x1 = px(left), let x2 = px(rightEdge), let y1 = py(topEdge), let y2 = py(bottom) else {
                        continue
                    }
                    svg.add(rect(min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1), pixel.hex, opacity))
                }
            }
        case .contour(let contour):
            let columns = contour.xs.count
            let rows = contour.ys.count
            guard columns > 1, rows > 1 else { return }
            let step = max(1, max(rows, columns) / 150)
            for row in stride(from: 0, to: rows - 1, by: step) {
                for column in stride(from: 0, to: columns - 1, by: step) {
                    let value = contour.values[min(contour.values.count - 1, row * columns + column)]
                    guard value.isFinite else { continue }
                    let band = contour.band(value)
                    let x1 = contour.xs[column]
                    let x2 = contour.xs[min(columns - 1, column + step)]
                    let y1 = contour.ys[row]
                    let y2 = contour.ys[min(rows - 1, row + step)]
                    guard let a = px(x1), let b = px(x2), let c = py(y1), let d = py(y2) else { continue }
                    if contour.filled {
                        svg.add(rect(min(a, b), min(c, d), abs(b - a) + 0.3, abs(d - c) + 0.3, band.color.hex, opacity))
                    } else {
                        let right = contour.values[
                            min(contour.values.count - 1, row * columns + min(columns - 1, column + step))]
                        let below = contour.values[
                            min(contour.values.count - 1, min(rows - 1, row + step) * columns + column)]
                        let stroke = (contour.fixedColor ?? band.color).hex
                        if contour.band(right).index != band.index { svg.add(segment(b, c, b, d, stroke, 1.2)) }
                        if contour.band(below).index != band.index { svg.add(segment(a, d, b, d, stroke, 1.2)) }
                    }
                }
            }
        case .bars(let positions, let heights, let width, let bottoms, let horizontal):
            for (index, position) in positions.enumerated() where index < heights.count {
                let bottom = index < bottoms.count ? bottoms[index] : 0
                let (x1, x2, y1, y2) =
                    horizontal
                    ? (px(bottom), px(bottom + heights[index]), py(position - width / 2), py(position + width / 2))
                    : (px(position - width / 2), px(position + width / 2), py(bottom), py(bottom + heights[index]))
                guard let x1, let x2, let y1, let y2 else { continue }
                svg.add(rect(min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1), color, opacity))
            }
        case .referenceLine(let value, let horizontal):
            if horizontal, let y = py(value) {
                svg.add(segment(frame.x, y, frame.x + frame.width, y, color, artist.lineWidth, dash(artist.lineStyle)))
            } else if !horizontal, let x = px(value) {
                svg.add(segment(x, frame.y, x, frame.y + frame.height, color, artist.lineWidth, dash(artist.lineStyle)))
            }
        case .band(let xs, let lower, let upper):
            let count = min(xs.count, lower.count, upper.count)
            var points: [String] = []
            for i in 0..<count { if let x = px(xs[i]), let y = py(upper[i]) { points.append("\(n(x)),\(n(y))") } }
            for i in (0..<count).reversed() {
                if let x = px(xs[i]), let y = py(lower[i]) { points.append("\(n(x)),\(n(y))") }
            }
            if points.count > 2 {
                svg.add(
                    "<polygon points=\"\(points.joined(separator: " "))\" fill=\"\(color)\" stroke=\"none\"\(opacity)/>"
                )
            }
        case .text(let x, let y, let content):
            if let sx = px(x), let sy = py(y) {
                svg.add(text(content, x: sx, y: sy, size: 10, anchor: "start", fill: color))
            }
        }
    }

    func legend(_ axes: Axes, _ frame: Frame, into svg: inout SVGText) {
        let entries = axes.labelled
        guard !entries.isEmpty else { return }
        let longest = entries.compactMap(\.label).map(\.count).max() ?? 0
        let boxWidth = Double(longest) * 6.2 + 44
        let boxHeight = Double(entries.count) * 16 + 8
        let x = frame.x + frame.width - boxWidth - 8
        let y = frame.y + 8
        svg.add("<g class=\"legend\">")
        svg.add(
            "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(boxWidth))\" height=\"\(n(boxHeight))\" fill=\"#ffffff\" "
                + "fill-opacity=\"0.8\" stroke=\"#cccccc\"/>")
        for (index, artist) in entries.enumerated() {
            let rowY = y + 14 + Double(index) * 16
            switch artist.kind {
            case .line, .referenceLine:
                if artist.lineStyle != .none {
                    svg.add(
                        segment(
                            x + 6, rowY - 4, x + 26, rowY - 4, artist.color.hex, artist.lineWidth,
                            dash(artist.lineStyle)))
                }
                if let marker = artist.marker {
                    svg.add(markerShape(marker, x + 16, rowY - 4, 3, artist.color.hex, ""))
                }
            case .scatter: svg.add(markerShape(artist.marker ?? "o", x + 16, rowY - 4, 3, artist.color.hex, ""))
            default: svg.add(rect(x + 6, rowY - 9, 20, 8, artist.color.hex, ""))
            }
            svg.add(text(artist.label ?? "", x: x + 32, y: rowY, size: 10, anchor: "start"))
        }
        svg.add("</g>")
    }

    func colorbar(_ map: Colormap, _ low: Double, _ high: Double, _ frame: Frame, into svg: inout SVGText) {
        let x = frame.x + frame.width + 12
        let steps = 50
        svg.add("<g class=\"colorbar\">")
        for step in 0..<steps {
            let y = frame.y + frame.height * Double(steps - step - 1) / Double(steps)
            svg.add(
                rect(x, y, 12, frame.height / Double(steps) + 0.3, map.color(Double(step) / Double(steps - 1)).hex, ""))
        }
        let values = Ticks.linear(min(low, high), max(low, high), maximum: 5)
        for (value, label) in zip(values, Ticks.labels(values)) {
            let y = frame.y + frame.height * (1 - (high > low ? (value - low) / (high - low) : 0.5))
            svg.add(segment(x + 12, y, x + 15, y, "#000000", 0.8))
            svg.add(text(label, x: x + 17, y: y + 3.5, size: 9, anchor: "start"))
        }
        svg.add("</g>")
    }

    func ticks(_ axes: Axes, _ limits: Limits, horizontal: Bool, maximum: Int) -> [(value: Double, label: String)] {
        if let given = horizontal ? axes.xTicks : axes.yTicks {
            let automatic = Ticks.labels(given.map(\.0))
            return given.enumerated().map { ($1.0, $1.1 ?? automatic[$0]) }
        }
        let values = limits.ticks(horizontal: horizontal, maximum: maximum)
        let log = horizontal ? limits.xLog : limits.yLog
        let labels = log ? Ticks.powerLabels(values, unicode: true) : Ticks.labels(values)
        return Array(zip(values, labels)).map { (value: $0.0, label: $0.1) }
    }

    func markerShape(_ marker: Character, _ x: Double, _ y: Double, _ r: Double, _ fill: String, _ opacity: String)
        -> String
    {
        switch marker {
        case "s": return rect(x - r, y - r, 2 * r, 2 * r, fill, opacity)
        case "^":
            return
                "<polygon points=\"\(n(x)),\(n(y - r)) \(n(x - r)),\(n(y + r)) \(n(x + r)),\(n(y + r))\" fill=\"\(fill)\"\(opacity)/>"
        case "x", "+":
            let d =
                marker == "x"
                ? "M\(n(x - r)),\(n(y - r))L\(n(x + r)),\(n(y + r))M\(n(x - r)),\(n(y + r))L\(n(x + r)),\(n(y - r))"
                : "M\(n(x - r)),\(n(y))L\(n(x + r)),\(n(y))M\(n(x)),\(n(y - r))L\(n(x)),\(n(y + r))"
            return "<path d=\"\(d)\" stroke=\"\(fill)\" stroke-width=\"1.5\" fill=\"none\"\(opacity)/>"
        default:
            return
                "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(marker == "." || marker == "," ? r / 2 : r))\" fill=\"\(fill)\"\(opacity)/>"
        }
    }

    func dash(_ style: Artist.LineStyle) -> String {
        switch style {
        case .dashed: " stroke-dasharray=\"5.55,2.4\""
        case .dotted: " stroke-dasharray=\"1.5,2.5\""
        case .dashDot: " stroke-dasharray=\"9.6,2.4,1.5,2.4\""
        case .solid, .none: ""
        }
    }

    func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, _ fill: String, _ extra: String) -> String {
        "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"\(fill)\"\(extra)/>"
    }

    func segment(
        _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ stroke: String, _ width: Double,
        _ extra: String = ""
    ) -> String {
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\"\(extra)/>"
    }

    func text(
        _ content: String, x: Double, y: Double, size: Double, anchor: String, fill: String = "#000000",
        extra: String = ""
    ) -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"\(n(size))\" "
            + "text-anchor=\"\(anchor)\" fill=\"\(fill)\"\(extra)>\(escape(content))</text>"
    }

    /// A coordinate with at most two decimals.
    func n(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let text = printf("%.2f", value)
        var trimmed = text
        if trimmed.contains(".") {
            while trimmed.last == "0" { trimmed.removeLast() }
            if trimmed.last == "." { trimmed.removeLast() }
        }
        return trimmed == "-0" ? "0" : trimmed
    }

    func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                if let ascii = character.asciiValue, ascii < 32, character != "\n", character != "\t" { continue }
                out.append(character)
            }
        }
        return out
    }
}
