/// The layers and parameters a batch goes through, worked out once per fit, predict or evaluate
/// rather than once per batch.
struct ComputePlan {
    let leaves: [Layer]
    /// The first layer with weights to train: backpropagation stops there.
    let lowest: Int
    let trainable: [Parameter]
    let regularized: [Dense]
    /// Elements of one example's output.
    let outputWidth: Int

    init(_ leaves: [Layer]) {
        self.leaves = leaves
        outputWidth = leaves.last?.outputWidth ?? 0
        lowest =
            leaves.firstIndex { layer in layer.trainable && layer.parameters.contains { $0.trainable } }
            ?? leaves.count
        trainable = leaves.filter(\.trainable).flatMap { $0.parameters.filter(\.trainable) }
        regularized = leaves.compactMap { ($0 as? Dense).flatMap { $0.kernelRegularizer == nil ? nil : $0 } }
    }
}

/// The computations of one batch: forward pass, loss, backpropagation and update.
extension Sequential {
    /// Runs `body` with the plan of the model as it is now (kept if one is already running).
    func withPlan<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        if activePlan != nil { return try body() }
        activePlan = ComputePlan(leafLayers)
        defer { activePlan = nil }
        return try body()
    }

    var plan: ComputePlan { activePlan ?? ComputePlan(leafLayers) }

    /// Runs the leaf layers on `rows` examples at `x`; the prediction is then the last one's output.
    func forwardPass(_ x: UnsafePointer<Float>, rows: Int, training: Bool) {
        var input = x
        for layer in plan.leaves {
            layer.forward(input, rows: rows, training: training)
            input = layer.output
        }
    }

    /// The layer whose output is the model's.
    var outputLayer: Layer {
        let leaves = plan.leaves
        return leaves[leaves.count - 1]
    }

    /// The loss of the batch at `y` after a forward pass (regularization penalties apart), with its
    /// gradient written for the output layer (∂L/∂logits or ∂L/∂output) when `withGradient`.
    func batchLoss(_ loss: Loss, y: UnsafePointer<Float>, rows: Int, withGradient: Bool)
        -> (data: Float, regularization: Float, target: LossGradientTarget)
    {
        let output = outputLayer
        let activation = output.finalActivation
        let gradient =
            withGradient
            ? (loss.logitSource(after: activation) == .preActivation ? output.logitsGradient : output.outputGradient)
            : nil
        let (value, target) = loss.evaluate(
            z: output.logits, a: output.output, activation: activation, target: y, rows: rows,
            columns: plan.outputWidth, gradient: gradient)
        return (value, regularizationLoss, target)
    }

    /// Σ of every layer's regularization penalty.
    var regularizationLoss: Float {
        var total: Float = 0
        for dense in plan.regularized { total += dense.regularizationLoss }
        return total
    }

    /// Backpropagation from the loss gradient at the output layer down to the first layer. Below
    /// the lowest layer with weights to train nothing needs a gradient, so none is computed there
    /// (a Flatten at the bottom saves the first Dense its input-gradient product).
    func backwardPass(_ x: UnsafePointer<Float>, rows: Int, lossTarget: LossGradientTarget) {
        let plan = self.plan
        let layers = plan.leaves
        let lowest = plan.lowest
        for index in layers.indices.reversed() where index >= lowest {
            let input = index == 0 ? x : layers[index - 1].output
            layers[index].backward(
                input: input, rows: rows, inputGradient: index <= lowest ? nil : layers[index - 1].outputGradient,
                fromLogits: index == layers.count - 1 && lossTarget == .logits)
        }
    }

    /// One training step on `rows` examples; returns the loss before the update (regularization
    /// included). Throws, before changing any weight, if the loss is not finite. `backup`, when
    /// given, receives the weights just before they are updated.
    func trainingStep(
        x: UnsafePointer<Float>, y: UnsafePointer<Float>, rows: Int, configuration: TrainingConfiguration,
        metrics: inout [MetricAccumulator], position: (epoch: Int, step: Int), recordTrace: Bool,
        backup: WeightBackup? = nil, update: Bool = true
    ) throws(EngineError) -> (loss: Float, trace: StepTrace?) {
        forwardPass(x, rows: rows, training: true)
        let output = outputLayer
        let width = plan.outputWidth
        for index in metrics.indices {
            metrics[index].add(a: output.output, y: y, rows: rows, columns: width)
        }
        let (data, regularization, lossTarget) = batchLoss(configuration.loss, y: y, rows: rows, withGradient: true)
        let loss = data + regularization
        guard loss.isFinite else { throw .nonFiniteLoss(epoch: position.epoch, step: position.step, value: loss) }
        var recorder =
            recordTrace
            ? TraceRecorder(
                model: self, x: x, y: y, rows: rows, targetWidth: configuration.loss.takesClassIndices ? 1 : width)
            : nil
        backwardPass(x, rows: rows, lossTarget: lossTarget)
        recorder?.recordGradients(model: self, optimizer: configuration.optimizer, rows: rows, lossTarget: lossTarget)
        let optimizer = configuration.optimizer
        backup?.saveIfNeeded(loss: loss, position: position)
        if update {
            for parameter in plan.trainable { optimizer.update(parameter) }
            optimizer.finishStep()
        }
        let trace = recorder?.finish(
            model: self, optimizer: optimizer, position: position, loss: configuration.loss,
            dataLoss: data, regularizationLoss: regularization, lossTarget: lossTarget)
        return (loss, trace)
    }
}

/// A model inside a model: it computes as its layers one after the other.
extension Sequential: Layer {
    public var kind: String { "Sequential" }
    public var declaredInputShape: [Int]? { inputShape ?? layers.first?.declaredInputShape }
    public var parameters: [Parameter] { leafLayers.flatMap(\.parameters) }

    public func outputShape(for shape: [Int]) throws(EngineError) -> [Int] {
        var current = shape
        for layer in layers { current = try layer.outputShape(for: current) }
        return current
    }

    public func build(inputShape shape: [Int], random: inout RandomGenerator) throws(EngineError) {
        guard !layers.isEmpty else { throw .emptyModel(model: name) }
        var current = shape
        for layer in layers {
            if !layer.isBuilt { try layer.build(inputShape: current, random: &random) }
            current = try layer.outputShape(for: current)
        }
        inputShape = shape
    }

    public func forward(_ x: UnsafePointer<Float>, rows: Int, training: Bool) {
        forwardPass(x, rows: rows, training: training)
    }
    public var output: UnsafePointer<Float> { outputLayer.output }
    public var outputGradient: UnsafeMutablePointer<Float> { outputLayer.outputGradient }
    public var finalActivation: Activation { outputLayer.finalActivation }
    public var logits: UnsafePointer<Float> { outputLayer.logits }
    public var logitsGradient: UnsafeMutablePointer<Float> { outputLayer.logitsGradient }

    public func backward(
        input x: UnsafePointer<Float>, rows: Int, inputGradient: UnsafeMutablePointer<Float>?,
        fromLogits: Bool
    ) {
        let layers = leafLayers
        for index in layers.indices.reversed() {
            let input = index == 0 ? x : layers[index - 1].output
            let gradient = index == 0 ? inputGradient : layers[index - 1].outputGradient
            layers[index].backward(
                input: input, rows: rows, inputGradient: gradient,
                fromLogits: fromLogits && index == layers.count - 1)
        }
    }
}
