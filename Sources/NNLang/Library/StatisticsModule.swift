/// Python's `statistics` module, the functions beginner scripts call: `mean`, `fmean`, `median`,
/// `mode`, `stdev`, `variance`, `pstdev`, `pvariance`.
enum StatisticsModule {
    static func module() -> ModuleObject {
        var members: [String: Value] = [:]
        members["mean"] = function("mean", "data") { a, interpreter throws(Diagnostic) in
            let (values, allInts) = try numbers(a, interpreter, needed: 1, function: "mean")
            let total = values.reduce(0, +)
            // An exact mean of ints stays an int, as Python's Fraction arithmetic gives.
            if allInts, let sum = Int(exactly: total), sum % values.count == 0 { return .int(sum / values.count) }
            return .float(total / Double(values.count))
        }
        members["fmean"] = function("fmean", "data") { a, interpreter throws(Diagnostic) in
            let (values, _) = try numbers(a, interpreter, needed: 1, function: "fmean")
            return .float(values.reduce(0, +) / Double(values.count))
        }
        members["median"] = function("median", "data") { a, interpreter throws(Diagnostic) in
            let (values, allInts) = try numbers(a, interpreter, needed: 1, function: "median")
            let sorted = values.sorted()
            let middle = sorted.count / 2
            if sorted.count % 2 == 1 { return allInts ? .int(Int(sorted[middle])) : .float(sorted[middle]) }
            return .float((sorted[middle - 1] + sorted[middle]) / 2)
        }
        members["mode"] = function("mode", "data") { a, interpreter throws(Diagnostic) in
            let items = try interpreter.iterate(a.values["data"]?.value ?? .none, range: a.range("data"))
            guard !items.isEmpty else {
                throw Diagnostic("no mode for empty data", at: a.range("data"), exception: "StatisticsError")
            }
            // The most common value; among ties, the first met (Python 3.8+).
            var distinct: [Value] = []
            var counts: [Int] = []
            for item in items {
                if let index = distinct.firstIndex(where: { pythonEquals($0, item) }) { counts[index] += 1 } else {
                    distinct.append(item)
                    counts.append(1)
                }
            }
            let best = counts.max() ?? 0
            return distinct[counts.firstIndex(of: best) ?? 0]
        }
        for (name, sample, root) in [("variance", true, false), ("stdev", true, true), ("pvariance", false, false),
                                     ("pstdev", false, true)] {
            members[name] = function(name, "data, xbar=None") { a, interpreter throws(Diagnostic) in
                let (values, _) = try numbers(a, interpreter, needed: sample ? 2 : 1, function: name)
                let mean = a["xbar"].flatMap(\.numericValue) ?? values.reduce(0, +) / Double(values.count)
                let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
                let variance = squares / Double(values.count - (sample ? 1 : 0))
                return .float(root ? variance.squareRoot() : variance)
            }
        }
        return ModuleObject("statistics", members)
    }

    /// The data as numbers, and whether they are all ints; Python's StatisticsError when too few.
    private static func numbers(_ a: BoundArguments, _ interpreter: Interpreter, needed: Int,
                                function: String) throws(Diagnostic) -> ([Double], Bool) {
        let items = try interpreter.iterate(a.values["data"]?.value ?? .none, range: a.range("data"))
        guard items.count >= needed else {
            let what = needed == 1 ? "at least one data point" : "at least two data points"
            throw Diagnostic("\(function) requires \(what)", at: a.range("data"), exception: "StatisticsError")
        }
        var values: [Double] = []
        var allInts = true
        for item in items {
            guard let number = item.numericValue else {
                throw Diagnostic("can't convert type '\(item.typeName)' to numerator/denominator", at: a.range("data"),
                                 exception: "TypeError")
            }
            if case .int = item {} else { allInts = false }
            values.append(number)
        }
        return (values, allInts)
    }
}
