import NNEngine
import NNPlot

/// `matplotlib.gridspec.GridSpec(nrows, ncols, ...)` and `fig.add_gridspec(...)`: a grid to place axes
/// in; `gs[0, :]` gives the `SubplotSpec` of a cell or a block of cells, which `fig.add_subplot` takes.
final class GridSpecObject: SubscriptableObject {
    var geometry: GridGeometry
    weak var figure: FigureObject?
    let state: MatplotlibState
    /// The ratios as the program gave them, for the repr and `get_width_ratios()`.
    private var widthRatios: Value
    private var heightRatios: Value

    init(_ a: BoundArguments, figure: FigureObject?, state: MatplotlibState, _ interpreter: Interpreter)
        throws(Diagnostic)
    {
        let rows = try GridSpecObject.count(a, "nrows", "rows", interpreter)
        let columns = try GridSpecObject.count(a, "ncols", "columns", interpreter)
        let heights = try GridSpecObject.ratios(a, "height_ratios", count: rows, what: "rows")
        let widths = try GridSpecObject.ratios(a, "width_ratios", count: columns, what: "columns")
        geometry = GridGeometry(
            rows: rows, columns: columns, heightRatios: heights.numbers, widthRatios: widths.numbers)
        heightRatios = heights.value
        widthRatios = widths.value
        self.state = state
        self.figure = figure
        if case .object(let given as FigureObject)? = a["figure"] { self.figure = given }
        try update(a)
    }

    /// The grid's own margins and gaps (`left=0.05`, `hspace=0.4`), over the figure's.
    func update(_ a: BoundArguments) throws(Diagnostic) {
        let before = geometry
        for name in SubplotParameters.names where a[name] != nil {
            geometry.overrides[name] = try a.double(name)
        }
        // Axes already placed in this grid move with it, as matplotlib's `GridSpec.update` moves them.
        for axes in figure?.figure.axes ?? [] where axes.layoutGrid == before { axes.layoutGrid = geometry }
    }

    static func count(_ a: BoundArguments, _ name: String, _ what: String, _ interpreter: Interpreter)
        throws(Diagnostic) -> Int
    {
        let value = a.values[name]?.value ?? .none
        guard let count = value.exactInteger, value.typeName != "bool", count > 0 else {
            throw Diagnostic(
                "Number of \(what) must be a positive integer, not \(interpreter.repr(value))",
                at: a.range(name), exception: "ValueError")
        }
        return count
    }

    static func ratios(_ a: BoundArguments, _ name: String, count: Int, what: String) throws(Diagnostic) -> (
        numbers: [Double]?, value: Value
    ) {
        guard let given = a[name] else { return (nil, .list(Array(repeating: .int(1), count: count))) }
        let numbers = try ArrayConversion.tensor(given, dtype: .float64, range: a.range(name)).doubles
        guard numbers.count == count else {
            throw Diagnostic(
                "Expected the given number of \(name == "width_ratios" ? "width" : "height") ratios to "
                    + "match the number of \(what) of the grid", at: a.range(name), exception: "ValueError")
        }
        return (numbers, given)
    }

    var typeName: String { "GridSpec" }

