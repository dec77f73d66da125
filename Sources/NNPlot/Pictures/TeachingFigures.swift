/// NNLab's teaching pictures as figures: the same data the terminal drawings show (the decision
/// regions, a weight matrix, the network and its numbers, several loss curves), as axes and artists
/// that `SVGFigure` writes for a notebook.
extension PictureFigures {
    /// TensorFlow Playground's blue and orange as the terminal's 256-colour codes draw them.
    static let positive = Color.xterm(25)
    static let negative = Color.xterm(208)
    /// Blue for negative, white for zero, orange for positive, as `heatmap` colours its cells.
    static let signedMap = Colormap(name: "nnlab_signed", colors: [positive, .white, negative], listed: false)

    /// The resolution of an SVG's decision regions (finer than a terminal's cells).
    public static let regionColumns = 96
    public static let regionRows = 72

    /// One chart of curves: its title, its series, and a fixed y range or a log scale.
    public struct Chart {
        public var title: String?
        public var series: [LineChart.Series]
        public var yRange: (Double, Double)?
        public var logScale = false

        public init(title: String?, series: [LineChart.Series], yRange: (Double, Double)? = nil, logScale: Bool = false)
        {
            self.title = title
            self.series = series
            self.yRange = yRange
            self.logScale = logScale
        }
    }

    /// Charts side by side (`compare`'s loss and accuracy, several runs in each).
    public static func charts(_ charts: [Chart], xLabel: String) -> Figure {
        let figure = Figure(size: (max(6.4, 4.8 * Double(charts.count)), 4.8))
        for (index, chart) in charts.enumerated() {
            let axes = figure.axes(at: Axes.Place(rows: 1, columns: charts.count, index: index + 1))
            fill(axes, chart, xLabel: xLabel)
        }
        return figure
    }

    /// Draws a chart's curves on `axes` against 0, 1, 2, … (epochs start at 1).
    static func fill(_ axes: Axes, _ chart: Chart, xLabel: String) {
        let start = xLabel == "epoch" ? 1.0 : 0.0
        for (index, line) in chart.series.enumerated() {
            let xs = line.values.indices.map { start + Double($0) }
            let ys = line.values.map { Double($0) }
            let color = Color.cycle[index % Color.cycle.count]
            axes.artists.append(Artist(.line(xs: xs, ys: ys), color: color, label: line.name))
        }
        axes.title = chart.title
        axes.xLabel = xLabel
        axes.legend = chart.series.count > 1 || chart.series.first.map { $0.name != "values" } ?? false
        if let yRange = chart.yRange { axes.yLimits = (yRange.0, yRange.1) }
        if chart.logScale { axes.yScale = .log }
    }

    /// One model's decision regions for `boundary`.
    public struct BoundaryPanel {
        public var title: String?
        public var regions: DecisionBoundary.Regions
        public init(title: String?, regions: DecisionBoundary.Regions) {
            self.title = title
            self.regions = regions
        }
    }

    /// `plot_boundary`: each model's regions as an image (the class's pale colour, fading to white
    /// where the model is unsure) with the points on top, one scatter per class.
    public static func boundary(
        _ panels: [BoundaryPanel], xs: [Float], ys: [Float], labels: [Float],
        featureNames: (String, String) = ("X[:, 0]", "X[:, 1]")
    ) -> Figure {
        let figure = Figure(size: (max(6.4, 4.8 * Double(panels.count)), 4.8))
        for (index, panel) in panels.enumerated() {
            let axes = figure.axes(at: Axes.Place(rows: 1, columns: panels.count, index: index + 1))
            drawBoundary(panel, on: axes, xs: xs, ys: ys, labels: labels)
            axes.xLabel = featureNames.0
            axes.yLabel = featureNames.1
        }
        return figure
    }

