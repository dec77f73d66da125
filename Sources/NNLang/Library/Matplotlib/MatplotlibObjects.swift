import NNEngine
import NNPlot

/// A matplotlib `Axes` (`ax` of `fig, ax = plt.subplots()`): the drawing methods of `AxesMethods`;
/// any other method is accepted and skipped with a note.
final class AxesObject: PyObject {
    let axes: Axes
    let state: MatplotlibState
    weak var figure: FigureObject?

    init(_ axes: Axes, state: MatplotlibState, figure: FigureObject) {
        self.axes = axes
        self.state = state
        self.figure = figure
    }

    var typeName: String { "Axes" }
    var attributeNames: [String] { AxesMethods.table.keys.sorted() }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        if let method = AxesMethods.table[name] {
            return function(name, method.parameters, repr: "<bound method Axes.\(name)>") { a, i throws(Diagnostic) in
                try method.body(self, a, i)
            }
        }
        switch name {
        case "figure": return figure.map { .object($0) } ?? .none
        case "get_title": return function(name, "") { _, _ in .string(self.axes.title ?? "") }
        case "get_xlabel": return function(name, "") { _, _ in .string(self.axes.xLabel ?? "") }
        case "get_ylabel": return function(name, "") { _, _ in .string(self.axes.yLabel ?? "") }
        case "get_figure": return function(name, "") { _, _ in self.figure.map { .object($0) } ?? .none }
        case "get_position":
            return function(name, "original=False") { _, _ in .object(BboxObject(self.position)) }
        case "set_position":
            return function(name, "pos, which='both'") { a, i throws(Diagnostic) in
                self.axes.position = try GridSpecs.box(a["pos"] ?? .none, i, range: a.range("pos"))
                return .none
            }
        case "get_subplotspec":
            return function(name, "") { _, _ in self.subplotSpec.map { .object($0) } ?? .none }
        case "transAxes", "transData", "xaxis", "yaxis", "spines", "patch":
            return .object(SkippedObject("Axes.\(name)", state: state))
        default:
            if name.hasPrefix("__") { return nil }
            return .object(SkippedObject("Axes.\(name)", state: state))
        }
    }

    /// The GridSpec cell or block the axes was placed in (`fig.add_subplot(gs[0, :])`).
    var subplotSpec: SubplotSpecObject?

    /// `ax.get_position()`: where the axes sits in its figure, in figure fractions.
    var position: Box { figure?.figure.position(of: axes) ?? Figure().position(of: axes) }

    func repr(_ interpreter: Interpreter) -> String { "<Axes: >" }

    /// `Axes(0.125,0.53;0.227941x0.35)`: the left, bottom, width and height, as matplotlib prints an axes.
    func str(_ interpreter: Interpreter) -> String {
        let box = position
        let g = { (value: Double) in cFormat("%g", value) }
        return "Axes(\(g(box.x0)),\(g(box.y0));\(g(box.width))x\(g(box.height)))"
    }
}

/// A matplotlib `Figure`: `add_subplot`, `subplots`, `suptitle`, `savefig`, `colorbar`, `show`, …
final class FigureObject: PyObject {
    let figure: Figure
    let state: MatplotlibState
    private var axesObjects: [AxesObject] = []
    var current: AxesObject?

    init(_ figure: Figure, state: MatplotlibState) {
        self.figure = figure
        self.state = state
    }

    var typeName: String { "Figure" }

    /// The object for `axes`, made once.
    func object(_ axes: Axes) -> AxesObject {
        if let existing = axesObjects.first(where: { $0.axes === axes }) { return existing }
        let made = AxesObject(axes, state: state, figure: self)
        axesObjects.append(made)
        return made
    }

    func clear() {
        for axes in figure.axes { figure.remove(axes) }
        figure.suptitle = nil
        current = nil
    }

    func currentAxes() -> AxesObject {
        if let current, figure.axes.contains(where: { $0 === current.axes }) { return current }
        let axes = figure.axes.last ?? figure.axes(at: Axes.Place(rows: 1, columns: 1, index: 1))
        current = object(axes)
        return object(axes)
    }

