/// An optimizer: a per-parameter update rule with its own state, applied once per training step,
/// following Keras 3's update rules and defaults.
public protocol Optimizer: AnyObject {
    /// Keras's class name: `SGD`, `RMSprop`, `Adam`.
    var name: String { get }
    var learningRate: Float { get set }
    /// Steps taken so far (Keras's `optimizer.iterations`).
    var iterations: Int { get }
    /// Updates `parameter` in place from `gradient`, using and advancing the state kept for `slot`.
    func update(_ parameter: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>, count: Int, slot: Int)
    /// Ends a step: every parameter of the step saw the same iteration count.
    func finishStep()
    /// The state kept for `slot` after its latest update, for explanations.
    func snapshot(slot: Int) -> OptimizerSnapshot
    /// Forgets all state, as a newly made optimizer.
    func reset()
}

/// An optimizer's state for one parameter, with the hyperparameters that used it.
public enum OptimizerSnapshot {
    case sgd(learningRate: Float)
    case momentum(learningRate: Float, momentum: Float, nesterov: Bool, velocity: Tensor)
    case rmsprop(learningRate: Float, rho: Double, epsilon: Double, velocity: Tensor)
    case adam(learningRate: Float, beta1: Double, beta2: Double, epsilon: Double, step: Int, alpha: Float,
              m: Tensor, v: Tensor)
}

/// Per-parameter state of an optimizer (`perSlot` tensors the size of the parameter, kept end
/// to end in one buffer), made on first use.
struct OptimizerSlots {
    private var storage: [Tensor] = []
    let perSlot: Int

    init(perSlot: Int) { self.perSlot = perSlot }

    /// The state of `slot`: `perSlot` runs of `count` floats, zeros the first time.
    mutating func pointer(_ slot: Int, count: Int) -> UnsafeMutablePointer<Float> {
        while storage.count <= slot { storage.append(Tensor(shape: [0])) }
        if storage[slot].count != count * perSlot { storage[slot] = Tensor(shape: [count * perSlot]) }
        return storage[slot].mutablePointer()
    }

    /// A copy of state tensor `index` of `slot` (empty before the slot's first update).
    func tensor(_ slot: Int, _ index: Int) -> Tensor {
        guard slot < storage.count, storage[slot].count > 0 else { return Tensor(shape: [0]) }
        let count = storage[slot].count / perSlot
        return Tensor(shape: [count]) { storage[slot].pointer[index * count + $0] }
    }

    mutating func removeAll() { storage = [] }
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
