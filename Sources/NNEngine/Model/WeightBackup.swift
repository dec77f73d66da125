/// A copy of the trainable weights taken before each update, so that a fit stopped by a
/// non-finite or exploding loss can give back the weights from before the step that broke them.
/// One copy of the weights, reused every step: a memcpy, small beside the step's products.
final class WeightBackup {
    private let parameters: [Parameter]
    private var copies: [[Float]]
    /// Whether `save` has run since the fit began (nothing to restore before the first update).
    private(set) var saved = false

    init(_ parameters: [Parameter]) {
        self.parameters = parameters
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
    /// Whether the weights went back to those before the previous update.
    public var restored: Bool
}