    /// `subplot(2, 2, 3)`, `subplot(223)`, `subplot(gs[0, :])` (a GridSpec cell or block), or the next free
    /// place when the arguments are something else.
    func subplot(_ arguments: [Value], _ interpreter: Interpreter, new: Bool, range: SourceRange) throws(Diagnostic)
        -> AxesObject
    {
        if case .object(let spec as SubplotSpecObject)? = arguments.first {
            let place = spec.place
            let axes = new ? figure.addAxes(at: place) : figure.axes(at: place)
            axes.layoutGrid = spec.gridSpec.geometry
            let made = object(axes)
            made.subplotSpec = spec
            current = made
            state.current = self
            return made
        }
        var numbers = arguments.compactMap { value -> Int? in if case .int(let n) = value { n } else { nil } }
        if numbers.count == 1, numbers[0] >= 111, numbers[0] <= 999 {
            numbers = [numbers[0] / 100, numbers[0] / 10 % 10, numbers[0] % 10]
        }
        let place: Axes.Place
        if numbers.count == 3 {
            try FigureObject.checkGrid(rows: numbers[0], columns: numbers[1], range: range)
            let cells = max(1, numbers[0]) * max(1, numbers[1])
            guard numbers[2] <= cells else {
                throw Diagnostic(
                    "ValueError: num must be an integer with 1 <= num <= \(cells), not \(numbers[2])",
                    at: range)
            }
            place = Axes.Place(rows: numbers[0], columns: numbers[1], index: numbers[2])
        } else if numbers.isEmpty && arguments.isEmpty {
            place = Axes.Place(rows: 1, columns: 1, index: 1)
        } else {
            let count = figure.axes.count + 1
            place = Axes.Place(rows: 1, columns: count, index: count)
            for axes in figure.axes { axes.place = Axes.Place(rows: 1, columns: count, index: axes.place.index) }
        }
        let axes = new ? figure.addAxes(at: place) : figure.axes(at: place)
        current = object(axes)
        state.current = self
        return object(axes)
    }

    /// Refuses a grid NNLab cannot draw: past 10,000 cells none is visible and drawing never ends
    /// (and rows * columns may not fit in an Int).
    static func checkGrid(rows: Int, columns: Int, range: SourceRange) throws(Diagnostic) {
        guard rows > 10_000 || columns > 10_000 || rows * columns > 10_000 else { return }
        throw Diagnostic(
            "ValueError: NNLab draws at most 10,000 axes in one figure, not \(rows) x \(columns)",
            at: range)
    }

    /// `subplots(rows, columns)`: the axes as matplotlib returns them (one, a row, or a grid).
    func subplots(rows: Int, columns: Int, squeeze: Bool, grid: GridGeometry? = nil, range: SourceRange)
        throws(Diagnostic) -> Value
    {
        try FigureObject.checkGrid(rows: rows, columns: columns, range: range)
        var made: [AxesObject] = []
        for index in 1...(rows * columns) {
            let axes = figure.addAxes(at: Axes.Place(rows: rows, columns: columns, index: index))
            axes.layoutGrid = grid
            made.append(object(axes))
        }
        current = made.first
        state.current = self
        if squeeze && rows == 1 && columns == 1, let only = made.first { return .object(only) }
        let shape = squeeze && (rows == 1 || columns == 1) ? [made.count] : [rows, columns]
        return .object(ObjectArray(shape: shape, elements: made.map { .object($0) }))
    }

    /// `subplots_adjust(left=..., hspace=...)`: the margins and gaps of the figure's grid.
    func adjust(_ a: BoundArguments) throws(Diagnostic) -> Value {
        for key in SubplotParameters.names where a[key] != nil { figure.subplotParameters[key] = try a.double(key) }
        return .none
    }

