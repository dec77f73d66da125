/// `plot_boundary(model, X, y)`: the regions a model assigns to each class over the plane of two
/// features, coloured as TensorFlow Playground colours them (orange for class 0, blue for class 1,
/// paler where the model is unsure), with the data points on top.
public struct DecisionBoundary {
    let style: Style
    public var width = 60
    public var height = 24
    /// The axes' names: the features' names (the columns of X by default).
    public var featureNames = ("X[:, 0]", "X[:, 1]")
    /// What the regions mean: the predicted class by default; a neuron map says what its two sides are.
    public var regionNames: [String]?
    /// Whether the legend lines follow the picture (pictures side by side share one).
    public var showsLegend = true

    public init(style: Style) { self.style = style }

    /// Playground's orange and blue (as 256-colour codes), pale and strong, then more classes.
    static let regionColors = [
        (pale: 223, strong: 208), (pale: 153, strong: 25), (pale: 194, strong: 28), (pale: 225, strong: 127),
    ]
    public static let asciiRegions: [Character] = [".", "+", "~", "="]
    public static let asciiPoints: [Character] = ["O", "X", "#", "@"]

    /// A point of class `label`: a dot in its class's colour, or without colour a mark of its own.
    public func pointMark(_ label: Int) -> String {
        let index = label % DecisionBoundary.asciiPoints.count
        if style.color { return "●" }
        return style.unicode ? ["●", "○", "◆", "■"][index] : String(DecisionBoundary.asciiPoints[index])
    }

    /// What every mark means: the points by class, the background by predicted class (and the
    /// blank of an unsure region).
    public func legend(classes: Int) -> [String] {
        let shown = 0..<min(classes, 4)
        let points = shown.map { pointMark($0) + " class \($0)" }
        var regions: [String] = shown.map { label in
            let name = regionNames.map { label < $0.count ? $0[label] : "class \(label)" } ?? "predicted \(label)"
            guard style.color else { return "\(DecisionBoundary.asciiRegions[label]) \(name)" }
            return style.escape("48;5;\(DecisionBoundary.regionColors[label].pale)") + "  " + style.reset + " " + name
        }
        regions.append((style.color ? style.escape("48;5;255") + "  " + style.reset : "blank") + " unsure")
        return ["points: " + points.joined(separator: "  "), "background: " + regions.joined(separator: "  ")]
    }

    /// - Parameters:
    ///   - xs: the points' first features; `ys` their second; `labels` their classes.
    ///   - predict: the model's outputs for a batch of points given as pairs of features one after
    ///     the other (`x0, y0, x1, y1, …`): its outputs row by row, and how many a row has.
    public func render(
        xs: [Float], ys: [Float], labels: [Float],
        predict: ([Float]) throws -> (values: [Float], width: Int)
    ) rethrows -> String {
        let count = min(xs.count, ys.count)
        guard count > 0 else { return "(plot_boundary needs points with two features)\n" }
        let regions = try DecisionBoundary.regions(xs: xs, ys: ys, columns: width, rows: height, predict: predict)
        let (left, right, bottom, top) = (regions.left, regions.right, regions.bottom, regions.top)
        let classes = regions.classes
        let decide = regions.decide
        var pointAt: [Int: Int] = [:]
        for i in 0..<count {
            guard let column = Int(truncating: (xs[i] - left) / (right - left) * Float(width)),
                let row = Int(truncating: (top - ys[i]) / (top - bottom) * Float(height)),
                column >= 0, column < width, row >= 0, row < height,
                !labels.isEmpty, let label = Int(truncating: labels[min(i, labels.count - 1)]), label >= 0
            else { continue }
            pointAt[row * width + column] = label
        }
        var lines: [String] = []
        for row in 0..<height {
            var line = ""
            for column in 0..<width {
                let cell = row * width + column
                let (label, confidence) = decide(cell)
                let palette = DecisionBoundary.regionColors[label % DecisionBoundary.regionColors.count]
                if let point = pointAt[cell] {
                    let strong = DecisionBoundary.regionColors[point % DecisionBoundary.regionColors.count].strong
                    let mark = pointMark(point)
                    line += style.escape("48;5;\(palette.pale);38;5;\(strong)") + mark
                } else if style.color {
                    line += style.escape("48;5;\(confidence > 0.5 ? palette.pale : 255)") + " "
                } else {
                    line +=
                        confidence > 0.2
                        ? String(DecisionBoundary.asciiRegions[label % DecisionBoundary.asciiRegions.count]) : " "
                }
            }
            lines.append(line + style.reset)
        }
        if showsLegend {
            lines.append(
                style.note(
                    "\(style.rightArrow) \(featureNames.0) from \(style.decimal(left)) to \(style.decimal(right)); "
                        + "\(style.unicode ? "↑" : "^") \(featureNames.1) from \(style.decimal(bottom)) to \(style.decimal(top))"
                ))
            lines += legend(classes: classes).map { style.note($0) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The plane around the points cut into `columns` x `rows` cells, and the model's decision in
    /// each: what the terminal drawing shows as characters and the figure as an image.
    public struct Regions {
        public var left: Float, right: Float, bottom: Float, top: Float
        public var columns: Int, rows: Int
        /// How many classes the outputs tell apart (two for one sigmoid output).
        public var classes: Int
        /// Each cell's predicted class and how sure the model is (0 to 1), row by row from the top.
        public var cells: [(label: Int, confidence: Float)]

        public func decide(_ cell: Int) -> (label: Int, confidence: Float) {
            cell >= 0 && cell < cells.count ? cells[cell] : (0, 0)
        }
    }

    /// The model's decisions over a grid of cell centres spanning the points with a 5% margin.
    public static func regions(
        xs: [Float], ys: [Float], columns: Int, rows: Int,
        predict: ([Float]) throws -> (values: [Float], width: Int)
    ) rethrows -> Regions {
        let margin: (Float, Float) = (
            ((xs.max() ?? 1) - (xs.min() ?? 0)) * 0.05 + 1e-3, ((ys.max() ?? 1) - (ys.min() ?? 0)) * 0.05 + 1e-3
        )
        let left = (xs.min() ?? 0) - margin.0
        let right = (xs.max() ?? 1) + margin.0
        let bottom = (ys.min() ?? 0) - margin.1
        let top = (ys.max() ?? 1) + margin.1
        let width = max(1, columns)
        let height = max(1, rows)
        // Cell centres, row by row from the top.
        let grid = (0..<(width * height * 2)).map { flat in
            let cell = flat / 2
            let column = cell % width
            let row = cell / width
            return flat % 2 == 0
                ? left + (Float(column) + 0.5) / Float(width) * (right - left)
                : top - (Float(row) + 0.5) / Float(height) * (top - bottom)
        }
        let (outputs, outputWidth) = try predict(grid)
        func output(_ index: Int) -> Float { index < outputs.count ? outputs[index] : 0 }
        func decide(_ index: Int) -> (label: Int, confidence: Float) {
            if outputWidth <= 1 {
                let p = output(index)
                return (p >= 0.5 ? 1 : 0, abs(p - 0.5) * 2)
            }
            var best = 0
            for k in 1..<outputWidth where output(index * outputWidth + k) > output(index * outputWidth + best) {
                best = k
            }
            return (best, output(index * outputWidth + best))
        }
        return Regions(
            left: left, right: right, bottom: bottom, top: top, columns: width, rows: height,
            classes: max(2, outputWidth), cells: (0..<(width * height)).map(decide))
    }
}
