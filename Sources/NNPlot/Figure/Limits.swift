/// The data rectangle an axes shows, from its artists (with matplotlib's 5% margins, none around
/// images and contours, bars resting on zero), its `xlim`/`ylim` and its scales.
public struct Limits {
    public var x: (low: Double, high: Double)
    public var y: (low: Double, high: Double)
    public var xLog: Bool
    public var yLog: Bool

    public init(_ axes: Axes) {
        xLog = axes.xScale == .log
        yLog = axes.yScale == .log
        var xs: [Double] = []
        var ys: [Double] = []
        var tightX = false
        var tightY = false
        var stickyY: Double?
        var imageFromTop = false
        for artist in axes.artists {
            switch artist.kind {
            case .line(let x, let y), .scatter(let x, let y, _, _, _):
                xs += x
                ys += y
            case .band(let x, let lower, let upper):
                xs += x
                ys += lower + upper
            case .image(let image):
                let b = image.bounds
                xs += [b.left, b.right]
                ys += [b.bottom, b.top]
                if b.top < b.bottom { imageFromTop = true }
                tightX = true
                tightY = true
            case .contour(let contour):
                xs += [contour.xs.first ?? 0, contour.xs.last ?? 1]
                ys += [contour.ys.first ?? 0, contour.ys.last ?? 1]
                tightX = true
                tightY = true
            case .bars(let positions, let heights, let width, let bottoms, let horizontal):
                let starts = positions.map { $0 - width / 2 } + positions.map { $0 + width / 2 }
                let bases = positions.indices.map { $0 < bottoms.count ? bottoms[$0] : 0 }
                let ends = zip(heights, bases).map { $0 + $1 } + bases
                xs += horizontal ? ends : starts
                ys += horizontal ? starts : ends
                if !horizontal { stickyY = 0 }
            case .referenceLine(let value, let horizontal):
                if horizontal { ys.append(value) } else { xs.append(value) }
            case .text(let x, let y, _):
                xs.append(x)
                ys.append(y)
            }
        }
        let xLog = self.xLog
        let yLog = self.yLog
        x = Limits.range(xs.filter { $0.isFinite && (!xLog || $0 > 0) }, tight: tightX, log: xLog, sticky: nil)
        y = Limits.range(ys.filter { $0.isFinite && (!yLog || $0 > 0) }, tight: tightY, log: yLog, sticky: stickyY)
        if let low = axes.xLimits.low { x.low = low }
        if let high = axes.xLimits.high { x.high = high }
        if let low = axes.yLimits.low { y.low = low }
        if let high = axes.yLimits.high { y.high = high }
        // An image drawn from its top row (imshow's default origin) turns the y axis downwards.
        if axes.yInverted != (imageFromTop && axes.yLimits.low == nil && axes.yLimits.high == nil) {
            y = (y.high, y.low)
        }
    }

    static func range(_ values: [Double], tight: Bool, log: Bool, sticky: Double?) -> (low: Double, high: Double) {
        guard var low = values.min(), var high = values.max() else { return log ? (1, 10) : (0, 1) }
        if log { (low, high) = (Foundationless.log10(low), Foundationless.log10(high)) }
        if low == high {
            (low, high) = (low - (low == 0 ? 1 : abs(low) * 0.05), high + (high == 0 ? 1 : abs(high) * 0.05))
        }
        if !tight {
            let margin = (high - low) * 0.05
            if let sticky, low >= sticky, low - margin < sticky { low = sticky } else { low -= margin }
            if let sticky, high <= sticky, high + margin > sticky { high = sticky } else { high += margin }
        }
        return log ? (Foundationless.exp10(low), Foundationless.exp10(high)) : (low, high)
    }

    /// Where `value` falls across the x range, 0 at the left to 1 at the right (nil when it cannot
    /// be placed: not finite, or not positive on a log axis).
    public func u(_ value: Double) -> Double? { Limits.fraction(value, x, xLog) }
    /// Where `value` falls up the y range, 0 at the bottom to 1 at the top.
    public func v(_ value: Double) -> Double? { Limits.fraction(value, y, yLog) }

    /// The data value at fraction `t` of the x range (or the y range).
    public func xValue(_ t: Double) -> Double { Limits.value(t, x, xLog) }
    public func yValue(_ t: Double) -> Double { Limits.value(t, y, yLog) }

    static func fraction(_ value: Double, _ range: (low: Double, high: Double), _ log: Bool) -> Double? {
        guard value.isFinite, !log || value > 0 else { return nil }
        let (a, b, t) =
            log
            ? (Foundationless.log10(range.low), Foundationless.log10(range.high), Foundationless.log10(value))
            : (range.low, range.high, value)
        return b != a ? (t - a) / (b - a) : 0.5
    }

    static func value(_ t: Double, _ range: (low: Double, high: Double), _ log: Bool) -> Double {
        guard log else { return range.low + t * (range.high - range.low) }
        let a = Foundationless.log10(range.low)
        let b = Foundationless.log10(range.high)
        return Foundationless.exp10(a + t * (b - a))
    }

    /// The tick positions for the x axis (or y), within the range.
    public func ticks(horizontal: Bool, maximum: Int) -> [Double] {
        let range = horizontal ? x : y
        let log = horizontal ? xLog : yLog
        let low = min(range.low, range.high)
        let high = max(range.low, range.high)
        return log ? Ticks.logarithmic(low, high) : Ticks.linear(low, high, maximum: maximum)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The C library's logarithms, named apart from Swift's overloads.
enum Foundationless {
    static func log10(_ x: Double) -> Double {
        #if canImport(Glibc)
            Glibc.log10(x)
        #else
            Darwin.log10(x)
        #endif
    }
    static func exp10(_ x: Double) -> Double { pow(10, x) }
}