    /// `fig.add_axes([left, bottom, width, height])` and `plt.axes(rect)`: an axes where the program puts it.
    func addAxes(_ rect: Value, _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> AxesObject {
        let made = object(figure.addAxes(at: try GridSpecs.box(rect, interpreter, range: range)))
        current = made
        state.current = self
        return made
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "add_subplot":
            return function(name, "*args, projection=None, **kwargs") { a, i throws(Diagnostic) in
                if a["projection"] != nil {
                    self.state.note("\(i.str(a["projection"] ?? .none)) projection", i)
                    return .object(SkippedObject("3-D axes", state: self.state))
                }
                return .object(try self.subplot(a.rest, i, new: true, range: a.callRange))
            }
        case "subplots":
            return function(name, "nrows=1, ncols=1, squeeze=True, **kwargs") { a, _ throws(Diagnostic) in
                try self.subplots(
                    rows: max(1, try a.int("nrows", default: 1)), columns: max(1, try a.int("ncols", default: 1)),
                    squeeze: try a.bool("squeeze", default: true), range: a.callRange)
            }
        case "gca": return function(name, "**kwargs") { _, _ in .object(self.currentAxes()) }
        case "add_gridspec":
            return function(name, GridSpecs.figureParameters) { a, i throws(Diagnostic) in
                .object(try GridSpecObject(a, figure: self, state: self.state, i))
            }
        case "add_axes":
            return function(name, "rect=None, projection=None, **kwargs") { a, i throws(Diagnostic) in
                if a["projection"] != nil {
                    self.state.note("\(i.str(a["projection"] ?? .none)) projection", i)
                    return .object(SkippedObject("3-D axes", state: self.state))
                }
                return .object(try self.addAxes(a["rect"] ?? .none, i, range: a.range("rect")))
            }
        case "subplots_adjust":
            return function(name, "left=None, bottom=None, right=None, top=None, wspace=None, hspace=None") {
                a, _ throws(Diagnostic) in
                try self.adjust(a)
            }
        case "axes", "get_axes":
            let list = Value.list(figure.axes.map { .object(object($0)) })
            return name == "axes" ? list : function(name, "") { _, _ in list }
        case "suptitle":
            return function(name, "t, **kwargs") { a, i throws(Diagnostic) in
                self.figure.suptitle = MatplotlibValues.string(a["t"], i)
                return .object(ArtistObject("Text"))
            }
        case "savefig":
            return function(name, "fname, **kwargs") { a, i throws(Diagnostic) in try Pyplot.save(self, a, i) }
        case "show":
            return function(name, "*args, **kwargs") { _, i in
                i.write(TerminalFigure(style: i.style).render(self.figure))
                return .none
            }
        case "colorbar":
            return function(name, "mappable=None, ax=None, label='', **kwargs") { a, i throws(Diagnostic) in
                Pyplot.colorbar(a, i, self.state)
            }
        case "set_size_inches":
            return function(name, "w, h=None, **kwargs") { a, _ throws(Diagnostic) in
                if let h = a["h"] {
                    self.figure.size = (try a.double("w"), MatplotlibValues.double(h) ?? self.figure.size.height)
                } else {
                    let pair = try MatplotlibValues.numbers(a["w"] ?? .none, range: a.range("w"))
                    if pair.count == 2 { self.figure.size = (pair[0], pair[1]) }
                }
                return .none
            }
        case "clf", "clear":
            return function(name, "**kwargs") { _, _ in
                self.clear()
                return .none
            }
        case "number": return .int(figure.number)
        case "tight_layout", "set_facecolor", "set_tight_layout", "align_labels", "set_dpi",
            "canvas":
            return name == "canvas"
                ? .object(SkippedObject("Figure.canvas", state: state))
                : function(name, "*args, **kwargs") { _, _ in .none }
        default:
            if name.hasPrefix("__") { return nil }
            return .object(SkippedObject("Figure.\(name)", state: state))
        }
    }

    func repr(_ interpreter: Interpreter) -> String {
        "<Figure size \(Int(figure.size.width * 100))x\(Int(figure.size.height * 100)) with \(figure.axes.count) Axes>"
    }
}

/// What a plotting call returns (a `Line2D`, `Text`, …): its setters are accepted and change nothing.
final class ArtistObject: PyObject {
    let kind: String
    init(_ kind: String) { self.kind = kind }
    var typeName: String { kind }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        name.hasPrefix("__") ? nil : function(name, "*args, **kwargs") { _, _ in .none }
    }
    func repr(_ interpreter: Interpreter) -> String { "<matplotlib.\(kind) object>" }
}

/// What `plt.bar` returns: a tuple of the bars (`Rectangle`s), so `bars[3].set_color('red')` and
/// `for bar in bars` work; styling a single bar after drawing is accepted and not drawn.
final class BarContainerObject: PyObject, SubscriptableObject, IterableObject {
    let items: [Value]
    init(count: Int) { items = (0..<count).map { _ in .object(ArtistObject("Rectangle")) } }
    var typeName: String { "BarContainer" }

    func subscriptItem(_ index: [IndexItem], _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> Value
    {
        try Subscripts.sequenceItem(items, index, range: range, what: "tuple", wrap: { .tuple($0) }, single: { $0 })
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        if name == "patches" { return .list(items) }
        return name.hasPrefix("__") ? nil : function(name, "*args, **kwargs") { _, _ in .none }
    }
    func repr(_ interpreter: Interpreter) -> String { "<BarContainer object of \(items.count) artists>" }
}

/// An image or contour set, which `colorbar(im)` takes.
final class MappableObject: PyObject {
    let axes: AxesObject
    init(_ axes: AxesObject) { self.axes = axes }
    var typeName: String { "AxesImage" }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        name.hasPrefix("__") ? nil : function(name, "*args, **kwargs") { _, _ in .none }
    }
}

