/// A forward pass with every layer's numbers, for explaining a prediction without training.
public struct ForwardTrace {
    public struct Layer {
        public var name: String
        public var activation: Activation
        public var input: Tensor
        public var kernel: Tensor
        public var bias: Tensor?
        public var z: Tensor
        public var a: Tensor
    }

    public var input: Tensor
    public var layers: [Layer]
}

extension Sequential {
    /// Runs `x` (examples × features) through the model, keeping each layer's x, W, b, z and a.
    public func forwardTrace(_ x: Tensor) throws(EngineError) -> ForwardTrace {
        guard !layers.isEmpty else {
            throw .invalidArgument("model '\(name)' has no layers yet: add one with model.add(Dense(...))")
        }
        guard x.rank == 2 else {
            throw .shapeMismatch("the input must be a 2-D array (examples × features); got shape \(formatShape(x.shape))"
                                 + (x.rank == 1 ? ". For one example use x.reshape(1, -1)" : ""))
        }
        try build(inputWidth: x.shape[1])
        var trace = ForwardTrace(input: x, layers: [])
        var input = x
        for layer in layers {
            let z = try layer.preActivation(input)
            let a = layer.activation(z)
            trace.layers.append(ForwardTrace.Layer(
                name: layer.name, activation: layer.activation, input: input, kernel: layer.kernel.copied(),
                bias: layer.useBias ? layer.bias.copied() : nil, z: z, a: a))
            input = a
        }
        return trace
    }
}
