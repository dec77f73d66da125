import NNEngine
import Testing

/// Conv2D, the pooling layers and Reshape, each alone, against central finite differences of
/// L = Σ g ⊙ layer(x) for a fixed random g: ∂L/∂x and ∂L/∂(every weight), over several shapes,
/// strides and both paddings.
@Suite struct ConvolutionGradientTests {
    struct Case: CustomTestStringConvertible, @unchecked Sendable {
        let name: String
        let inputShape: [Int]
        let outputShape: [Int]
        let make: @Sendable () throws -> Layer
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "Conv2D 3×3 valid, tanh", inputShape: [5, 6, 2], outputShape: [3, 4, 3]) {
            try Conv2D(filters: 3, kernelSize: (3, 3), activation: .tanh, biasInitializer: .randomNormal())
        },
        Case(name: "Conv2D 3×3 same, stride 2", inputShape: [7, 6, 2], outputShape: [4, 3, 4]) {
            try Conv2D(filters: 4, kernelSize: (3, 3), strides: (2, 2), padding: .same)
        },
        Case(name: "Conv2D 2×3 same, strides (2, 1), no bias", inputShape: [6, 5, 3], outputShape: [3, 5, 2]) {
            try Conv2D(filters: 2, kernelSize: (2, 3), strides: (2, 1), padding: .same, useBias: false)
        },
        Case(name: "Conv2D 4×4 same on 5×5 (uneven padding), sigmoid", inputShape: [5, 5, 1], outputShape: [5, 5, 2]) {
            try Conv2D(filters: 2, kernelSize: (4, 4), padding: .same, activation: .sigmoid)
        },
        Case(name: "Conv2D 1×1", inputShape: [3, 3, 4], outputShape: [3, 3, 2]) {
            try Conv2D(filters: 2, kernelSize: (1, 1))
        },
        Case(name: "Conv2D 3×3 valid, stride 2 (a column left over)", inputShape: [6, 6, 1], outputShape: [2, 2, 3]) {
            try Conv2D(filters: 3, kernelSize: (3, 3), strides: (2, 2))
        },
        Case(name: "MaxPooling2D 2×2", inputShape: [6, 4, 3], outputShape: [3, 2, 3]) {
            try Pooling2D(mode: .max)
        },
        Case(name: "MaxPooling2D 3×3 stride 2 same", inputShape: [5, 6, 2], outputShape: [3, 3, 2]) {
            try Pooling2D(mode: .max, poolSize: (3, 3), strides: (2, 2), padding: .same)
        },
        Case(name: "MaxPooling2D 2×2 valid on 5×5 (last row dropped)", inputShape: [5, 5, 1], outputShape: [2, 2, 1]) {
            try Pooling2D(mode: .max)
        },
        Case(name: "AveragePooling2D 2×2 same on 5×5", inputShape: [5, 5, 2], outputShape: [3, 3, 2]) {
            try Pooling2D(mode: .average, padding: .same)
        },
        Case(name: "AveragePooling2D 3×2 strides (1, 2)", inputShape: [4, 6, 2], outputShape: [2, 3, 2]) {
            try Pooling2D(mode: .average, poolSize: (3, 2), strides: (1, 2))
        },
        Case(name: "GlobalMaxPooling2D", inputShape: [3, 4, 3], outputShape: [3]) { try GlobalPooling2D(mode: .max) },
        Case(name: "GlobalAveragePooling2D keepdims", inputShape: [3, 4, 3], outputShape: [1, 1, 3]) {
            try GlobalPooling2D(mode: .average, keepDims: true)
        },
        Case(name: "Reshape to (-1, 4)", inputShape: [2, 3, 2], outputShape: [3, 4]) {
            try Reshape(targetShape: [-1, 4])
        },
    ]

    @Test(arguments: cases)
    func backpropagationMatchesFiniteDifferences(_ testCase: Case) throws {
        var random = RandomGenerator(seed: 23)
        let rows = 3
        let layer = try testCase.make()
        try layer.build(inputShape: testCase.inputShape, random: &random)
        #expect(try layer.outputShape(for: testCase.inputShape) == testCase.outputShape)
        let outWidth = testCase.outputShape.reduce(1, *)
        var x = Tensor(shape: [rows] + testCase.inputShape) { _ in Float(random.nextNormal()) }
        let g = Tensor(shape: [rows, outWidth]) { _ in Float(random.nextNormal()) }
        var weights = layer.weights()
        // L = Σ g ⊙ layer(x), summed in double precision.
        func loss() throws -> Double {
            try layer.setWeights(weights)
            x.withUnsafeBufferPointer { layer.forward($0.baseAddress.unsafelyUnwrapped, rows: rows, training: true) }
            let out = layer.output
            var total = 0.0
            for i in 0..<(rows * outWidth) { total += Double(g[flat: i]) * Double(out[i]) }
            return total
        }
        _ = try loss()
        let dy = layer.outputGradient
        for i in 0..<(rows * outWidth) { dy[i] = g[flat: i] }
        var dx = Tensor(shape: x.shape)
        x.withUnsafeBufferPointer { input in
            dx.withUnsafeMutableBufferPointer { gradient in
                layer.backward(
                    input: input.baseAddress.unsafelyUnwrapped, rows: rows, inputGradient: gradient.baseAddress,
                    fromLogits: false)
            }
        }
        let parameterGradients = layer.parameters.map { $0.gradient.copied() }

        let h: Float = 1e-3
        func check(_ analytic: Float, _ numeric: Double, _ what: String) {
            #expect(
                abs(Double(analytic) - numeric) <= 2e-3 + 1e-2 * abs(numeric),
                "\(what): backprop \(analytic), finite difference \(numeric)")
        }
        for i in 0..<x.count {
            let original = x[flat: i]
            x[flat: i] = original + h
            let plus = try loss()
            x[flat: i] = original - h
            let minus = try loss()
            x[flat: i] = original
            check(dx[flat: i], (plus - minus) / Double(2 * h), "∂L/∂x[\(i)]")
        }
        for (index, gradient) in parameterGradients.enumerated() {
            for i in 0..<weights[index].count {
                let original = weights[index][flat: i]
                weights[index][flat: i] = original + h
                let plus = try loss()
                weights[index][flat: i] = original - h
                let minus = try loss()
                weights[index][flat: i] = original
                check(gradient[flat: i], (plus - minus) / Double(2 * h), "weight \(index)[\(i)]")
            }
        }
    }

    /// Glorot's limit uses Keras's fans for a conv kernel: kh·kw·in and kh·kw·out.
    @Test func glorotUniformUsesKerasFansForKernels() throws {
        var random = RandomGenerator(seed: 3)
        let kernel = Initializer.glorotUniform.make(shape: [3, 3, 1, 32], using: &random)
        let limit = Float((6.0 / (9.0 + 288.0)).squareRoot())
        let largest = kernel.scalars.map(abs).max() ?? 0
        #expect(largest <= limit)
        #expect(largest > 0.9 * limit)
    }

    /// TensorFlow's 'same' padding: the smaller half before, so a 4×4 window on 5×5 pads 1 above, 2 below.
    @Test func samePaddingPutsTheSmallerHalfFirst() throws {
        let window = try #require(Window2D(height: 5, width: 5, kernel: (4, 4), strides: (1, 1), padding: .same))
        #expect(window.padTop == 1 && window.padLeft == 1 && window.outputHeight == 5)
        let strided = try #require(Window2D(height: 7, width: 6, kernel: (3, 3), strides: (2, 2), padding: .same))
        #expect(strided.outputHeight == 4 && strided.outputWidth == 3 && strided.padTop == 1 && strided.padLeft == 0)
        #expect(Window2D(height: 2, width: 5, kernel: (3, 3), strides: (1, 1), padding: .valid) == nil)
    }

    @Test func refusesExamplesThatAreNotImages() throws {
        let conv = try Conv2D(filters: 2, kernelSize: (3, 3))
        var random = RandomGenerator(seed: 1)
        #expect(throws: EngineError.self) { try conv.build(inputShape: [28, 28], random: &random) }
        #expect(throws: EngineError.self) { try conv.build(inputShape: [2, 2, 1], random: &random) }
    }
}
