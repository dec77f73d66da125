/// The element type NumPy would report for an array. The engine computes in float32, as Keras does;
/// the tag records which integer or boolean arrays NumPy would produce, so printing and `dtype` agree
/// with NumPy. Arrays of the wide types (float64, int64) may also carry their exact values (`wide`).
public enum DType: String, Sendable, Equatable {
    case float32, float64, int64, uint8, bool

    /// Whether NumPy holds this type in more than float32's precision.
    public var isWide: Bool { self == .float64 || self == .int64 }
}

/// A dense, row-major, contiguous N-dimensional array of `Float`.
///
/// Tensors are values: copies share storage until one of them is written to (copy on write),
/// so handing a tensor to an observer costs nothing unless the observer keeps it and the engine
/// later writes to the same buffer.
public struct Tensor {
    public private(set) var shape: [Int]
    public var dtype: DType
    @usableFromInline var storage: TensorStorage
    /// The exact values of a float64 or int64 array, as NumPy holds them; `storage` then holds them
    /// rounded to float32, which is what the engine computes with (Keras casts float64 input to float32
    /// too). Nil when only the float32 values are known: any write through the float32 view drops it.
    @usableFromInline var wideStorage: [Double]?
    /// Whether NumPy would hold this matrix in column-major order, as it holds `x.T` of a row-major
    /// `x` (a view with swapped strides). The values here are row-major all the same; the flag only
    /// lets float64 matrix products pass BLAS a transpose flag as NumPy does, so sums come out in
    /// NumPy's order. Reshaping clears it.
    public var isColumnMajor = false

    /// A tensor of `shape` filled with `value`.
    public init(shape: [Int], repeating value: Float = 0, dtype: DType = .float32) {
        let count = Tensor.elementCount(shape)
        self.shape = shape
        self.dtype = dtype
        self.storage = TensorStorage(count: count, repeating: value)
    }

    /// A tensor of `shape` holding `values` in row-major order; `values.count` must match the shape.
    public init(shape: [Int], values: [Float], dtype: DType = .float32) throws(EngineError) {
        let count = Tensor.elementCount(shape)
        guard values.count == count else {
            throw .shapeMismatch(
                "\(values.count) values cannot fill an array of shape \(formatShape(shape)) (\(count) elements)")
        }
        self.shape = shape
        self.dtype = dtype
        self.storage = TensorStorage(copying: values)
    }

    /// A one-dimensional tensor of `values`.
    public init(_ values: [Float], dtype: DType = .float32) {
        self.shape = [values.count]
        self.dtype = dtype
        self.storage = TensorStorage(copying: values)
    }

