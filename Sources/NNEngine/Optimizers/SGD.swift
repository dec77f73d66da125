/// Stochastic gradient descent, Keras 3's rule: `w ← w − η·g`; with momentum μ,
/// `v ← μ·v − η·g, w ← w + v`; with Nesterov, `w ← w + μ·v − η·g`.
public final class SGD: Optimizer {
    public let name = "SGD"
    public var learningRate: Float
    public let momentum: Float
    public let nesterov: Bool
    public private(set) var iterations = 0
    private var slots = OptimizerSlots(perSlot: 1)

    public init(learningRate: Float = 0.01, momentum: Float = 0, nesterov: Bool = false) throws(EngineError) {
        guard momentum >= 0, momentum <= 1 else {
            throw .invalidArgument("SGD momentum must be a number between 0 and 1; got \(momentum)")
        }
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
    }

    public func update(_ parameter: Parameter) {
        let count = parameter.value.count
        let g = parameter.gradient.pointer
        let w = parameter.value.mutablePointer()
        let lr = learningRate
        guard momentum != 0 else {
            for i in 0..<count { w[i] -= g[i] * lr }
            return
        }
        let v = slots.pointer(parameter)
        let mu = momentum
        for i in 0..<count {
            v[i] = v[i] * mu - g[i] * lr
            w[i] += nesterov ? v[i] * mu - g[i] * lr : v[i]
        }
    }

    public func finishStep() { iterations += 1 }

    public func snapshot(of parameter: Parameter) -> OptimizerSnapshot {
        momentum == 0
            ? .sgd(learningRate: learningRate)
            : .momentum(
                learningRate: learningRate, momentum: momentum, nesterov: nesterov,
                velocity: slots.tensor(parameter, 0))
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
