/// The arguments of `fit` besides the data, with Keras's defaults.
public struct FitOptions {
    public var batchSize: Int = 32
    public var epochs: Int = 1
    public var shuffle: Bool = true
    /// The fraction of examples, taken from the end before any shuffling, held out for validation.
    public var validationSplit: Double = 0
    public var validationData: (x: Tensor, y: Tensor)?

    public init(
        batchSize: Int = 32, epochs: Int = 1, shuffle: Bool = true, validationSplit: Double = 0,
        validationData: (x: Tensor, y: Tensor)? = nil
    ) {
        self.batchSize = batchSize
        self.epochs = epochs
        self.shuffle = shuffle
        self.validationSplit = validationSplit
        self.validationData = validationData
    }

    func validate() throws(EngineError) {
        guard batchSize > 0 else { throw .invalidArgument("batch_size must be a positive integer; got \(batchSize)") }
        guard epochs >= 0 else { throw .invalidArgument("epochs must be zero or more; got \(epochs)") }
        guard validationSplit >= 0, validationSplit < 1 else {
            throw .invalidArgument("validation_split must be at least 0 and less than 1; got \(validationSplit)")
        }
    }
}

/// A batch gathered from shuffled rows, in buffers reused across steps.
struct BatchBuffer {
    private var x: Tensor
    private var y: Tensor

    init(rows: Int, inputWidth: Int, targetWidth: Int) {
        x = Tensor(shape: [rows, inputWidth])
        y = Tensor(shape: [rows, targetWidth])
    }

    /// Copies `indices`' rows of `data` in and returns pointers to them.
    mutating func gather(_ indices: ArraySlice<Int>, from data: TrainingData)
        -> (x: UnsafePointer<Float>, y: UnsafePointer<Float>)
    {
        let xWidth = data.x.rowWidth
        let yWidth = data.targetWidth
        let xOut = x.mutablePointer()
        let yOut = y.mutablePointer()
        let xIn = data.x.pointer
        let yIn = data.y.pointer
        let first = indices.startIndex
        // Wide rows (a multi-hot text input, images) are copied by all cores: plain copies, any order.
        ParallelExamples.forEach(indices.count, workPerExample: xWidth + yWidth) { rows in
            for row in rows {
                let index = indices[first + row]
                (xOut + row * xWidth).update(from: xIn + index * xWidth, count: xWidth)
                (yOut + row * yWidth).update(from: yIn + index * yWidth, count: yWidth)
            }
        }
        return (UnsafePointer(xOut), UnsafePointer(yOut))
    }
}
