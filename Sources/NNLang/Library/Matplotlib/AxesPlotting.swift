import NNEngine
import NNPlot

/// The methods that draw data on an `Axes` (lines, points, images, bars, contours, bands), each
/// turning its Python arguments into an artist of the figure model.
extension AxesMethods {
    /// `plot(y)`, `plot(x, y)`, `plot(x, y, 'r--', x2, y2, 'bo', ...)` and the line keywords.
    static func plot(_ axes: AxesObject, _ a: BoundArguments, _ i: Interpreter) throws(Diagnostic) -> Value {
        var groups: [(xs: [Double]?, ys: [Double], format: String?)] = []
        var pending: [(Value, SourceRange)] = []
        func flush() throws(Diagnostic) {
            guard !pending.isEmpty else { return }
            let ys = try MatplotlibValues.numbers(pending[pending.count - 1].0, range: pending[pending.count - 1].1)
            let xs = pending.count > 1 ? try MatplotlibValues.numbers(pending[0].0, range: pending[0].1) : nil
            groups.append((xs, ys, nil))
            pending = []
        }
        for (index, value) in a.rest.enumerated() {
            if case .string(let format) = value {
                try flush()
                if !groups.isEmpty { groups[groups.count - 1].format = format }
                continue
            }
            if pending.count == 2 { try flush() }
            pending.append((value, a.restRange(index)))
        }
        try flush()
        var lines: [Value] = []
        let label = MatplotlibValues.string(keyword(a, "label"), i)
        for group in groups {
            // A 2-D y draws one line per column, as matplotlib does.
            let xs = group.xs ?? group.ys.indices.map(Double.init)
            let parsed = group.format.map(MatplotlibValues.format)
            var artist = Artist(
                .line(xs: Array(xs.prefix(group.ys.count)), ys: Array(group.ys.prefix(xs.count))),
                color: MatplotlibValues.color(keyword(a, "color", "c")) ?? parsed?.color ?? axes.axes.nextColor(),
                label: label)
            artist.marker = parsed?.marker
            if case .string(let marker)? = keyword(a, "marker") { artist.marker = marker.first }
            artist.lineStyle = MatplotlibValues.lineStyle(keyword(a, "linestyle", "ls")) ?? parsed?.style ?? .solid
            artist.alpha = alpha(a)
            if let width = keyword(a, "linewidth", "lw").flatMap(MatplotlibValues.double) { artist.lineWidth = width }
            if let size = keyword(a, "markersize", "ms").flatMap(MatplotlibValues.double) { artist.markerSize = size }
            axes.axes.add(artist)
            lines.append(.object(ArtistObject("Line2D")))
        }
        return .list(lines)
    }

    static func scatter(_ axes: AxesObject, _ a: BoundArguments, _ i: Interpreter) throws(Diagnostic) -> Value {
        let xs = try MatplotlibValues.numbers(a["x"] ?? .none, range: a.range("x"))
        let ys = try MatplotlibValues.numbers(a["y"] ?? .none, range: a.range("y"))
        var values: [Double]?
        var map = MatplotlibValues.colormap(a["cmap"], axes.state, i)
        var cCount: Int?
        switch a["c"] {
        case .list(let list)?: cCount = list.items.count
        case .tuple(let tuple)?: cCount = tuple.items.count
        case .array(let array)?: cCount = array.shape.first
        default: cCount = nil
        }
        var color =
            MatplotlibValues.color(keyword(a, "color")) ?? (cCount == xs.count ? nil : MatplotlibValues.color(a["c"]))
        if color == nil, let c = a["c"] {
            let items = (try? i.iterate(c, range: a.range("c"))) ?? []
            if !items.isEmpty, items.allSatisfy({ if case .string = $0 { true } else { false } }) {
                // A colour per point by name: the distinct colours become a listed map.
                var distinct: [String] = []
                values = items.map { item in
                    let name = i.str(item)
                    if !distinct.contains(name) { distinct.append(name) }
                    return Double(distinct.firstIndex(of: name) ?? 0)
                }
                map = Colormap(name: "colors", colors: distinct.map { Color(name: $0) ?? .black }, listed: true)
            } else {
                values = try MatplotlibValues.numbers(c, range: a.range("c"))
                if values?.count != xs.count { values = nil }
            }
        }
        if color == nil && values == nil { color = axes.axes.nextColor() }
        let range: (Double, Double)? =
            a["vmin"] != nil || a["vmax"] != nil
            ? (try a.double("vmin", default: values?.min() ?? 0), try a.double("vmax", default: values?.max() ?? 1))
            : nil
        var artist = Artist(
            .scatter(xs: xs, ys: ys, values: values, colormap: map, range: range), color: color ?? .black,
            label: MatplotlibValues.string(keyword(a, "label"), i))
        if case .string(let marker)? = a["marker"] { artist.marker = marker.first }
        artist.alpha = alpha(a)
        axes.axes.add(artist)
        return .object(ArtistObject("PathCollection"))
    }

