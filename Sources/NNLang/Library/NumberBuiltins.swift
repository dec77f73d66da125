/// Python's built-ins for characters and integer notations: `chr`, `ord`, `hex`, `bin`, `oct`, and
/// `pow` with its modular form, with Python's errors.
extension Builtins {
    static func numberFunctions() -> [String: Value] {
        var functions: [String: Value] = [
            "chr": function("chr", "i") { a, _ throws(Diagnostic) in
                let code = try integer(a, "i")
                guard code >= 0, code < 0x110000, let scalar = Unicode.Scalar(UInt32(code)) else {
                    if code >= 0xD800 && code < 0xE000 {  // a surrogate: Python makes it, Swift strings cannot hold it
                        throw .unsupported("chr() of a surrogate code point is not supported", at: a.range("i"))
                    }
                    throw Diagnostic(python: "ValueError", "chr() arg not in range(0x110000)", at: a.range("i"))
                }
                return .string(String(Character(scalar)))
            },
            "ord": function("ord", "c") { a, _ throws(Diagnostic) in
                let value = a.values["c"]?.value ?? .none
                guard case .string(let text) = value else {
                    throw Diagnostic(
                        python: "TypeError", "ord() expected string of length 1, but \(value.typeName) found",
                        at: a.range("c"))
                }
                let scalars = text.unicodeScalars
                guard scalars.count == 1, let scalar = scalars.first else {
                    throw Diagnostic(
                        python: "TypeError",
                        "ord() expected a character, but string of length \(scalars.count) found", at: a.range("c"))
                }
                return .int(Int(scalar.value))
            },
            "pow": function("pow", "base, exp, mod=None") { a, interpreter throws(Diagnostic) in
                let base = a.values["base"]?.value ?? .none
                let exponent = a.values["exp"]?.value ?? .none
                guard let modulus = a["mod"] else {
                    return try interpreter.binary(.power, base, exponent, range: a.callRange)
                }
                return .int(try modularPower(base, exponent, modulus, range: a.callRange))
            },
        ]
        for (name, radix, prefix) in [("hex", 16, "0x"), ("bin", 2, "0b"), ("oct", 8, "0o")] {
            functions[name] = function(name, "number") { a, _ throws(Diagnostic) in
                let number = try integer(a, "number")
                let digits = String(number.magnitude, radix: radix)
                return .string((number < 0 ? "-" : "") + prefix + digits)
            }
        }
        return functions
    }

    /// An argument Python takes only as an integer (`__index__`): ints, bools and NumPy integers.
    private static func integer(_ a: BoundArguments, _ name: String) throws(Diagnostic) -> Int {
        let value = a.values[name]?.value ?? .none
        guard let number = value.exactInteger else {
            throw Diagnostic(
                python: "TypeError", "'\(value.typeName)' object cannot be interpreted as an integer",
                at: a.range(name))
        }
        return number
    }

