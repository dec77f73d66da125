import NNEngine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Arithmetic whose result is float64 or int64, computed in double precision from the operands' exact
/// values as NumPy computes it.
extension ArrayMath {
    static func wideBinary(
        _ op: BinaryOperator, _ a: Operand, _ b: Operand, dtype: DType, _ interpreter: Interpreter,
        range: SourceRange
    ) throws(Diagnostic) -> Tensor {
        if dtype == .int64 {
            guard let function = WideMath.integer(op) else {
                throw Diagnostic("'\(op.rawValue)' is not supported between integer arrays", at: range)
            }
            if op == .floorDivide || op == .modulo, b.tensor.doubles.contains(0) {
                // NumPy: an integer divided by zero is 0, with a warning.
                let ufunc = op == .modulo ? "remainder" : "floor_divide"
                interpreter.warn("RuntimeWarning: divide by zero encountered in \(ufunc)", at: range)
            }
            return try scalarOrBroadcast(a.tensor, b.tensor, to: .int64, range: range, function)
        }
        let function: (Double, Double) -> Double
        switch op {
        case .add: function = { $0 + $1 }
        case .subtract: function = { $0 - $1 }
        case .multiply: function = { $0 * $1 }
        case .divide:
            var byZero = false
            var invalid = false
            let result = try scalarOrBroadcast(a.tensor, b.tensor, to: dtype, range: range) { x, y in
                if y == 0 { if x == 0 || x.isNaN { invalid = true } else { byZero = true } }
                return x / y
            }
            // NumPy warns, once per line, as Python's warnings do.
            let ufunc = a.tensor.rank == 0 && b.tensor.rank == 0 ? "scalar divide" : "divide"
            if byZero { interpreter.warn("RuntimeWarning: divide by zero encountered in \(ufunc)", at: range) }
            if invalid { interpreter.warn("RuntimeWarning: invalid value encountered in \(ufunc)", at: range) }
            return result
        case .floorDivide: function = WideMath.floorDivide
        case .modulo: function = WideMath.remainder
        case .power:
            if let fast = fastPower(a, b) { return WideMath.map(a.tensor, to: dtype, fast) }
            function = { pow($0, $1) }
        case .matmul, .bitOr, .bitAnd, .bitXor:
            throw Diagnostic("'\(op.rawValue)' is not supported for float arrays", at: range)
        }
        return try scalarOrBroadcast(a.tensor, b.tensor, to: dtype, range: range, function)
    }

    /// Two NumPy scalars (the loops of course code) skip the broadcasting machinery.
    @inline(__always)
    static func scalarOrBroadcast(
        _ a: Tensor, _ b: Tensor, to dtype: DType, range: SourceRange, _ function: (Double, Double) -> Double
    ) throws(Diagnostic) -> Tensor {
        if a.rank == 0, b.rank == 0 {
            return WideMath.tensor([], [function(a.double(flat: 0), b.double(flat: 0))], dtype)
        }
        return try WideMath.broadcast(a, b, to: dtype, range: range, function)
    }

    /// NumPy's `fast_scalar_power`: a float array to the Python power 2, -1 or 0.5 is `square`,
    /// `reciprocal` or `sqrt` (NumPy scalars go through `pow`).
    static func fastPower(_ a: Operand, _ b: Operand) -> ((Double) -> Double)? {
        guard b.weak, b.tensor.rank == 0, !a.weak, a.tensor.rank >= 1,
            a.tensor.dtype == .float64 || a.tensor.dtype == .float32
        else { return nil }
        let exponent = b.tensor.double(flat: 0)
        switch (b.tensor.dtype, exponent) {
        case (.int64, 2): return { $0 * $0 }
        case (.int64, -1): return { 1 / $0 }
        case (.float64, 0.5): return { $0.squareRoot() }
        default: return nil
        }
    }

    /// `left op= right` on an array: the result is written into `left`'s own array (so other names for
    /// it see the change, as in NumPy), cast back to its dtype under NumPy's same-kind rule.
    static func inPlace(
        _ op: BinaryOperator, _ left: NDArray, _ right: Value, _ interpreter: Interpreter, range: SourceRange
    ) throws(Diagnostic) -> Value? {
        guard !left.isScalar, op != .matmul else { return nil }
        let result = try binary(op, .array(left), right, interpreter, range: range)
        guard case .array(let computed) = result, computed.tensor.shape == left.tensor.shape else {
            if case .array(let computed) = result {
                throw Diagnostic(
                    "non-broadcastable output operand with shape \(formatShape(left.shape)) doesn't match the "
                        + "broadcast shape \(formatShape(computed.shape))", at: range, exception: "ValueError")
            }
            return result
        }
        let target = left.tensor.dtype
        let source = computed.tensor.dtype
        let kind: (DType) -> Int = { [.bool: 0, .uint8: 1, .int64: 1, .float32: 2, .float64: 2][$0] ?? 2 }
        guard kind(source) <= kind(target) else {
            let names: [BinaryOperator: String] = [
                .add: "add", .subtract: "subtract", .multiply: "multiply", .divide: "divide",
                .floorDivide: "floor_divide", .modulo: "remainder", .power: "power", .matmul: "matmul",
            ]
            throw Diagnostic(
                "Cannot cast ufunc '\(names[op] ?? op.rawValue)' output from dtype('\(source.rawValue)') to "
                    + "dtype('\(target.rawValue)') with casting rule 'same_kind'", at: range,
                exception: "TypeError")
        }
        if source == target {
            left.tensor = computed.tensor
        } else if target.isWide {
            left.tensor = WideMath.tensor(left.shape, computed.tensor.doubles, target)
        } else {
            left.tensor = ArrayConversion.cast(computed.tensor, to: target)
        }
        return .array(left)
    }
}
