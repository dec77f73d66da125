/// A copy of the trainable weights and of the optimizer's state, so that a fit stopped by a
/// non-finite or exploding loss can give back weights (and moments) from before the loss broke.
/// Copying every step costs 10-15% of a step (nn-bench), so the copy is taken at the first step
/// and then only at steps whose loss is suspicious: above
/// `threshold` (twice the lowest loss so far), as losses are on the way to infinity.
final class WeightBackup {
    private let parameters: [Parameter]
    private var copies: [[Float]]
    /// The optimizer whose moments and iteration count go back with the weights.
    private let optimizer: Optimizer?
    private var optimizerState: OptimizerCheckpoint?
    /// Whether `save` has run since the fit began (nothing to restore before the first update).
    private(set) var saved = false
    /// The epoch and step (from 1) before whose update the copy was taken.
    private(set) var position: (epoch: Int, step: Int)?
    var threshold: Float = .infinity

    /// Saves the weights if this step's loss calls for it.
    func saveIfNeeded(loss: Float, position: (epoch: Int, step: Int)) {
        guard !saved || loss > threshold else { return }
        save()
        self.position = position
    }

    init(_ parameters: [Parameter], optimizer: Optimizer? = nil) {
        self.parameters = parameters
        self.optimizer = optimizer
        copies = parameters.map { [Float](repeating: 0, count: $0.value.count) }
    }

    func save() {
        for index in parameters.indices {
            let source = parameters[index].value.pointer
            copies[index].withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                base.update(from: source, count: buffer.count)
            }
        }
        optimizerState = optimizer?.checkpoint()
        saved = true
    }

    func restore() {
        guard saved else { return }
        for index in parameters.indices {
            let target = parameters[index].value.pointer
            copies[index].withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                target.update(from: base, count: buffer.count)
            }
        }
        if let optimizer, let optimizerState { optimizer.restore(optimizerState) }
    }
}

/// Why and where a fit stopped early because of its loss.
public struct TrainingStop: Sendable, Equatable {
    /// Epoch and step (both from 1) whose loss stopped training; that step changed no weight.
    public var epoch: Int
    public var step: Int
    /// The loss of that step (NaN or ±inf when non-finite).
    public var loss: Float
    /// The observer's reason (such as a loss that grew a millionfold), or nil for a non-finite loss.
    public var reason: String?
    /// The epoch and step before whose update the weights were copied and given back, if they were.
    public var restoredEpoch: Int?
    public var restoredStep: Int?
}
