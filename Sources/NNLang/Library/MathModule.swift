import Foundation

/// Python's `math` module: the constants and functions course code calls, with Python's errors.
enum MathModule {
    static func module() -> ModuleObject {
        var members: [String: Value] = [
            "pi": .float(Double.pi), "e": .float(M_E), "tau": .float(2 * Double.pi),
            "inf": .float(Double.infinity), "nan": .float(Double.nan),
        ]
        let unary: [(String, (Double) -> Double, (Double) -> Bool)] = [
            ("sqrt", { $0.squareRoot() }, { $0 >= 0 || $0.isNaN }),
            ("exp", { Foundation.exp($0) }, { _ in true }),
            ("log10", { Foundation.log10($0) }, { $0 > 0 || $0.isNaN }),
            ("log2", { Foundation.log2($0) }, { $0 > 0 || $0.isNaN }),
            ("sin", { Foundation.sin($0) }, { !$0.isInfinite }),
            ("cos", { Foundation.cos($0) }, { !$0.isInfinite }),
            ("tan", { Foundation.tan($0) }, { !$0.isInfinite }),
            ("tanh", { Foundation.tanh($0) }, { _ in true }),
            ("fabs", { Swift.abs($0) }, { _ in true }),
        ]
        for (name, body, inDomain) in unary {
            members[name] = function(name, "x") { a, _ throws(Diagnostic) in
                let x = try a.double("x")
                guard inDomain(x) else { throw Diagnostic("ValueError: math domain error", at: a.callRange) }
                let result = body(x)
                if result.isInfinite, !x.isInfinite {
                    throw Diagnostic("OverflowError: math range error", at: a.callRange)
                }
                return .float(result)
            }
        }
        members["log"] = function("log", "x, base=None") { a, _ throws(Diagnostic) in
            let x = try a.double("x")
            guard x > 0 || x.isNaN else { throw Diagnostic("ValueError: math domain error", at: a.callRange) }
            guard a["base"] != nil else { return .float(Foundation.log(x)) }
            let base = try a.double("base")
            guard base > 0, base != 1 else { throw Diagnostic("ValueError: math domain error", at: a.callRange) }
            return .float(Foundation.log(x) / Foundation.log(base))
        }
        members["atan2"] = function("atan2", "y, x") { a, _ throws(Diagnostic) in
            .float(Foundation.atan2(try a.double("y"), try a.double("x")))
        }
        members["pow"] = function("pow", "x, y") { a, _ throws(Diagnostic) in
            let (x, y) = (try a.double("x"), try a.double("y"))
            if x < 0, y != y.rounded() { throw Diagnostic("ValueError: math domain error", at: a.callRange) }
            return .float(Foundation.pow(x, y))
        }
        members["floor"] = function("floor", "x") { a, _ throws(Diagnostic) in try integral(a, Foundation.floor) }
        members["ceil"] = function("ceil", "x") { a, _ throws(Diagnostic) in try integral(a, Foundation.ceil) }
        members["isnan"] = function("isnan", "x") { a, _ throws(Diagnostic) in .bool(try a.double("x").isNaN) }
        members["isinf"] = function("isinf", "x") { a, _ throws(Diagnostic) in .bool(try a.double("x").isInfinite) }
        members["isfinite"] = function("isfinite", "x") { a, _ throws(Diagnostic) in .bool(try a.double("x").isFinite) }
        members["isclose"] = function("isclose", "a, b, *, rel_tol=1e-09, abs_tol=0.0") { a, _ throws(Diagnostic) in
            let (x, y) = (try a.double("a"), try a.double("b"))
            let (relative, absolute) = (try a.double("rel_tol", default: 1e-9), try a.double("abs_tol", default: 0))
            if x == y { return .bool(true) }
            if x.isInfinite || y.isInfinite { return .bool(false) }
            let difference = Swift.abs(x - y)
            return .bool(
                difference <= Swift.abs(relative * y) || difference <= Swift.abs(relative * x) || difference <= absolute
            )
        }
        members["gcd"] = function("gcd", "*integers") { a, _ throws(Diagnostic) in
            var result = 0
            for (index, value) in a.rest.enumerated() {
                guard var x = value.exactInteger else {
                    throw Diagnostic(
                        "'\(value.typeName)' object cannot be interpreted as an integer", at: a.restRange(index),
                        exception: "TypeError")
                }
                x = x.magnitude > UInt(Int.max) ? Int.max : Swift.abs(x)
                var y = result
                while y != 0 { (x, y) = (y, x % y) }
                result = x
            }
            return .int(result)
        }
        members["factorial"] = function("factorial", "n") { a, _ throws(Diagnostic) in
            let n = try a.int("n")
            guard n >= 0 else {
                throw Diagnostic("ValueError: factorial() not defined for negative values", at: a.callRange)
            }
            return .int(try product(1...max(n, 1), a.callRange))
        }
        members["comb"] = function("comb", "n, k") { a, _ throws(Diagnostic) in
            let (n, k) = (try a.int("n"), try a.int("k"))
            guard n >= 0, k >= 0 else {
                throw Diagnostic("ValueError: n and k must be non-negative integers", at: a.callRange)
            }
            guard k <= n else { return .int(0) }
            var result = 1
            for i in 0..<min(k, n - k) {
                let (high, low) = result.multipliedFullWidth(by: n - i)
                guard high == 0 || (high == -1 && low > UInt(Int.max)), low <= UInt(Int.max) else {
                    throw Diagnostic("OverflowError: the result is too large for NNLab's integers", at: a.callRange)
                }
                result = Int(low) / (i + 1)
            }
            return .int(result)
        }
        members["prod"] = function("prod", "iterable, *, start=1") { a, interpreter throws(Diagnostic) in
            var total = a.values["start"]?.value ?? .int(1)
            for item in try interpreter.iterate(a.values["iterable"]?.value ?? .none, range: a.range("iterable")) {
                total = try interpreter.binary(.multiply, total, item, range: a.callRange)
            }
            return total
        }
        members["fsum"] = function("fsum", "iterable") { a, interpreter throws(Diagnostic) in
            // Neumaier's compensated sum: exact to the last bit for the sums course code makes.
            var (sum, compensation) = (0.0, 0.0)
            for item in try interpreter.iterate(a.values["iterable"]?.value ?? .none, range: a.range("iterable")) {
                let x = try number(item, a.callRange)
                let t = sum + x
                compensation += Swift.abs(sum) >= Swift.abs(x) ? (sum - t) + x : (x - t) + sum
                sum = t
            }
            return .float(sum + compensation)
        }
        return ModuleObject("math", members)
    }

