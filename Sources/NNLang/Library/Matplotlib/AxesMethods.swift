import NNEngine
import NNPlot

/// The drawing methods of an `Axes`, shared by `ax.plot(...)` and `plt.plot(...)` (which draws on
/// `gca()`): each a Python signature and what it adds to the axes.
enum AxesMethods {
    typealias Body = (AxesObject, BoundArguments, Interpreter) throws(Diagnostic) -> Value
    struct Method {
        let parameters: String
        let body: Body
    }

    /// Method names, with the pyplot spelling where it differs (`set_title` and `title`).
    nonisolated(unsafe) static let table: [String: Method] = {
        var table: [String: Method] = [:]
        func add(_ names: [String], _ parameters: String, _ body: @escaping Body) {
            for name in names { table[name] = Method(parameters: parameters, body: body) }
        }
        add(["plot"], "*args, **kwargs", plot)
        add(["semilogy"], "*args, **kwargs") { axes, a, i throws(Diagnostic) in
            axes.axes.yScale = .log
            return try plot(axes, a, i)
        }
        add(["semilogx"], "*args, **kwargs") { axes, a, i throws(Diagnostic) in
            axes.axes.xScale = .log
            return try plot(axes, a, i)
        }
        add(["loglog"], "*args, **kwargs") { axes, a, i throws(Diagnostic) in
            axes.axes.xScale = .log
            axes.axes.yScale = .log
            return try plot(axes, a, i)
        }
        add(["step", "errorbar"], "x, y, *args, **kwargs") { axes, a, i throws(Diagnostic) in
            let xs = try MatplotlibValues.numbers(a["x"] ?? .none, range: a.range("x"))
            let ys = try MatplotlibValues.numbers(a["y"] ?? .none, range: a.range("y"))
            var artist = Artist(
                .line(xs: xs, ys: ys), color: MatplotlibValues.color(keyword(a, "color", "c")) ?? axes.axes.nextColor(),
                label: MatplotlibValues.string(keyword(a, "label"), i))
            if let marker = keyword(a, "marker"), case .string(let m) = marker { artist.marker = m.first }
            axes.axes.add(artist)
            return .list([.object(ArtistObject("Line2D"))])
        }
        add(
            ["scatter"], "x, y, s=None, c=None, marker=None, cmap=None, vmin=None, vmax=None, alpha=None, **kwargs",
            scatter)
        add(
            ["imshow", "matshow"], "X, cmap=None, vmin=None, vmax=None, extent=None, origin=None, alpha=None, **kwargs",
            imshow)
        add(["pcolormesh", "pcolor"], "*args, cmap=None, vmin=None, vmax=None, alpha=None, **kwargs", colorMesh)
        add(["hist"], "x, bins=10, range=None, density=False, color=None, label=None, alpha=None, **kwargs", histogram)
        add(["bar"], "x, height, width=0.8, bottom=None, color=None, label=None, alpha=None, **kwargs") {
            axes, a, i throws(Diagnostic) in
            try bars(axes, a, i, horizontal: false, along: "x", size: "height", thickness: "width", base: "bottom")
        }
        add(["barh"], "y, width, height=0.8, left=None, color=None, label=None, alpha=None, **kwargs") {
            axes, a, i throws(Diagnostic) in
            try bars(axes, a, i, horizontal: true, along: "y", size: "width", thickness: "height", base: "left")
        }
        add(["axhline"], "y=0, xmin=0, xmax=1, **kwargs") { axes, a, i throws(Diagnostic) in
            try referenceLine(axes, a, i, horizontal: true, name: "y")
        }
        add(["axvline"], "x=0, ymin=0, ymax=1, **kwargs") { axes, a, i throws(Diagnostic) in
            try referenceLine(axes, a, i, horizontal: false, name: "x")
        }
        add(["contour"], "*args, levels=None, cmap=None, colors=None, alpha=None, **kwargs") {
            axes, a, i throws(Diagnostic) in
            try contour(axes, a, i, filled: false)
        }
        add(["contourf"], "*args, levels=None, cmap=None, colors=None, alpha=None, **kwargs") {
            axes, a, i throws(Diagnostic) in
            try contour(axes, a, i, filled: true)
        }
        add(["fill_between"], "x, y1, y2=0, color=None, alpha=None, label=None, **kwargs", fillBetween)
        add(["text"], "x, y, s, **kwargs") { axes, a, i throws(Diagnostic) in
            let x = try a.double("x")
            let y = try a.double("y")
            let color = MatplotlibValues.color(keyword(a, "color", "c")) ?? .black
            axes.axes.add(Artist(.text(x: x, y: y, text: MatplotlibValues.string(a["s"], i) ?? ""), color: color))
            return .object(ArtistObject("Text"))
        }
        add(["annotate"], "text, xy, xytext=None, arrowprops=None, **kwargs") { axes, a, i throws(Diagnostic) in
            if a["arrowprops"] != nil { axes.state.note("annotate(arrowprops=...)", i) }
            let place = try MatplotlibValues.numbers(a["xytext"] ?? a["xy"] ?? .none, range: a.range("xy"))
            if place.count >= 2 {
                axes.axes.add(
                    Artist(
                        .text(x: place[0], y: place[1], text: MatplotlibValues.string(a["text"], i) ?? ""),
                        color: MatplotlibValues.color(keyword(a, "color")) ?? .black))
            }
            return .object(ArtistObject("Annotation"))
        }
        add(["set_title", "title"], "label=None, **kwargs") { axes, a, i throws(Diagnostic) in
            axes.axes.title = MatplotlibValues.string(a["label"], i)
            return .object(ArtistObject("Text"))
        }
        add(["set_xlabel", "xlabel"], "xlabel=None, **kwargs") { axes, a, i throws(Diagnostic) in
            axes.axes.xLabel = MatplotlibValues.string(a["xlabel"], i)
            return .object(ArtistObject("Text"))
        }
        add(["set_ylabel", "ylabel"], "ylabel=None, **kwargs") { axes, a, i throws(Diagnostic) in
            axes.axes.yLabel = MatplotlibValues.string(a["ylabel"], i)
            return .object(ArtistObject("Text"))
        }
        add(["legend"], "*args, title=None, **kwargs") { axes, a, i throws(Diagnostic) in
            axes.axes.legend = true
            // legend(['a', 'b']) names the artists in order.
            if let first = a.rest.first, case .string = first {
            } else if let first = a.rest.first,
                let names = try? i.iterate(first, range: a.restRange(0)),
                names.allSatisfy({ if case .string = $0 { true } else { false } })
            {
                var index = 0
                for (position, artist) in axes.axes.artists.enumerated() where !artist.isText && index < names.count {
                    axes.axes.artists[position].label = i.str(names[index])
                    index += 1
                }
            }
            axes.axes.legendTitle = MatplotlibValues.string(a["title"], i)
            return .object(ArtistObject("Legend"))
        }
        add(["set_xlim", "xlim"], "left=None, right=None, **kwargs") { axes, a, i throws(Diagnostic) in
            try limits(axes, a, horizontal: true)
        }
        add(["set_ylim", "ylim"], "bottom=None, top=None, **kwargs") { axes, a, i throws(Diagnostic) in
            try limits(axes, a, horizontal: false)
        }
        add(["get_xlim"], "") { axes, _, _ in
            let limits = Limits(axes.axes)
            return .tuple([.float(limits.x.low), .float(limits.x.high)])
        }
        add(["get_ylim"], "") { axes, _, _ in
            let limits = Limits(axes.axes)
            return .tuple([.float(limits.y.low), .float(limits.y.high)])
        }
        add(["set_xscale", "xscale"], "value, **kwargs") { axes, a, i throws(Diagnostic) in
            axes.axes.xScale = try scale(axes, a, i)
            return .none
        }
        add(["set_yscale", "yscale"], "value, **kwargs") { axes, a, i throws(Diagnostic) in
            axes.axes.yScale = try scale(axes, a, i)
            return .none
        }
        add(["grid"], "visible=None, which='major', axis='both', **kwargs") { axes, a, _ throws(Diagnostic) in
            if case .bool(let on)? = a["visible"] { axes.axes.grid = on } else { axes.axes.grid = true }
            return .none
        }
        add(["set_xticks", "xticks"], "ticks=None, labels=None, **kwargs") { axes, a, i throws(Diagnostic) in
            try ticks(axes, a, i, horizontal: true)
        }
        add(["set_yticks", "yticks"], "ticks=None, labels=None, **kwargs") { axes, a, i throws(Diagnostic) in
            try ticks(axes, a, i, horizontal: false)
        }
        add(["set_xticklabels"], "labels, **kwargs") { axes, a, i throws(Diagnostic) in
            let labels = try i.iterate(a["labels"] ?? .list([]), range: a.range("labels")).map { i.str($0) }
            let positions = axes.axes.xTicks?.map(\.0) ?? labels.indices.map(Double.init)
            axes.axes.xTicks = zip(positions, labels).map { ($0, $1) }
            return .none
        }
        add(["set_yticklabels"], "labels, **kwargs") { axes, a, i throws(Diagnostic) in
            let labels = try i.iterate(a["labels"] ?? .list([]), range: a.range("labels")).map { i.str($0) }
            let positions = axes.axes.yTicks?.map(\.0) ?? labels.indices.map(Double.init)
            axes.axes.yTicks = zip(positions, labels).map { ($0, $1) }
            return .none
        }
        add(["axis"], "arg=None, **kwargs") { axes, a, i throws(Diagnostic) in
            switch a["arg"] {
            case .string("off")?: axes.axes.axisVisible = false
            case .string("on")?: axes.axes.axisVisible = true
            case .bool(let on)?: axes.axes.axisVisible = on
            case .list?, .tuple?:
                let values = try MatplotlibValues.numbers(a["arg"] ?? .none, range: a.range("arg"))
                if values.count == 4 {
                    axes.axes.xLimits = (values[0], values[1])
                    axes.axes.yLimits = (values[2], values[3])
                }
            default: break
            }
            return .none
        }
        add(["set_axis_off"], "") { axes, _, _ in
            axes.axes.axisVisible = false
            return .none
        }
        add(["set_axis_on"], "") { axes, _, _ in
            axes.axes.axisVisible = true
            return .none
        }
        add(["invert_yaxis"], "") { axes, _, _ in
            axes.axes.yInverted.toggle()
            return .none
        }
        add(["cla", "clear"], "") { axes, _, _ in
            axes.axes.clear()
            return .none
        }
        add(["set"], "**kwargs") { axes, a, i throws(Diagnostic) in
            for (name, value) in a.keywords {
                if let method = AxesMethods.table["set_" + name] {
                    let call = CallArguments(positional: [value], positionalRanges: [a.callRange], range: a.callRange)
                    _ = try BuiltinFunction("set_" + name, Signature(parsing: method.parameters)) {
                        b, j throws(Diagnostic) in
                        try method.body(axes, b, j)
                    }.call(call, i)
                }
            }
            return .none
        }
        for name in [
            "set_aspect", "tick_params", "margins", "autoscale", "locator_params", "minorticks_on", "minorticks_off",
            "set_facecolor", "label_outer", "set_frame_on", "relim", "autoscale_view", "set_box_aspect",
        ] {
            add([name], "*args, **kwargs") { _, _, _ in .none }
        }
        return table
    }()

