import NNEngine

/// Prints arrays exactly as NumPy 2 does: by default 8 digits of precision at most, the shortest
/// digits that identify each value, decimal points aligned, scientific notation when magnitudes call
/// for it, 75 columns, and `...` past 1000 elements (3 items at each edge); `PrintOptions` changes these.
public enum ArrayFormatter {
    /// `str(array)` / `print(array)`.
    public static func str(_ tensor: Tensor, _ options: PrintOptions = PrintOptions()) -> String {
        if tensor.rank == 0 { return scalarString(tensor) }
        return format(tensor, separator: " ", prefix: "", width: options.lineWidth, options)
    }

    /// `repr(array)`: `array([...], dtype=float32)`; NumPy scalars as `np.float32(0.5)`.
    public static func repr(_ tensor: Tensor, _ options: PrintOptions = PrintOptions()) -> String {
        if tensor.rank == 0 {
            switch tensor.dtype {
            case .bool: return tensor[flat: 0] != 0 ? "np.True_" : "np.False_"
            default: return "np.\(tensor.dtype.rawValue)(\(scalarString(tensor)))"
            }
        }
        // The width leaves room for the closing `)` or the `,` before the extras.
        let body = format(tensor, separator: ", ", prefix: "array(", width: options.lineWidth - 1, options)
        var extras: [String] = []
        if (tensor.count == 0 && tensor.shape != [0]) || tensor.count > options.threshold {
            extras.append(
                "shape=(" + tensor.shape.map(String.init).joined(separator: ", ") + (tensor.rank == 1 ? ",)" : ")"))
        }
        if ![.float64, .int64, .bool].contains(tensor.dtype) || tensor.count == 0 {
            extras.append("dtype=\(tensor.dtype.rawValue)")
        }
        if extras.isEmpty { return "array(" + body + ")" }
        let text = "array(" + body + ","
        let extra = extras.joined(separator: ", ") + ")"
        let lastLine =
            text.count - (text.lastIndex(of: "\n").map { text.distance(from: text.startIndex, to: $0) + 1 } ?? 0)
        return text + (lastLine + extra.count + 1 > options.lineWidth ? "\n      " : " ") + extra
    }

    /// A NumPy scalar as `str` shows it: `0.5`, `3`, `True`; floats in scientific notation from 1e6
    /// (float32) or 1e16 (float64) up, and below 1e-4, with the shortest digits: `1e+06`, `1.5e-05`.
    /// A float64 carrying its exact value shows float64's shortest digits (`0.5473576181430894`).
    static func scalarString(_ tensor: Tensor) -> String {
        let value = tensor[flat: 0]
        switch tensor.dtype {
        case .bool: return value != 0 ? "True" : "False"
        case .int64, .uint8: return integerText(tensor.double(flat: 0))
        case .float32, .float64:
            if let wide = tensor.wide { return floatScalarText(wide[0], cutoff: 1e16, small: abs(wide[0]) < 1e-4) }
            let cutoff: Float = tensor.dtype == .float32 ? 1e6 : 1e16
            // A float32 is compared as the double it is; a float64 (held as float32) as the float32 of 1e-4.
            let small = tensor.dtype == .float32 ? Double(abs(value)) < 1e-4 : abs(value) < 1e-4
            return floatScalarText(value, cutoff: cutoff, small: small)
        }
    }

    /// A float scalar with its type's shortest digits, in scientific notation from `cutoff` up or when `small`.
    static func floatScalarText<T: ShortestFloat>(_ value: T, cutoff: T, small: Bool) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let magnitude = abs(value)
        if magnitude >= cutoff || (small && magnitude != 0) {
            let (digits, exponent) = ElementFormat.shortestDigits(value)
            let mantissa = digits.count > 1 ? String(digits.prefix(1)) + "." + String(digits.dropFirst()) : digits
            let power = String(abs(exponent))
            return (value < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + (power.count < 2 ? "0" : "") + power
        }
        let text = ElementFormat.positionalText(value, precision: 64)
        return text.hasSuffix(".") ? text + "0" : text
    }

    /// An integer element (int64 arrays hold their values as doubles when exact, else as float32).
    static func integerText(_ value: Double) -> String {
        String(ArrayConversion.int64(value))
    }

    static func format(_ tensor: Tensor, separator: String, prefix: String, width: Int, _ options: PrintOptions)
        -> String
    {
        if tensor.count == 0 { return "[]" }
        let summarize = tensor.count > options.threshold
        let shown = summarize ? edgeValues(tensor, options.edgeItems) : tensor.doubles
        let element = ElementFormat(values: shown, exact: tensor.wide != nil, dtype: tensor.dtype, options: options)
        let layout = Layout(
            tensor: tensor, separator: separator, summarize: summarize, edgeItems: options.edgeItems,
            element: element)
        return layout.recurse(index: [], hangingIndent: " " + String(repeating: " ", count: prefix.count), width: width)
    }

    /// The values that stay visible when an array is summarized.
    static func edgeValues(_ tensor: Tensor, _ edgeItems: Int) -> [Double] {
        var values: [Double] = []
        func visit(_ index: [Int]) {
            if index.count == tensor.rank {
                values.append(tensor.double(flat: tensor.flatOffset(index)))
                return
            }
            let length = tensor.shape[index.count]
            let positions =
                length > 2 * edgeItems ? Array(0..<edgeItems) + Array((length - edgeItems)..<length) : Array(0..<length)
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
        let edgeItems: Int
        let element: ElementFormat

        func recurse(index: [Int], hangingIndent: String, width: Int) -> String {
            let axis = index.count
            let axesLeft = tensor.rank - axis
            if axesLeft == 0 { return element.format(tensor.double(flat: tensor.flatOffset(index))) }
            let nextIndent = hangingIndent + " "
            let nextWidth = width - 1
            let length = tensor.shape[axis]
            let showSummary = summarize && 2 * edgeItems < length
            let leading = showSummary ? edgeItems : 0
            let trailing = showSummary ? edgeItems : length
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
                        extend(
                            recurse(index: index + [length - i], hangingIndent: nextIndent, width: nextWidth),
                            elementWidth)
                        line += separator
                    }
                }
                extend(recurse(index: index + [length - 1], hangingIndent: nextIndent, width: nextWidth), elementWidth)
                text += line
            } else {
                let lineSeparator = separator.trimmingTrailingSpaces() + String(repeating: "\n", count: axesLeft - 1)
                for i in 0..<leading {
                    text +=
                        hangingIndent + recurse(index: index + [i], hangingIndent: nextIndent, width: nextWidth)
                        + lineSeparator
                }
                if showSummary { text += hangingIndent + "..." + lineSeparator }
                if trailing > 1 {
                    for i in stride(from: trailing, to: 1, by: -1) {
                        text +=
                            hangingIndent
                            + recurse(index: index + [length - i], hangingIndent: nextIndent, width: nextWidth)
                            + lineSeparator
                    }
                }
                text +=
                    hangingIndent + recurse(index: index + [length - 1], hangingIndent: nextIndent, width: nextWidth)
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