    static func imshow(_ axes: AxesObject, _ a: BoundArguments, _ i: Interpreter) throws(Diagnostic) -> Value {
        var image = try imageData(a["X"] ?? .none, range: a.range("X"), axes, a, i)
        if let extent = a["extent"] {
            let values = try MatplotlibValues.numbers(extent, range: a.range("extent"))
            if values.count == 4 { image.extent = (values[0], values[1], values[2], values[3]) }
        }
        if case .string("lower")? = a["origin"] { image.originLower = true }
        if image.originLower, image.extent == nil {
            image.extent = (-0.5, Double(image.columns) - 0.5, -0.5, Double(image.rows) - 0.5)
        }
        // Stored rows run from the top; with origin='lower' row 0 is at the bottom.
        if image.originLower { image.values = flippedRows(image) }
        var artist = Artist(.image(image), color: .black, label: MatplotlibValues.string(keyword(a, "label"), i))
        artist.alpha = alpha(a)
        axes.axes.add(artist)
        return .object(MappableObject(axes))
    }

    /// `pcolormesh(X, Y, C)` or `pcolormesh(C)`: the grid of values drawn as an image over the data rectangle.
    static func colorMesh(_ axes: AxesObject, _ a: BoundArguments, _ i: Interpreter) throws(Diagnostic) -> Value {
        guard let last = a.rest.last else {
            throw Diagnostic("TypeError: pcolormesh() needs C, or X, Y and C", at: a.callRange)
        }
        var image = try imageData(last, range: a.restRange(a.rest.count - 1), axes, a, i)
        var bounds = (-0.5, Double(image.columns) - 0.5, -0.5, Double(image.rows) - 0.5)
        if a.rest.count >= 3 {
            let x = try MatplotlibValues.numbers(a.rest[0], range: a.restRange(0)).filter(\.isFinite)
            let y = try MatplotlibValues.numbers(a.rest[1], range: a.restRange(1)).filter(\.isFinite)
            if let x0 = x.min(), let x1 = x.max(), let y0 = y.min(), let y1 = y.max() { bounds = (x0, x1, y0, y1) }
        }
        // Row 0 of C is at the bottom (the smallest y), as pcolormesh draws it.
        image.values = flippedRows(image)
        image.extent = bounds
        var artist = Artist(.image(image), color: .black)
        artist.alpha = alpha(a)
        axes.axes.add(artist)
        return .object(MappableObject(axes))
    }

    static func histogram(_ axes: AxesObject, _ a: BoundArguments, _ i: Interpreter) throws(Diagnostic) -> Value {
        let values = try MatplotlibValues.numbers(a["x"] ?? .none, range: a.range("x")).filter(\.isFinite)
        var edges: [Double]
        let binsGiven = a["bins"] ?? .int(10)
        if case .int(let count) = binsGiven {
            guard count > 0 else {
                throw Diagnostic("ValueError: `bins` must be positive, when an integer", at: a.range("bins"))
            }
            try MemoryCheck.reserve(count, of: 64, range: a.range("bins"))
            var (low, high) = (values.min() ?? 0, values.max() ?? 1)
            if let range = a["range"] {
                let given = try MatplotlibValues.numbers(range, range: a.range("range"))
                if given.count == 2 { (low, high) = (given[0], given[1]) }
            }
            if low == high { (low, high) = (low - 0.5, high + 0.5) }
            edges = (0...count).map { low + (high - low) * Double($0) / Double(count) }
        } else if case .string = binsGiven {
            throw Diagnostic("NNLab's hist() takes bins as a number or a list of edges", at: a.range("bins"))
        } else {
            edges = try MatplotlibValues.numbers(binsGiven, range: a.range("bins"))
        }
        guard edges.count >= 2 else {
            throw Diagnostic("ValueError: bins must have at least two edges", at: a.range("bins"))
        }
        var counts = [Double](repeating: 0, count: edges.count - 1)
        let last = edges.count - 2
        for value in values {
            guard value >= edges[0], value <= edges[last + 1] else { continue }
            var bin = last
            for b in 0...last where value < edges[b + 1] {
                bin = b
                break
            }
            counts[bin] += 1
        }
        if try a.bool("density", default: false) {
            let total = counts.reduce(0, +)
            counts = counts.enumerated().map { total > 0 ? $1 / total / (edges[$0 + 1] - edges[$0]) : 0 }
        }
        let centres = (0...last).map { (edges[$0] + edges[$0 + 1]) / 2 }
        let width = (edges[last + 1] - edges[0]) / Double(last + 1)
        var artist = Artist(
            .bars(positions: centres, heights: counts, width: width, bottoms: [], horizontal: false),
            color: MatplotlibValues.color(a["color"]) ?? axes.axes.nextColor(),
            label: MatplotlibValues.string(a["label"], i))
        artist.alpha = alpha(a)
        axes.axes.add(artist)
        let n = Value.array(NDArray(Tensor(shape: [counts.count], dtype: .float64) { Float(counts[$0]) }))
        let bins = Value.array(NDArray(Tensor(shape: [edges.count], dtype: .float64) { Float(edges[$0]) }))
        return .tuple([n, bins, .object(ArtistObject("BarContainer"))])
    }

