/// Python's `statistics` (mean, fmean, median, mode, variance, pvariance, stdev, pstdev) and the
/// constants of `string`. As Python's, the functions are exact for ints: `mean([1, 2, 3])` is the
/// int 2 and `variance([1, 2, 3])` the int 1; floats are summed with a compensated sum.
enum StatisticsModule {
    static func module() -> ModuleObject {
        var members: [String: Value] = [:]
        members["mean"] = function("mean", "data") { a, interpreter throws(Diagnostic) in
            let data = try numbers(a, interpreter, minimum: 1, "mean requires at least one data point")
            if let integers = data.integers, let total = exactSum(integers) {
                return fraction(total, integers.count)
            }
            return .float(compensatedSum(data.doubles) / Double(data.doubles.count))
        }
        members["fmean"] = function("fmean", "data") { a, interpreter throws(Diagnostic) in
            let data = try numbers(a, interpreter, minimum: 1, "fmean requires at least one data point")
            return .float(compensatedSum(data.doubles) / Double(data.doubles.count))
        }
        members["median"] = function("median", "data") { a, interpreter throws(Diagnostic) in
            let values = try interpreter.iterate(a.values["data"]?.value ?? .none, range: a.range("data"))
            guard !values.isEmpty else { throw statisticsError("no median for empty data", a.callRange) }
            let sorted = try sortedValues(values, interpreter, range: a.callRange)
            let n = sorted.count
            if n % 2 == 1 { return sorted[n / 2] }
            let sum = try interpreter.binary(.add, sorted[n / 2 - 1], sorted[n / 2], range: a.callRange)
            return try interpreter.binary(.divide, sum, .int(2), range: a.callRange)
        }
        members["mode"] = function("mode", "data") { a, interpreter throws(Diagnostic) in
            let values = try interpreter.iterate(a.values["data"]?.value ?? .none, range: a.range("data"))
            guard !values.isEmpty else { throw statisticsError("no mode for empty data", a.callRange) }
            var counts: [(Value, Int)] = []
            for value in values {
                if let index = counts.firstIndex(where: { pythonEquals($0.0, value) }) {
                    counts[index].1 += 1
                } else {
                    counts.append((value, 1))
                }
            }
            let best = counts.map(\.1).max() ?? 0
            return counts.first { $0.1 == best }?.0 ?? .none
        }
        for (name, sample) in [("variance", true), ("pvariance", false), ("stdev", true), ("pstdev", false)] {
            let root = name.hasSuffix("stdev")
            let message = "\(name) requires at least \(sample ? "two data points" : "one data point")"
            members[name] = function(name, "data, \(sample ? "xbar" : "mu")=None") {
                a, interpreter throws(Diagnostic) in
                let data = try numbers(a, interpreter, minimum: sample ? 2 : 1, message)
                let n = data.doubles.count
                let divisor = sample ? n - 1 : n
                if let integers = data.integers, let exact = exactVariance(integers, divisor: divisor) {
                    if root { return .float((Double(exact.0) / Double(exact.1)).squareRoot()) }
                    return fraction(exact.0, exact.1)
                }
                let mean = compensatedSum(data.doubles) / Double(n)
                let squares = compensatedSum(data.doubles.map { ($0 - mean) * ($0 - mean) })
                let deviations = compensatedSum(data.doubles.map { $0 - mean })
                let variance = (squares - deviations * deviations / Double(n)) / Double(divisor)
                return .float(root ? variance.squareRoot() : variance)
            }
        }
        members["StatisticsError"] = .object(ExceptionClass("StatisticsError"))
        return ModuleObject("statistics", members)
    }

