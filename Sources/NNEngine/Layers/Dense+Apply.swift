extension Dense {
    /// `z = x·W + b` for a batch `x` (rows × inputs), outside training.
    public func preActivation(_ x: Tensor) throws(EngineError) -> Tensor {
        guard let width = inputWidth else { throw .notBuilt("layer '\(name)' is not built yet") }
        guard x.rank == 2, x.shape[1] == width else {
            throw .shapeMismatch("layer '\(name)' was built for \(width) inputs per example; the input has shape \(formatShape(x.shape))")
        }
        var z = try x.matmul(kernel)
        if useBias {
            let b = bias.pointer, pointer = z.mutablePointer()
            for row in 0..<x.rows { for j in 0..<units { pointer[row * units + j] += b[j] } }
        }
        return z
    }

    /// `f(x·W + b)` for a batch `x`, outside training.
    public func apply(_ x: Tensor) throws(EngineError) -> Tensor { activation(try preActivation(x)) }
}
