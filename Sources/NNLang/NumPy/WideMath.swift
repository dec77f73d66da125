import NNEngine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// NumPy's float64 and int64 arithmetic, computed in double precision from an array's exact values
/// (`Tensor.wide`) as NumPy computes it: the same IEEE operations, NumPy's floor division and
/// remainder, int64 wrap-around, and its pairwise summation, so the last digits agree with NumPy's.
enum WideMath {
    /// A float64 or int64 tensor of `values`, carrying them exactly.
    static func tensor(_ shape: [Int], _ values: [Double], _ dtype: DType) -> Tensor {
        (try? Tensor(shape: shape, wide: values, dtype: dtype)) ?? Tensor(shape: shape, dtype: dtype)
    }

    /// Checks that an exact array of `shape` fits: 8 bytes of exact value and 4 of float32 view each.
    static func checkSize(_ shape: [Int], range: SourceRange?) throws(Diagnostic) {
        try ArrayConversion.checkSize(shape, range: range)
        try MemoryCheck.reserve(shape.reduce(1, *), of: 12, range: range)
    }

    /// `count` values written by `body` into fresh storage (no per-element allocation).
    @inline(__always)
    static func make(_ count: Int, _ body: (UnsafeMutableBufferPointer<Double>) -> Void) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            body(buffer)
            initialized = count
        }
    }

    /// `function(x)` for each value, as a tensor of `dtype`.
    static func map(_ input: Tensor, to dtype: DType, _ function: (Double) -> Double) -> Tensor {
        let values = input.doubles
        let output = values.withUnsafeBufferPointer { x in
            make(x.count) { out in
                for i in 0..<x.count { out[i] = function(x[i]) }
            }
        }
        return tensor(input.shape, output, dtype)
    }

    /// `function(a[i], b[j])` over the broadcast shape of two tensors, from their exact values.
    static func broadcast(
        _ a: Tensor, _ b: Tensor, to dtype: DType, range: SourceRange?, _ function: (Double, Double) -> Double
    ) throws(Diagnostic) -> Tensor {
        let shape = try ArrayMath.broadcastShape(a.shape, b.shape, range: range)
        try checkSize(shape, range: range)
        let x = a.doubles
        let y = b.doubles
        let count = Tensor(shape: shape).count
        let output = x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                make(count) { out in
                    if a.shape == b.shape {
                        for i in 0..<count { out[i] = function(x[i], y[i]) }
                    } else if y.count == 1 {
                        let scalar = y[0]
                        for i in 0..<count { out[i] = function(x[i], scalar) }
                    } else if x.count == 1 {
                        let scalar = x[0]
                        for i in 0..<count { out[i] = function(scalar, y[i]) }
                    } else {
                        strided(shape, a.shape, b.shape) { i, p, q in out[i] = function(x[p], y[q]) }
                    }
                }
            }
        }
        return tensor(shape, output, dtype)
    }

    /// Visits every position of `shape` in row-major order with the matching offsets into two arrays
    /// of shapes `a` and `b` that broadcast to it.
    @inline(__always)
    static func strided(_ shape: [Int], _ a: [Int], _ b: [Int], _ visit: (Int, Int, Int) -> Void) {
        let stridesA = ArrayMath.broadcastStrides(a, to: shape)
        let stridesB = ArrayMath.broadcastStrides(b, to: shape)
        let count = shape.reduce(1, *)
        var index = [Int](repeating: 0, count: shape.count)
        var offsetA = 0
        var offsetB = 0
        for i in 0..<count {
            visit(i, offsetA, offsetB)
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                offsetA += stridesA[axis]
                offsetB += stridesB[axis]
                if index[axis] < shape[axis] { break }
                offsetA -= stridesA[axis] * shape[axis]
                offsetB -= stridesB[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
    }

    // MARK: - NumPy's float64 operations

    /// NumPy's `npy_divmod`: Python's floor division and remainder, snapped as NumPy snaps them.
    static func divmod(_ a: Double, _ b: Double) -> (quotient: Double, remainder: Double) {
        var mod = fmod(a, b)
        if b == 0 { return (a / b, mod) }
        var div = (a - mod) / b
        if mod != 0 {
            if (b < 0) != (mod < 0) {
                mod += b
                div -= 1
            }
        } else {
            mod = copysign(0, b)
        }
        var floorDiv: Double
        if div != 0 {
            floorDiv = div.rounded(.down)
            if div - floorDiv > 0.5 { floorDiv += 1 }
        } else {
            floorDiv = copysign(0, a / b)
        }
        return (floorDiv, mod)
    }

    static func floorDivide(_ a: Double, _ b: Double) -> Double { b == 0 ? a / b : divmod(a, b).quotient }
    static func remainder(_ a: Double, _ b: Double) -> Double { b == 0 ? fmod(a, b) : divmod(a, b).remainder }

    /// NumPy's `maximum`/`minimum`: NaN wins.
    static func maximum(_ a: Double, _ b: Double) -> Double { a.isNaN || b.isNaN ? .nan : (a >= b ? a : b) }
    static func minimum(_ a: Double, _ b: Double) -> Double { a.isNaN || b.isNaN ? .nan : (a <= b ? a : b) }

    // MARK: - int64

    /// An int64 element's value (exact for any value a Double holds as an integer); NaN and values
    /// outside int64 become the smallest int64, as NumPy's casts give.
    @inline(__always)
    static func int(_ value: Double) -> Int64 {
        guard value.isFinite, value >= -9.223372036854775808e18, value < 9.223372036854775808e18 else {
            return Int64.min
        }
        return Int64(value)
    }

    /// `a op b` for int64 operands, wrapping around on overflow as NumPy's int64 does.
    static func integer(_ op: BinaryOperator) -> ((Double, Double) -> Double)? {
        switch op {
        case .add: return { Double(int($0) &+ int($1)) }
        case .subtract: return { Double(int($0) &- int($1)) }
        case .multiply: return { Double(int($0) &* int($1)) }
        case .floorDivide:
            return { x, y in
                let (a, b) = (int(x), int(y))
                if b == 0 { return 0 }
                if b == -1 { return Double(0 &- a) }
                let q = a / b
                return Double((a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q)
            }
        case .modulo:
            return { x, y in
                let (a, b) = (int(x), int(y))
                if b == 0 || b == -1 { return 0 }
                let r = a % b
                return Double(r != 0 && ((r < 0) != (b < 0)) ? r + b : r)
            }
        case .power:
            return { x, y in
                var (base, exponent) = (int(x), int(y))
                var result: Int64 = 1
                while exponent > 0 {
                    if exponent & 1 == 1 { result = result &* base }
                    base = base &* base
                    exponent >>= 1
                }
                return Double(result)
            }
        case .bitAnd: return { Double(int($0) & int($1)) }
        case .bitOr: return { Double(int($0) | int($1)) }
        case .bitXor: return { Double(int($0) ^ int($1)) }
        case .divide, .matmul: return nil
        }
    }

    // MARK: - Sums

    /// NumPy's pairwise summation of `n` values `stride` apart (`pairwise_sum` in loops_utils.h):
    /// eight accumulators over blocks of up to 128, halves above that, starting from -0.
    static func pairwiseSum(_ a: UnsafePointer<Double>, _ n: Int, stride: Int = 1) -> Double {
        if n < 8 {
            var result = -0.0
            for i in 0..<n { result += a[i * stride] }
            return result
        }
        if n <= 128 {
            var r0 = a[0]
            var r1 = a[stride]
            var r2 = a[2 * stride]
            var r3 = a[3 * stride]
            var r4 = a[4 * stride]
            var r5 = a[5 * stride]
            var r6 = a[6 * stride]
            var r7 = a[7 * stride]
            var i = 8
            while i < n - n % 8 {
                r0 += a[i * stride]
                r1 += a[(i + 1) * stride]
                r2 += a[(i + 2) * stride]
                r3 += a[(i + 3) * stride]
                r4 += a[(i + 4) * stride]
                r5 += a[(i + 5) * stride]
                r6 += a[(i + 6) * stride]
                r7 += a[(i + 7) * stride]
                i += 8
            }
            var result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while i < n {
                result += a[i * stride]
                i += 1
            }
            return result
        }
        var half = n / 2
        half -= half % 8
        return pairwiseSum(a, half, stride: stride) + pairwiseSum(a + half * stride, n - half, stride: stride)
    }

    /// `np.add.reduce` along one axis of a C-contiguous array seen as outer × length × inner: lanes
    /// along the last axis are summed pairwise, others element by element in order, as NumPy's
    /// iterator runs them. Integer values are summed with int64 wrap-around.
    static func sum(_ values: UnsafeBufferPointer<Double>, outer: Int, length: Int, inner: Int, integer: Bool)
        -> [Double]
    {
        guard let base = values.baseAddress else { return [Double](repeating: 0, count: outer * inner) }
        return make(outer * inner) { out in
            for o in 0..<outer {
                let start = base + o * length * inner
                if integer {
                    for i in 0..<inner {
                        var total: Int64 = 0
                        for k in 0..<length { total = total &+ int(start[k * inner + i]) }
                        out[o * inner + i] = Double(total)
                    }
                } else if inner == 1 {
                    out[o] = -0.0 + pairwiseSum(start, length)
                } else {
                    for i in 0..<inner { out[o * inner + i] = -0.0 }
                    for k in 0..<length {
                        let row = start + k * inner
                        for i in 0..<inner { out[o * inner + i] += row[i] }
                    }
                }
            }
        }
    }
}
