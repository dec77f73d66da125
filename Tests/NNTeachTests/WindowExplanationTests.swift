import NNEngine
import NNPlot
import Testing

@testable import NNTeach

/// Conv2D and pooling in a full step: the worked output is the step's own, and true by hand.
@Suite struct WindowExplanationTests {
    @Test func convolutionWorksItsStrongestOutputAndPoolingItsFirstWindow() throws {
        let conv = try Conv2D(filters: 2, kernelSize: (3, 3), activation: .relu, name: "conv")
        let model = try Sequential(
            layers: [conv, try Pooling2D(mode: .max, name: "pool"), try Flatten(), try Dense(units: 2)],
            random: RandomSource(seed: 2))
        try model.build(inputShape: [5, 5, 1])
        var weights = model.weights()
        weights[0] = Tensor(shape: [3, 3, 1, 2]) { Float($0 % 5) / 10 - 0.1 }
        weights[1] = Tensor([0.5, -0.25])
        try model.setWeights(weights)
        model.compile(loss: Loss(.meanSquaredError), optimizer: try SGD(learningRate: 0.1))
        let x = Tensor(shape: [1, 5, 5, 1]) { Float($0 % 7) / 4 }
        let trace = try model.step(x: x, y: Tensor(shape: [1, 2])).trace
        var wide = Style.plain
        wide.width = 400
        let text = StepExplanation(style: wide).render(trace, example: 0)

        // The strongest response, computed here by hand from x and the kernel.
        var best = (value: Float(0), i: 0, j: 0, f: 0)
        for i in 0..<3 {
            for j in 0..<3 {
                for f in 0..<2 {
                    var z = weights[1][flat: f]
                    for ky in 0..<3 {
                        for kx in 0..<3 {
                            z += x[flat: (i + ky) * 5 + j + kx] * weights[0][flat: (ky * 3 + kx) * 2 + f]
                        }
                    }
                    if abs(z) > abs(best.value) { best = (z, i, j, f) }
                }
            }
        }
        let numbers = NumberText(style: .plain)
        #expect(
            text.contains("Layer 1  conv: Conv2D(2, relu)   z[1][i,j,f] = sum x[window(i,j)] * K[1][:,:,:,f] + b[1][f]")
        )
        #expect(text.contains("3x3 window, strides 1x1, padding 'valid' over (5, 5, 1): -> (3, 3, 2)"))
        #expect(text.contains("the largest |z[1]| of example 1, at i=\(best.i), j=\(best.j), f=\(best.f):"))
        let window = (0..<9).map { x[flat: (best.i + $0 / 3) * 5 + best.j + $0 % 3] }
        #expect(text.contains("window = [" + window.map(numbers.number).joined(separator: ", ") + "]"))
        #expect(text.contains("= \(numbers.number(best.value))"))
        let a = trace.layers[0].a
        let pooled = [0, 1, 3, 4].map { a[flat: $0 * 2] }
        #expect(
            text.contains(
                "at (0, 0), channel 0: max([" + pooled.map(numbers.number).joined(separator: ", ") + "]) = "
                    + numbers.number(pooled.max() ?? 0)))
        #expect(text.contains("dL/dK[1][:,:,:,f] = sum over examples and positions of window * dL/dz[1][i,j,f]"))
        #expect(text.contains("each output's gradient goes to the input that was the max of its window"))
    }
}
