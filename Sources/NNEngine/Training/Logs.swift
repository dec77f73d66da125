/// Named values reported after a batch or an epoch (`loss`, `accuracy`, `val_loss`, …), in the
/// order Keras reports them.
public struct Logs: Equatable, Sendable {
    public private(set) var names: [String] = []
    public private(set) var values: [Float] = []

    public init() {}

    public subscript(name: String) -> Float? {
        get { names.firstIndex(of: name).map { values[$0] } }
        set {
            if let index = names.firstIndex(of: name) {
                if let newValue {
                    values[index] = newValue
                } else {
                    names.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                names.append(name)
                values.append(newValue)
            }
        }
    }

    public var entries: [(name: String, value: Float)] { Array(zip(names, values)) }

    /// The same logs in alphabetical order of names, the order Keras 3 reports them in
    /// (`accuracy`, `loss`, `val_accuracy`, `val_loss`).
    public func sorted() -> Logs {
        var result = Logs()
        for (name, value) in entries.sorted(by: { $0.name < $1.name }) { result[name] = value }
        return result
    }
}

/// What `fit` returns: each epoch's logs, as Keras's `History` (`history.history['loss']`).
public struct History: Sendable {
    /// Values per epoch, by name, in Keras's order of names.
    public private(set) var names: [String] = []
    public private(set) var values: [String: [Float]] = [:]
    /// The epoch numbers (from 0) that finished.
    public private(set) var epochs: [Int] = []
    /// Keras's `history.params`: verbose, epochs, steps.
    public var params: [String: Int] = [:]
    /// Where training stopped when it was interrupted: epoch and step (both from 1).
    public var interruption: (epoch: Int, step: Int)?
    /// Set when a non-finite or exploding loss stopped training.
    public var stop: TrainingStop?

    public init() {}

    public subscript(name: String) -> [Float]? { values[name] }

    mutating func record(epoch: Int, logs: Logs) {
        epochs.append(epoch)
        for (name, value) in logs.entries {
            if values[name] == nil { names.append(name) }
            values[name, default: []].append(value)
        }
    }
}
