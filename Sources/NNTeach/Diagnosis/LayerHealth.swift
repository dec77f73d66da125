import NNEngine

/// One layer's health in a training step: how big its gradient and weights are, and how many
/// of its units are dead (ReLU at 0 for every example) or saturated (sigmoid/tanh on a flat tail).
public struct LayerHealth {
    public var name: String
    public var activation: Activation
    /// Root mean square of ∂L/∂kernel and of the kernel, or nil for a layer without a kernel.
    public var gradientSize: Float?
    /// Root mean square of ∂L/∂z, the error signal backpropagation brings to the layer: unlike the
    /// kernel's gradient it does not shrink where inputs are mostly 0 (an image's border pixels).
    public var signalSize: Float?
    public var weightSize: Float?
    /// Units that are dead or saturated for every example of the batch, out of `units`.
    public var stuckUnits: Int
    public var units: Int

    /// Where sigmoid and tanh are flat: beyond |z| = 4 σ′ < 0.018; beyond 3 tanh′ < 0.01.
    static func saturationLimit(_ activation: Activation) -> Float? {
        switch activation {
        case .sigmoid: 4
        case .tanh: 3
        default: nil
        }
    }

    init(_ layer: LayerTrace) {
        name = layer.name
        activation = layer.activation
        let kernel = layer.kernelBefore
        weightSize = kernel.count == 0 ? nil : LayerHealth.rms(kernel)
        gradientSize = kernel.count == 0 ? nil : LayerHealth.rms(layer.kernelGradient)
        signalSize = kernel.count == 0 ? nil : LayerHealth.rms(layer.zGradient)
        let rows = layer.z.rank >= 2 ? layer.z.shape[0] : 1
        units = layer.z.rank >= 2 ? layer.z.rowWidth : layer.z.count
        stuckUnits = 0
        guard rows > 0, units > 0 else { return }
        let limit = LayerHealth.saturationLimit(activation)
        guard activation == .relu || limit != nil else { return }
        for unit in 0..<units {
            let stuck = (0..<rows).allSatisfy { row in
                let z = layer.z[flat: row * units + unit]
                return limit.map { abs(z) > $0 } ?? (z <= 0)
            }
            if stuck { stuckUnits += 1 }
        }
    }

    /// Whether units can be dead or saturated here at all.
    public var canStick: Bool { activation == .relu || LayerHealth.saturationLimit(activation) != nil }

    static func rms(_ tensor: Tensor) -> Float {
        guard tensor.count > 0 else { return 0 }
        var total: Double = 0
        tensor.withUnsafeBufferPointer { for value in $0 { total += Double(value) * Double(value) } }
        return Float((total / Double(tensor.count)).squareRoot())
    }
}
