extension Loss {
    /// Each example's loss and its gradient with respect to that example's predictions (examples ×
    /// outputs), as Keras's loss functions (`keras.losses.sparse_categorical_crossentropy(y, p)`) give
    /// them before any reduction: the same formulas as a training step, one example at a time.
    public func perExample(target: Tensor, prediction: Tensor) throws(EngineError) -> (
        losses: [Float], gradient: Tensor
    ) {
        _ = try self(target: target, prediction: prediction)  // checks the shapes and class indices
        let columns = prediction.rank <= 1 ? 1 : prediction.rowWidth
        let rows = prediction.rank == 0 ? 1 : prediction.rows
        let targetWidth = takesClassIndices ? 1 : columns
        var gradient = Tensor(shape: prediction.shape)
        let into = gradient.mutablePointer()
        var losses: [Float] = []
        losses.reserveCapacity(rows)
        for row in 0..<rows {
            let p = prediction.pointer + row * columns
            let value = evaluate(
                z: p, a: p, activation: .linear, target: target.pointer + row * targetWidth, rows: 1,
                columns: columns, gradient: into + row * columns
            ).value
            losses.append(value)
        }
        return (losses, gradient)
    }
}
