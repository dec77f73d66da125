import NNEngine
import NNPlot

/// The methods of an `Axes`, shared by `ax.plot(...)` and `plt.plot(...)` (which draws on `gca()`):
/// each a Python signature and what it does. The table and the axes' settings (titles, limits,
/// scales, ticks) are here; the methods that draw data are in `AxesPlotting.swift`.
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
        if let given = low, case .array(let pair) = given, pair.shape == [2] {
            // set_xlim(np.array([-1, 7])), as the course helpers pass their ranges.
            let ends = try MatplotlibValues.numbers(given, range: a.range(lowName))
            (low, high) = (.float(ends[0]), .float(ends[1]))
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