    /// `pow(base, exp, mod)`: base to the exp modulo mod, all integers, with a result of mod's sign;
    /// a negative exp takes the modular inverse, as Python 3.8 does.
    static func modularPower(_ base: Value, _ exponent: Value, _ modulus: Value, range: SourceRange)
        throws(Diagnostic) -> Int
    {
        guard let b = base.exactInteger, let e = exponent.exactInteger, let m = modulus.exactInteger else {
            throw Diagnostic(
                python: "TypeError", "pow() 3rd argument not allowed unless all arguments are integers", at: range)
        }
        guard m != 0 else { throw Diagnostic(python: "ValueError", "pow() 3rd argument cannot be 0", at: range) }
        guard m != Int.min else { throw .unsupported("pow() with a modulus of -2**63 is not supported", at: range) }
        let n = UInt64(m.magnitude)
        // Products of two numbers below n taken modulo n at full width, so any Int modulus works.
        func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let (high, low) = a.multipliedFullWidth(by: b)
            return n.dividingFullWidth((high, low)).remainder
        }
        let remainder = b % Int(n)  // b mod |m|, up to sign
        var x = UInt64(remainder < 0 ? Int64(remainder) + Int64(bitPattern: n) : Int64(remainder))
        if e < 0 {
            guard let inverse = modularInverse(x, n) else {
                throw Diagnostic(python: "ValueError", "base is not invertible for the given modulus", at: range)
            }
            x = inverse
        }
        var result: UInt64 = n == 1 ? 0 : 1
        var power = e.magnitude
        while power > 0 {
            if power & 1 == 1 { result = multiply(result, x) }
            x = multiply(x, x)
            power >>= 1
        }
        let value = Int(result)
        return m < 0 && value != 0 ? value - Int(n) : value
    }

    /// x's inverse modulo n (extended Euclid), or nil when they share a factor.
    private static func modularInverse(_ x: UInt64, _ n: UInt64) -> UInt64? {
        var (oldR, r) = (Int64(x), Int64(n))
        var (oldS, s) = (Int64(1), Int64(0))
        while r != 0 {
            let q = oldR / r
            (oldR, r) = (r, oldR - q * r)
            (oldS, s) = (s, oldS - q * s)
        }
        guard oldR == 1 else { return nil }
        return UInt64((oldS % Int64(n) + Int64(n)) % Int64(n))
    }
}

extension Builtins {
    /// `int(text, base)`: digits in base 2 to 36, or base 0 to read the literal's own prefix (`0x1f`),
    /// with an optional sign, surrounding spaces and underscores between digits, as Python reads them.
    static func intWithBase(_ value: Value?, _ baseValue: Value, range: SourceRange) throws(Diagnostic) -> Value {
        guard let base = baseValue.exactInteger else {
            throw Diagnostic(
                "'\(baseValue.typeName)' object cannot be interpreted as an integer", at: range, exception: "TypeError")
        }
        guard case .string(let original)? = value else {
            throw Diagnostic("int() can't convert non-string with explicit base", at: range, exception: "TypeError")
        }
        guard base == 0 || (2...36).contains(base) else {
            throw Diagnostic("int() base must be >= 2 and <= 36, or 0", at: range, exception: "ValueError")
        }
        let invalid = Diagnostic(
            "invalid literal for int() with base \(base): \(pythonStringRepr(original))", at: range,
            exception: "ValueError")
        var text = original.drop(while: \.isWhitespace)
        while text.last?.isWhitespace == true { text = text.dropLast() }
        var negative = false
        if let sign = text.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            text = text.dropFirst()
        }
        var radix = base
        let lower = text.lowercased()
        let prefixes: [(String, Int)] = [("0x", 16), ("0o", 8), ("0b", 2)]
        for (prefix, prefixRadix) in prefixes where lower.hasPrefix(prefix) && (base == 0 || base == prefixRadix) {
            radix = prefixRadix
            text = text.dropFirst(2)
            // After a prefix, one underscore may come first (`0x_1f`).
            if text.first == "_" { text = text.dropFirst() }
        }
        if radix == 0 {
            radix = 10
            // Base 0 reads a decimal literal: no leading zeros unless it is all zeros.
            let digits = text.filter { $0 != "_" }
            if digits.count > 1, digits.first == "0", digits.contains(where: { $0 != "0" }) { throw invalid }
        }
        guard !text.isEmpty, text.first != "_", text.last != "_", !text.contains("__") else { throw invalid }
        var result = 0
        for character in text where character != "_" {
            guard let digit = character.hexDigitValue ?? Self.letterDigit(character), digit < radix else {
                throw invalid
            }
            let (times, overflow1) = result.multipliedReportingOverflow(by: radix)
            let (sum, overflow2) = times.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else {
                throw Diagnostic("int() result does not fit in 64 bits", at: range, exception: "OverflowError")
            }
            result = sum
        }
        return .int(negative ? -result : result)
    }

    /// The value of a letter digit beyond `f` (bases above 16).
    private static func letterDigit(_ character: Character) -> Int? {
        guard let ascii = character.lowercased().first?.asciiValue, ascii >= 97, ascii <= 122 else { return nil }
        return Int(ascii) - 87
    }
}
