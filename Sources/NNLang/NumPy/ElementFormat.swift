import NNEngine

/// How every element of one array is printed, decided from all the values shown (NumPy's
/// `FloatingFormat` in its `maxprec` mode, `IntegerFormat` and `BoolFormat`).
struct ElementFormat {
    enum Style {
        case bool
        case integer(width: Int)
        /// Positional: integer part right-aligned in `left`, fraction left-aligned in `right` characters.
        case positional(left: Int, right: Int)
        /// Scientific: `digits` after the point in every mantissa, exponents of `exponentDigits`.
        case scientific(left: Int, digits: Int, exponentDigits: Int)
    }

    let style: Style
    /// Most digits after the point.
    let precision: Int
    /// Whether values are printed with float64's shortest digits (an array carrying its exact float64
    /// values); otherwise float32's, as for float32 arrays and float64 ones known only in float32.
    let exact: Bool

    /// The format for `values`, the elements shown. With `exact`, they are float64 (or int64) values;
    /// otherwise float32 values widened, printed with float32's digits.
    init(values: [Double], exact: Bool, dtype: DType, options: PrintOptions = PrintOptions()) {
        precision = options.precision
        self.exact = exact
        switch dtype {
        case .bool:
            style = .bool
        case .int64, .uint8:
            style = .integer(width: values.map { ArrayFormatter.integerText($0).count }.max() ?? 1)
        case .float32, .float64:
            if exact {
                style = ElementFormat.floatingStyle(
                    values, precision: options.precision, suppress: options.suppress, cutoff: 1e8)
            } else {
                // NumPy 2.3+: float32 switches to scientific notation from 1e6 up (its precision is 6 digits).
                let cutoff: Float = dtype == .float32 ? 1e6 : 1e8
                style = ElementFormat.floatingStyle(
                    values.map { Float($0) }, precision: options.precision, suppress: options.suppress,
                    cutoff: cutoff)
            }
        }
    }

    /// NumPy's choice between positional and scientific notation, and the column widths, compared in
    /// the array's own type (a float32 array against float32's 1e-4, as NumPy 2's weak scalars do).
    static func floatingStyle<T: ShortestFloat>(_ values: [T], precision: Int, suppress: Bool, cutoff: T) -> Style {
        let finite = values.filter(\.isFinite)
        let nonZero = finite.filter { $0 != 0 }.map { abs($0) }
        var scientific = false
        if let largest = nonZero.max(), let smallest = nonZero.min() {
            scientific = largest >= cutoff || (!suppress && (smallest < 0.0001 || largest / smallest > 1000))
        }
        let hasNegativeInfinity = values.contains { $0.isInfinite && $0 < 0 }
        let hasSpecial = finite.count != values.count
        if scientific {
            let parts = finite.map { ElementFormat.scientificParts($0, precision: precision) }
            let digits = parts.map(\.fraction.count).max() ?? 0
            let left = parts.map(\.integer.count).max() ?? 1
            let exponentDigits = max(2, parts.map { String(abs($0.exponent)).count }.max() ?? 2)
            return .scientific(left: left, digits: digits, exponentDigits: exponentDigits)
        }
        let parts = finite.map {
            positionalText($0, precision: precision).split(separator: ".", omittingEmptySubsequences: false)
        }
        var left = parts.map { $0[0].count }.max() ?? 1
        let right = parts.map { $0.count > 1 ? $0[1].count : 0 }.max() ?? 0
        if hasSpecial { left = max(left, 3 - (right + 1), 3 + (hasNegativeInfinity ? 1 : 0) - (right + 1)) }
        return .positional(left: left, right: right)
    }

    /// One element, given as a Double (a float32 value widened unless the format is `exact`).
    func format(_ value: Double) -> String {
        exact ? format(value, as: Double.self) : format(Float(value), as: Float.self)
    }

