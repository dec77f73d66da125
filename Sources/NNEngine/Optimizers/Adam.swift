/// Adam, Keras 3's rule: `m ← m + (g − m)(1 − β₁)`, `v ← v + (g² − v)(1 − β₂)`,
/// `α = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)`, `w ← w − α·m / (√v + ε)`, with t the step number from 1.
public final class Adam: Optimizer {
    public let name = "Adam"
    public var learningRate: Float
    /// Hyperparameters are Python floats (doubles) as in Keras, which converts `1 − β` to float32 only
    /// after subtracting: 1 − 0.999 gives 0.001f, where float32 arithmetic would give 0.0010000467.
    public let beta1: Double
    public let beta2: Double
    public let epsilon: Double
    public private(set) var iterations = 0
    private var slots = OptimizerSlots(perSlot: 2)

    public init(learningRate: Float = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// The step size α for step `t` (bias correction of both moments folded in).
    public func alpha(step t: Int) -> Float {
        let t = Float(t)
        return learningRate * (1 - _pow(Float(beta2), t)).squareRoot() / (1 - _pow(Float(beta1), t))
    }

    public func update(_ parameter: Parameter) {
        let count = parameter.value.count
        let g = parameter.gradient.pointer
        let w = parameter.value.mutablePointer()
        let m = slots.pointer(parameter)
        let v = m + count
        let alpha = self.alpha(step: iterations + 1)
        let oneMinusBeta1 = Float(1 - beta1)
        let oneMinusBeta2 = Float(1 - beta2)
        let epsilon = Float(self.epsilon)
        let width = FloatVector.scalarCount
        var i = 0
        while i + width <= count {
            let gi = g.vector(at: i)
            let mi = m.vector(at: i) + (gi - m.vector(at: i)) * oneMinusBeta1
            let vi = v.vector(at: i) + (gi * gi - v.vector(at: i)) * oneMinusBeta2
            m.setVector(mi, at: i)
            v.setVector(vi, at: i)
            w.setVector(w.vector(at: i) - (mi * alpha) / (squareRoot(vi) + epsilon), at: i)
            i += width
        }
        while i < count {
            let gi = g[i]
            m[i] += (gi - m[i]) * oneMinusBeta1
            v[i] += (gi * gi - v[i]) * oneMinusBeta2
            w[i] -= (m[i] * alpha) / (v[i].squareRoot() + epsilon)
            i += 1
        }
    }

    public func finishStep() { iterations += 1 }

    public func snapshot(of parameter: Parameter) -> OptimizerSnapshot {
        .adam(
            learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
            step: max(iterations, 1), alpha: alpha(step: max(iterations, 1)),
            m: slots.tensor(parameter, 0), v: slots.tensor(parameter, 1))
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
