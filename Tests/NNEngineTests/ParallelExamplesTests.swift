import Testing

@testable import NNEngine

/// The image layers' per-example loops (im2col, col2im, pooling) and the batch gather of `fit` run
/// on several threads; every example is still computed by one thread with the same code, so the
/// results must be bit-identical to one thread's whatever the number of workers.
@Suite(.serialized) struct ParallelExamplesTests {
    /// Outputs, input gradient and weight gradients of `make()` on a batch, with `workers` threads.
    static func run(_ make: () throws -> Layer, inputShape: [Int], workers: Int) throws -> [[Float]] {
        let saved = ParallelExamples.workers
        ParallelExamples.workers = workers
        defer { ParallelExamples.workers = saved }
        var random = RandomGenerator(seed: 5)
        let rows = 40
        let layer = try make()
        try layer.build(inputShape: inputShape, random: &random)
        let outWidth = try layer.outputShape(for: inputShape).reduce(1, *)
        let x = Tensor(shape: [rows] + inputShape) { _ in Float(random.nextNormal()) }
        var dx = Tensor(shape: x.shape)
        x.withUnsafeBufferPointer { layer.forward($0.baseAddress.unsafelyUnwrapped, rows: rows, training: true) }
        let output = Array(UnsafeBufferPointer(start: layer.output, count: rows * outWidth))
        for i in 0..<(rows * outWidth) { layer.outputGradient[i] = Float(random.nextNormal()) }
        let gradient = dx.mutablePointer()
        x.withUnsafeBufferPointer {
            layer.backward(
                input: $0.baseAddress.unsafelyUnwrapped, rows: rows, inputGradient: gradient, fromLogits: false)
        }
        return [output, dx.scalars] + layer.parameters.map(\.gradient.scalars)
    }

    @Test func convolutionIsTheSameOnAnyNumberOfThreads() throws {
        let make = { () throws -> Layer in try Conv2D(filters: 5, kernelSize: (3, 3), padding: .same, activation: .relu)
        }
        let one = try Self.run(make, inputShape: [12, 12, 4], workers: 1)
        #expect(one.count == 4)
        for workers in [2, 3, 7] {
            let many = try Self.run(make, inputShape: [12, 12, 4], workers: workers)
            #expect(many == one, "\(workers) workers")
        }
    }

    @Test(arguments: [Pooling2D.Mode.max, .average])
    func poolingIsTheSameOnAnyNumberOfThreads(_ mode: Pooling2D.Mode) throws {
        let make = { () throws -> Layer in try Pooling2D(mode: mode, poolSize: (3, 3), strides: (2, 2), padding: .same)
        }
        let one = try Self.run(make, inputShape: [40, 40, 8], workers: 1)
        #expect(one[0].contains { $0 != 0 })
        for workers in [2, 5] {
            #expect(try Self.run(make, inputShape: [40, 40, 8], workers: workers) == one, "\(workers) workers")
        }
    }

    @Test func shuffledFitIsTheSameOnAnyNumberOfThreads() throws {
        func weights(workers: Int) throws -> [[Float]] {
            let saved = ParallelExamples.workers
            ParallelExamples.workers = workers
            defer { ParallelExamples.workers = saved }
            var random = RandomGenerator(seed: 9)
            let x = Tensor(shape: [300, 1000]) { _ in random.nextFloat() < 0.05 ? 1 : 0 }
            let y = Tensor(shape: [300, 1]) { i in Float(i % 2) }
            let model = try Sequential(
                layers: [Dense(units: 8, activation: .relu), Dense(units: 1, activation: .sigmoid)],
                random: RandomSource(seed: 3))
            model.compile(loss: Loss(.binaryCrossentropy), optimizer: RMSprop())
            _ = try model.fit(x: x, y: y, options: FitOptions(batchSize: 128, epochs: 2))
            return model.leafLayers.flatMap { $0.parameters.map(\.value.scalars) }
        }
        let one = try weights(workers: 1)
        #expect(try weights(workers: 2) == one)
        #expect(try weights(workers: 6) == one)
    }
}