    /// `gs[1, :]`, `gs[0:2, 1]`, `gs[3]` (counting cells row by row): a `SubplotSpec`.
    func subscriptItem(_ index: [IndexItem], _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> Value
    {
        let (rows, columns) = (geometry.rows, geometry.columns)
        func normalize(_ item: IndexItem, _ size: Int, axis: Int?) throws(Diagnostic) -> (Int, Int) {
            switch item {
            case .slice(let start, let stop, _):
                func clamp(_ value: Int?, _ fallback: Int) -> Int {
                    guard let value else { return fallback }
                    return min(size, max(0, value < 0 ? value + size : value))
                }
                let (first, end) = (clamp(start, 0), clamp(stop, size))
                guard end > first else {
                    throw Diagnostic(
                        "GridSpec slice would result in no space allocated for subplot", at: range,
                        exception: "IndexError")
                }
                return (first, end - 1)
            case .value(let value, let itemRange):
                guard let raw = value.exactInteger else {
                    throw Diagnostic(
                        "GridSpec indices must be integers or slices", at: itemRange, exception: "TypeError")
                }
                let position = raw < 0 ? raw + size : raw
                guard position >= 0, position < size else {
                    throw Diagnostic(
                        "index \(raw) is out of bounds for "
                            + (axis.map { "axis \($0) with size \(size)" } ?? "GridSpec with size \(size)"),
                        at: itemRange, exception: "IndexError")
                }
                return (position, position)
            case .newAxis, .ellipsis:
                throw Diagnostic("Unrecognized subplot spec", at: range, exception: "ValueError")
            }
        }
        switch index.count {
        case 1:
            let (first, last) = try normalize(index[0], rows * columns, axis: nil)
            return .object(SubplotSpecObject(self, first, last))
        case 2:
            let (top, bottom) = try normalize(index[0], rows, axis: 0)
            let (left, right) = try normalize(index[1], columns, axis: 1)
            return .object(SubplotSpecObject(self, top * columns + left, bottom * columns + right))
        default:
            throw Diagnostic("Unrecognized subplot spec", at: range, exception: "ValueError")
        }
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "nrows": return .int(geometry.rows)
        case "ncols": return .int(geometry.columns)
        case "figure": return figure.map { .object($0) } ?? .none
        case "get_geometry":
            return function(name, "") { _, _ in .tuple([.int(self.geometry.rows), .int(self.geometry.columns)]) }
        case "get_width_ratios": return function(name, "") { _, _ in self.widthRatios }
        case "get_height_ratios": return function(name, "") { _, _ in self.heightRatios }
        case "update":
            return function(name, "**kwargs") { a, _ throws(Diagnostic) in
                for (key, _) in a.keywords where !SubplotParameters.names.contains(key) {
                    throw Diagnostic("\(key) is an unknown keyword", at: a.callRange, exception: "AttributeError")
                }
                var named = BoundArguments(function: name, callRange: a.callRange)
                for (key, value) in a.keywords { named.values[key] = (value, a.callRange) }
                try self.update(named)
                return .none
            }
        case "new_subplotspec":
            return function(name, "loc, rowspan=1, colspan=1") { a, i throws(Diagnostic) in
                try self.block(a, i)
            }
        case "subplots":
            return function(name, "*, sharex=False, sharey=False, squeeze=True, subplot_kw=None") {
                a, _ throws(Diagnostic) in
                guard let figure = self.figure else {
                    throw Diagnostic(
                        "GridSpec.subplots() only works for GridSpecs created with a parent figure",
                        at: a.callRange, exception: "ValueError")
                }
                return try figure.subplots(
                    rows: self.geometry.rows, columns: self.geometry.columns,
                    squeeze: try a.bool("squeeze", default: true), grid: self.geometry, range: a.callRange)
            }
        default:
            if name.hasPrefix("__") { return nil }
            return .object(SkippedObject("GridSpec.\(name)", state: state))
        }
    }

    var attributeNames: [String] {
        [
            "figure", "get_geometry", "get_height_ratios", "get_width_ratios", "ncols", "new_subplotspec", "nrows",
            "subplots", "update",
        ]
    }

    /// `new_subplotspec((row, column), rowspan, colspan)` and `subplot2grid`: the block of cells from `loc`.
    func block(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let loc = try interpreter.iterate(a["loc"] ?? .none, range: a.range("loc")).compactMap(\.exactInteger)
        guard loc.count == 2 else {
            throw Diagnostic("loc must be a (row, column) pair", at: a.range("loc"), exception: "ValueError")
        }
        let rowSpan = try a.int("rowspan", default: 1)
        let columnSpan = try a.int("colspan", default: 1)
        return try subscriptItem(
            [.slice(loc[0], loc[0] + rowSpan, nil), .slice(loc[1], loc[1] + columnSpan, nil)], interpreter,
            range: a.callRange)
    }

    func repr(_ interpreter: Interpreter) -> String {
        let distinct = { (numbers: [Double]) in Set(numbers).count != 1 }
        var text = "GridSpec(\(geometry.rows), \(geometry.columns)"
        if distinct(geometry.heightRatios) { text += ", height_ratios=" + interpreter.repr(heightRatios) }
        if distinct(geometry.widthRatios) { text += ", width_ratios=" + interpreter.repr(widthRatios) }
        return text + ")"
    }
}