    static func bars(
        _ axes: AxesObject, _ a: BoundArguments, _ i: Interpreter, horizontal: Bool, along: String, size: String,
        thickness: String, base: String
    ) throws(Diagnostic) -> Value {
        var positions: [Double]
        let given = a[along] ?? .none
        let items = (try? i.iterate(given, range: a.range(along))) ?? []
        if !items.isEmpty, items.allSatisfy({ if case .string = $0 { true } else { false } }) {
            // Categories: bars at 0, 1, 2, … labelled with their names.
            positions = items.indices.map(Double.init)
            let ticks = zip(positions, items.map { i.str($0) }).map { ($0, Optional($1)) }
            if horizontal { axes.axes.yTicks = ticks } else { axes.axes.xTicks = ticks }
        } else {
            positions = try MatplotlibValues.numbers(given, range: a.range(along))
        }
        var heights = try MatplotlibValues.numbers(a[size] ?? .none, range: a.range(size))
        if heights.count == 1 && positions.count > 1 { heights = Array(repeating: heights[0], count: positions.count) }
        var bottoms = a[base] == nil ? [] : try MatplotlibValues.numbers(a[base] ?? .none, range: a.range(base))
        if bottoms.count == 1 { bottoms = Array(repeating: bottoms[0], count: positions.count) }
        let width = a[thickness].flatMap(MatplotlibValues.double) ?? 0.8
        var artist = Artist(
            .bars(positions: positions, heights: heights, width: width, bottoms: bottoms, horizontal: horizontal),
            color: MatplotlibValues.color(keyword(a, "color")) ?? axes.axes.nextColor(),
            label: MatplotlibValues.string(keyword(a, "label"), i))
        artist.alpha = alpha(a)
        axes.axes.add(artist)
        return .object(BarContainerObject(count: positions.count))
    }

    static func referenceLine(
        _ axes: AxesObject, _ a: BoundArguments, _ i: Interpreter, horizontal: Bool,
        name: String
    ) throws(Diagnostic) -> Value {
        var artist = Artist(
            .referenceLine(value: try a.double(name, default: 0), horizontal: horizontal),
            color: MatplotlibValues.color(keyword(a, "color", "c")) ?? Color.cycle[0],
            label: MatplotlibValues.string(keyword(a, "label"), i))
        artist.lineStyle = MatplotlibValues.lineStyle(keyword(a, "linestyle", "ls")) ?? .solid
        artist.alpha = alpha(a)
        axes.axes.add(artist)
        return .object(ArtistObject("Line2D"))
    }

