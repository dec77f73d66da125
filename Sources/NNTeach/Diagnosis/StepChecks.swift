import NNEngine
import NNPlot

/// What can go wrong in training, each said at most once per fit.
public enum DiagnosisKind: String, CaseIterable, Sendable {
    case baseRate, divergence, deadUnits, saturatedUnits, vanishingGradients, explodingGradients
    case overfitting, inputScales, lossMismatch
}

/// A problem found, in plain words with its numbers and what to try.
public struct Finding: Equatable {
    public var kind: DiagnosisKind
    public var text: String
}

/// The checks that need one training step's trace: units, gradients, inputs, loss and targets.
struct StepChecks {
    let style: Style
    var numbers: NumberText { NumberText(style: style) }

    func findings(_ trace: StepTrace) -> [Finding] {
        let health = trace.layers.map(LayerHealth.init)
        return [lossMismatch(trace), inputScales(trace.input), gradients(health)].compactMap { $0 }
            + stuckUnits(health, rows: trace.input.rank >= 1 ? trace.input.shape[0] : 0)
    }

    /// `×5.2e8` for big ratios, `×37.5` for small ones.
    func ratio(_ value: Float) -> String {
        guard value.isFinite else { return style.times + "inf" }
        if value < 1000 { return style.times + cFormat("%.1f", Double(value)) }
        let text = cFormat("%.1e", Double(value)).replacingOccurrences(of: "e+0", with: "e")
        return style.times + text.replacingOccurrences(of: "e+", with: "e")
    }

    func short(_ value: Float) -> String {
        let magnitude = abs(value)
        if magnitude != 0, magnitude < 1e-3 || magnitude >= 1e4 {
            let text = cFormat("%.1e", Double(value))
            return text.replacingOccurrences(of: "e-0", with: "e-").replacingOccurrences(of: "e+0", with: "e")
                .replacingOccurrences(of: "e+", with: "e")
        }
        return cFormat(magnitude >= 100 ? "%.0f" : "%.3g", Double(value))
    }

    func lossMismatch(_ trace: StepTrace) -> Finding? {
        let targets = trace.target.scalars
        guard let output = trace.layers.last, !targets.isEmpty else { return nil }
        let binary = targets.allSatisfy { $0 == 0 || $0 == 1 }
        switch trace.lossFunction.kind {
        case .meanSquaredError where output.activation == .sigmoid && binary:
            return Finding(
                kind: .lossMismatch,
                text:
                    "The loss does not suit the output: mean squared error after a sigmoid, with labels 0 and 1. "
                    + "Where the model is most wrong the sigmoid is flat, so the gradient (\(style.yHat) \(style.minus) y)"
                    + "\(style.dot)\(style.sigma)\(style.prime)(z) all but vanishes just when it should be large. "
                    + "Try loss='binary_crossentropy'.")
        case .binaryCrossentropy:
            guard let low = targets.min(), let high = targets.max(), low < 0 || high > 1 else { return nil }
            return Finding(
                kind: .lossMismatch,
                text:
                    "The loss does not suit the labels: binary cross-entropy needs labels in [0, 1] (probabilities), "
                    + "but they run from \(short(low)) to \(short(high)). For classes 0\(style.ellipsis)K\(style.minus)1 "
                    + "use a softmax output with loss='sparse_categorical_crossentropy'; for numbers, "
                    + "loss='mean_squared_error'.")
        // SCCE on one-hot rows and CCE on class numbers never get here: the engine refuses them,
        // naming the loss to use.
        default:
            return nil
        }
    }

    func inputScales(_ input: Tensor) -> Finding? {
        guard input.rank >= 2, input.shape[0] > 0 else { return nil }
        let rows = input.shape[0]
        let width = input.rowWidth
        guard width > 1 else { return nil }
        var sizes = [Float](repeating: 0, count: width)
        input.withUnsafeBufferPointer { values in
            for row in 0..<rows {
                for column in 0..<width { sizes[column] = max(sizes[column], abs(values[row * width + column])) }
            }
        }
        let used = sizes.enumerated().filter { $0.element > 0 }
        guard let big = used.max(by: { $0.element < $1.element }),
            let small = used.min(by: { $0.element < $1.element }),
            big.element >= 50, small.element <= 2, big.element / small.element >= 100
        else { return nil }
        return Finding(
            kind: .inputScales,
            text:
                "The inputs are on very different scales: feature \(big.offset) reaches \(short(big.element)) while "
                + "feature \(small.offset) stays within \(short(small.element)) (\(ratio(big.element / small.element))). "
                + "The big feature dominates the first layer's sums and gradients. Normalize each feature: subtract its "
                + "mean and divide by its standard deviation (StandardScaler, or a Normalization layer).")
    }

    func gradients(_ health: [LayerHealth]) -> Finding? {
        let sizes = health.compactMap { layer in layer.signalSize.map { (layer.name, $0) } }
        guard sizes.count >= 2, let first = sizes.first?.1, let last = sizes.last?.1 else { return nil }
        guard first > 0, last > 0, first.isFinite, last.isFinite else { return nil }
        let list = sizes.map { short($0.1) }.joined(separator: ", ")
        if last / first >= 1000 {
            return Finding(
                kind: .vanishingGradients,
                text:
                    "Vanishing gradients: the size of \(style.partial)L/\(style.partial)z per layer, first to last, "
                    + "is \(list): "
                    + "the first layer's is "
                    + "\(ratio(last / first)) smaller than the last's, so the layers near the input barely learn. "
                    + "Try ReLU in the hidden layers instead of sigmoid or tanh, fewer layers, or normalized inputs.")
        }
        if first / last >= 1000 {
            return Finding(
                kind: .explodingGradients,
                text:
                    "Exploding gradients: the size of \(style.partial)L/\(style.partial)z per layer, first to last, "
                    + "is \(list): "
                    + "the first layer's is "
                    + "\(ratio(first / last)) larger than the last's. Try a smaller learning rate, normalized inputs, "
                    + "or smaller initial weights.")
        }
        return nil
    }

    /// Most units of a hidden layer dead or saturated (the output layer's confident sigmoid is no fault).
    func stuckUnits(_ health: [LayerHealth], rows: Int) -> [Finding] {
        // A unit silent on a few examples proves little: judge only on batches of 32 or more.
        guard rows >= 32 else { return [] }
        var dead: Finding?
        var saturated: Finding?
        for layer in health.dropLast() where layer.canStick && layer.units > 1 && layer.stuckUnits * 2 > layer.units {
            let share = "\(layer.stuckUnits) of \(layer.units) units of layer \(layer.name)"
            if layer.activation == .relu, dead == nil {
                dead = Finding(
                    kind: .deadUnits,
                    text:
                        "Dead ReLU units: \(share) output 0 for every one of the \(rows) examples of a batch, so no "
                        + "gradient reaches their weights and they cannot recover. Try a smaller learning rate, "
                        + "kernel_initializer='he_normal', or normalized inputs.")
            } else if layer.activation != .relu, saturated == nil,
                let limit = LayerHealth.saturationLimit(layer.activation)
            {
                saturated = Finding(
                    kind: .saturatedUnits,
                    text:
                        "Saturated units: \(share) (\(layer.activation.rawValue)) have |z| > \(Int(limit)) for every "
                        + "one of the \(rows) examples of a batch, where the activation is flat and passes almost no "
                        + "gradient back. Normalize the inputs, use smaller initial weights, or try ReLU.")
            }
        }
        return [dead, saturated].compactMap { $0 }
    }
}