    private func format<T: ShortestFloat>(_ value: T, as type: T.Type) -> String {
        switch style {
        case .bool:
            return value != 0 ? " True" : "False"
        case .integer(let width):
            return ElementFormat.pad(ArrayFormatter.integerText(Double(value)), to: width)
        case .positional(let left, let right):
            guard value.isFinite else { return ElementFormat.pad(ElementFormat.special(value), to: left + right + 1) }
            let parts = ElementFormat.positionalText(value, precision: precision).split(
                separator: ".", omittingEmptySubsequences: false)
            let fraction = parts.count > 1 ? String(parts[1]) : ""
            return ElementFormat.pad(String(parts[0]), to: left) + "." + fraction
                + String(repeating: " ", count: max(0, right - fraction.count))
        case .scientific(let left, let digits, let exponentDigits):
            guard value.isFinite else {
                return ElementFormat.pad(ElementFormat.special(value), to: left + digits + 3 + exponentDigits)
            }
            // Each mantissa is rounded to the column's digits (NumPy's FloatingFormat then uses them as precision).
            let parts = ElementFormat.scientificParts(value, precision: digits, minimumDigits: digits)
            let exponent = String(abs(parts.exponent))
            return ElementFormat.pad(parts.integer, to: left) + "." + parts.fraction + "e"
                + (parts.exponent < 0 ? "-" : "+")
                + String(repeating: "0", count: max(0, exponentDigits - exponent.count)) + exponent
        }
    }

    static func special<T: ShortestFloat>(_ value: T) -> String { value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }

    static func pad(_ text: String, to width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// The shortest digits of `value` in its own type (NumPy's `unique=True`), in positional form with at
    /// most `precision` fractional digits, trailing zeros trimmed but the point kept: `1.`, `0.25`, `-0.0157`.
    static func positionalText<T: ShortestFloat>(_ value: T, precision: Int = 8) -> String {
        let (digits, exponent) = shortestDigits(value)
        var text: String
        let pointPosition = exponent + 1  // digits before the decimal point
        if pointPosition <= 0 {
            text = "0." + String(repeating: "0", count: -pointPosition) + digits
        } else if pointPosition >= digits.count {
            text = digits + String(repeating: "0", count: pointPosition - digits.count) + "."
        } else {
            let index = digits.index(digits.startIndex, offsetBy: pointPosition)
            text = String(digits[..<index]) + "." + String(digits[index...])
        }
        if let point = text.firstIndex(of: "."), text.distance(from: point, to: text.endIndex) - 1 > precision {
            text = cFormat("%.\(precision)f", Double(abs(value)))
            while text.last == "0" { text.removeLast() }
            if !text.contains(".") { text += "." }
        }
        return (value.sign == .minus ? "-" : "") + text
    }

    /// Mantissa integer digit, fraction digits and exponent: the shortest digits, rounded to at most
    /// `precision` after the point; with `minimumDigits`, more of the value's exact digits are shown
    /// (the last one rounded), as NumPy's `dragon4_scientific(min_digits=)` pads a column.
    static func scientificParts<T: ShortestFloat>(_ value: T, precision: Int = 8, minimumDigits: Int? = nil)
        -> (integer: String, fraction: String, exponent: Int)
    {
        var (mantissa, exponent) = shortestDigits(value)
        if value == 0 { exponent = 0 }
        var fraction = String(mantissa.dropFirst())
        var rounding: Int?
        if fraction.count > precision {
            rounding = precision
        } else if let minimumDigits, fraction.count < minimumDigits, value != 0 {
            rounding = minimumDigits
        }
        if let digits = rounding {
            let pieces = cFormat("%.\(digits)e", Double(abs(value))).split(separator: "e")
            mantissa = pieces[0].replacingOccurrences(of: ".", with: "")
            exponent = Int(pieces[1]) ?? exponent
            fraction = String(mantissa.dropFirst())
            if minimumDigits == nil { while fraction.last == "0" { fraction.removeLast() } }
        }
        if let minimumDigits { fraction += String(repeating: "0", count: max(0, minimumDigits - fraction.count)) }
        return ((value.sign == .minus ? "-" : "") + String(mantissa.prefix(1)), fraction, exponent)
    }

    /// The shortest decimal digits that identify `value` in its own type, and the power of ten of the first.
    static func shortestDigits<T: ShortestFloat>(_ value: T) -> (digits: String, exponent: Int) {
        if value == 0 { return ("0", 0) }
        let text = abs(value).description  // Swift prints the shortest round-trip digits
        var mantissa = text
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = String(text[..<e])
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = whole + fraction
        var pointExponent = whole.count - 1 + exponent
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            pointExponent -= 1
        }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        return (digits, pointExponent)
    }
}

/// Float and Double: Swift's `description` gives their shortest round-trip digits, as NumPy's Dragon4
/// in `unique` mode does for float32 and float64.
protocol ShortestFloat: BinaryFloatingPoint, CustomStringConvertible {}
extension Float: ShortestFloat {}
extension Double: ShortestFloat {}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
