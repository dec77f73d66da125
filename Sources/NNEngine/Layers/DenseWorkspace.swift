/// The buffers a `Dense` layer computes into, sized for a batch of up to `capacity` rows and kept
/// between steps so training allocates nothing per batch.
struct DenseWorkspace {
    private(set) var capacity = 0
    private var buffers: [Tensor] = []
    private(set) var z = DenseWorkspace.unallocated
    private(set) var a = DenseWorkspace.unallocated
    /// ∂L/∂a (written by the layer above or the loss).
    private(set) var da = DenseWorkspace.unallocated
    /// ∂L/∂z.
    private(set) var dz = DenseWorkspace.unallocated

    /// Stands in for the buffers until the first `reserve`; never read or written.
    nonisolated(unsafe) private static let unallocated = UnsafeMutablePointer<Float>.allocate(capacity: 1)

    /// Makes room for `rows` rows of `units` columns; keeps the buffers if they are large enough.
    mutating func reserve(rows: Int, units: Int) {
        guard rows > capacity else { return }
        buffers = (0..<4).map { _ in Tensor(shape: [rows, units]) }
        z = buffers[0].mutablePointer()
        a = buffers[1].mutablePointer()
        da = buffers[2].mutablePointer()
        dz = buffers[3].mutablePointer()
        capacity = rows
    }
}
