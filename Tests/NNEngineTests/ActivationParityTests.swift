import NNEngine
import Testing

/// The activations Keras 3 added beyond the classic ones: values against Keras 3.15 (TensorFlow 2.21,
/// float32), and each one's derivative against central finite differences at points off its kinks.
@Suite struct ActivationParityTests {
    static let inputs: [Float] = [-4, -1.5, -0.25, 0, 0.5, 2, 7]

    /// `keras.activations.get(name)(x)` for `inputs`, printed by Python as float32 values.
    static let keras: [(String, [Float])] = [
        ("relu6", [0, 0, 0, 0, 0.5, 2, 6]),
        ("elu", [-0.9816843867, -0.7768698335, -0.2211992145, 0, 0.5, 2, 7]),
        ("selu", [-1.7258986235, -1.3658143282, -0.3888901770, 0, 0.5253505111, 2.1014020443, 7.3549070358]),
        ("gelu", [-0.0001266850, -0.1002108306, -0.1003234163, 0, 0.3457312286, 1.9544997215, 7]),
        ("silu", [-0.0719448403, -0.2736382782, -0.1094558761, 0, 0.3112296760, 1.7615941763, 6.9936227798]),
        ("swish", [-0.0719448403, -0.2736382782, -0.1094558761, 0, 0.3112296760, 1.7615941763, 6.9936227798]),
        (
            "softplus",
            [0.0181499291, 0.2014132887, 0.5759394169, 0.6931471825, 0.9740769863, 2.1269280911, 7.0009117126]
        ),
        ("softsign", [-0.8, -0.6, -0.2, 0, 0.3333333433, 0.6666666865, 0.875]),
        ("hard_sigmoid", [0, 0.25, 0.4583333433, 0.5, 0.5833333135, 0.8333333135, 1]),
        ("exponential", [0.0183156393, 0.2231301665, 0.7788007855, 1, 1.6487212181, 7.3890562057, 1096.6331787109]),
        (
            "log_softmax",
            [
                -11.0100326538, -8.5100326538, -7.2600331306, -7.0100331306, -6.5100331306, -5.0100331306,
                -0.0100330561,
            ]
        ),
    ]

    @Test(arguments: keras.map(\.0))
    func valuesMatchKeras(_ name: String) throws {
        let activation = try #require(Activation(name: name))
        let expected = try #require(Self.keras.first { $0.0 == name }).1
        let output = activation(try Tensor(shape: [1, Self.inputs.count], values: Self.inputs))
        for (index, value) in output.scalars.enumerated() {
            let want = expected[index]
            #expect(
                abs(value - want) <= 2e-6 * max(1, abs(want)),
                "\(name)(\(Self.inputs[index])) = \(value), Keras \(want)")
        }
    }

    static let added: [Activation] = [
        .relu6, .elu, .selu, .gelu, .silu, .softplus, .softsign, .hardSigmoid, .exponential, .logSoftmax,
    ]

    /// ∂L/∂z with L = Σ w·f(z) against (L(z + h) − L(z − h)) / 2h, computed in Double from float32 values.
    @Test(arguments: added)
    func derivativeMatchesFiniteDifferences(_ activation: Activation) throws {
        // Away from the kinks at 0 (relu6, elu, selu), 6 (relu6) and ±3 (hard_sigmoid).
        let points: [Float] = [-3.7, -2.2, -0.8, -0.3, 0.4, 1.3, 2.6, 5.2]
        let weights: [Float] = [0.3, -1.1, 0.7, 1.9, -0.4, 0.8, -1.3, 0.5]
        let z = try Tensor(shape: [2, 4], values: points)
        let upstream = try Tensor(shape: [2, 4], values: weights)
        let analytic = activation.backward(upstream, z: z)
        func loss(_ values: [Float]) throws -> Double {
            let a = activation(try Tensor(shape: [2, 4], values: values))
            return zip(a.scalars, weights).reduce(0) { $0 + Double($1.0) * Double($1.1) }
        }
        let h: Float = 1e-2
        for index in points.indices {
            var plus = points
            var minus = points
            plus[index] += h
            minus[index] -= h
            let numeric = (try loss(plus) - loss(minus)) / Double(2 * h)
            let value = Double(analytic[flat: index])
            #expect(
                abs(value - numeric) <= 2e-3 * max(1, abs(numeric)),
                "\(activation.name) at \(points[index]): backprop \(value), finite difference \(numeric)")
        }
    }
}
