/// The element type NumPy would report for an array. Storage is always float32, as in Keras;
/// the tag records which integer or boolean arrays NumPy would produce, so printing and
/// `dtype` agree with NumPy.
public enum DType: String, Sendable, Equatable {
    case float32, float64, int64, uint8, bool
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

    @inlinable mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
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
        lhs.shape == rhs.shape && lhs.scalars == rhs.scalars
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String { "Tensor\(formatShape(shape)) \(scalars.prefix(8))" }
}

/// Formats a shape the way Python prints a tuple: `(1000, 400)`, `(3,)`, `()`.
public func formatShape(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}