    /// `string.ascii_letters` and the other constants.
    static func stringModule() -> ModuleObject {
        let lower = "abcdefghijklmnopqrstuvwxyz"
        let upper = lower.uppercased()
        let digits = "0123456789"
        let punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
        let whitespace = " \t\n\r\u{0B}\u{0C}"
        return ModuleObject(
            "string",
            [
                "ascii_lowercase": .string(lower), "ascii_uppercase": .string(upper),
                "ascii_letters": .string(lower + upper), "digits": .string(digits),
                "hexdigits": .string(digits + "abcdefABCDEF"), "octdigits": .string("01234567"),
                "punctuation": .string(punctuation), "whitespace": .string(whitespace),
                "printable": .string(digits + lower + upper + punctuation + whitespace),
            ])
    }

    private struct Numbers {
        var doubles: [Double]
        /// The same numbers when all are ints (or bools).
        var integers: [Int]?
    }

    private static func numbers(
        _ a: BoundArguments, _ interpreter: Interpreter, minimum: Int,
        _ message: String
    ) throws(Diagnostic) -> Numbers {
        let values = try interpreter.iterate(a.values["data"]?.value ?? .none, range: a.range("data"))
        guard values.count >= minimum else { throw statisticsError(message, a.callRange) }
        var result = Numbers(doubles: [], integers: [])
        for value in values {
            switch value {
            case .int(let i): result.integers?.append(i)
            case .bool(let b): result.integers?.append(b ? 1 : 0)
            default: result.integers = nil
            }
            guard let number = value.numericValue, value.typeName != "str" else {
                throw Diagnostic(
                    "can't convert type '\(value.typeName)' to numerator/denominator", at: a.range("data"),
                    exception: "TypeError")
            }
            result.doubles.append(number)
        }
        return result
    }

    private static func statisticsError(_ message: String, _ range: SourceRange) -> Diagnostic {
        Diagnostic(message, at: range, exception: "StatisticsError")
    }

    private static func sortedValues(
        _ values: [Value], _ interpreter: Interpreter,
        range: SourceRange
    ) throws(Diagnostic) -> [Value] {
        var failure: Diagnostic?
        let sorted = values.sorted { x, y in
            do throws(Diagnostic) {
                return try interpreter.truth(try interpreter.compare(.less, x, y, range: range), range: range)
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        return sorted
    }

    /// numerator / denominator as Python's statistics converts it: an int when it divides evenly.
    private static func fraction(_ numerator: Int, _ denominator: Int) -> Value {
        if numerator % denominator == 0 { return .int(numerator / denominator) }
        return .float(Double(numerator) / Double(denominator))
    }

    private static func exactSum(_ values: [Int]) -> Int? {
        var total = 0
        for value in values {
            let (sum, overflow) = total.addingReportingOverflow(value)
            if overflow { return nil }
            total = sum
        }
        return total
    }

    /// (n·Σx² − (Σx)²) / (n·divisor), as a numerator and denominator; nil if it would overflow.
    private static func exactVariance(_ values: [Int], divisor: Int) -> (Int, Int)? {
        guard let total = exactSum(values) else { return nil }
        var squares = 0
        for value in values {
            let (square, o1) = value.multipliedReportingOverflow(by: value)
            let (sum, o2) = squares.addingReportingOverflow(square)
            if o1 || o2 { return nil }
            squares = sum
        }
        let n = values.count
        let (a, o1) = n.multipliedReportingOverflow(by: squares)
        let (b, o2) = total.multipliedReportingOverflow(by: total)
        let (denominator, o3) = n.multipliedReportingOverflow(by: divisor)
        if o1 || o2 || o3 { return nil }
        return (a - b, denominator)
    }

    /// Neumaier's compensated sum: close to the exact sum Python's statistics takes.
    static func compensatedSum(_ values: [Double]) -> Double {
        var sum = 0.0
        var compensation = 0.0
        for value in values {
            let t = sum + value
            if Swift.abs(sum) >= Swift.abs(value) {
                compensation += (sum - t) + value
            } else {
                compensation += (value - t) + sum
            }
            sum = t
        }
        return sum + compensation
    }
}
