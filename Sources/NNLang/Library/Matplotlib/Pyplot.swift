import Foundation
import NNEngine
import NNPlot

/// `matplotlib`, `matplotlib.pyplot`, `.colors`, `.cm`, `.style` and the modules of things a terminal
/// does not draw (`widgets`, `patches`, `gridspec`, `animation`, `mpl_toolkits.mplot3d`).
enum Pyplot {
    static func module(_ state: MatplotlibState, _ registry: ModuleRegistry, _ interpreter: Interpreter) -> ModuleObject
    {
        var members: [String: Value] = [:]
        for (name, method) in AxesMethods.table {
            members[name] = function(name, method.parameters) { a, i throws(Diagnostic) in
                try method.body(state.currentAxes(), a, i)
            }
        }
        members["figure"] = function("figure", "num=None, figsize=None, dpi=None, **kwargs") {
            a, _ throws(Diagnostic) in
            if case .int(let number)? = a["num"],
                let existing = state.figures.first(where: { $0.figure.number == number })
            {
                state.current = existing
                return .object(existing)
            }
            if case .object(let existing as FigureObject)? = a["num"] {
                state.current = existing
                return .object(existing)
            }
            return .object(
                state.newFigure(
                    size: try size(a), number: a["num"].flatMap { if case .int(let n) = $0 { n } else { nil } }))
        }
        members["subplots"] = function("subplots", "nrows=1, ncols=1, figsize=None, squeeze=True, **kwargs") {
            a, _ throws(Diagnostic) in
            let (rows, columns) = (max(1, try a.int("nrows", default: 1)), max(1, try a.int("ncols", default: 1)))
            try FigureObject.checkGrid(rows: rows, columns: columns, range: a.callRange)
            let figure = state.newFigure(size: try size(a))
            let axes = try figure.subplots(
                rows: rows, columns: columns, squeeze: try a.bool("squeeze", default: true), range: a.callRange)
            return .tuple([.object(figure), axes])
        }
        members["subplot"] = function("subplot", "*args, projection=None, **kwargs") { a, i throws(Diagnostic) in
            if a["projection"] != nil {
                state.note("\(i.str(a["projection"] ?? .none)) projection", i)
                return .object(SkippedObject("3-D axes", state: state))
            }
            return .object(try state.currentFigure().subplot(a.rest, i, new: false, range: a.callRange))
        }
        members["gca"] = function("gca", "**kwargs") { _, _ in .object(state.currentAxes()) }
        members["axes"] = function("axes", "arg=None, projection=None, **kwargs") { a, i throws(Diagnostic) in
            if a["projection"] != nil {
                state.note("\(i.str(a["projection"] ?? .none)) projection", i)
                return .object(SkippedObject("3-D axes", state: state))
            }
            guard let rect = a["arg"] else {
                return .object(try state.currentFigure().subplot([], i, new: true, range: a.callRange))
            }
            return .object(try state.currentFigure().addAxes(rect, i, range: a.range("arg")))
        }
        members["subplot2grid"] = function(
            "subplot2grid", "shape, loc, rowspan=1, colspan=1, fig=None, projection=None, **kwargs"
        ) { a, i throws(Diagnostic) in
            var figure = state.currentFigure()
            if case .object(let given as FigureObject)? = a["fig"] { figure = given }
            var grid = BoundArguments(function: "GridSpec", callRange: a.callRange)
            let shape = try i.iterate(a["shape"] ?? .none, range: a.range("shape"))
            guard shape.count == 2 else {
                throw Diagnostic("shape must be a (rows, columns) pair", at: a.range("shape"), exception: "ValueError")
            }
            grid.values["nrows"] = (shape[0], a.range("shape"))
            grid.values["ncols"] = (shape[1], a.range("shape"))
            let spec = try GridSpecObject(grid, figure: figure, state: state, i).block(a, i)
            if a["projection"] != nil {
                state.note("\(i.str(a["projection"] ?? .none)) projection", i)
                return .object(SkippedObject("3-D axes", state: state))
            }
            return .object(try figure.subplot([spec], i, new: true, range: a.callRange))
        }
        members["subplots_adjust"] = function(
            "subplots_adjust", "left=None, bottom=None, right=None, top=None, wspace=None, hspace=None"
        ) { a, _ throws(Diagnostic) in
            try state.currentFigure().adjust(a)
        }
        members["GridSpec"] = function("GridSpec", GridSpecs.parameters) { a, i throws(Diagnostic) in
            .object(try GridSpecObject(a, figure: nil, state: state, i))
        }
        members["gcf"] = function("gcf", "") { _, _ in .object(state.currentFigure()) }
        members["sca"] = function("sca", "ax") { a, _ throws(Diagnostic) in
            if case .object(let axes as AxesObject)? = a["ax"], let figure = axes.figure {
                figure.current = axes
                state.current = figure
            }
            return .none
        }
        members["show"] = function("show", "*args, **kwargs") { _, i in
            state.show(i)
            return .none
        }
        members["close"] = function("close", "fig=None") { a, _ throws(Diagnostic) in
            switch a["fig"] {
            case .string("all")?: state.closeAll()
            case .object(let figure as FigureObject)?: state.close(figure)
            case .int(let number)?:
                if let figure = state.figures.first(where: { $0.figure.number == number }) { state.close(figure) }
            default: if let current = state.current { state.close(current) }
            }
            return .none
        }
        members["clf"] = function("clf", "") { _, i throws(Diagnostic) in
            state.currentFigure().clear()
            return .none
        }
        members["suptitle"] = function("suptitle", "t, **kwargs") { a, i throws(Diagnostic) in
            state.currentFigure().figure.suptitle = MatplotlibValues.string(a["t"], i)
            return .object(ArtistObject("Text"))
        }
        members["savefig"] = function("savefig", "fname, **kwargs") { a, i throws(Diagnostic) in
            let figure = state.currentFigure()
            // Nothing drawn with matplotlib since NNLab's own picture (`plot_boundary(...)`): that picture.
            if figure.figure.isEmpty, let picture = i.lastPictureSVG, let text = picture() {
                return try save(figure, a, i, svg: text)
            }
            return try save(figure, a, i)
        }
        members["colorbar"] = function("colorbar", "mappable=None, ax=None, label='', **kwargs") {
            a, i throws(Diagnostic) in
            colorbar(a, i, state)
        }
        for name in [
            "tight_layout", "ion", "ioff", "draw", "pause", "margins", "box", "minorticks_on",
            "tick_params", "locator_params", "autoscale", "set_cmap", "rc", "xkcd",
        ] {
            members[name] = function(name, "*args, **kwargs") { _, _ in .none }
        }
        members["rcParams"] = .dict(state.rcParams)
        members["imread"] = MatplotlibImage.imreadFunction()
        members["imsave"] = MatplotlibImage.imsaveFunction(state)
        members["get_cmap"] = function("get_cmap", "name=None, lut=None") { a, i throws(Diagnostic) in
            .object(ColormapObject(MatplotlibValues.colormap(a["name"], state, i)))
        }
        members["get_fignums"] = function("get_fignums", "") { _, _ in
            .list(state.figures.map { .int($0.figure.number) })
        }
        members["cm"] = .object(cmModule(state))
        members["style"] = .object(styleModule())
        let skipped = ModuleObject("matplotlib.pyplot", members)
        skipped.fallback = { name in
            name.hasPrefix("__") ? nil : .object(SkippedObject("pyplot.\(name)", state: state))
        }
        return skipped
    }