    /// The regions and points of one panel on `axes`.
    static func drawBoundary(_ panel: BoundaryPanel, on axes: Axes, xs: [Float], ys: [Float], labels: [Float]) {
        let regions = panel.regions
        var pixels: [Double] = []
        pixels.reserveCapacity(regions.cells.count * 3)
        for cell in regions.cells {
            let pale = regionColor(cell.label, pale: true)
            // Five shades from white (unsure) to the class's pale colour (sure), as Playground fades them.
            let sureness = (Double(min(1, max(0, cell.confidence))) * 4).rounded() / 4
            let shade = pale.blended(over: .white, alpha: sureness)
            pixels += [shade.red, shade.green, shade.blue]
        }
        var image = ImageData(
            rows: regions.rows, columns: regions.columns, channels: 3, values: pixels, colormap: Colormap.viridis)
        image.extent = (
            Double(regions.left), Double(regions.right), Double(regions.bottom), Double(regions.top)
        )
        axes.artists.append(Artist(.image(image), color: .white))
        let count = min(xs.count, ys.count)
        var byClass: [Int: [Int]] = [:]
        for i in 0..<count where !labels.isEmpty {
            guard let label = Int(truncating: labels[min(i, labels.count - 1)]), label >= 0 else { continue }
            byClass[label, default: []].append(i)
        }
        for label in byClass.keys.sorted() {
            let members = byClass[label] ?? []
            var points = Artist(
                .scatter(
                    xs: members.map { Double(xs[$0]) }, ys: members.map { Double(ys[$0]) }, values: nil,
                    colormap: Colormap.viridis, range: nil),
                color: regionColor(label, pale: false), label: "class \(label)")
            points.marker = "o"
            axes.artists.append(points)
        }
        axes.title = panel.title
        axes.legend = true
    }

    /// A class's region colour (pale) or point colour (strong), as the terminal draws them.
    static func regionColor(_ label: Int, pale: Bool) -> Color {
        let palette = DecisionBoundary.regionColors[max(0, label) % DecisionBoundary.regionColors.count]
        return Color.xterm(pale ? palette.pale : palette.strong)
    }

    /// `heatmap(W)`: the matrix as an image, blue negative and orange positive on a scale symmetric
    /// about zero, with a colour bar; each value written in its cell when `numbers` (small matrices).
    public static func heatmap(
        _ values: [Float], rows: Int, columns: Int, title: String, numbers: Bool = false,
        rowLabels: [String]? = nil, columnLabels: [String]? = nil
    ) -> Figure {
        let figure = Figure()
        let axes = figure.axes(at: Axes.Place(rows: 1, columns: 1, index: 1))
        let largest = Double(max(values.filter(\.isFinite).map(abs).max() ?? 1, 1e-12))
        let data = ImageData(
            rows: rows, columns: columns, channels: 1, values: values.map { Double($0) }, colormap: signedMap,
            range: (-largest, largest))
        axes.artists.append(Artist(.image(data), color: .black))
        axes.title = title
        axes.colorbar = ""
        func named(_ index: Int, _ names: [String]?) -> String? {
            guard let names else { return nil }
            return index < names.count ? names[index] : "\(index)"
        }
        if rows <= 30 { axes.yTicks = (0..<rows).map { (Double($0), named($0, rowLabels)) } }
        if columns <= 30 { axes.xTicks = (0..<columns).map { (Double($0), named($0, columnLabels)) } }
        if numbers, rows * columns <= 400 {
            for row in 0..<rows {
                for column in 0..<columns where row * columns + column < values.count {
                    let value = values[row * columns + column]
                    let text = value.isFinite ? (value < 0 ? "" : "+") + printf("%.2f", Double(value)) : "\(value)"
                    axes.artists.append(
                        Artist(.text(x: Double(column) - 0.3, y: Double(row) + 0.1, text: text), color: .black))
                }
            }
        }
        return figure
    }

    /// Where the diagrams put a column's neurons: the shown ones top to bottom, centred on zero.
    static func nodeHeights(_ shown: Int) -> [Double] {
        (0..<shown).map { Double(shown - 1) / 2 - Double($0) }
    }

