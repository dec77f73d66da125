/// Everything one training step did, with the engine's own numbers, for an observer that asked
/// for it (see `TrainingObserver.wantsTrace`). Tensors are copies taken during the step.
public struct StepTrace {
    /// Epoch and step within the epoch, both from 1; `iteration` counts steps since compile, from 1.
    public var epoch: Int
    public var step: Int
    public var iteration: Int
    /// The batch: inputs (rows × features) and targets as given to the loss.
    public var input: Tensor
    public var target: Tensor
    /// One entry per layer, input side first.
    public var layers: [LayerTrace]
    /// The loss of the batch before regularization, and the regularization penalty added to it.
    public var dataLoss: Float
    public var regularizationLoss: Float
    public var loss: Float { dataLoss + regularizationLoss }
    public var lossFunction: Loss
    /// Whether the loss gradient was taken with respect to the output layer's z (sigmoid/softmax
    /// fused with cross-entropy, giving ŷ − y) or with respect to its activations.
    public var lossGradientTarget: LossGradientTarget
    public var optimizerName: String
}

/// One layer's part of a training step.
public struct LayerTrace {
    public var name: String
    /// Keras's class name (`Dense`, `Dropout`, …).
    public var kind: String
    /// The activation the layer applies last (`.linear` for layers without one).
    public var activation: Activation
    /// Forward pass: the layer's input x, the values its activation was applied to (z = x·W + b for
    /// Dense; the output itself for layers without an activation) and its output a, one row per example.
    public var input: Tensor
    public var z: Tensor
    public var a: Tensor
    /// Backward pass: ∂L/∂a (absent for the output layer when the loss was fused with the
    /// activation), ∂L/∂z, and ∂L/∂x (absent for the first layer, whose input is the data).
    public var outputGradient: Tensor?
    public var zGradient: Tensor
    public var inputGradient: Tensor?
    /// Each weight before and after the update, with its gradient and the optimizer's state after it.
    public var parameters: [ParameterTrace]
    /// Layer-specific numbers (a Dropout mask, BatchNormalization's statistics).
    public var details: LayerDetails?

    /// The trace of the parameter named `name` (`kernel`, `bias`, `gamma`, …).
    public func parameter(_ name: String) -> ParameterTrace? { parameters.first { $0.name == name } }

    /// Dense's weights by their roles; empty tensors for layers without them.
    public var kernelBefore: Tensor { parameter("kernel")?.before ?? Tensor(shape: [0]) }
    public var kernelAfter: Tensor { parameter("kernel")?.after ?? Tensor(shape: [0]) }
    public var kernelGradient: Tensor { parameter("kernel")?.gradient ?? Tensor(shape: [0]) }
    public var kernelOptimizerState: OptimizerSnapshot? { parameter("kernel")?.optimizerState }
    public var biasBefore: Tensor? { parameter("bias")?.before }
    public var biasAfter: Tensor? { parameter("bias")?.after }
    public var biasGradient: Tensor? { parameter("bias")?.gradient }
    public var biasOptimizerState: OptimizerSnapshot? { parameter("bias")?.optimizerState }
}

/// One weight's part of a training step.
public struct ParameterTrace {
    public var name: String
    /// Whether the optimizer updated it (false for moving statistics and frozen layers).
    public var trainable: Bool
    public var before: Tensor
    public var after: Tensor
    /// ∂L/∂w, for trainable weights.
    public var gradient: Tensor?
    public var optimizerState: OptimizerSnapshot?
    /// The optimizer's state before this step's update (empty tensors before its first), so an
    /// update can be worked by hand from the state it started from.
    public var stateBefore: OptimizerSnapshot?
}

/// What a training run will do, announced before its first step.
public struct TrainingPlan: Sendable {
    public var epochs: Int
    public var batchSize: Int
    public var trainingExamples: Int
    public var validationExamples: Int
    public var stepsPerEpoch: Int
    public var shuffle: Bool
    public var lossName: String
    public var optimizerName: String

    public init(
        epochs: Int, batchSize: Int, trainingExamples: Int, validationExamples: Int, stepsPerEpoch: Int,
        shuffle: Bool, lossName: String, optimizerName: String
    ) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.trainingExamples = trainingExamples
        self.validationExamples = validationExamples
        self.stepsPerEpoch = stepsPerEpoch
        self.shuffle = shuffle
        self.lossName = lossName
        self.optimizerName = optimizerName
    }
}

/// Listens to training. Every method has a default that does nothing; the engine allocates and
/// copies nothing for traces unless `wantsTrace` returns true for that step.
public protocol TrainingObserver: AnyObject {
    func trainingWillBegin(_ plan: TrainingPlan)
    func epochWillBegin(epoch: Int)
    /// Whether to receive the full `StepTrace` of this step (epoch and step from 1).
    func wantsTrace(epoch: Int, step: Int) -> Bool
    func stepDidFinish(_ trace: StepTrace)
    /// One step's own loss (regularization included) and how many examples it saw.
    func stepDidEnd(epoch: Int, step: Int, loss: Float, examples: Int)
    /// Running averages over the epoch so far, after `step` (from 1).
    func batchDidEnd(epoch: Int, step: Int, logs: Logs)
    func epochDidEnd(epoch: Int, logs: Logs)
    func trainingDidEnd(_ history: History)
    /// Asked after each step: a reason to stop training now (a loss exploding), or nil to go on.
    func reasonToStop(epoch: Int, step: Int, loss: Float) -> String?
    /// Keras's `model.stop_training`: asked after each step and each epoch; once true, the epoch in
    /// progress ends (with its logs, validation and `epochDidEnd`) and training stops after it.
    var stopRequested: Bool { get }
}

extension TrainingObserver {
    public func trainingWillBegin(_ plan: TrainingPlan) {}
    public func epochWillBegin(epoch: Int) {}
    public func wantsTrace(epoch: Int, step: Int) -> Bool { false }
    public func stepDidFinish(_ trace: StepTrace) {}
    public func stepDidEnd(epoch: Int, step: Int, loss: Float, examples: Int) {}
    public func batchDidEnd(epoch: Int, step: Int, logs: Logs) {}
    public func epochDidEnd(epoch: Int, logs: Logs) {}
    public func trainingDidEnd(_ history: History) {}
    public func reasonToStop(epoch: Int, step: Int, loss: Float) -> String? { nil }
    public var stopRequested: Bool { false }
}