    static func size(_ a: BoundArguments) throws(Diagnostic) -> (Double, Double)? {
        guard let given = a["figsize"] else { return nil }
        let pair = try MatplotlibValues.numbers(given, range: a.range("figsize"))
        guard pair.count == 2, pair[0] > 0, pair[1] > 0, pair[0].isFinite, pair[1].isFinite else {
            throw Diagnostic("ValueError: figure size must be positive finite not \(pair)", at: a.range("figsize"))
        }
        // matplotlib refuses to draw images of 2^16 pixels or more a side (at its 100 dots per inch).
        guard pair[0] * 100 < 65536, pair[1] * 100 < 65536 else {
            throw Diagnostic(
                "ValueError: Image size of \(Int(saturating: pair[0] * 100))x\(Int(saturating: pair[1] * 100)) pixels "
                    + "is too large. It must be less than 2^16 in each direction.", at: a.range("figsize"))
        }
        return (pair[0], pair[1])
    }

    /// `savefig`: an SVG file for `.svg` (and names without an extension); other formats are skipped with a note.
    static func save(_ figure: FigureObject, _ a: BoundArguments, _ i: Interpreter, svg: String? = nil)
        throws(Diagnostic) -> Value
    {
        var name = try a.string("fname")
        guard !name.isEmpty else {
            throw Diagnostic("FileNotFoundError: [Errno 2] No such file or directory: ''", at: a.range("fname"))
        }
        let format = (a.keywords.first { $0.name == "format" }?.value).flatMap {
            if case .string(let f) = $0 { f } else { nil }
        }
        let suffix = name.split(separator: ".").last.map { String($0).lowercased() } ?? ""
        if !name.contains(".") {
            name += "." + (format ?? "svg")
        } else if suffix != "svg" && format != "svg" {
            figure.state.note(
                "savefig('\(suffix)')", i, "needs an image library NNLab does not have: save as .svg instead")
            return .none
        }
        let text = svg ?? SVGFigure().render(figure.figure)
        do {
            try text.write(toFile: name, atomically: false, encoding: .utf8)
        } catch {
            throw Diagnostic("FileNotFoundError: [Errno 2] No such file or directory: '\(name)'", at: a.range("fname"))
        }
        return .none
    }