/// One cell or block of a `GridSpec` (`gs[0, :]`): where `fig.add_subplot(spec)` puts an axes.
final class SubplotSpecObject: PyObject {
    let gridSpec: GridSpecObject
    /// The first and last cell, counted row by row from 0 (matplotlib's `num1`, `num2`).
    let first: Int
    let last: Int

    init(_ gridSpec: GridSpecObject, _ first: Int, _ last: Int) {
        self.gridSpec = gridSpec
        self.first = first
        self.last = last
    }

    var typeName: String { "SubplotSpec" }
    var rows: Range<Int> {
        let columns = gridSpec.geometry.columns
        return (first / columns)..<(last / columns + 1)
    }
    var columns: Range<Int> {
        let count = gridSpec.geometry.columns
        return min(first % count, last % count)..<(max(first % count, last % count) + 1)
    }

    /// The figure grid place of the block's top-left cell, spanning the block.
    var place: Axes.Place {
        let geometry = gridSpec.geometry
        return Axes.Place(
            rows: geometry.rows, columns: geometry.columns,
            index: rows.lowerBound * geometry.columns + columns.lowerBound + 1,
            rowSpan: rows.count, columnSpan: columns.count)
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "rowspan": return .object(RangeObject(rows.lowerBound, rows.upperBound, 1))
        case "colspan": return .object(RangeObject(columns.lowerBound, columns.upperBound, 1))
        case "num1": return .int(first)
        case "num2": return .int(last)
        case "get_gridspec": return function(name, "") { _, _ in .object(self.gridSpec) }
        case "get_geometry":
            return function(name, "") { _, _ in
                .tuple([
                    .int(self.gridSpec.geometry.rows), .int(self.gridSpec.geometry.columns), .int(self.first),
                    .int(self.last),
                ])
            }
        case "get_position":
            return function(name, "figure") { a, _ throws(Diagnostic) in
                guard case .object(let figure as FigureObject)? = a["figure"] else {
                    throw Diagnostic("get_position() needs the figure", at: a.range("figure"), exception: "TypeError")
                }
                let box = self.gridSpec.geometry.box(
                    rows: self.rows, columns: self.columns, in: figure.figure.subplotParameters)
                return .object(BboxObject(box))
            }
        case "is_first_row": return function(name, "") { _, _ in .bool(self.rows.lowerBound == 0) }
        case "is_last_row":
            return function(name, "") { _, _ in .bool(self.rows.upperBound == self.gridSpec.geometry.rows) }
        case "is_first_col": return function(name, "") { _, _ in .bool(self.columns.lowerBound == 0) }
        case "is_last_col":
            return function(name, "") { _, _ in .bool(self.columns.upperBound == self.gridSpec.geometry.columns) }
        default:
            if name.hasPrefix("__") { return nil }
            return .object(SkippedObject("SubplotSpec.\(name)", state: gridSpec.state))
        }
    }

    func repr(_ interpreter: Interpreter) -> String {
        gridSpec.repr(interpreter)
            + "[\(rows.lowerBound):\(rows.upperBound), \(columns.lowerBound):\(columns.upperBound)]"
    }
}

/// matplotlib's `Bbox` (`ax.get_position()`): the corners as NumPy float64 numbers (`x0`, `y1`,
/// `width`, `bounds`, …) and `get_points()` as a 2 x 2 array `[[x0, y0], [x1, y1]]`.
final class BboxObject: PyObject {
    let box: Box
    init(_ box: Box) { self.box = box }
    var typeName: String { "Bbox" }

    static func number(_ value: Double) -> Value {
        .array(NDArray(Tensor.exactly(shape: [], dtype: .float64) { _ in value }))
    }