    private static func integral(_ a: BoundArguments, _ round: (Double) -> Double) throws(Diagnostic) -> Value {
        if case .int(let n)? = a["x"] { return .int(n) }
        let x = try a.double("x")
        guard x.isFinite else {
            throw Diagnostic(
                x.isNaN
                    ? "ValueError: cannot convert float NaN to integer"
                    : "OverflowError: cannot convert float infinity to integer", at: a.callRange)
        }
        guard let value = Int(exactly: round(x)) else {
            throw Diagnostic("OverflowError: the result is too large", at: a.callRange)
        }
        return .int(value)
    }

    private static func product(_ values: ClosedRange<Int>, _ range: SourceRange) throws(Diagnostic) -> Int {
        var result = 1
        for value in values {
            let (next, overflow) = result.multipliedReportingOverflow(by: value)
            guard !overflow else {
                throw Diagnostic("OverflowError: the result is too large for NNLab's integers", at: range)
            }
            result = next
        }
        return result
    }

    static func number(_ value: Value, _ range: SourceRange) throws(Diagnostic) -> Double {
        if case .bool(let b) = value { return b ? 1 : 0 }
        guard let number = value.numericValue else {
            throw Diagnostic("TypeError: must be real number, not \(value.typeName)", at: range)
        }
        return number
    }
}
