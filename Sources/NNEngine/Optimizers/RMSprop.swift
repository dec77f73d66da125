/// RMSprop, Keras 3's rule (not centered, no momentum):
/// `v ← ρ·v + (1−ρ)·g²,  w ← w − η·g / √(v + ε)`.
public final class RMSprop: Optimizer {
    public let name = "RMSprop"
    public var learningRate: Float
    /// Python floats, as in Keras (see `Adam.beta1`).
    public let rho: Double
    public let epsilon: Double
    public private(set) var iterations = 0
    private var slots = OptimizerSlots(perSlot: 1)

    public init(learningRate: Float = 0.001, rho: Double = 0.9, epsilon: Double = 1e-7) {
        self.learningRate = learningRate
        self.rho = rho
        self.epsilon = epsilon
    }

    public func update(_ parameter: Parameter) {
        let count = parameter.value.count
        let g = parameter.gradient.pointer
        let w = parameter.value.mutablePointer()
        let v = slots.pointer(parameter)
        let rho = Float(self.rho)
        let oneMinusRho = Float(1 - self.rho)
        let lr = learningRate
        let epsilon = Float(self.epsilon)
        vectorized(count: count) { i in
            let gi = g.vector(at: i)
            let vi = rho * v.vector(at: i) + oneMinusRho * (gi * gi)
            v.setVector(vi, at: i)
            w.setVector(w.vector(at: i) - (lr * gi) / squareRoot(vi + epsilon), at: i)
        } scalar: { i in
            v[i] = rho * v[i] + oneMinusRho * (g[i] * g[i])
            w[i] -= (lr * g[i]) / (v[i] + epsilon).squareRoot()
        }
    }

    public func finishStep() { iterations += 1 }

    public func snapshot(of parameter: Parameter) -> OptimizerSnapshot {
        .rmsprop(learningRate: learningRate, rho: rho, epsilon: epsilon, velocity: slots.tensor(parameter, 0))
    }

    public func reset() {
        iterations = 0
        slots.removeAll()
    }

    public func checkpoint() -> OptimizerCheckpoint { OptimizerCheckpoint(iterations: iterations, slots: slots.copy()) }

    public func restore(_ checkpoint: OptimizerCheckpoint) {
        iterations = checkpoint.iterations
        slots = checkpoint.slots.copy()
    }
}
