import Foundation
import NNEngine
import NNPlot

/// pyplot's state machine for one session: the open figures, the current figure and axes, and the
/// notes already given about things a terminal does not draw (one per kind).
final class MatplotlibState {
    var figures: [FigureObject] = []
    var current: FigureObject?
    private var notes = Set<String>()
    private var nextNumber = 1
    /// `plt.rcParams`: any key is accepted and kept; none changes the drawing.
    let rcParams = DictBox([
        (.string("figure.figsize"), .list([.float(6.4), .float(4.8)])), (.string("figure.dpi"), .float(100)),
        (.string("font.size"), .float(10)), (.string("lines.linewidth"), .float(1.5)),
        (.string("axes.grid"), .bool(false)), (.string("image.cmap"), .string("viridis")),
        (.string("savefig.dpi"), .string("figure")), (.string("axes.titlesize"), .string("large")),
        (.string("legend.fontsize"), .string("medium")), (.string("text.usetex"), .bool(false)),
    ])

    /// Says once per session that `kind` is not drawn, on standard error (a plot never stops a program).
    func note(_ kind: String, _ interpreter: Interpreter, _ why: String = "is not drawn in the terminal") {
        guard notes.insert(kind).inserted else { return }
        interpreter.warningHandler("matplotlib: \(kind) \(why); NNLab skips it\n")
    }

    /// A new figure, made current.
    func newFigure(size: (Double, Double)? = nil, number: Int? = nil) -> FigureObject {
        let figureNumber = number ?? nextNumber
        nextNumber = max(nextNumber, figureNumber + 1)
        let figure = FigureObject(Figure(number: figureNumber, size: size ?? defaultSize), state: self)
        figures.append(figure)
        current = figure
        return figure
    }

    var defaultSize: (Double, Double) {
        if case .list(let list)? = rcParams[.string("figure.figsize")], list.items.count == 2,
            let width = MatplotlibValues.double(list.items[0]), let height = MatplotlibValues.double(list.items[1])
        {
            return (width, height)
        }
        return (6.4, 4.8)
    }

    /// `gcf()`: the current figure, made if there is none.
    func currentFigure() -> FigureObject { current ?? newFigure() }

    /// `gca()`: the current axes of the current figure, made if there is none.
    func currentAxes() -> AxesObject { currentFigure().currentAxes() }

    func close(_ figure: FigureObject) {
        figures.removeAll { $0 === figure }
        if current === figure { current = figures.last }
    }

    func closeAll() {
        figures = []
        current = nil
    }

    /// `plt.show()`: every open figure drawn in the terminal, then closed (as a notebook does).
    func show(_ interpreter: Interpreter) {
        let drawer = TerminalFigure(style: interpreter.style)
        for figure in figures where !figure.figure.isEmpty {
            interpreter.showPicture(drawer.render(figure.figure), svg: SVGFigure().render(figure.figure))
            interpreter.lastPictureSVG = nil  // shown and closed, as matplotlib's figures are
        }
        closeAll()
    }
}

/// Turning Python values into what the figure model holds.
enum MatplotlibValues {
    static func double(_ value: Value) -> Double? {
        switch value {
        case .int(let v): Double(v)
        case .float(let v): v
        case .bool(let v): v ? 1 : 0
        case .array(let a) where a.isScalar && a.tensor.count == 1: Double(a.tensor[flat: 0])
        default: nil
        }
    }

    /// Numbers from a list, tuple, array or a single number, flattened.
    static func numbers(_ value: Value, range: SourceRange?) throws(Diagnostic) -> [Double] {
        if let single = double(value) { return [single] }
        let tensor = try ArrayConversion.tensor(value, dtype: .float32, range: range)
        return tensor.scalars.map(Double.init)
    }