    /// A two-dimensional tensor from rows of equal length.
    public init(rows: [[Float]]) throws(EngineError) {
        let width = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == width }) else {
            throw .shapeMismatch("rows of a matrix must all have the same length")
        }
        try self.init(shape: [rows.count, width], values: rows.flatMap { $0 })
    }

    /// A tensor of `shape` filled in row-major order by `element(i)`.
    public init(shape: [Int], dtype: DType = .float32, element: (Int) -> Float) {
        self.init(shape: shape, dtype: dtype)
        withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices { buffer[i] = element(i) }
        }
    }

    public var count: Int { storage.count }
    public var rank: Int { shape.count }
    /// Rows of a matrix, or the length of the first axis.
    public var rows: Int { shape.first ?? 1 }
    /// Elements per row: the product of every axis but the first.
    public var rowWidth: Int { shape.count <= 1 ? 1 : shape.dropFirst().reduce(1, *) }

    public var scalars: [Float] { Array(UnsafeBufferPointer(start: storage.pointer, count: storage.count)) }

    /// A float64 or int64 tensor holding `values` exactly (and rounded to float32 for the engine).
    public init(shape: [Int], wide values: [Double], dtype: DType = .float64) throws(EngineError) {
        try self.init(shape: shape, values: values.map { Float($0) }, dtype: dtype)
        if dtype.isWide { wideStorage = values }
    }

    /// The exact values when this is a float64 or int64 tensor that carries them, else nil.
    public var wide: [Double]? { dtype.isWide ? wideStorage : nil }

    /// Every element as a Double: the exact values where known, else the float32 ones widened.
    public var doubles: [Double] { wide ?? scalars.map { Double($0) } }

    /// The element at `index` in row-major order as a Double (exact where known).
    public func double(flat index: Int) -> Double {
        if let wide { return wide[index] }
        return Double(storage.pointer[index])
    }

    /// Writes one element given as a Double: kept exactly when this tensor carries its exact values,
    /// or is a wide type (whose other elements are then taken as their float32 values).
    public mutating func setDouble(_ value: Double, flat index: Int) {
        var exact = dtype.isWide ? (wideStorage ?? doubles) : nil
        wideStorage = nil  // so `exact` is the only reference and is written in place
        makeUnique()
        storage.pointer[index] = Float(value)
        exact?[index] = value
        wideStorage = exact
    }

    /// Replaces every element, keeping `values` exactly when the dtype is wide.
    public mutating func setDoubles(_ values: [Double]) throws(EngineError) {
        guard values.count == count else {
            throw .shapeMismatch("\(values.count) values cannot fill an array of \(count) elements")
        }
        makeUnique()
        for i in 0..<count { storage.pointer[i] = Float(values[i]) }
        wideStorage = dtype.isWide ? values : nil
    }

    /// A tensor of `shape` filled in row-major order by `element(i)` given as Doubles: kept exactly when
    /// `dtype` is wide (float64, int64), else rounded to float32.
    /// (A static function rather than an init, so that `Tensor(shape:dtype:) { … }` stays unambiguous.)
    public static func exactly(shape: [Int], dtype: DType, _ element: (Int) -> Double) -> Tensor {
        var tensor = Tensor(shape: shape, dtype: dtype)
        let count = tensor.storage.count
        let pointer = tensor.storage.pointer
        if dtype.isWide {
            var exact = [Double](repeating: 0, count: count)
            for i in 0..<count {
                exact[i] = element(i)
                pointer[i] = Float(exact[i])
            }
            tensor.wideStorage = exact
        } else {
            for i in 0..<count { pointer[i] = Float(element(i)) }
        }
        return tensor
    }

    /// The elements at the flat `offsets` of this tensor, as a new tensor of `shape` with this dtype,
    /// keeping the exact values when this tensor carries them (indexing, transposes, sorts, shuffles).
    public func gathered(shape: [Int], offsets: [Int]) -> Tensor {
        var result = Tensor(shape: shape, dtype: dtype)
        let count = min(result.count, offsets.count)
        let source = storage.pointer
        let target = result.storage.pointer
        for i in 0..<count { target[i] = source[offsets[i]] }
        if let wide { result.wideStorage = offsets.map { wide[$0] } }
        return result
    }

    /// Writes `values[i]` at flat `offsets[i]`: exactly when this is a wide type (its other elements are
    /// then kept as they are known), else rounded to float32. One pass, whatever the number of writes.
    public mutating func setDoubles(_ values: [Double], at offsets: [Int]) {
        var exact: [Double]? = nil
        if dtype.isWide {
            exact = wideStorage ?? doubles
            wideStorage = nil  // so `exact` is the only reference and is written in place
        }
        makeUnique()
        let pointer = storage.pointer
        for (value, offset) in zip(values, offsets) {
            pointer[offset] = Float(value)
            exact?[offset] = value
        }
        wideStorage = exact
    }

    /// The element at `index` in row-major order; checked in debug builds only (no cost in release).
    public subscript(flat index: Int) -> Float {
        get {
            assert(index >= 0 && index < storage.count, "flat index \(index) is out of range (\(storage.count))")
            return storage.pointer[index]
        }
        set {
            assert(index >= 0 && index < storage.count, "flat index \(index) is out of range (\(storage.count))")
            makeUnique()
            storage.pointer[index] = newValue
        }
    }

    /// Element at a full index (one integer per axis).
    public subscript(_ indices: Int...) -> Float {
        get { storage.pointer[flatIndex(indices)] }
        set {
            makeUnique()
            storage.pointer[flatIndex(indices)] = newValue
        }
    }

    func flatIndex(_ indices: [Int]) -> Int {
        precondition(indices.count == shape.count, "index rank does not match tensor rank")
        var flat = 0
        for (index, size) in zip(indices, shape) {
            assert(index >= 0 && index < size, "index \(index) is out of range for an axis of size \(size)")
            flat = flat * size + index
        }
        return flat
    }

    /// The same elements seen with another shape of the same element count.
    public func reshaped(_ newShape: [Int]) throws(EngineError) -> Tensor {
        guard Tensor.elementCount(newShape) == count else {
            throw .shapeMismatch(
                "cannot reshape an array of size \(count) into shape \(formatShape(newShape))")
        }
        var copy = self
        if copy.shape != newShape { copy.isColumnMajor = false }
        copy.shape = newShape
        return copy
    }

    /// Rows `range` of the first axis, copied.
    public func rows(_ range: Range<Int>) -> Tensor {
        var result = Tensor(shape: [range.count] + shape.dropFirst(), dtype: dtype)
        let width = rowWidth
        result.withUnsafeMutableBufferPointer { out in
            guard let base = out.baseAddress else { return }
            base.update(from: storage.pointer + range.lowerBound * width, count: range.count * width)
        }
        if let wide { result.wideStorage = Array(wide[(range.lowerBound * width)..<(range.upperBound * width)]) }
        return result
    }

    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.pointer, count: storage.count))
    }

    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        makeUnique()
        return try body(UnsafeMutableBufferPointer(start: storage.pointer, count: storage.count))
    }

    /// Read-only pointer for the engine's hot loops; valid while `self` is alive and unmodified.
    @inlinable var pointer: UnsafeMutablePointer<Float> { storage.pointer }

    /// Writable pointer after ensuring this tensor does not share its buffer.
    @inlinable mutating func mutablePointer() -> UnsafeMutablePointer<Float> {
        makeUnique()
        return storage.pointer
    }

    /// Called before every write through the float32 view, which the exact values no longer match.
    @inlinable mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        wideStorage = nil
    }

    /// The number of elements of `shape`; Int.max when the product overflows (no tensor has that many).
    static func elementCount(_ shape: [Int]) -> Int {
        var count = 1
        for dimension in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            if overflow { return Int.max }
            count = product
        }
        return count
    }
}

extension Tensor: Equatable {
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        guard lhs.shape == rhs.shape else { return false }
        if lhs.wide == nil && rhs.wide == nil { return lhs.scalars == rhs.scalars }
        return lhs.doubles == rhs.doubles
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String { "Tensor\(formatShape(shape)) \(scalars.prefix(8))" }
}

/// Formats a shape the way Python prints a tuple: `(1000, 400)`, `(3,)`, `()`.
public func formatShape(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}