    static func colorbar(_ a: BoundArguments, _ i: Interpreter, _ state: MatplotlibState) -> Value {
        var target: AxesObject = state.currentAxes()
        if case .object(let mappable as MappableObject)? = a["mappable"] { target = mappable.axes }
        if case .object(let axes as AxesObject)? = a["ax"] { target = axes }
        target.axes.colorbar = MatplotlibValues.string(a["label"], i) ?? ""
        return .object(ArtistObject("Colorbar"))
    }

    /// `matplotlib.cm` and `plt.cm`: every colour map by name, and `get_cmap`.
    static func cmModule(_ state: MatplotlibState) -> ModuleObject {
        var members: [String: Value] = [:]
        for name in Colormap.names {
            if let map = Colormap.named(name) {
                members[name] = .object(ColormapObject(map))
                members[name + "_r"] = .object(ColormapObject(map.reversed))
            }
        }
        members["get_cmap"] = function("get_cmap", "name=None, lut=None") { a, i throws(Diagnostic) in
            .object(ColormapObject(MatplotlibValues.colormap(a["name"], state, i)))
        }
        members["colors"] = .object(colorsModule(state))
        members["ScalarMappable"] = function("ScalarMappable", "norm=None, cmap=None") { _, _ in
            .object(ArtistObject("ScalarMappable"))
        }
        return ModuleObject("matplotlib.cm", members)
    }

    static func styleModule() -> ModuleObject {
        ModuleObject(
            "matplotlib.style",
            [
                "use": function("use", "style") { _, _ in .none },
                "available": .list(
                    ["default", "classic", "ggplot", "seaborn-v0_8", "fivethirtyeight", "dark_background"].map {
                        .string($0)
                    }),
                "context": function("context", "style, after_reset=False") { _, _ in .none },
            ])
    }

