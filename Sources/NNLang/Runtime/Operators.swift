#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Interpreter {
    /// `left op right` with Python's rules for numbers, strings, lists and tuples, and NumPy's for arrays.
    func binary(_ op: BinaryOperator, _ left: Value, _ right: Value, range: SourceRange, inPlace: Bool = false)
        throws(Diagnostic) -> Value
    {
        if let result = Self.fastArithmetic(op, left, right) { return result }
        // `'%.2f' % x` formats, whatever x is (a NumPy scalar or array, a tensor), as `str.__mod__` does first.
        if op == .modulo, case .string(let format) = left {
            return .string(try PercentFormat.apply(format, right, self, range: range))
        }
        if let result = try instanceBinary(op, left, right, range: range, inPlace: inPlace) { return result }
        if let result = try TensorObject.lifted(
            left, right, op: op, interpreter: self, range: range,
            { (l, r) throws(Diagnostic) in
                // Tensors are immutable: `t *= 2` makes a new tensor, as TensorFlow does.
                try binary(op, l, r, range: range)
            })
        {
            return result
        }
        if inPlace, case .array(let array) = left,
            let result = try ArrayMath.inPlace(op, array, right, self, range: range)
        {
            return result
        }
        if case .array = left { return try ArrayMath.binary(op, left, right, self, range: range) }
        if case .array = right { return try ArrayMath.binary(op, left, right, self, range: range) }
        if let result = try setBinary(op, left, right, range: range, inPlace: inPlace) { return result }
        if let result = try dictBinary(op, left, right, range: range, inPlace: inPlace) { return result }
        switch (op, left, right) {
        case (.add, .string(let a), .string(let b)):
            try MemoryCheck.reserve(a.utf8.count + b.utf8.count, of: MemoryCheck.byteSize, range: range)
            return .string(a + b)
        case (.add, .list(let a), .list(let b)):
            try MemoryCheck.reserve(a.items.count + b.items.count, of: MemoryCheck.valueSize, range: range)
            if inPlace {
                a.items += b.items
                return left
            }
            return .list(a.items + b.items)
        case (.add, .tuple(let a), .tuple(let b)):
            try MemoryCheck.reserve(a.count + b.count, of: MemoryCheck.valueSize, range: range)
            return .tuple(a.items + b.items)
        case (.multiply, .string(let s), _), (.multiply, _, .string(let s)):
            guard let count = (op == .multiply && left.typeName == "str" ? right : left).exactInteger else { break }
            try checkRepetition(count, s.count, range: range)
            try MemoryCheck.reserve(count, of: s.utf8.count * MemoryCheck.byteSize, range: range)
            return .string(String(repeating: s, count: max(count, 0)))
        case (.multiply, .list(let list), _), (.multiply, _, .list(let list)):
            guard let count = (left.typeName == "list" ? right : left).exactInteger else { break }
            try checkRepetition(count, list.items.count, range: range)
            try MemoryCheck.reserve(count * list.items.count, of: MemoryCheck.valueSize, range: range)
            return .list(Array(repeating: list.items, count: max(count, 0)).flatMap { $0 })
        case (.multiply, .tuple(let tuple), _), (.multiply, _, .tuple(let tuple)):
            guard let count = (left.typeName == "tuple" ? right : left).exactInteger else { break }
            try checkRepetition(count, tuple.count, range: range)
            try MemoryCheck.reserve(count * tuple.count, of: MemoryCheck.valueSize, range: range)
            return .tuple(Array(repeating: tuple.items, count: max(count, 0)).flatMap { $0 })
        default:
            break
        }
        guard let result = try numericBinary(op, left, right, range: range) else {
            throw Diagnostic(
                "unsupported operand types for \(op.rawValue): '\(left.typeName)' and '\(right.typeName)'", at: range,
                hint: op == .add && (left.typeName == "str" || right.typeName == "str")
                    ? "convert with str(...) first, or use an f-string" : nil)
        }
        return result
    }

    private func checkRepetition(_ count: Int, _ length: Int, range: SourceRange) throws(Diagnostic) {
        let (size, overflow) = count.multipliedReportingOverflow(by: length)
        if overflow || size > 50_000_000 {
            throw Diagnostic("the result would hold more than 50 million items, too many", at: range)
        }
    }

    /// Arithmetic between Python ints, floats and bools; nil when either side is not a number.
    func numericBinary(_ op: BinaryOperator, _ left: Value, _ right: Value, range: SourceRange) throws(Diagnostic)
        -> Value?
    {
        let isInteger: (Value) -> Bool = { if case .int = $0 { true } else if case .bool = $0 { true } else { false } }
        if case .bool(let a) = left, case .bool(let b) = right, [.bitOr, .bitAnd, .bitXor].contains(op) {
            return .bool(op == .bitOr ? a || b : (op == .bitAnd ? a && b : a != b))
        }
        if isInteger(left), isInteger(right), let a = left.exactInteger, let b = right.exactInteger {
            return try integerBinary(op, a, b, range: range)
        }
        guard let a = left.numericValue, let b = right.numericValue,
            !(left.typeName == "str" || right.typeName == "str")
        else { return nil }
        switch op {
        case .add: return .float(a + b)
        case .subtract: return .float(a - b)
        case .multiply: return .float(a * b)
        case .divide:
            guard b != 0 else { throw Diagnostic("ZeroDivisionError: float division by zero", at: range) }
            return .float(a / b)
        case .floorDivide:
            guard b != 0 else { throw Diagnostic("ZeroDivisionError: float floor division by zero", at: range) }
            return .float((a / b).rounded(.down))
        case .modulo:
            guard b != 0 else { throw Diagnostic("ZeroDivisionError: float modulo", at: range) }
            let r = fmod(a, b)
            return .float(r != 0 && (r < 0) != (b < 0) ? r + b : r)
        case .power:
            if a == 0 && b < 0 {
                throw Diagnostic("ZeroDivisionError: 0.0 cannot be raised to a negative power", at: range)
            }
            return .float(pow(a, b))
        case .matmul, .bitOr, .bitAnd, .bitXor: return nil
        }
    }

    private func integerBinary(_ op: BinaryOperator, _ a: Int, _ b: Int, range: SourceRange) throws(Diagnostic)
        -> Value?
    {
        func checked(_ result: (Int, Bool)) throws(Diagnostic) -> Value {
            if result.1 { throw Diagnostic("the integer result is too large (NNLab's integers are 64-bit)", at: range) }
            return .int(result.0)
        }
        switch op {
        case .add: return try checked(a.addingReportingOverflow(b))
        case .subtract: return try checked(a.subtractingReportingOverflow(b))
        case .multiply: return try checked(a.multipliedReportingOverflow(by: b))
        case .divide:
            guard b != 0 else { throw Diagnostic("ZeroDivisionError: division by zero", at: range) }
            return .float(Double(a) / Double(b))
        case .floorDivide, .modulo:
            guard b != 0 else { throw Diagnostic("ZeroDivisionError: integer division or modulo by zero", at: range) }
            guard !(a == .min && b == -1) else {
                throw Diagnostic("the integer result is too large (NNLab's integers are 64-bit)", at: range)
            }
            var quotient = a / b
            if (a % b != 0) && ((a < 0) != (b < 0)) { quotient -= 1 }
            return op == .floorDivide ? .int(quotient) : .int(a - quotient * b)
        case .power:
            if b < 0 {
                guard a != 0 else {
                    throw Diagnostic("ZeroDivisionError: 0 cannot be raised to a negative power", at: range)
                }
                return .float(pow(Double(a), Double(b)))
            }
            var result = 1
            for _ in 0..<min(b, 64) {
                let (product, overflow) = result.multipliedReportingOverflow(by: a)
                if overflow {
                    throw Diagnostic("the integer result is too large (NNLab's integers are 64-bit)", at: range)
                }
                result = product
                if result == 0 || result == 1 { break }
            }
            if b > 64, abs(a) > 1 {
                throw Diagnostic("the integer result is too large (NNLab's integers are 64-bit)", at: range)
            }
            return .int(a == -1 && b % 2 == 1 ? -1 : (a == -1 ? 1 : result))
        case .bitOr: return .int(a | b)
        case .bitAnd: return .int(a & b)
        case .bitXor: return .int(a ^ b)
        case .matmul: return nil
        }
    }

    func unary(_ op: UnaryOperator, _ value: Value, range: SourceRange) throws(Diagnostic) -> Value {
        switch op {
        case .not: return .bool(!(try truth(value, range: range)))
        case .plus, .negate:
            if let result = try instanceUnary(op, value, range: range) { return result }
            if case .array = value { return try ArrayMath.unary(op, value, self, range: range) }
            if case .object(let tensor as TensorObject) = value {  // −t as −1·t, so a gradient tape records it
                return op == .plus ? .object(tensor) : try binary(.multiply, value, .int(-1), range: range)
            }
            if op == .plus, value.numericValue != nil, value.typeName != "str" { return value }
            switch value {
            case .int(let i): return i == .min ? .float(-Double(i)) : .int(-i)
            case .bool(let b): return .int(b ? -1 : 0)
            case .float(let f): return .float(-f)
            default: throw Diagnostic("bad operand type for unary \(op.rawValue): '\(value.typeName)'", at: range)
            }
        }
    }

    func compare(_ op: ComparisonOperator, _ left: Value, _ right: Value, range: SourceRange) throws(Diagnostic)
        -> Value
    {
        if case .int(let a) = left, case .int(let b) = right {
            switch op {
            case .less: return .bool(a < b)
            case .lessEqual: return .bool(a <= b)
            case .greater: return .bool(a > b)
            case .greaterEqual: return .bool(a >= b)
            case .equal: return .bool(a == b)
            case .notEqual: return .bool(a != b)
            default: break
            }
        }
        switch op {
        case .is, .isNot:
            let same: Bool
            switch (left, right) {
            case (.none, .none): same = true
            case (.bool(let a), .bool(let b)): same = a == b
            case (.object(let a), .object(let b)): same = a === b || TypeObject.same(a, b)
            case (.list(let a), .list(let b)): same = a === b
            case (.tuple(let a), .tuple(let b)): same = a === b
            case (.dict(let a), .dict(let b)): same = a === b
            case (.array(let a), .array(let b)): same = a === b
            default: same = false
            }
            return .bool(op == .is ? same : !same)
        case .in, .notIn:
            let found = try contains(right, left, range: range)
            return .bool(op == .in ? found : !found)
        default:
            break
        }
        if let result = try instanceCompare(op, left, right, range: range) { return result }
        if let result = try StringArrayObject.compared(op, left, right, range: range) { return result }
        if let result = try TensorObject.lifted(
            left, right,
            { (l, r) throws(Diagnostic) in
                try compare(op, l, r, range: range)
            })
        {
            return result
        }
        if case .array = left { return try ArrayMath.compare(op, left, right, self, range: range) }
        if case .array = right { return try ArrayMath.compare(op, left, right, self, range: range) }
        if case .object(let a as SetObject) = left, case .object(let b as SetObject) = right, op != .equal,
            op != .notEqual
        {
            return .bool(setComparison(op, a, b))
        }
        if case .object(let a as VersionObject) = left, case .object(let b as VersionObject) = right {
            let order = a.order(b)
            let result: Bool
            switch op {
            case .less: result = order < 0
            case .lessEqual: result = order <= 0
            case .greater: result = order > 0
            case .greaterEqual: result = order >= 0
            case .notEqual: result = order != 0
            default: result = order == 0
            }
            return .bool(result)
        }
        if op == .equal { return .bool(pythonEquals(left, right)) }
        if op == .notEqual { return .bool(!pythonEquals(left, right)) }
        let order: Int
        switch (left, right) {
        case (.string(let a), .string(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
        case (.tuple(let a), .tuple(let b)): return try compareSequences(op, a.items, b.items, range: range)
        case (.list(let a), .list(let b)): return try compareSequences(op, a.items, b.items, range: range)
        default:
            guard let a = left.numericValue, let b = right.numericValue, left.typeName != "str", right.typeName != "str"
            else {
                throw Diagnostic(
                    "'\(op.rawValue)' is not supported between '\(left.typeName)' and '\(right.typeName)'", at: range)
            }
            order = a < b ? -1 : (a == b ? 0 : (a > b ? 1 : 2))
        }
        switch op {
        case .less: return .bool(order == -1)
        case .lessEqual: return .bool(order == -1 || order == 0)
        case .greater: return .bool(order == 1)
        case .greaterEqual: return .bool(order == 1 || order == 0)
        default: return .bool(false)
        }
    }

    func contains(_ container: Value, _ item: Value, range: SourceRange) throws(Diagnostic) -> Bool {
        switch container {
        case .string(let text):
            guard case .string(let part) = item else {
                throw Diagnostic("'in <string>' requires a string on the left, not \(item.typeName)", at: range)
            }
            return text.contains(part)
        case .dict(let dict): return dict[item] != nil
        case .object(let set as SetObject): return try set.contains(item, range: range)
        case .array(let array):
            guard let x = item.numericValue else { return false }
            return array.tensor.scalars.contains(Float(x))
        default:
            if let found = try instanceContains(container, item, range: range) { return found }
            return try iterate(container, range: range).contains { pythonEquals($0, item) }
        }
    }

    /// Python's truth value; a NumPy array is true or false only when it holds one element.
    func truth(_ value: Value, range: SourceRange) throws(Diagnostic) -> Bool {
        switch value {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let f): return f != 0
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.items.isEmpty
        case .tuple(let t): return !t.isEmpty
        case .dict(let d): return d.count > 0
        case .object(let set as SetObject): return set.count > 0
        case .object(let deque as DequeObject): return !deque.items.isEmpty
        case .array(let a):
            guard a.tensor.count == 1 else {
                throw Diagnostic(
                    "the truth value of an array with \(a.tensor.count) elements is ambiguous", at: range,
                    hint: "compare one element, like prediction[0, 0] >= 0.5")
            }
            return a.tensor[flat: 0] != 0
        case .object(let instance as InstanceObject): return try instanceTruth(instance, range: range)
        case .object: return true
        }
    }
}

