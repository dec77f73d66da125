import NNEngine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// NumPy's element-wise arithmetic and comparisons with broadcasting, its dtype rules for mixing
/// arrays with Python numbers (NEP 50: a Python scalar takes the array's type), and `@`.
enum ArrayMath {
    /// An operand: its array, and whether it came from a Python scalar (a "weak" type).
    struct Operand {
        var tensor: Tensor
        var weak: Bool
    }

    static func operand(_ value: Value, range: SourceRange) throws(Diagnostic) -> Operand {
        switch value {
        case .bool(let b): return Operand(tensor: Tensor(shape: [], repeating: b ? 1 : 0, dtype: .bool), weak: true)
        case .int(let i): return Operand(tensor: WideMath.tensor([], [Double(i)], .int64), weak: true)
        case .float(let f): return Operand(tensor: WideMath.tensor([], [f], .float64), weak: true)
        case .array(let a): return Operand(tensor: a.tensor, weak: false)
        case .list, .tuple: return Operand(tensor: try ArrayConversion.tensor(value, range: range), weak: false)
        case .object(let object) where object is ArrayConvertible:
            return Operand(tensor: try ArrayConversion.tensor(value, range: range), weak: false)
        default:
            throw Diagnostic("unsupported operand type for an array operation: '\(value.typeName)'", at: range)
        }
    }

    /// The dtype of `a op b` under NumPy 2's promotion rules.
    static func resultType(_ a: Operand, _ b: Operand) -> DType {
        func withWeak(_ strong: DType, _ weak: DType) -> DType {
            switch weak {
            case .bool: return strong
            case .int64: return strong == .bool ? .int64 : strong
            default: return [.bool, .int64, .uint8].contains(strong) ? .float64 : strong
            }
        }
        if a.weak && !b.weak { return withWeak(b.tensor.dtype, a.tensor.dtype) }
        if b.weak && !a.weak { return withWeak(a.tensor.dtype, b.tensor.dtype) }
        return ArrayConversion.promote(a.tensor.dtype, b.tensor.dtype)
    }

    static func binary(
        _ op: BinaryOperator, _ left: Value, _ right: Value, _ interpreter: Interpreter, range: SourceRange
    ) throws(Diagnostic) -> Value {
        let a = try operand(left, range: range)
        let b = try operand(right, range: range)
        if op == .matmul { return .array(NDArray(try matmul(a.tensor, b.tensor, range: range))) }
        var dtype = resultType(a, b)
        let bitwise = [.bitOr, .bitAnd, .bitXor].contains(op)
        if bitwise, ![.bool, .int64, .uint8].contains(dtype) {
            let names: [BinaryOperator: String] = [
                .bitOr: "bitwise_or", .bitAnd: "bitwise_and", .bitXor: "bitwise_xor",
            ]
            throw Diagnostic(
                "ufunc '\(names[op] ?? "")' not supported for the input types", at: range,
                exception: "TypeError")
        }
        if [.bool, .int64, .uint8].contains(dtype) {
            if op == .divide { dtype = .float64 }
            if dtype == .bool, op != .multiply, !bitwise { dtype = .int64 }
            if op == .power, b.tensor.scalars.contains(where: { $0 < 0 }) {
                throw Diagnostic(
                    "integers to negative integer powers are not allowed", at: range,
                    hint: "make one side a float, like 2.0 ** -1")
            }
        }
        if dtype.isWide { return wrap(try wideBinary(op, a, b, dtype: dtype, interpreter, range: range)) }
        let function: (Float, Float) -> Float
        switch op {
        case .add: function = { $0 + $1 }
        case .subtract: function = { $0 - $1 }
        case .multiply: function = { $0 * $1 }
        case .divide: function = { $0 / $1 }
        case .floorDivide: function = { ($0 / $1).rounded(.down) }
        case .modulo: function = { x, y in y == 0 ? .nan : x - (x / y).rounded(.down) * y }
        case .power: function = { powf($0, $1) }
        case .matmul: function = { $0 * $1 }
        case .bitOr: function = { Float((Int(exactly: $0.rounded()) ?? 0) | (Int(exactly: $1.rounded()) ?? 0)) }
        case .bitAnd: function = { Float((Int(exactly: $0.rounded()) ?? 0) & (Int(exactly: $1.rounded()) ?? 0)) }
        case .bitXor: function = { Float((Int(exactly: $0.rounded()) ?? 0) ^ (Int(exactly: $1.rounded()) ?? 0)) }
        }
        var result = try broadcast(a.tensor, b.tensor, range: range, function)
        result.dtype = dtype
        if dtype == .int64 || dtype == .uint8, op == .floorDivide || op == .modulo || op == .power {
            if op != .power, b.tensor.scalars.contains(0) {
                // NumPy: an integer divided by zero is 0, with a warning.
                let ufunc = op == .modulo ? "remainder" : "floor_divide"
                interpreter.warn("RuntimeWarning: divide by zero encountered in \(ufunc)", at: range)
                result = try broadcast(a.tensor, b.tensor, range: range) { x, y in y == 0 ? 0 : function(x, y) }
                result.dtype = dtype
            }
            result = ArrayConversion.cast(result, to: dtype)
        }
        return wrap(result)
    }