/// A colour map (`plt.cm.viridis`, `ListedColormap([...])`): calling it with a number from 0 to 1 gives an RGBA tuple.
final class ColormapObject: PyObject, CallableObject {
    let map: Colormap
    init(_ map: Colormap) { self.map = map }
    var typeName: String { map.listed ? "ListedColormap" : "LinearSegmentedColormap" }

    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        guard let value = arguments.positional.first else {
            throw Diagnostic(
                "TypeError: Colormap.__call__() missing 1 required positional argument: 'X'", at: arguments.range)
        }
        func rgba(_ t: Double) -> Value {
            let color = map.color(t)
            return .tuple([.float(color.red), .float(color.green), .float(color.blue), .float(1)])
        }
        if case .int(let index) = value {
            let count = map.listed ? max(1, map.colorCount) : 256
            return rgba(Double(min(max(index, 0), count - 1)) / Double(max(1, count - 1)))
        }
        if let single = MatplotlibValues.double(value) { return rgba(single) }
        let values = try MatplotlibValues.numbers(value, range: arguments.range)
        return .list(values.map(rgba))
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "name": return .string(map.name)
        case "N": return .int(map.listed ? map.colorCount : 256)
        case "reversed": return function(name, "") { _, _ in .object(ColormapObject(self.map.reversed)) }
        default: return nil
        }
    }

    func repr(_ interpreter: Interpreter) -> String { "<matplotlib.colors.\(typeName) object>" }
}

/// Something a terminal does not draw (a `Slider`, a `FancyArrowPatch`, a `GridSpec`, 3-D axes): it
/// can be made, called, indexed and asked for anything, and does nothing; a note says so once.
final class SkippedObject: PyObject, CallableObject, SubscriptableObject {
    let kind: String
    let state: MatplotlibState
    /// Attributes the program set, or that the thing has from its making (a `Slider`'s `val`).
    private var known: [String: Value] = [:]
    init(_ kind: String, state: MatplotlibState) {
        self.kind = kind
        self.state = state
    }
    var typeName: String { kind }

    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        state.note(kind, interpreter)
        // Used as a decorator (ipywidgets' `@output.capture()` on a `def`): the function stays itself.
        if arguments.keywords.isEmpty, arguments.positional.count == 1,
            case .object(let function as UserFunction) = arguments.positional[0]
        {
            return .object(function)
        }
        let made = SkippedObject(kind, state: state)
        if kind == "Slider" {
            // Slider(ax, label, valmin, valmax, valinit=0.5): code reads `.val`, which is valinit until dragged.
            let given = { (name: String, position: Int) -> Value? in
                arguments.keywords.first { $0.name == name }?.value
                    ?? (position < arguments.positional.count ? arguments.positional[position] : nil)
            }
            let value = Value.float(given("valinit", 4)?.numericValue ?? 0.5)  // matplotlib keeps a float
            made.known = [
                "val": value, "valinit": value, "valmin": given("valmin", 2) ?? .none,
                "valmax": given("valmax", 3) ?? .none,
            ]
        }
        if kind == "CheckButtons" {
            // CheckButtons(ax, labels, actives): `get_status()` is the boxes' states until clicked.
            let given =
                arguments.keywords.first { $0.name == "actives" }?.value
                ?? (arguments.positional.count > 2 ? arguments.positional[2] : nil)
            let states = try given.map { v throws(Diagnostic) in
                try interpreter.iterate(v, range: arguments.range).map {
                    Value.bool($0.numericValue.map { $0 != 0 } ?? false)
                }
            }
            made.known["get_status"] = function("get_status", "") { _, _ in .list(ListBox(states ?? [])) }
        }
        return .object(made)
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        if let value = known[name] { return value }
        return name.hasPrefix("__") ? nil : .object(SkippedObject(kind, state: state))
    }

    func setAttribute(_ name: String, to value: Value, _ interpreter: Interpreter) throws(Diagnostic) {
        known[name] = value
    }

    func subscriptItem(_ index: [IndexItem], _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> Value
    {
        .object(SkippedObject(kind, state: state))
    }

    func repr(_ interpreter: Interpreter) -> String { "<\(kind) (not drawn by NNLab)>" }
}