    /// `matplotlib.colors`: `ListedColormap`, `LinearSegmentedColormap.from_list`, `Normalize`, `to_rgb(a)`, `to_hex`.
    static func colorsModule(_ state: MatplotlibState) -> ModuleObject {
        func colors(_ value: Value?, _ i: Interpreter, _ range: SourceRange) throws(Diagnostic) -> [Color] {
            guard let value else { return [] }
            return try i.iterate(value, range: range).map { item throws(Diagnostic) in
                guard let color = MatplotlibValues.color(item) else {
                    throw Diagnostic("ValueError: \(i.repr(item)) is not a valid color value", at: range)
                }
                return color
            }
        }
        let listed = function("ListedColormap", "colors, name='from_list', N=None") { a, i throws(Diagnostic) in
            .object(
                ColormapObject(
                    Colormap(
                        name: try a.string("name", default: "from_list"),
                        colors: try colors(a["colors"], i, a.range("colors")), listed: true)))
        }
        let fromList = function("from_list", "name, colors, N=256") { a, i throws(Diagnostic) in
            .object(
                ColormapObject(
                    Colormap(
                        name: try a.string("name", default: "from_list"),
                        colors: try colors(a["colors"], i, a.range("colors")),
                        listed: false)))
        }
        func rgb(_ alpha: Bool) -> Value {
            function(alpha ? "to_rgba" : "to_rgb", "c, alpha=None") { a, i throws(Diagnostic) in
                guard let color = MatplotlibValues.color(a["c"]) else {
                    throw Diagnostic("ValueError: Invalid RGBA argument: \(i.repr(a["c"] ?? .none))", at: a.range("c"))
                }
                let parts: [Value] = [.float(color.red), .float(color.green), .float(color.blue)]
                return .tuple(alpha ? parts + [.float(try a.double("alpha", default: 1))] : parts)
            }
        }
        return ModuleObject(
            "matplotlib.colors",
            [
                "ListedColormap": listed,
                "LinearSegmentedColormap": .object(ModuleObject("LinearSegmentedColormap", ["from_list": fromList])),
                "Normalize": function("Normalize", "vmin=None, vmax=None, clip=False") { _, _ in
                    .object(ArtistObject("Normalize"))
                },
                "to_rgb": rgb(false), "to_rgba": rgb(true),
                "to_hex": function("to_hex", "c, keep_alpha=False") { a, i throws(Diagnostic) in
                    guard let color = MatplotlibValues.color(a["c"]) else {
                        throw Diagnostic(
                            "ValueError: Invalid RGBA argument: \(i.repr(a["c"] ?? .none))", at: a.range("c"))
                    }
                    return .string(color.hex)
                },
                "is_color_like": function("is_color_like", "c") { a, _ in .bool(MatplotlibValues.color(a["c"]) != nil)
                },
            ])
    }

    /// `matplotlib` itself: `use`, `rcParams`, `colormaps`, and its submodules.
    static func topModule(
        _ state: MatplotlibState, _ pyplot: ModuleObject?, _ colors: ModuleObject?, _ cm: ModuleObject?
    ) -> ModuleObject {
        var members: [String: Value] = [
            "use": function("use", "backend, force=True") { _, _ in .none },
            "rcParams": .dict(state.rcParams),
            "__version__": .string("3.10.0"),
            "style": .object(styleModule()),
            "colormaps": .object(ColormapRegistry(state)),
            "rc": function("rc", "group, **kwargs") { _, _ in .none },
        ]
        if let pyplot { members["pyplot"] = .object(pyplot) }
        if let colors { members["colors"] = .object(colors) }
        if let cm { members["cm"] = .object(cm) }
        return ModuleObject("matplotlib", members)
    }

    /// A module whose every member is a thing the terminal skips (`matplotlib.widgets.Slider`, …).
    static func skippedModule(_ name: String, _ state: MatplotlibState) -> ModuleObject {
        let module = ModuleObject(name)
        module.fallback = { member in member.hasPrefix("__") ? nil : .object(SkippedObject(member, state: state)) }
        return module
    }
}

/// `matplotlib.colormaps['viridis']`.
final class ColormapRegistry: PyObject, SubscriptableObject {
    let state: MatplotlibState
    init(_ state: MatplotlibState) { self.state = state }
    var typeName: String { "ColormapRegistry" }
    func subscriptItem(_ index: [IndexItem], _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> Value
    {
        guard index.count == 1, case .value(.string(let name), _) = index[0], let map = Colormap.named(name) else {
            throw Diagnostic("KeyError: this is not a known colormap", at: range)
        }
        return .object(ColormapObject(map))
    }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        name == "get_cmap"
            ? function(name, "cmap") { a, i throws(Diagnostic) in
                .object(ColormapObject(MatplotlibValues.colormap(a["cmap"], self.state, i)))
            } : nil
    }
}