    /// A 0-d result is a NumPy scalar; anything else an array.
    static func wrap(_ tensor: Tensor) -> Value { .array(NDArray(tensor)) }

    static func compare(
        _ op: ComparisonOperator, _ left: Value, _ right: Value, _ interpreter: Interpreter, range: SourceRange
    ) throws(Diagnostic) -> Value {
        let a = try operand(left, range: range)
        let b = try operand(right, range: range)
        if resultType(a, b).isWide {
            let test: (Double, Double) -> Bool
            switch op {
            case .equal: test = { $0 == $1 }
            case .notEqual: test = { $0 != $1 }
            case .less: test = { $0 < $1 }
            case .lessEqual: test = { $0 <= $1 }
            case .greater: test = { $0 > $1 }
            case .greaterEqual: test = { $0 >= $1 }
            default: throw Diagnostic("'\(op.rawValue)' is not supported between arrays", at: range)
            }
            var result = try WideMath.broadcast(a.tensor, b.tensor, to: .float32, range: range) { test($0, $1) ? 1 : 0 }
            result.dtype = .bool
            return wrap(result)
        }
        let function: (Float, Float) -> Float
        switch op {
        case .equal: function = { $0 == $1 ? 1 : 0 }
        case .notEqual: function = { $0 != $1 ? 1 : 0 }
        case .less: function = { $0 < $1 ? 1 : 0 }
        case .lessEqual: function = { $0 <= $1 ? 1 : 0 }
        case .greater: function = { $0 > $1 ? 1 : 0 }
        case .greaterEqual: function = { $0 >= $1 ? 1 : 0 }
        default: throw Diagnostic("'\(op.rawValue)' is not supported between arrays", at: range)
        }
        var result = try broadcast(a.tensor, b.tensor, range: range, function)
        result.dtype = .bool
        return wrap(result)
    }

    static func unary(_ op: UnaryOperator, _ value: Value, _ interpreter: Interpreter, range: SourceRange)
        throws(Diagnostic) -> Value
    {
        guard case .array(let array) = value else { return value }
        if op == .plus { return value }
        if array.tensor.dtype == .bool {
            throw Diagnostic("the - operator is not supported for boolean arrays", at: range)
        }
        if array.tensor.dtype == .int64 {
            return wrap(WideMath.map(array.tensor, to: .int64) { Double(0 &- WideMath.int($0)) })
        }
        if array.tensor.dtype.isWide { return wrap(WideMath.map(array.tensor, to: array.tensor.dtype) { -$0 }) }
        var result = map(array.tensor) { -$0 }
        result.dtype = array.tensor.dtype
        return wrap(result)
    }

    static func map(_ tensor: Tensor, _ function: (Float) -> Float) -> Tensor {
        var result = Tensor(shape: tensor.shape, dtype: tensor.dtype)
        tensor.withUnsafeBufferPointer { input in
            result.withUnsafeMutableBufferPointer { output in
                for i in input.indices { output[i] = function(input[i]) }
            }
        }
        return result
    }

