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

    /// Refuses a grid NNLab cannot draw: past 10,000 cells none is visible and drawing never ends
    /// (and rows * columns may not fit in an Int).
    static func checkGrid(rows: Int, columns: Int, range: SourceRange) throws(Diagnostic) {
        guard rows > 10_000 || columns > 10_000 || rows * columns > 10_000 else { return }
        throw Diagnostic(
            "ValueError: NNLab draws at most 10,000 axes in one figure, not \(rows) x \(columns)",
            at: range)
    }

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
        case "transAxes", "transData", "xaxis", "yaxis", "spines", "patch":
            return .object(SkippedObject("Axes.\(name)", state: state))
        default:
            if name.hasPrefix("__") { return nil }
            return .object(SkippedObject("Axes.\(name)", state: state))
        }
    }

    func repr(_ interpreter: Interpreter) -> String { "<Axes: >" }
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

    /// `subplot(2, 2, 3)`, `subplot(223)`, or the next free place when the arguments are not numbers (a GridSpec cell).
    func subplot(_ arguments: [Value], _ interpreter: Interpreter, new: Bool, range: SourceRange) throws(Diagnostic)
        -> AxesObject
    {
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

    /// `subplots(rows, columns)`: the axes as matplotlib returns them (one, a row, or a grid).
    func subplots(rows: Int, columns: Int, squeeze: Bool, range: SourceRange) throws(Diagnostic) -> Value {
        try FigureObject.checkGrid(rows: rows, columns: columns, range: range)
        var made: [AxesObject] = []
        for index in 1...(rows * columns) {
            made.append(object(figure.addAxes(at: Axes.Place(rows: rows, columns: columns, index: index))))
        }
        current = made.first
        if squeeze && rows == 1 && columns == 1, let only = made.first { return .object(only) }
        if squeeze && (rows == 1 || columns == 1) {
            return .object(AxesArray(made.map { .object($0) }, shape: [made.count]))
        }
        return .object(AxesArray(made.map { .object($0) }, shape: [rows, columns]))
    }

    /// Refuses a grid NNLab cannot draw: past 10,000 cells none is visible and drawing never ends
    /// (and rows * columns may not fit in an Int).
    static func checkGrid(rows: Int, columns: Int, range: SourceRange) throws(Diagnostic) {
        guard rows > 10_000 || columns > 10_000 || rows * columns > 10_000 else { return }
        throw Diagnostic(
            "ValueError: NNLab draws at most 10,000 axes in one figure, not \(rows) x \(columns)",
            at: range)
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
        case "tight_layout", "subplots_adjust", "set_facecolor", "set_tight_layout", "align_labels", "set_dpi",
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

/// The array of axes `subplots` returns: `axs[0, 1]`, `axs[1]`, `axs.flat`, `axs.flatten()`, `axs.ravel()`,
/// `axs.shape`, iteration and unpacking.
final class AxesArray: PyObject, SubscriptableObject, IterableObject {
    let elements: [Value]
    let shape: [Int]

    init(_ elements: [Value], shape: [Int]) {
        self.elements = elements
        self.shape = shape
    }

    var typeName: String { "ndarray" }

    /// Iterating a grid gives its rows.
    var items: [Value] {
        guard shape.count == 2 else { return elements }
        return (0..<shape[0]).map { row in
            .object(AxesArray(Array(elements[(row * shape[1])..<((row + 1) * shape[1])]), shape: [shape[1]]))
        }
    }

    func subscriptItem(_ index: [IndexItem], _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> Value
    {
        var positions: [Int] = []
        for item in index {
            guard case .value(let value, let itemRange) = item, case .int(let raw) = value else {
                throw Diagnostic("NNLab indexes an array of axes with whole numbers (axs[0, 1])", at: range)
            }
            let dimension = positions.count < shape.count ? shape[positions.count] : 1
            let position = raw < 0 ? raw + dimension : raw
            guard position >= 0, position < dimension else {
                throw Diagnostic(
                    "IndexError: index \(raw) is out of bounds for axis \(positions.count) with size \(dimension)",
                    at: itemRange)
            }
            positions.append(position)
        }
        if shape.count == 2 && positions.count == 2 { return elements[positions[0] * shape[1] + positions[1]] }
        if positions.count == 1 { return items[positions[0]] }
        throw Diagnostic(
            "IndexError: too many indices for array: array is \(shape.count)-dimensional, but \(positions.count) were indexed",
            at: range)
    }

    /// Refuses a grid NNLab cannot draw: past 10,000 cells none is visible and drawing never ends
    /// (and rows * columns may not fit in an Int).
    static func checkGrid(rows: Int, columns: Int, range: SourceRange) throws(Diagnostic) {
        guard rows > 10_000 || columns > 10_000 || rows * columns > 10_000 else { return }
        throw Diagnostic(
            "ValueError: NNLab draws at most 10,000 axes in one figure, not \(rows) x \(columns)",
            at: range)
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "flat": return .object(AxesArray(elements, shape: [elements.count]))
        case "flatten", "ravel":
            return function(name, "") { _, _ in .object(AxesArray(self.elements, shape: [self.elements.count])) }
        case "shape": return .tuple(shape.map { .int($0) })
        case "size": return .int(elements.count)
        case "ndim": return .int(shape.count)
        case "T":
            guard shape.count == 2 else { return .object(self) }
            var transposed: [Value] = []
            for column in 0..<shape[1] {
                for row in 0..<shape[0] { transposed.append(elements[row * shape[1] + column]) }
            }
            return .object(AxesArray(transposed, shape: [shape[1], shape[0]]))
        case "tolist": return function(name, "") { _, _ in .list(self.items) }
        default: return nil
        }
    }

    var attributeNames: [String] { ["flat", "flatten", "ravel", "shape", "size", "ndim", "T", "tolist"] }
    func repr(_ interpreter: Interpreter) -> String {
        "array([" + elements.map { interpreter.repr($0) }.joined(separator: ", ") + "], dtype=object)"
    }
}

/// What a plotting call returns (a `Line2D`, `Text`, …): its setters are accepted and change nothing.
final class ArtistObject: PyObject {
    let kind: String
    init(_ kind: String) { self.kind = kind }
    var typeName: String { kind }
    /// Refuses a grid NNLab cannot draw: past 10,000 cells none is visible and drawing never ends
    /// (and rows * columns may not fit in an Int).
    static func checkGrid(rows: Int, columns: Int, range: SourceRange) throws(Diagnostic) {
        guard rows > 10_000 || columns > 10_000 || rows * columns > 10_000 else { return }
        throw Diagnostic(
            "ValueError: NNLab draws at most 10,000 axes in one figure, not \(rows) x \(columns)",
            at: range)
    }

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
    /// Refuses a grid NNLab cannot draw: past 10,000 cells none is visible and drawing never ends
    /// (and rows * columns may not fit in an Int).
    static func checkGrid(rows: Int, columns: Int, range: SourceRange) throws(Diagnostic) {
        guard rows > 10_000 || columns > 10_000 || rows * columns > 10_000 else { return }
        throw Diagnostic(
            "ValueError: NNLab draws at most 10,000 axes in one figure, not \(rows) x \(columns)",
            at: range)
    }

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

    /// Refuses a grid NNLab cannot draw: past 10,000 cells none is visible and drawing never ends
    /// (and rows * columns may not fit in an Int).
    static func checkGrid(rows: Int, columns: Int, range: SourceRange) throws(Diagnostic) {
        guard rows > 10_000 || columns > 10_000 || rows * columns > 10_000 else { return }
        throw Diagnostic(
            "ValueError: NNLab draws at most 10,000 axes in one figure, not \(rows) x \(columns)",
            at: range)
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
        return .object(made)
    }

    /// Refuses a grid NNLab cannot draw: past 10,000 cells none is visible and drawing never ends
    /// (and rows * columns may not fit in an Int).
    static func checkGrid(rows: Int, columns: Int, range: SourceRange) throws(Diagnostic) {
        guard rows > 10_000 || columns > 10_000 || rows * columns > 10_000 else { return }
        throw Diagnostic(
            "ValueError: NNLab draws at most 10,000 axes in one figure, not \(rows) x \(columns)",
            at: range)
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
