import NNEngine

/// Helpers that keep the exact values of float64 and int64 arrays (`Tensor.wide`) through operations that
/// only move elements around (indexing, transposes, tiling, sorting, joining), and build arrays from doubles.
/// Float32 arrays take their usual path, element by element through the float32 view.
extension Tensor {
    /// A tensor of `shape` whose element `i` is this tensor's element at flat position `offset(i)`, with
    /// this dtype: exact when this tensor carries exact values.
    func gathering(shape: [Int], _ offset: (Int) -> Int) -> Tensor {
        guard let wide else { return Tensor(shape: shape, dtype: dtype) { self[flat: offset($0)] } }
        return Tensor.exactly(shape: shape, dtype: dtype) { (i: Int) -> Double in wide[offset(i)] }
    }

    /// The values as NumPy holds them, as well as they are known: the exact values when carried; float32,
    /// integer and boolean values as stored; and for a float64 array known only in float32 (computed in
    /// float32), the doubles its float32 values' shortest digits name, as `ArrayConversion.pythonFloat`
    /// reads them (so `0.1` computed in float32 joins an exact array as 0.1).
    var knownValues: [Double] {
        if let wide { return wide }
        guard dtype == .float64 else { return doubles }
        return scalars.map { ArrayConversion.pythonFloat($0, dtype: .float64) }
    }

    /// Whether the values are known as NumPy holds them: exactly (float64 or int64 carrying `wide`), or
    /// as float32 values that are what NumPy holds (float32, bool, uint8; int64 from float32 integers).
    /// Only a float64 array computed in float32 is not.
    var isExactlyKnown: Bool { dtype != .float64 || wide != nil }
}

enum ExactValues {
    /// Whether an array of `dtype` made from `parts` carries exact values: when `dtype` is wide (parts known
    /// only in float32 join with their `knownValues`).
    static func combinable(_ parts: [Tensor], into dtype: DType) -> Bool { dtype.isWide }

    /// For each element of an array of shape `target`, the flat position in an array of shape `source`
    /// that broadcasts to it (NumPy's broadcasting: trailing axes aligned, length-1 axes repeated).
    static func broadcastOffsets(from source: [Int], to target: [Int]) -> [Int] {
        let count = target.reduce(1, *)
        let padded = Array(repeating: 1, count: max(0, target.count - source.count)) + source
        var strides = [Int](repeating: 0, count: padded.count)
        var step = 1
        for axis in stride(from: padded.count - 1, through: 0, by: -1) {
            strides[axis] = padded[axis] == 1 ? 0 : step
            step *= padded[axis]
        }
        var offsets = [Int](repeating: 0, count: count)
        for flat in 0..<count {
            var remainder = flat
            var offset = 0
            for axis in stride(from: target.count - 1, through: 0, by: -1) {
                offset += (remainder % target[axis]) * strides[axis]
                remainder /= target[axis]
            }
            offsets[flat] = offset
        }
        return offsets
    }

    /// A Python number as a 0-d array, exactly (`0.1` a float64 holding 0.1, `2**40 + 1` an int64).
    static func scalarTensor(_ value: Value) -> Tensor? {
        switch value {
        case .bool(let b): return Tensor(shape: [], repeating: b ? 1 : 0, dtype: .bool)
        case .int(let i): return Tensor.exactly(shape: [], dtype: .int64) { _ in Double(i) }
        case .float(let f): return Tensor.exactly(shape: [], dtype: .float64) { _ in f }
        default: return nil
        }
    }

    /// Checks the memory budget for an array of `shape` and `dtype` about to be made: a wide one (float64,
    /// int64) also holds its exact values, 12 bytes an element in all.
    static func reserve(_ shape: [Int], _ dtype: DType, range: SourceRange?) throws(Diagnostic) {
        guard dtype.isWide else { return }
        try MemoryCheck.reserve(
            shape.reduce(1, *), of: MemoryLayout<Float>.stride + MemoryLayout<Double>.stride,
            range: range)
    }

    /// A fill value argument as an array of `dtype` holds it: exactly, truncated toward zero for integers.
    static func fill(_ a: BoundArguments, _ name: String, dtype: DType) throws(Diagnostic) -> Double {
        let value = try a.double(name)
        switch dtype {
        case .int64, .uint8: return value.isFinite ? value.rounded(.towardZero) : 0
        case .bool: return value != 0 ? 1 : 0
        case .float32, .float64: return value
        }
    }
}