    /// The shape both broadcast to, or an error naming both shapes.
    static func broadcastShape(_ a: [Int], _ b: [Int], range: SourceRange?) throws(Diagnostic) -> [Int] {
        let rank = max(a.count, b.count)
        let paddedA = Array(repeating: 1, count: rank - a.count) + a
        let paddedB = Array(repeating: 1, count: rank - b.count) + b
        var shape: [Int] = []
        for (x, y) in zip(paddedA, paddedB) {
            guard x == y || x == 1 || y == 1 else {
                throw Diagnostic(
                    "operands could not be broadcast together with shapes \(formatShape(a)) \(formatShape(b))",
                    at: range, hint: "each axis must match, or be 1 in one of them (axes are compared from the right)")
            }
            shape.append(x == 1 ? y : x)
        }
        return shape
    }

    /// `function(a[i], b[j])` over the broadcast shape.
    static func broadcast(_ a: Tensor, _ b: Tensor, range: SourceRange?, _ function: (Float, Float) -> Float)
        throws(Diagnostic) -> Tensor
    {
        let shape = try broadcastShape(a.shape, b.shape, range: range)
        try ArrayConversion.checkSize(shape, range: range)
        var result = Tensor(shape: shape)
        let count = result.count
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                result.withUnsafeMutableBufferPointer { out in
                    if a.shape == b.shape {
                        for i in 0..<count { out[i] = function(x[i], y[i]) }
                    } else if b.count == 1 {
                        let scalar = y[0]
                        for i in 0..<count { out[i] = function(x[i], scalar) }
                    } else if a.count == 1 {
                        let scalar = x[0]
                        for i in 0..<count { out[i] = function(scalar, y[i]) }
                    } else {
                        WideMath.strided(shape, a.shape, b.shape) { i, p, q in out[i] = function(x[p], y[q]) }
                    }
                }
            }
        }
        return result
    }

    /// Element strides of `shape` seen as `target` (0 along broadcast axes).
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let padded = Array(repeating: 1, count: target.count - shape.count) + shape
        var strides = [Int](repeating: 0, count: target.count)
        var step = 1
        for axis in stride(from: target.count - 1, through: 0, by: -1) {
            strides[axis] = padded[axis] == 1 ? 0 : step
            step *= padded[axis]
        }
        return strides
    }

    /// `a @ b` for 1-D and 2-D arrays, through BLAS.
    static func matmul(_ a: Tensor, _ b: Tensor, range: SourceRange) throws(Diagnostic) -> Tensor {
        guard a.rank >= 1, b.rank >= 1, a.rank <= 2, b.rank <= 2 else {
            throw Diagnostic(
                "matmul supports 1-D and 2-D arrays; got shapes \(formatShape(a.shape)) and \(formatShape(b.shape))",
                at: range)
        }
        let left = a.rank == 1 ? ((try? a.reshaped([1, a.count])) ?? a) : a
        let right = b.rank == 1 ? ((try? b.reshaped([b.count, 1])) ?? b) : b
        guard left.shape[1] == right.shape[0] else {
            throw Diagnostic(
                "matmul: the shapes \(formatShape(a.shape)) and \(formatShape(b.shape)) do not line up "
                    + "(\(left.shape[1]) columns against \(right.shape[0]) rows)", at: range,
                hint: "for a · b the last axis of a must equal the first axis of b; a transpose (.T) may help")
        }
        try ArrayConversion.checkSize([left.shape[0], right.shape[1]], range: range)
        var shape: [Int] = []
        if a.rank == 2 { shape.append(a.shape[0]) }
        if b.rank == 2 { shape.append(b.shape[1]) }
        let dtype = ArrayConversion.promote(a.dtype, b.dtype)
        if dtype.isWide {
            try WideMath.checkSize(shape, range: range)
            return WideMath.tensor(shape, NumPyMath.wideProduct(left, right, dtype: dtype), dtype)
        }
        var product: Tensor
        do { product = try left.matmul(right) } catch { throw Diagnostic(error.description, at: range) }
        product = (try? product.reshaped(shape)) ?? product
        product.dtype =
            ArrayConversion.promote(a.dtype, b.dtype) == .bool ? .int64 : ArrayConversion.promote(a.dtype, b.dtype)
        return product
    }
}
