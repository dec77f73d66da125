/// An optimizer: a per-parameter update rule with its own state, applied once per training step,
/// following Keras 3's update rules and defaults.
public protocol Optimizer: AnyObject {
    /// Keras's class name: `SGD`, `RMSprop`, `Adam`.
    var name: String { get }
    var learningRate: Float { get set }
    /// Steps taken so far (Keras's `optimizer.iterations`).
    var iterations: Int { get }
    /// Updates `parameter`'s value in place from its gradient, using and advancing the state kept for it.
    func update(_ parameter: Parameter)
    /// Ends a step: every parameter of the step saw the same iteration count.
    func finishStep()
    /// The state kept for `parameter` after its latest update, for explanations.
    func snapshot(of parameter: Parameter) -> OptimizerSnapshot
    /// Forgets all state, as a newly made optimizer.
    func reset()
    /// A copy of the state (iteration count and per-parameter moments), to go back to with `restore`.
    func checkpoint() -> OptimizerCheckpoint
    /// Puts back the state `checkpoint` copied (a fit stopped by a diverging loss undoes its steps).
    func restore(_ checkpoint: OptimizerCheckpoint)
}

/// An optimizer's state at one moment: its iteration count and a deep copy of its slots.
public struct OptimizerCheckpoint {
    let iterations: Int
    let slots: OptimizerSlots
}

/// An optimizer's state for one parameter, with the hyperparameters that used it.
public enum OptimizerSnapshot {
    case sgd(learningRate: Float)
    case momentum(learningRate: Float, momentum: Float, nesterov: Bool, velocity: Tensor)
    case rmsprop(learningRate: Float, rho: Double, epsilon: Double, velocity: Tensor)
    case adam(
        learningRate: Float, beta1: Double, beta2: Double, epsilon: Double, step: Int, alpha: Float,
        m: Tensor, v: Tensor)
}

/// Per-parameter state of an optimizer (`perSlot` tensors the size of the parameter, kept end
/// to end in one buffer), keyed by the parameter itself and made on its first update.
struct OptimizerSlots {
    /// The parameter is kept alive with its state, so its identifier is never reused meanwhile.
    private var storage: [ObjectIdentifier: (owner: Parameter, state: Tensor)] = [:]
    let perSlot: Int

    init(perSlot: Int) { self.perSlot = perSlot }

    /// The state of `parameter`: `perSlot` runs of its element count, zeros the first time. The
    /// state tensors are never shared, so writing through their pointer needs no copy check.
    mutating func pointer(_ parameter: Parameter) -> UnsafeMutablePointer<Float> {
        let key = ObjectIdentifier(parameter)
        let count = parameter.value.count * perSlot
        if let entry = storage[key], entry.state.count == count { return entry.state.pointer }
        let state = Tensor(shape: [count])
        storage[key] = (parameter, state)
        return state.pointer
    }

    /// A copy of state tensor `index` of `parameter` (empty before its first update).
    func tensor(_ parameter: Parameter, _ index: Int) -> Tensor {
        guard let state = storage[ObjectIdentifier(parameter)]?.state, state.count > 0 else {
            return Tensor(shape: [0])
        }
        let count = state.count / perSlot
        return Tensor(shape: [count]) { state.pointer[index * count + $0] }
    }

    mutating func removeAll() { storage = [:] }

    /// A copy whose state tensors are new, so later updates leave it as it was.
    func copy() -> OptimizerSlots {
        var copy = OptimizerSlots(perSlot: perSlot)
        for (key, entry) in storage {
            let state = entry.state
            copy.storage[key] = (entry.owner, Tensor(shape: [state.count]) { state.pointer[$0] })
        }
        return copy
    }
}

/// Looks up an optimizer by the string `compile(optimizer=...)` accepts, with Keras's defaults.
public func makeOptimizer(named name: String) -> Optimizer? {
    switch name.lowercased() {
    case "sgd": try? SGD()
    case "rmsprop": RMSprop()
    case "adam": Adam()
    default: nil
    }
}
