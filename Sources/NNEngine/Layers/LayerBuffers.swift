/// The buffers a layer computes into, `count` of them, each sized for a batch of up to `capacity`
/// rows of `width` floats and kept between steps so training allocates nothing per batch.
struct LayerBuffers {
    private(set) var capacity = 0
    private(set) var width = 0
    private var tensors: [Tensor] = []
    private var pointers: [UnsafeMutablePointer<Float>]

    /// Stands in for the buffers until the first `reserve`; never read or written.
    nonisolated(unsafe) private static let unallocated = UnsafeMutablePointer<Float>.allocate(capacity: 1)

    init(count: Int) { pointers = Array(repeating: LayerBuffers.unallocated, count: count) }

    /// Makes room for `rows` rows of `width`; keeps the buffers if they are large enough.
    mutating func reserve(rows: Int, width: Int) {
        guard rows > capacity || width != self.width else { return }
        tensors = pointers.indices.map { _ in Tensor(shape: [max(rows, capacity), width]) }
        pointers = tensors.indices.map { tensors[$0].mutablePointer() }
        capacity = max(rows, capacity)
        self.width = width
    }

    @inline(__always) subscript(index: Int) -> UnsafeMutablePointer<Float> { pointers[index] }

    /// A copy of rows 0..<rows of buffer `index`, shaped `[rows] + shape`, for observers.
    func snapshot(_ index: Int, rows: Int, shape: [Int]) -> Tensor {
        let pointer = pointers[index]
        return Tensor(shape: [rows] + shape) { pointer[$0] }
    }
}