    /// A keyword argument by any of its names (`color` or `c`, `linestyle` or `ls`).
    static func keyword(_ a: BoundArguments, _ names: String...) -> Value? {
        for name in names {
            if let value = a[name] { return value }
            if let value = a.keywords.first(where: { $0.name == name })?.value {
                if case .none = value { continue }
                return value
            }
        }
        return nil
    }

    static func alpha(_ a: BoundArguments) -> Double {
        keyword(a, "alpha").flatMap(MatplotlibValues.double).map { min(1, max(0, $0)) } ?? 1
    }

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
        let grid = try MatplotlibValues.grid(a["X"] ?? .none, range: a.range("X"))
        var image = ImageData(
            rows: grid.rows, columns: grid.columns, channels: grid.channels, values: grid.values,
            colormap: MatplotlibValues.colormap(a["cmap"], axes.state, i))
        if a["vmin"] != nil || a["vmax"] != nil {
            image.range = (
                try a.double("vmin", default: image.range.low), try a.double("vmax", default: image.range.high)
            )
        }
        if let extent = a["extent"] {
            let values = try MatplotlibValues.numbers(extent, range: a.range("extent"))
            if values.count == 4 { image.extent = (values[0], values[1], values[2], values[3]) }
        }
        if case .string("lower")? = a["origin"] { image.originLower = true }
        if image.originLower, image.extent == nil {
            image.extent = (-0.5, Double(image.columns) - 0.5, -0.5, Double(image.rows) - 0.5)
        }
        if image.originLower {
            // Stored rows run from the top; with origin='lower' row 0 is at the bottom.
            var flipped: [Double] = []
            let width = image.columns * image.channels
            for row in (0..<image.rows).reversed() {
                flipped += image.values[(row * width)..<min(image.values.count, (row + 1) * width)]
            }
            image.values = flipped
        }
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
        let grid = try MatplotlibValues.grid(last, range: a.restRange(a.rest.count - 1))
        var image = ImageData(
            rows: grid.rows, columns: grid.columns, channels: grid.channels, values: grid.values,
            colormap: MatplotlibValues.colormap(a["cmap"], axes.state, i))
        if a["vmin"] != nil || a["vmax"] != nil {
            image.range = (
                try a.double("vmin", default: image.range.low), try a.double("vmax", default: image.range.high)
            )
        }
        var bounds = (-0.5, Double(grid.columns) - 0.5, -0.5, Double(grid.rows) - 0.5)
        if a.rest.count >= 3 {
            let x = try MatplotlibValues.numbers(a.rest[0], range: a.restRange(0)).filter(\.isFinite)
            let y = try MatplotlibValues.numbers(a.rest[1], range: a.restRange(1)).filter(\.isFinite)
            if let x0 = x.min(), let x1 = x.max(), let y0 = y.min(), let y1 = y.max() { bounds = (x0, x1, y0, y1) }
        }
        // Row 0 of C is at the bottom (the smallest y), as pcolormesh draws it.
        var flipped: [Double] = []
        let width = image.columns * image.channels
        for row in (0..<image.rows).reversed() {
            flipped += image.values[(row * width)..<min(image.values.count, (row + 1) * width)]
        }
        image.values = flipped
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

