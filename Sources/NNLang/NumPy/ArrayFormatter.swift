import NNEngine

/// Prints arrays exactly as NumPy 2 does with its default options: 8 digits of precision at most,
/// the shortest digits that identify each value, decimal points aligned, scientific notation when
/// magnitudes call for it, 75 columns, and `...` past 1000 elements (3 items at each edge).
public enum ArrayFormatter {
    static let lineWidth = 75
    static let threshold = 1000
    static let edgeItems = 3

    /// `str(array)` / `print(array)`.
    public static func str(_ tensor: Tensor) -> String {
        if tensor.rank == 0 { return scalarString(tensor) }
        return format(tensor, separator: " ", prefix: "", suffix: "")
    }

    /// `repr(array)`: `array([...], dtype=float32)`; NumPy scalars as `np.float32(0.5)`.
    public static func repr(_ tensor: Tensor) -> String {
        if tensor.rank == 0 {
            switch tensor.dtype {
            case .bool: return tensor[flat: 0] != 0 ? "np.True_" : "np.False_"
            default: return "np.\(tensor.dtype.rawValue)(\(scalarString(tensor)))"
            }
        }
        let suffix = [.float64, .int64, .bool].contains(tensor.dtype) ? ")" : ", dtype=\(tensor.dtype.rawValue))"
        if tensor.count == 0 {
            return "array([]" + (tensor.dtype == .float64 ? ")" : ", dtype=\(tensor.dtype.rawValue))")
        }
        return "array(" + format(tensor, separator: ", ", prefix: "array(", suffix: suffix) + suffix
    }

    /// A NumPy scalar as `str` shows it: `0.5`, `3`, `True`.
    static func scalarString(_ tensor: Tensor) -> String {
        let value = tensor[flat: 0]
        switch tensor.dtype {
        case .bool: return value != 0 ? "True" : "False"
        case .int64, .uint8: return integerText(value)
        case .float32, .float64:
            if value.isNaN { return "nan" }
            if value.isInfinite { return value < 0 ? "-inf" : "inf" }
            return value.description
        }
    }

    static func integerText(_ value: Float) -> String {
        value.isFinite && value >= -0x1p63 && value < 0x1p63 ? String(Int64(value)) : value.description
    }

    static func format(_ tensor: Tensor, separator: String, prefix: String, suffix: String) -> String {
        if tensor.count == 0 { return String(repeating: "[", count: tensor.rank) + String(repeating: "]", count: tensor.rank) }
        let summarize = tensor.count > threshold
        let shown = summarize ? edgeValues(tensor) : tensor.scalars
        let element = ElementFormat(values: shown, dtype: tensor.dtype)
        let layout = Layout(tensor: tensor, separator: separator, summarize: summarize, element: element)
        return layout.recurse(index: [], hangingIndent: " " + String(repeating: " ", count: prefix.count),
                              width: lineWidth - suffix.count)
    }

    /// The values that stay visible when an array is summarized.
    static func edgeValues(_ tensor: Tensor) -> [Float] {
        var values: [Float] = []
        func visit(_ index: [Int]) {
            if index.count == tensor.rank {
                values.append(tensor[flat: tensor.flatOffset(index)])
                return
            }
            let length = tensor.shape[index.count]
            let positions = length > 2 * edgeItems ? Array(0..<edgeItems) + Array((length - edgeItems)..<length) : Array(0..<length)
            for position in positions { visit(index + [position]) }
        }
        visit([])
        return values
    }

    /// NumPy's `_formatArray`: nested brackets, wrapping rows at the line width.
    struct Layout {
        let tensor: Tensor
        let separator: String
        let summarize: Bool
        let element: ElementFormat

        func recurse(index: [Int], hangingIndent: String, width: Int) -> String {
            let axis = index.count
            let axesLeft = tensor.rank - axis
            if axesLeft == 0 { return element.format(tensor[flat: tensor.flatOffset(index)]) }
            let nextIndent = hangingIndent + " "
            let nextWidth = width - 1
            let length = tensor.shape[axis]
            let showSummary = summarize && 2 * ArrayFormatter.edgeItems < length
            let leading = showSummary ? ArrayFormatter.edgeItems : 0
            let trailing = showSummary ? ArrayFormatter.edgeItems : length
            var text = ""
            if axesLeft == 1 {
                let trimmedSeparator = separator.trimming(" ")
                let elementWidth = width - max(trimmedSeparator.count, 1)
                var line = hangingIndent
                func extend(_ word: String, _ limit: Int) {
                    if line.count + word.count > limit && line.count > hangingIndent.count {
                        text += line.trimmingTrailingSpaces() + "\n"
                        line = hangingIndent
                    }
                    line += word
                }
                for i in 0..<leading {
                    extend(recurse(index: index + [i], hangingIndent: nextIndent, width: nextWidth), elementWidth)
                    line += separator
                }
                if showSummary {
                    extend("...", elementWidth)
                    line += separator
                }
                if trailing > 1 {
                    for i in stride(from: trailing, to: 1, by: -1) {
                        extend(recurse(index: index + [length - i], hangingIndent: nextIndent, width: nextWidth), elementWidth)
                        line += separator
                    }
                }
                extend(recurse(index: index + [length - 1], hangingIndent: nextIndent, width: nextWidth), elementWidth)
                text += line
            } else {
                let lineSeparator = separator.trimmingTrailingSpaces() + String(repeating: "\n", count: axesLeft - 1)
                for i in 0..<leading {
                    text += hangingIndent + recurse(index: index + [i], hangingIndent: nextIndent, width: nextWidth) + lineSeparator
                }
                if showSummary { text += hangingIndent + "..." + lineSeparator }
                if trailing > 1 {
                    for i in stride(from: trailing, to: 1, by: -1) {
                        text += hangingIndent + recurse(index: index + [length - i], hangingIndent: nextIndent, width: nextWidth) + lineSeparator
                    }
                }
                text += hangingIndent + recurse(index: index + [length - 1], hangingIndent: nextIndent, width: nextWidth)
            }
            return "[" + text.dropFirst(hangingIndent.count) + "]"
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}

extension Tensor {
    /// The flat position of a full index.
    func flatOffset(_ index: [Int]) -> Int {
        var offset = 0
        for (i, size) in zip(index, shape) { offset = offset * size + i }
        return offset
    }
}
