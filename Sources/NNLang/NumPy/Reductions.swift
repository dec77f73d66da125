import NNEngine

/// NumPy's reductions (`sum`, `mean`, `max`, `min`, `argmax`, `argmin`) over all elements or one axis.
enum Reduction: String {
    case sum, mean, max, min, argmax, argmin, std, `var`, prod, median, any, all

    /// Reduces `tensor` along `axis` (all axes when nil); the result is a NumPy scalar or an array.
    func apply(_ tensor: Tensor, axis: Int?, keepdims: Bool, ddof: Int = 0, range: SourceRange) throws(Diagnostic)
        -> Value
    {
        var axis = axis
        if let given = axis {
            let normalized = given < 0 ? given + tensor.rank : given
            guard normalized >= 0, normalized < Swift.max(tensor.rank, 1) else {
                throw Diagnostic("axis \(given) is out of bounds for an array of dimension \(tensor.rank)", at: range)
            }
            axis = normalized
        }
        if tensor.count == 0, [.max, .min, .argmax, .argmin].contains(self) {
            throw Diagnostic("zero-size array to reduction operation \(rawValue) which has no identity", at: range)
        }
        let dtype = resultType(tensor.dtype)
        if tensor.dtype != .float32 {
            return wide(tensor, axis: tensor.rank > 1 ? axis : nil, keepdims: keepdims, ddof: ddof, dtype: dtype)
        }
        guard let axis, tensor.rank > 1 else {
            let value = reduce(tensor.scalars[...], ddof: ddof)
            if keepdims {
                return .array(
                    NDArray(Tensor(shape: Array(repeating: 1, count: tensor.rank), repeating: value, dtype: dtype)))
            }
            return ArrayConversion.scalar(value, dtype: dtype)
        }
        let outer = tensor.shape[..<axis].reduce(1, *)
        let length = tensor.shape[axis]
        let inner = tensor.shape[(axis + 1)...].reduce(1, *)
        var shape = tensor.shape
        if keepdims { shape[axis] = 1 } else { shape.remove(at: axis) }
        var result = Tensor(shape: shape, dtype: dtype)
        var lane = [Float](repeating: 0, count: length)
        for o in 0..<outer {
            for i in 0..<inner {
                for k in 0..<length { lane[k] = tensor[flat: (o * length + k) * inner + i] }
                result[flat: o * inner + i] = reduce(lane[...], ddof: ddof)
            }
        }
        return .array(NDArray(result))
    }

    func resultType(_ dtype: DType) -> DType {
        switch self {
        case .argmax, .argmin: .int64
        case .mean, .std, .var, .median: dtype == .float32 ? .float32 : .float64
        case .sum, .prod: [.bool, .uint8].contains(dtype) ? .int64 : dtype
        case .any, .all: .bool
        case .max, .min: dtype
        }
    }

    func reduce(_ values: ArraySlice<Float>, ddof: Int = 0) -> Float {
        switch self {
        case .sum: return Float(values.reduce(0.0) { $0 + Double($1) })
        case .mean: return values.isEmpty ? .nan : Float(values.reduce(0.0) { $0 + Double($1) } / Double(values.count))
        case .std, .var:
            guard !values.isEmpty else { return .nan }
            let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
            let variance =
                values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(values.count - ddof)
            return Float(self == .std ? variance.squareRoot() : variance)
        case .prod: return Float(values.reduce(1.0) { $0 * Double($1) })
        case .median:
            guard !values.isEmpty else { return .nan }
            if values.contains(where: \.isNaN) { return .nan }
            let sorted = values.sorted()
            let middle = sorted.count / 2
            return sorted.count % 2 == 1
                ? sorted[middle] : Float((Double(sorted[middle - 1]) + Double(sorted[middle])) / 2)
        case .max: return values.contains { $0.isNaN } ? .nan : (values.max() ?? .nan)
        case .min: return values.contains { $0.isNaN } ? .nan : (values.min() ?? .nan)
        case .argmax, .argmin:
            var best = values.startIndex
            for i in values.indices {
                if values[i].isNaN { return Float(i - values.startIndex) }
                if self == .argmax ? values[i] > values[best] : values[i] < values[best] { best = i }
            }
            return Float(best - values.startIndex)
        case .any: return values.contains { $0 != 0 } ? 1 : 0
        case .all: return values.allSatisfy { $0 != 0 } ? 1 : 0
        }
    }
}
