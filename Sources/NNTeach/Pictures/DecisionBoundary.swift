import NNEngine

/// `plot_boundary(model, X, y)`: the regions a model assigns to each class over the plane of two
/// features, coloured as TensorFlow Playground colours them (orange for class 0, blue for class 1,
/// paler where the model is unsure), with the data points on top.
public struct DecisionBoundary {
    let style: Style
    var width = 60
    var height = 24

    public init(style: Style) { self.style = style }

    /// Playground's orange and blue (as 256-colour codes), pale and strong, then more classes.
    static let regionColors = [(pale: 223, strong: 208), (pale: 153, strong: 25), (pale: 194, strong: 28), (pale: 225, strong: 127)]
    static let asciiRegions: [Character] = [".", "+", "~", "="]
    static let asciiPoints: [Character] = ["O", "X", "#", "@"]

    /// - Parameter predict: the model's outputs for a batch of points (rows of two features).
    public func render(points: Tensor, labels: Tensor, predict: (Tensor) throws -> Tensor) rethrows -> String {
        let count = points.rows
        guard count > 0, points.rowWidth == 2 else { return "(plot_boundary needs points with two features)\n" }
        let xs = (0..<count).map { points[flat: 2 * $0] }, ys = (0..<count).map { points[flat: 2 * $0 + 1] }
        let margin: (Float, Float) = (((xs.max() ?? 1) - (xs.min() ?? 0)) * 0.05 + 1e-3, ((ys.max() ?? 1) - (ys.min() ?? 0)) * 0.05 + 1e-3)
        let left = (xs.min() ?? 0) - margin.0, right = (xs.max() ?? 1) + margin.0
        let bottom = (ys.min() ?? 0) - margin.1, top = (ys.max() ?? 1) + margin.1
        // Cell centres, row by row from the top.
        let grid = Tensor(shape: [width * height, 2]) { flat in
            let cell = flat / 2, column = cell % width, row = cell / width
            return flat % 2 == 0 ? left + (Float(column) + 0.5) / Float(width) * (right - left)
                : top - (Float(row) + 0.5) / Float(height) * (top - bottom)
        }
        let outputs = try predict(grid)
        let classes = max(2, outputs.rowWidth)
        func decide(_ index: Int) -> (label: Int, confidence: Float) {
            if outputs.rowWidth == 1 {
                let p = outputs[flat: index]
                return (p >= 0.5 ? 1 : 0, abs(p - 0.5) * 2)
            }
            var best = 0
            for k in 1..<outputs.rowWidth where outputs[flat: index * outputs.rowWidth + k] > outputs[flat: index * outputs.rowWidth + best] { best = k }
            return (best, outputs[flat: index * outputs.rowWidth + best])
        }
        var pointAt: [Int: Int] = [:]
        for i in 0..<count {
            guard let column = Int(truncating: (xs[i] - left) / (right - left) * Float(width)),
                let row = Int(truncating: (top - ys[i]) / (top - bottom) * Float(height)),
                column >= 0, column < width, row >= 0, row < height,
                let label = Int(truncating: labels[flat: min(i, labels.count - 1)]), label >= 0
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
                    let mark = style.unicode ? "●" : String(DecisionBoundary.asciiPoints[point % DecisionBoundary.asciiPoints.count])
                    line += style.color ? "\u{1B}[48;5;\(palette.pale);38;5;\(strong)m\(mark)" : mark
                } else if style.color {
                    line += "\u{1B}[48;5;\(confidence > 0.5 ? palette.pale : 255)m "
                } else {
                    line += confidence > 0.2 ? String(DecisionBoundary.asciiRegions[label % DecisionBoundary.asciiRegions.count]) : " "
                }
            }
            lines.append(line + (style.color ? "\u{1B}[0m" : ""))
        }
        let numbers = NumberText(style: style)
        lines.append(style.note("x: \(numbers.number(left)) to \(numbers.number(right))   y: \(numbers.number(bottom)) to \(numbers.number(top))   "
                                + (0..<min(classes, 4)).map { "class \($0) " + (style.unicode ? "●" : String(DecisionBoundary.asciiPoints[$0])) }.joined(separator: "  ")))
        return lines.joined(separator: "\n") + "\n"
    }
}
