/// Checked examples for training or evaluation: x as rows × features, y as rows × output units
/// (or one class index per row for the sparse loss).
struct TrainingData {
    let x: Tensor
    let y: Tensor
    let rows: Int
    /// Floats per row of y as the loss reads it: output units, or 1 for class indices.
    let targetWidth: Int

    /// Checks `x` and `y` against the model's output and the loss, as Keras would, with plain messages.
    init(x: Tensor, y: Tensor, outputUnits: Int, loss: Loss) throws(EngineError) {
        guard x.rank >= 2 else { throw .inputRank(expectedAtLeast: 2, shape: x.shape) }
        guard y.rank >= 1, y.rows == x.rows else {
            throw .sampleCountMismatch(x: x.rows, y: y.rank == 0 ? 1 : y.rows)
        }
        guard x.rows > 0 else { throw .noExamples }
        if loss.takesClassIndices {
            guard y.rank == 1 || (y.rank == 2 && y.shape[1] == 1) else {
                throw .classIndicesExpected(examples: x.rows, yShape: y.shape)
            }
            let labels = y.pointer
            for i in 0..<y.count {
                let label = labels[i]
                guard label >= 0, label < Float(outputUnits), label == label.rounded() else {
                    throw .notClassIndex(index: i, value: label, classes: outputUnits)
                }
            }
            targetWidth = 1
        } else {
            let width = y.rank == 1 ? 1 : y.rowWidth
            guard y.rank <= 2, width == outputUnits else {
                throw .targetShapeMismatch(outputUnits: outputUnits, yShape: y.shape, loss: loss.kind)
            }
            targetWidth = width
        }
        self.x = x
        self.y = y
        self.rows = x.rows
    }

    /// The rows in `range`, as a new data set.
    func slice(_ range: Range<Int>) -> TrainingData {
        TrainingData(x: x.rows(range), y: y.rows(range), targetWidth: targetWidth)
    }

    private init(x: Tensor, y: Tensor, targetWidth: Int) {
        self.x = x
        self.y = y
        self.rows = x.rows
        self.targetWidth = targetWidth
    }
}

extension Float {
    /// A short decimal for messages: whole numbers without a fraction.
    var formatted: String { self == rounded() && abs(self) < 1e9 ? String(Int(self)) : String(self) }
}