    /// `diagram(model)`: a column of neurons per layer (long layers by their first and last ones),
    /// every neuron joined to every neuron of the next layer, and each layer's name, size, activation
    /// and parameter count under it.
    public static func network(inputWidth: Int, layers: [NetworkDiagram.Layer]) -> Figure {
        let widths = [inputWidth] + layers.map(\.width)
        let visible = NetworkDiagram.visibleNeurons
        // Each column's drawn neurons: their numbers (from 1), nil for the elided middle.
        let columns: [[Int?]] = widths.map { width in
            width > visible ? [1, 2, 3, nil, width] : (0..<max(0, width)).map { $0 + 1 }
        }
        let tallest = Double(columns.map(\.count).max() ?? 1)
        let figure = Figure(size: (max(6.4, 2.2 * Double(widths.count)), 4.8))
        let axes = figure.axes(at: Axes.Place(rows: 1, columns: 1, index: 1))
        let grey = Color(0.55, 0.55, 0.55)
        for (index, (column, next)) in zip(columns, columns.dropFirst()).enumerated() {
            let from = nodeHeights(column.count)
            let to = nodeHeights(next.count)
            for (a, source) in column.enumerated() where source != nil {
                for (b, target) in next.enumerated() where target != nil {
                    var edge = Artist(
                        .line(xs: [Double(index), Double(index + 1)], ys: [from[a], to[b]]), color: grey)
                    edge.lineWidth = 0.8
                    edge.alpha = 0.6
                    axes.artists.append(edge)
                }
            }
        }
        for (index, column) in columns.enumerated() {
            let heights = nodeHeights(column.count)
            let shown = column.indices.filter { column[$0] != nil }
            var nodes = Artist(
                .scatter(
                    xs: shown.map { _ in Double(index) }, ys: shown.map { heights[$0] }, values: nil,
                    colormap: Colormap.viridis, range: nil),
                color: index == 0 ? grey : Color.cycle[0])
            nodes.marker = "o"
            axes.artists.append(nodes)
            for (position, number) in column.enumerated() {
                let text = number.map { "\($0)" } ?? "⋮"
                axes.artists.append(
                    Artist(.text(x: Double(index) + 0.08, y: heights[position] + 0.12, text: text), color: .black))
            }
            let name = index == 0 ? "input" : layers[index - 1].name
            let size = widths[index]
            let unit = index == 0 ? "feature" : "unit"
            var captions = [name, "\(size) \(unit)\(size == 1 ? "" : "s")"]
            if index > 0 { captions += [layers[index - 1].detail, "\(layers[index - 1].parameterCount) params"] }
            for (line, caption) in captions.enumerated() where !caption.isEmpty {
                axes.artists.append(
                    Artist(
                        .text(x: Double(index) - 0.25, y: -tallest / 2 - 0.3 - 0.45 * Double(line), text: caption),
                        color: .black))
            }
        }
        axes.xLimits = (-0.4, Double(widths.count - 1) + 0.6)
        axes.yLimits = (-tallest / 2 - 2.2, tallest / 2 + 0.2)
        axes.axisVisible = false
        axes.title = "\(layers.map(\.parameterCount).reduce(0, +)) parameters in all"
        return figure
    }