    static func numbers(_ values: [Double], shape: [Int]) -> Value {
        .array(NDArray(Tensor.exactly(shape: shape, dtype: .float64) { values[$0] }))
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        let b = box
        switch name {
        case "x0": return BboxObject.number(b.x0)
        case "y0": return BboxObject.number(b.y0)
        case "x1": return BboxObject.number(b.x1)
        case "y1": return BboxObject.number(b.y1)
        case "xmin": return BboxObject.number(min(b.x0, b.x1))
        case "xmax": return BboxObject.number(max(b.x0, b.x1))
        case "ymin": return BboxObject.number(min(b.y0, b.y1))
        case "ymax": return BboxObject.number(max(b.y0, b.y1))
        case "width": return BboxObject.number(b.width)
        case "height": return BboxObject.number(b.height)
        case "bounds": return .tuple([b.x0, b.y0, b.width, b.height].map(BboxObject.number))
        case "extents": return BboxObject.numbers([b.x0, b.y0, b.x1, b.y1], shape: [4])
        case "p0": return BboxObject.numbers([b.x0, b.y0], shape: [2])
        case "p1": return BboxObject.numbers([b.x1, b.y1], shape: [2])
        case "size": return BboxObject.numbers([b.width, b.height], shape: [2])
        case "intervalx": return BboxObject.numbers([b.x0, b.x1], shape: [2])
        case "intervaly": return BboxObject.numbers([b.y0, b.y1], shape: [2])
        case "get_points":
            return function(name, "") { _, _ in BboxObject.numbers([b.x0, b.y0, b.x1, b.y1], shape: [2, 2]) }
        case "frozen": return function(name, "") { _, _ in .object(BboxObject(b)) }
        case "contains":
            return function(name, "x, y") { a, _ throws(Diagnostic) in
                let (x, y) = (try a.double("x"), try a.double("y"))
                return .bool(
                    x >= min(b.x0, b.x1) && x <= max(b.x0, b.x1) && y >= min(b.y0, b.y1) && y <= max(b.y0, b.y1))
            }
        default: return nil
        }
    }

    var attributeNames: [String] {
        [
            "bounds", "contains", "extents", "frozen", "get_points", "height", "intervalx", "intervaly", "p0", "p1",
            "size", "width", "x0", "x1", "xmax", "xmin", "y0", "y1", "ymax", "ymin",
        ]
    }

    func repr(_ interpreter: Interpreter) -> String {
        let n = { (value: Double) in interpreter.repr(.float(value)) }
        return "Bbox([[\(n(box.x0)), \(n(box.y0))], [\(n(box.x1)), \(n(box.y1))]])"
    }

    func str(_ interpreter: Interpreter) -> String {
        let n = { (value: Double) in interpreter.repr(.float(value)) }
        return "Bbox(x0=\(n(box.x0)), y0=\(n(box.y0)), x1=\(n(box.x1)), y1=\(n(box.y1)))"
    }
}

/// `matplotlib.gridspec`: `GridSpec` (with or without a figure); anything else is accepted and skipped.
enum GridSpecs {
    static let parameters =
        "nrows, ncols, figure=None, left=None, bottom=None, right=None, top=None, wspace=None, hspace=None, "
        + "width_ratios=None, height_ratios=None"
    /// `fig.add_gridspec`'s: the grid's size defaults to one cell.
    static let figureParameters =
        "nrows=1, ncols=1, left=None, bottom=None, right=None, top=None, wspace=None, hspace=None, "
        + "width_ratios=None, height_ratios=None, **kwargs"

    static func module(_ state: MatplotlibState) -> ModuleObject {
        let module = ModuleObject(
            "matplotlib.gridspec",
            [
                "GridSpec": function("GridSpec", parameters) { a, i throws(Diagnostic) in
                    .object(try GridSpecObject(a, figure: nil, state: state, i))
                }
            ])
        module.fallback = { member in member.hasPrefix("__") ? nil : .object(SkippedObject(member, state: state)) }
        return module
    }

    /// The place, grid and figure-fraction box of an axes for `rect` (`[left, bottom, width, height]`
    /// or a `Bbox`), as `fig.add_axes` and `ax.set_position` take it.
    static func box(_ value: Value, _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> Box {
        if case .object(let bbox as BboxObject) = value { return bbox.box }
        // Exactly as given (float64), so the box's corners are matplotlib's to the last digit.
        let numbers = try ArrayConversion.tensor(value, dtype: .float64, range: range).doubles
        guard numbers.count == 4 else {
            throw Diagnostic(
                "rect must be a sequence of 4 numbers: left, bottom, width, height", at: range, exception: "ValueError")
        }
        return Box(left: numbers[0], bottom: numbers[1], width: numbers[2], height: numbers[3])
    }
}