    static func contour(_ axes: AxesObject, _ a: BoundArguments, _ i: Interpreter, filled: Bool) throws(Diagnostic)
        -> Value
    {
        guard !a.rest.isEmpty else {
            throw Diagnostic("TypeError: \(filled ? "contourf" : "contour")() needs Z, or X, Y and Z", at: a.callRange)
        }
        let z = try MatplotlibValues.grid(
            a.rest[a.rest.count >= 3 ? 2 : 0], range: a.restRange(a.rest.count >= 3 ? 2 : 0))
        var xs = (0..<z.columns).map(Double.init)
        var ys = (0..<z.rows).map(Double.init)
        if a.rest.count >= 3 {
            let x = try MatplotlibValues.numbers(a.rest[0], range: a.restRange(0))
            let y = try MatplotlibValues.numbers(a.rest[1], range: a.restRange(1))
            // X and Y as meshgrid gives them (2-D) or as the axes' 1-D coordinates.
            xs = x.count == z.rows * z.columns ? Array(x.prefix(z.columns)) : Array(x.prefix(z.columns))
            ys =
                y.count == z.rows * z.columns
                ? stride(from: 0, to: y.count, by: z.columns).map { y[$0] } : Array(y.prefix(z.rows))
        }
        let finite = z.values.filter(\.isFinite)
        let low = finite.min() ?? 0
        let high = finite.max() ?? 1
        var levels: [Double]
        var levelArgument = a["levels"]
        if levelArgument == nil, a.rest.count == 4 || a.rest.count == 2 { levelArgument = a.rest.last }
        if let given = levelArgument, case .int(let count) = given {
            levels = Ticks.linear(low, high, maximum: max(1, count))
        } else if let given = levelArgument {
            levels = try MatplotlibValues.numbers(given, range: a.range("levels"))
        } else {
            levels = Ticks.linear(low, high, maximum: 7)
        }
        if filled {
            // contourf's bands cover every value: open the first and last.
            if let first = levels.first, first > low { levels.insert(low, at: 0) }
            if let last = levels.last, last < high { levels.append(high) }
        }
        var data = ContourData(
            xs: xs, ys: ys, values: z.values, levels: levels, filled: filled,
            colormap: MatplotlibValues.colormap(a["cmap"], axes.state, i))
        if let colors = a["colors"] {
            if let single = MatplotlibValues.color(colors) {
                data.fixedColor = single
            } else if let items = try? i.iterate(colors, range: a.range("colors")) {
                data.colormap = Colormap(
                    name: "colors", colors: items.compactMap { MatplotlibValues.color($0) }, listed: true)
            }
        }
        var artist = Artist(.contour(data), color: data.fixedColor ?? .black)
        artist.alpha = alpha(a)
        axes.axes.add(artist)
        return .object(MappableObject(axes))
    }

    static func fillBetween(_ axes: AxesObject, _ a: BoundArguments, _ i: Interpreter) throws(Diagnostic) -> Value {
        let xs = try MatplotlibValues.numbers(a["x"] ?? .none, range: a.range("x"))
        var lower = try MatplotlibValues.numbers(a["y1"] ?? .none, range: a.range("y1"))
        var upper = try MatplotlibValues.numbers(a.values["y2"]?.value ?? .int(0), range: a.range("y2"))
        if lower.count == 1 { lower = Array(repeating: lower[0], count: xs.count) }
        if upper.count == 1 { upper = Array(repeating: upper[0], count: xs.count) }
        var artist = Artist(
            .band(xs: xs, lower: lower, upper: upper),
            color: MatplotlibValues.color(keyword(a, "color", "facecolor")) ?? axes.axes.nextColor(),
            label: MatplotlibValues.string(a["label"], i))
        artist.alpha = alpha(a)
        axes.axes.add(artist)
        return .object(ArtistObject("PolyCollection"))
    }

    /// The image of a 2-D (or RGB) array, with the colour map and `vmin`/`vmax` the call gave.
    static func imageData(_ value: Value, range: SourceRange, _ axes: AxesObject, _ a: BoundArguments, _ i: Interpreter)
        throws(Diagnostic) -> ImageData
    {
        let grid = try MatplotlibValues.grid(value, range: range)
        var image = ImageData(
            rows: grid.rows, columns: grid.columns, channels: grid.channels, values: grid.values,
            colormap: MatplotlibValues.colormap(a["cmap"], axes.state, i))
        if a["vmin"] != nil || a["vmax"] != nil {
            image.range = (
                try a.double("vmin", default: image.range.low), try a.double("vmax", default: image.range.high)
            )
        }
        return image
    }

    /// The image's values with its rows in reverse order (the last row first).
    static func flippedRows(_ image: ImageData) -> [Double] {
        var flipped: [Double] = []
        let width = image.columns * image.channels
        for row in (0..<image.rows).reversed() {
            flipped += image.values[(row * width)..<min(image.values.count, (row + 1) * width)]
        }
        return flipped
    }
}