    /// `diagram(model, x)`: the network for one example, each neuron coloured and labelled by its
    /// number, each weight a line whose colour is its sign (blue positive, orange negative) and
    /// whose width and opacity grow with its size relative to the layer's largest.
    public static func values(input: [Float], layers: [ValueDiagram.Layer], title: String, edgeName: String) -> Figure {
        let columns = [ValueDiagram.Layer(name: "input", detail: "x", values: input, weights: [])] + layers
        let shown = columns.map { ValueDiagram.shown($0.values.count) }
        let tallest = Double(shown.map(\.count).max() ?? 1)
        let figure = Figure(size: (max(6.4, 2.4 * Double(columns.count)), 4.8))
        figure.suptitle = title
        let axes = figure.axes(at: Axes.Place(rows: 1, columns: 1, index: 1))
        var edges: [(size: Float, artist: Artist)] = []
        for number in columns.indices.dropFirst() {
            let layer = columns[number]
            let units = layer.values.count
            let scale = max(layer.weights.map(abs).filter(\.isFinite).max() ?? 0, 1e-12)
            let from = nodeHeights(shown[number - 1].count)
            let to = nodeHeights(shown[number].count)
            for (a, source) in shown[number - 1].enumerated() {
                for (b, target) in shown[number].enumerated() {
                    guard let source, let target, source * units + target < layer.weights.count else { continue }
                    let weight = layer.weights[source * units + target]
                    let size = weight.isFinite ? min(1, abs(weight) / scale) : 1
                    var edge = Artist(
                        .line(xs: [Double(number - 1), Double(number)], ys: [from[a], to[b]]),
                        color: weight >= 0 ? positive : negative)
                    edge.lineWidth = 0.4 + 3.6 * Double(size)
                    edge.alpha = 0.3 + 0.7 * Double(size)
                    edges.append((size, edge))
                }
            }
        }
        // The strongest lines are drawn last, on top.
        axes.artists += edges.sorted { $0.size < $1.size }.map(\.artist)
        for (number, layer) in columns.enumerated() {
            let heights = nodeHeights(shown[number].count)
            let drawn = shown[number].indices.filter { shown[number][$0] != nil }
            let values = drawn.compactMap { shown[number][$0] }.map { Double(layer.values[$0]) }
            let largest = max(values.filter(\.isFinite).map(abs).max() ?? 1, 1e-12)
            var nodes = Artist(
                .scatter(
                    xs: drawn.map { _ in Double(number) }, ys: drawn.map { heights[$0] }, values: values,
                    colormap: signedMap.reversed, range: (-largest, largest)),
                color: .black)
            nodes.marker = "o"
            axes.artists.append(nodes)
            for (position, index) in shown[number].enumerated() {
                let text = index.map { printf("%+.2f", Double(layer.values[$0])) } ?? "⋮"
                axes.artists.append(
                    Artist(.text(x: Double(number) + 0.07, y: heights[position] + 0.14, text: text), color: .black))
            }
            let count = layer.values.count
            for (line, caption) in [layer.name, layer.detail, "\(count) neuron\(count == 1 ? "" : "s")"].enumerated() {
                axes.artists.append(
                    Artist(
                        .text(x: Double(number) - 0.25, y: -tallest / 2 - 0.3 - 0.45 * Double(line), text: caption),
                        color: .black))
            }
        }
        axes.xLimits = (-0.4, Double(columns.count - 1) + 0.6)
        axes.yLimits = (-tallest / 2 - 1.8, tallest / 2 + 0.2)
        axes.axisVisible = false
        axes.title = "lines: \(edgeName); blue positive, orange negative, wider for larger"
        return figure
    }

    /// The last frame of a live fit: the loss curves, and beside them the decision regions.
    public static func training(
        _ chart: Chart, boundary: (panel: BoundaryPanel, xs: [Float], ys: [Float], labels: [Float])?
    ) -> Figure {
        let panels = boundary == nil ? 1 : 2
        let figure = Figure(size: (4.8 * Double(panels) + (panels == 1 ? 1.6 : 0), 4.8))
        fill(figure.axes(at: Axes.Place(rows: 1, columns: panels, index: 1)), chart, xLabel: "epoch")
        if let boundary {
            let axes = figure.axes(at: Axes.Place(rows: 1, columns: 2, index: 2))
            drawBoundary(boundary.panel, on: axes, xs: boundary.xs, ys: boundary.ys, labels: boundary.labels)
        }
        return figure
    }
}

extension Color {
    /// A colour of the terminal's 256-colour palette: the 16 basic ones, the 6x6x6 cube, the greys.
    public static func xterm(_ code: Int) -> Color {
        switch code {
        case 16...231:
            let levels = [0.0, 95, 135, 175, 215, 255]
            let n = code - 16
            return Color(levels[n / 36] / 255, levels[(n / 6) % 6] / 255, levels[n % 6] / 255)
        case 232...255:
            let grey = Double(8 + 10 * (code - 232)) / 255
            return Color(grey, grey, grey)
        default:
            let basic: [UInt32] = [
                0x000000, 0x800000, 0x008000, 0x808000, 0x000080, 0x800080, 0x008080, 0xc0c0c0,
                0x808080, 0xff0000, 0x00ff00, 0xffff00, 0x0000ff, 0xff00ff, 0x00ffff, 0xffffff,
            ]
            return Color(hex: basic[min(15, max(0, code))])
        }
    }
}