    static func limits(_ axes: AxesObject, _ a: BoundArguments, horizontal: Bool) throws(Diagnostic) -> Value {
        let (lowName, highName) = horizontal ? ("left", "right") : ("bottom", "top")
        var low = a[lowName]
        var high = a[highName]
        if let given = low, case .tuple(let pair) = given, pair.items.count == 2 {
            (low, high) = (pair.items[0], pair.items[1])
        }
        if let given = low, case .list(let pair) = given, pair.items.count == 2 {
            (low, high) = (pair.items[0], pair.items[1])
        }
        for (name, value) in a.keywords {
            if name == (horizontal ? "xmin" : "ymin") { low = value }
            if name == (horizontal ? "xmax" : "ymax") { high = value }
        }
        let lowValue = low.flatMap(MatplotlibValues.double)
        let highValue = high.flatMap(MatplotlibValues.double)
        guard lowValue?.isFinite ?? true, highValue?.isFinite ?? true else {
            throw Diagnostic(
                "ValueError: Axis limits cannot be NaN or Inf", at: a.range(low != nil ? lowName : highName))
        }
        if horizontal {
            if let lowValue { axes.axes.xLimits.low = lowValue }
            if let highValue { axes.axes.xLimits.high = highValue }
        } else {
            if let lowValue { axes.axes.yLimits.low = lowValue }
            if let highValue { axes.axes.yLimits.high = highValue }
        }
        let limits = Limits(axes.axes)
        let pair = horizontal ? limits.x : limits.y
        return .tuple([.float(pair.low), .float(pair.high)])
    }

