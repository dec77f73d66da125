/// A forward pass with every layer's numbers, for explaining a prediction without training.
public struct ForwardTrace {
    public struct Layer {
        public var name: String
        public var kind: String
        public var activation: Activation
        public var input: Tensor
        /// Dense's W and b, Conv2D's K and b (an empty kernel and no bias for other layers).
        public var kernel: Tensor
        public var bias: Tensor?
        public var z: Tensor
        public var a: Tensor
        public var details: LayerDetails?
    }

    public var input: Tensor
    public var layers: [Layer]
}

extension Sequential {
    /// Runs `x` (examples first) through the model in inference mode, keeping each layer's numbers.
    public func forwardTrace(_ x: Tensor) throws(EngineError) -> ForwardTrace {
        guard !layers.isEmpty else { throw .emptyModel(model: name) }
        guard x.rank >= 2 else { throw .inputRank(expectedAtLeast: 2, shape: x.shape) }
        try build(inputShape: Array(x.shape.dropFirst()))
        var trace = ForwardTrace(input: x, layers: [])
        var input = x
        let rows = x.rows
        withSubnormalsFlushed {
            for layer in leafLayers {
                layer.forward(input.pointer, rows: rows, training: false)
                let shape = [rows] + (layer.outputShape ?? [])
                let output = layer.output
                let logits = layer.logits
                let a = Tensor(shape: shape) { output[$0] }
                // Dense's and Conv2D's weights by their roles.
                let kernel = layer.parameters.first { $0.name == "kernel" }
                let bias = kernel == nil ? nil : layer.parameters.first { $0.name == "bias" }
                trace.layers.append(
                    ForwardTrace.Layer(
                        name: layer.name, kind: layer.kind, activation: layer.finalActivation, input: input,
                        kernel: kernel?.value.copied() ?? Tensor(shape: [0]),
                        bias: bias?.value.copied(),
                        z: Tensor(shape: shape) { logits[$0] }, a: a,
                        details: layer.traceDetails(rows: rows, training: false)))
                input = a
            }
        }
        return trace
    }
}
