/// Tick positions and labels as matplotlib chooses them: steps of 1, 2, 2.5 or 5 times a power of
/// ten (its `MaxNLocator` steps), labelled with as many decimals as the step needs; powers of ten on
/// a log axis.
public enum Ticks {
    /// Nice tick values within `low...high`, at most `maximum` + 1 of them.
    public static func linear(_ low: Double, _ high: Double, maximum: Int) -> [Double] {
        guard low.isFinite, high.isFinite, high > low else { return low.isFinite ? [low] : [] }
        let raw = (high - low) / Double(max(1, maximum))
        let scale = pow10(Int(floorLog10(raw)))
        let step = [1, 2, 2.5, 5, 10].map { $0 * scale }.first { $0 >= raw * (1 - 1e-9) } ?? 10 * scale
        let first = (low / step - 1e-9).rounded(.up)
        let last = (high / step + 1e-9).rounded(.down)
        guard last >= first, last - first < 1000 else { return [] }
        return stride(from: first, through: last, by: 1).map { value in
            let tick = value * step
            return abs(tick) < step * 1e-9 ? 0 : tick
        }
    }

    /// Powers of ten within `low...high` (given as exponents' values, not their logs).
    public static func logarithmic(_ low: Double, _ high: Double) -> [Double] {
        guard low > 0, high > low, low.isFinite, high.isFinite else { return [] }
        let first = Int(floorLog10(low))
        let last = Int(floorLog10(high))
        var exponents = Array(first...max(first, last)).filter {
            pow10($0) >= low * (1 - 1e-9) && pow10($0) <= high * (1 + 1e-9)
        }
        if exponents.count > 8 {
            let every = (exponents.count + 7) / 8
            exponents = exponents.filter { $0 % every == 0 }
        }
        return exponents.map(pow10)
    }

    /// Labels for `ticks`, each with the decimals the closest pair needs (`0.0`, `0.5`, `1.0`;
    /// `0`, `20`, `40`), in `%g` style for very large or small magnitudes.
    public static func labels(_ ticks: [Double], minus: String = "−") -> [String] {
        let largest = ticks.map(abs).max() ?? 0
        if largest >= 1e5 || (largest > 0 && largest < 1e-3) {
            return ticks.map { signed(printf("%g", abs($0)), $0 < 0, minus) }
        }
        var decimals = 0
        for tick in ticks {
            while decimals < 6,
                abs((tick * pow10(decimals)).rounded() - tick * pow10(decimals)) > 1e-6 * pow10(decimals)
            {
                decimals += 1
            }
        }
        return ticks.map { signed(printf("%.\(decimals)f", abs($0)), $0 < 0, minus) }
    }

    /// `10^k` labels for log ticks: `10⁻²` in Unicode, `1e-02`-free `10^-2` in ASCII.
    public static func powerLabels(_ ticks: [Double], unicode: Bool) -> [String] {
        ticks.map { tick in
            let exponent = Int(floorLog10(tick).rounded())
            guard unicode else { return "10^\(exponent)" }
            let superscripts: [Character: Character] = [
                "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸",
                "9": "⁹",
            ]
            return "10" + String(String(exponent).map { superscripts[$0] ?? $0 })
        }
    }

    static func signed(_ text: String, _ negative: Bool, _ minus: String) -> String {
        negative && text.contains(where: { "123456789".contains($0) }) ? minus + text : text
    }

    static func floorLog10(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 0 }
        var exponent = 0.0
        var x = value
        while x >= 10 {
            x /= 10
            exponent += 1
        }
        while x < 1 {
            x *= 10
            exponent -= 1
        }
        return exponent
    }

    static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }
}