    /// A 2-D array's values row by row, with its rows, columns and channels (for images).
    static func grid(_ value: Value, range: SourceRange?) throws(Diagnostic) -> (
        values: [Double], rows: Int, columns: Int, channels: Int
    ) {
        let tensor = try ArrayConversion.tensor(value, dtype: .float32, range: range)
        let shape = tensor.shape
        switch shape.count {
        case 1:
            let side = Int(Double(tensor.count).squareRoot())
            if side * side == tensor.count, side > 1 { return (tensor.scalars.map(Double.init), side, side, 1) }
            return (tensor.scalars.map(Double.init), 1, tensor.count, 1)
        case 2: return (tensor.scalars.map(Double.init), shape[0], shape[1], 1)
        case 3 where shape[2] == 3 || shape[2] == 4:
            return (tensor.scalars.map(Double.init), shape[0], shape[1], shape[2])
        case 3 where shape[2] == 1: return (tensor.scalars.map(Double.init), shape[0], shape[1], 1)
        case 3 where shape[0] == 1: return (tensor.scalars.map(Double.init), shape[1], shape[2], 1)
        default:
            throw Diagnostic("TypeError: Invalid shape \(formatShape(shape)) for image data", at: range)
        }
    }

    /// A colour from a name (`'r'`, `'tab:blue'`, `'#ff0000'`, `'0.5'`) or an RGB(A) tuple.
    static func color(_ value: Value?) -> Color? {
        guard let value else { return nil }
        switch value {
        case .string(let name): return Color(name: name)
        case .tuple, .list, .array:
            guard let numbers = try? numbers(value, range: nil), numbers.count == 3 || numbers.count == 4 else {
                return nil
            }
            let scale = numbers.prefix(3).contains { $0 > 1 } ? 255.0 : 1.0
            return Color(numbers[0] / scale, numbers[1] / scale, numbers[2] / scale)
        default: return nil
        }
    }

    static func string(_ value: Value?, _ interpreter: Interpreter) -> String? {
        guard let value else { return nil }
        if case .none = value { return nil }
        if case .string(let text) = value {
            // Mathtext (`r"$200 x + 100$"`) loses its dollar signs: the terminal shows the formula as text.
            return text.filter { $0 == "$" }.count >= 2 ? text.filter { $0 != "$" } : text
        }
        return interpreter.str(value)
    }

    /// A colour map given by name or as a colour-map object; viridis (matplotlib's default) otherwise.
    static func colormap(_ value: Value?, _ state: MatplotlibState, _ interpreter: Interpreter) -> Colormap {
        switch value {
        case .object(let object as ColormapObject)?: return object.map
        case .string(let name)?:
            if let map = Colormap.named(name) { return map }
            state.note("the colour map '\(name)'", interpreter, "is not known")
            return .viridis
        default:
            if case .string(let name)? = state.rcParams[.string("image.cmap")], let map = Colormap.named(name) {
                return map
            }
            return .viridis
        }
    }

    /// matplotlib's format string (`'r--'`, `'bo'`, `'k:'`): colour, marker and line style.
    static func format(_ text: String) -> (color: Color?, marker: Character?, style: Artist.LineStyle?) {
        var color: Color?
        var marker: Character?
        var style: Artist.LineStyle?
        var rest = Substring(text)
        for (pattern, lineStyle) in [("--", Artist.LineStyle.dashed), ("-.", .dashDot), ("-", .solid), (":", .dotted)] {
            if let found = rest.range(of: pattern) {
                style = lineStyle
                rest.removeSubrange(found)
                break
            }
        }
        if rest.hasPrefix("C"), let digit = rest.dropFirst().first, digit.isNumber {
            color = Color(name: "C\(digit)")
            rest = rest.dropFirst(2)
        }
        for character in rest {
            if "bgrcmykw".contains(character), color == nil {
                color = Color(name: String(character))
            } else if ".,ov^<>1234sp*hH+xXDd|_P".contains(character) {
                marker = character
            }
        }
        if marker != nil && style == nil { style = Artist.LineStyle.none }
        return (color, marker, style)
    }

    static func lineStyle(_ value: Value?) -> Artist.LineStyle? {
        guard case .string(let text)? = value else { return nil }
        switch text {
        case "-", "solid": return .solid
        case "--", "dashed": return .dashed
        case ":", "dotted": return .dotted
        case "-.", "dashdot": return .dashDot
        case "", " ", "None", "none": return Artist.LineStyle.none
        default: return nil
        }
    }
}

extension Interpreter {
    /// Draws and closes the open matplotlib figures, as a notebook does at the end of a cell
    /// (`%matplotlib inline`); the REPL calls it after each cell.
    public func drawOpenFigures() { modules.matplotlib.show(self) }
}
