extension Loss {
    /// The batch-mean loss of `prediction` (examples × outputs) against `target`, as calling a Keras
    /// loss object gives it: probabilities clipped, or logits when `fromLogits`.
    public func callAsFunction(target: Tensor, prediction: Tensor) throws(EngineError) -> Float {
        let columns = prediction.rank <= 1 ? 1 : prediction.rowWidth
        let rows = prediction.rank == 0 ? 1 : prediction.rows
        if takesClassIndices {
            guard target.count == rows else {
                throw .shapeMismatch("y_true has \(target.count) labels but y_pred has \(rows) rows")
            }
            for label in target.scalars where label < 0 || label >= Float(columns) || label != label.rounded() {
                throw .invalidArgument("\(label) is not a class index for \(columns) classes")
            }
        } else {
            guard target.count == prediction.count else {
                throw .shapeMismatch(
                    "y_true has shape \(formatShape(target.shape)) but y_pred has shape \(formatShape(prediction.shape))"
                )
            }
        }
        return evaluate(
            z: prediction.pointer, a: prediction.pointer, activation: .linear, target: target.pointer,
            rows: rows, columns: columns, gradient: nil
        ).value
    }
}