extension Interpreter {
    /// `<`, `<=`, `>`, `>=` between tuples or lists, as Python orders them: by the first items that
    /// differ, else by length.
    func compareSequences(_ op: ComparisonOperator, _ a: [Value], _ b: [Value], range: SourceRange)
        throws(Diagnostic) -> Value
    {
        for (x, y) in zip(a, b) where !pythonEquals(x, y) { return try compare(op, x, y, range: range) }
        return try compare(op, .int(a.count), .int(b.count), range: range)
    }
}

extension Interpreter {
    /// `+ - *` between two Python ints (without overflow) or two floats, or a float and an int: the
    /// loop counters and sums of plain Python code, answered before the checks for arrays and tensors.
    /// Nil for everything else (overflow included), which the general path handles as before.
    @inline(__always)
    static func fastArithmetic(_ op: BinaryOperator, _ left: Value, _ right: Value) -> Value? {
        switch (left, right) {
        case (.int(let a), .int(let b)):
            let result: (partialValue: Int, overflow: Bool)
            switch op {
            case .add: result = a.addingReportingOverflow(b)
            case .subtract: result = a.subtractingReportingOverflow(b)
            case .multiply: result = a.multipliedReportingOverflow(by: b)
            default: return nil
            }
            return result.overflow ? nil : .int(result.partialValue)
        case (.float(let a), .float(let b)): return floatArithmetic(op, a, b)
        case (.float(let a), .int(let b)): return floatArithmetic(op, a, Double(b))
        case (.int(let a), .float(let b)): return floatArithmetic(op, Double(a), b)
        default: return nil
        }
    }

    @inline(__always)
    private static func floatArithmetic(_ op: BinaryOperator, _ a: Double, _ b: Double) -> Value? {
        switch op {
        case .add: .float(a + b)
        case .subtract: .float(a - b)
        case .multiply: .float(a * b)
        default: nil
        }
    }
}
