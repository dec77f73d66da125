import NNEngine

/// NaN or infinite numbers given to training, named where they are (`x[1, 1] is nan`), before
/// they turn the loss into nan and the message would wrongly blame the learning rate.
enum FiniteChecks {
    /// Throws when `tensor` (the argument `name`) holds NaN or an infinity, naming the first one.
    static func data(_ tensor: Tensor, _ name: String, range: SourceRange?) throws(Diagnostic) {
        guard let index = firstNonFinite(tensor) else { return }
        throw Diagnostic(
            "\(place(name, index, in: tensor)) is \(text(tensor[flat: index])): a model cannot learn from "
                + "NaN or infinite numbers", at: range,
            hint: "clean the data first: drop those rows or replace the values")
    }

    /// Throws when a built layer's weights hold NaN or an infinity (set with `set_weights`, say).
    static func weights(of model: Sequential, range: SourceRange?) throws(Diagnostic) {
        for layer in model.layers where layer.isBuilt {
            for (tensor, kind) in zip(layer.weights(), ["kernel", "bias"]) {
                guard let index = firstNonFinite(tensor) else { continue }
                throw Diagnostic(
                    "the weights of layer '\(layer.name)' hold \(text(tensor[flat: index])) "
                        + "(\(place(kind, index, in: tensor))), so every output would be nan", at: range,
                    hint: "give set_weights finite numbers, or build a new model")
            }
        }
    }

    private static func firstNonFinite(_ tensor: Tensor) -> Int? {
        tensor.withUnsafeBufferPointer { buffer in buffer.firstIndex { !$0.isFinite } }
    }

    private static func place(_ name: String, _ flat: Int, in tensor: Tensor) -> String {
        guard tensor.rank > 0 else { return name }
        var indices: [Int] = []
        var rest = flat
        for size in tensor.shape.reversed() {
            indices.append(size > 0 ? rest % size : 0)
            rest = size > 0 ? rest / size : 0
        }
        return "\(name)[\(indices.reversed().map(String.init).joined(separator: ", "))]"
    }

    private static func text(_ value: Float) -> String { value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
}
