import NNEngine

/// Reductions of float64, int64 and boolean arrays, in double precision from the exact values, summing
/// as NumPy sums (pairwise along the last axis, in order along the others; int64 exactly).
extension Reduction {
    func wide(_ tensor: Tensor, axis: Int?, keepdims: Bool, ddof: Int, dtype: DType) -> Value {
        let outer: Int
        let length: Int
        let inner: Int
        var shape: [Int]
        if let axis {
            outer = tensor.shape[..<axis].reduce(1, *)
            length = tensor.shape[axis]
            inner = tensor.shape[(axis + 1)...].reduce(1, *)
            shape = tensor.shape
            if keepdims { shape[axis] = 1 } else { shape.remove(at: axis) }
        } else {
            (outer, length, inner) = (1, tensor.count, 1)
            shape = keepdims ? Array(repeating: 1, count: tensor.rank) : []
        }
        let values = tensor.doubles
        let output = values.withUnsafeBufferPointer { x in
            reduceWide(x, outer: outer, length: length, inner: inner, ddof: ddof, integer: dtype == .int64)
        }
        return .array(NDArray(WideMath.tensor(shape, output, dtype)))
    }

    /// One result per (outer, inner) position, reducing `length` values `inner` apart.
    func reduceWide(
        _ x: UnsafeBufferPointer<Double>, outer: Int, length: Int, inner: Int, ddof: Int, integer: Bool
    ) -> [Double] {
        switch self {
        case .sum:
            return WideMath.sum(x, outer: outer, length: length, inner: inner, integer: integer)
        case .mean:
            let n = Double(length)
            return WideMath.sum(x, outer: outer, length: length, inner: inner, integer: false).map { $0 / n }
        case .std, .var:
            return deviations(x, outer: outer, length: length, inner: inner, ddof: ddof)
        default:
            break
        }
        var lane = [Double](repeating: 0, count: length)
        return WideMath.make(outer * inner) { out in
            for o in 0..<outer {
                for i in 0..<inner {
                    for k in 0..<length { lane[k] = x[(o * length + k) * inner + i] }
                    out[o * inner + i] = reduceLane(&lane, integer: integer)
                }
            }
        }
    }

    /// NumPy's `_var`: the mean (summed as `sum` sums), the squared deviations, their sum over n − ddof;
    /// `std` is its square root.
    func deviations(_ x: UnsafeBufferPointer<Double>, outer: Int, length: Int, inner: Int, ddof: Int) -> [Double] {
        let n = Double(length)
        let means = WideMath.sum(x, outer: outer, length: length, inner: inner, integer: false).map { $0 / n }
        let squares = WideMath.make(x.count) { out in
            for o in 0..<outer {
                for k in 0..<length {
                    for i in 0..<inner {
                        let flat = (o * length + k) * inner + i
                        let d = x[flat] - means[o * inner + i]
                        out[flat] = d * d
                    }
                }
            }
        }
        let divisor = Double(Swift.max(length - ddof, 0))
        let sums = squares.withUnsafeBufferPointer { s in
            WideMath.sum(s, outer: outer, length: length, inner: inner, integer: false)
        }
        return sums.map { self == .std ? ($0 / divisor).squareRoot() : $0 / divisor }
    }

    func reduceLane(_ lane: inout [Double], integer: Bool) -> Double {
        switch self {
        case .prod:
            if integer {
                var product: Int64 = 1
                for v in lane { product = product &* WideMath.int(v) }
                return Double(product)
            }
            var product = 1.0
            for v in lane { product *= v }
            return product
        case .max, .min:
            guard var best = lane.first else { return .nan }
            for v in lane {
                if v.isNaN { return .nan }
                if self == .max ? v > best : v < best { best = v }
            }
            return best
        case .argmax, .argmin:
            var best = 0
            for k in lane.indices {
                if lane[k].isNaN { return Double(k) }
                if self == .argmax ? lane[k] > lane[best] : lane[k] < lane[best] { best = k }
            }
            return Double(best)
        case .median:
            guard !lane.isEmpty, !lane.contains(where: \.isNaN) else { return .nan }
            lane.sort()
            let middle = lane.count / 2
            return lane.count % 2 == 1 ? lane[middle] : (lane[middle - 1] + lane[middle]) / 2
        case .any: return lane.contains { $0 != 0 } ? 1 : 0
        case .all: return lane.allSatisfy { $0 != 0 } ? 1 : 0
        case .sum, .mean, .std, .var: return .nan
        }
    }
}