    static func scale(_ axes: AxesObject, _ a: BoundArguments, _ i: Interpreter) throws(Diagnostic) -> Axes.Scale {
        let name = try a.string("value")
        guard let scale = Axes.Scale(rawValue: name) else {
            throw Diagnostic(
                "ValueError: '\(name)' is not a valid value for scale; supported values are 'linear', 'log', "
                    + "'symlog', 'logit'", at: a.range("value"))
        }
        if scale == .symlog || scale == .logit {
            axes.state.note("the \(name) scale", i, "is drawn as linear")
            return .linear
        }
        return scale
    }

    static func ticks(_ axes: AxesObject, _ a: BoundArguments, _ i: Interpreter, horizontal: Bool) throws(Diagnostic)
        -> Value
    {
        guard let given = a["ticks"] else { return .none }
        let positions = try MatplotlibValues.numbers(given, range: a.range("ticks"))
        var labels: [String?] = positions.map { _ in nil }
        if let names = a["labels"] {
            let items = try i.iterate(names, range: a.range("labels"))
            labels = positions.indices.map { $0 < items.count ? i.str(items[$0]) : nil }
        }
        let ticks = Array(zip(positions, labels))
        if horizontal { axes.axes.xTicks = ticks } else { axes.axes.yTicks = ticks }
        return .none
    }
}
