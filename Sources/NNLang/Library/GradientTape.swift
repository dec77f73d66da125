import NNEngine

/// One TensorFlow op recorded by the gradient tapes that were recording when it ran: its input tensors
/// and how a gradient of its output goes back to them. The backward rule is written with tensor ops
/// themselves, so a tape still recording (an outer one) records it in turn: second derivatives.
final class TapeNode {
    let inputs: [TensorObject]
    /// The tapes that recorded the op.
    let tapes: [ObjectIdentifier]
    /// The op's name for errors (`tf.nn.elu`).
    let name: String
    /// The gradient of each input from the output's gradient; nil where none flows (TensorFlow's None).
    let backward: (TensorObject, Interpreter) throws(Diagnostic) -> [TensorObject?]

    init(
        _ name: String, inputs: [TensorObject], tapes: [ObjectIdentifier],
        backward: @escaping (TensorObject, Interpreter) throws(Diagnostic) -> [TensorObject?]
    ) {
        self.name = name
        self.inputs = inputs
        self.tapes = tapes
        self.backward = backward
    }
}

/// `tf.GradientTape(persistent=False, watch_accessed_variables=True)`: while its `with` block runs it
/// records the tensor ops on trainable variables and watched tensors; `tape.gradient(target, sources)`
/// then goes back through them, as TensorFlow's reverse-mode differentiation does.
final class GradientTapeObject: PyObject {
    let persistent: Bool
    let watchAccessedVariables: Bool
    private(set) var recording = false
    private var used = false
    /// Tensors given to `tape.watch`, kept alive while the tape is.
    private var watched: [ObjectIdentifier: TensorObject] = [:]
    /// Variables seen by the tape (`tape.watched_variables()`), in order.
    private var variables: [TensorObject] = []

    init(persistent: Bool, watchAccessedVariables: Bool) {
        self.persistent = persistent
        self.watchAccessedVariables = watchAccessedVariables
    }

    var typeName: String { "GradientTape" }
    func repr(_ interpreter: Interpreter) -> String { "<tensorflow.python.eager.backprop.GradientTape object>" }
    var attributeNames: [String] {
        ["gradient", "watch", "watched_variables", "stop_recording", "reset", "__enter__", "__exit__"]
    }

    /// Whether an op on `tensor` is recorded by this tape.
    func tracks(_ tensor: TensorObject) -> Bool {
        if watched[ObjectIdentifier(tensor)] != nil { return true }
        if tensor.isVariable, tensor.trainable, watchAccessedVariables {
            if !variables.contains(where: { $0 === tensor }) { variables.append(tensor) }
            return true
        }
        return tensor.producer?.tapes.contains(ObjectIdentifier(self)) ?? false
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "__enter__":
            return function("__enter__", "") { _, interpreter in
                self.recording = true
                interpreter.language.gradientTapes.append(self)
                return .object(self)
            }
        case "__exit__":
            return function("__exit__", "exc_type, exc_value, traceback") { _, interpreter in
                self.recording = false
                interpreter.language.gradientTapes.removeAll { $0 === self }
                return .bool(false)
            }
        case "watch":
            return function("watch", "tensor") { a, _ throws(Diagnostic) in
                for value in try Self.flattened(a.values["tensor"]?.value ?? .none, range: a.range("tensor")) {
                    guard case .object(let tensor as TensorObject) = value else {
                        throw Diagnostic(
                            "Passed in object of type \(value.typeName), not tf.Tensor or tf.Variable",
                            at: a.range("tensor"), exception: "ValueError")
                    }
                    self.watched[ObjectIdentifier(tensor)] = tensor
                    tensor.watchedByTape = true
                    if tensor.isVariable, !self.variables.contains(where: { $0 === tensor }) {
                        self.variables.append(tensor)
                    }
                }
                return .none
            }
        case "watched_variables":
            return function("watched_variables", "") { _, _ in .tuple(self.variables.map { .object($0) }) }
        case "reset":
            return function("reset", "") { _, _ in
                self.watched = [:]
                self.variables = []
                return .none
            }
        case "gradient":
            return function(
                "gradient",
                "target, sources, output_gradients=None, unconnected_gradients=tf.UnconnectedGradients.NONE"
            ) { a, interpreter throws(Diagnostic) in
                try self.gradient(a, interpreter)
            }
        default: return nil
        }
    }

    /// `tape.gradient(target, sources)`: the gradient of the target's sum with respect to each source, in
    /// the sources' structure (a tensor, or a list of them), None for a source the target does not
    /// depend on through recorded ops.
    private func gradient(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        guard persistent || !used else {
            throw Diagnostic(
                "A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)",
                at: a.callRange, exception: "RuntimeError")
        }
        used = true
        let targetValue = a.values["target"]?.value ?? .none
        let targets = try Self.flattened(targetValue, range: a.range("target")).map {
            value throws(Diagnostic) -> TensorObject in
            try TensorObject.converting(value, range: a.range("target"))
        }
        var seeds: [TensorObject?] = Array(repeating: nil, count: targets.count)
        if let given = a["output_gradients"], !given.isNone {
            let values = try Self.flattened(given, range: a.range("output_gradients"))
            guard values.count == targets.count else {
                throw Diagnostic(
                    "output_gradients must have one gradient per target", at: a.range("output_gradients"),
                    exception: "ValueError")
            }
            seeds = try values.map { value throws(Diagnostic) in
                try TensorObject.converting(value, range: a.range("output_gradients"))
            }
        }
        let sourcesValue = a.values["sources"]?.value ?? .none
        let grads = try backpropagate(targets, seeds: seeds, interpreter, range: a.callRange)
        func result(_ value: Value) throws(Diagnostic) -> Value {
            switch value {
            case .list(let list): return .list(try list.items.map(result))
            case .tuple(let tuple): return .tuple(try tuple.items.map(result))
            case .object(let source as TensorObject):
                // A tensor the tape neither watched nor made has no gradient, as in TensorFlow.
                guard tracks(source), let grad = grads[ObjectIdentifier(source)] else { return .none }
                return .object(grad)
            case .object(let weight as VariableObject):
                throw .unsupported(
                    "NNLab's GradientTape does not differentiate a Keras layer's weights yet (\(weight.path))",
                    at: a.range("sources"),
                    hint: "train a Keras model with model.fit, or write the layer with tf.Variable and tf.matmul")
            default:
                throw Diagnostic(
                    "Argument `sources` must be a tf.Variable, a tensor or a list of them; got \(value.typeName)",
                    at: a.range("sources"), exception: "ValueError")
            }
        }
        return try result(sourcesValue)
    }

    /// Reverse mode over the ops this tape recorded: the gradient of every tensor the targets depend on.
    private func backpropagate(
        _ targets: [TensorObject], seeds: [TensorObject?], _ interpreter: Interpreter, range: SourceRange
    ) throws(Diagnostic) -> [ObjectIdentifier: TensorObject] {
        let me = ObjectIdentifier(self)
        // Tensors in an order where each comes after the inputs of its op (an explicit stack, so long
        // chains of ops do not exhaust the call stack).
        var order: [TensorObject] = []
        var state: [ObjectIdentifier: Bool] = [:]  // false: being visited, true: done
        var stack: [(TensorObject, Bool)] = targets.map { ($0, false) }
        while let (tensor, expanded) = stack.popLast() {
            let key = ObjectIdentifier(tensor)
            if expanded {
                state[key] = true
                order.append(tensor)
                continue
            }
            guard state[key] == nil else { continue }
            state[key] = false
            stack.append((tensor, true))
            guard let node = tensor.producer, node.tapes.contains(me) else { continue }
            for input in node.inputs where state[ObjectIdentifier(input)] == nil { stack.append((input, false)) }
        }
        var grads: [ObjectIdentifier: TensorObject] = [:]
        func accumulate(_ tensor: TensorObject, _ grad: TensorObject) throws(Diagnostic) {
            let key = ObjectIdentifier(tensor)
            if let existing = grads[key] {
                grads[key] = try TapeMath.add(existing, grad, interpreter, range: range)
            } else {
                grads[key] = grad
            }
        }
        for (target, seed) in zip(targets, seeds) {
            try accumulate(target, try seed ?? TapeMath.filled(like: target, 1))
        }
        for tensor in order.reversed() {
            guard let node = tensor.producer, node.tapes.contains(me), let grad = grads[ObjectIdentifier(tensor)]
            else { continue }
            let inputGrads = try node.backward(grad, interpreter)
            for (input, inputGrad) in zip(node.inputs, inputGrads) {
                guard let inputGrad else { continue }
                try accumulate(input, inputGrad)
            }
        }
        return grads
    }

    /// A tensor, or the items of a list or tuple.
    static func flattened(_ value: Value, range: SourceRange) throws(Diagnostic) -> [Value] {
        switch value {
        case .list(let list): list.items
        case .tuple(let tuple): tuple.items
        default: [value]
        }
    }

    /// `tf.GradientTape(...)`.
    static var constructor: Value {
        function(
            "GradientTape", "persistent=False, watch_accessed_variables=True"
        ) { a, _ throws(Diagnostic) in
            .object(
                GradientTapeObject(
                    persistent: try a.bool("persistent", default: false),
                    watchAccessedVariables: try a.bool("watch_accessed_variables", default: true)))
        }
    }

    /// Records `output` as made by an op from `inputs` on every recording tape that tracks one of them.
    static func record(
        _ name: String, _ output: TensorObject, inputs: [TensorObject], _ interpreter: Interpreter,
        backward: @escaping (TensorObject, Interpreter) throws(Diagnostic) -> [TensorObject?]
    ) {
        let active = interpreter.language.gradientTapes
        guard !active.isEmpty else { return }
        let tapes = active.filter { tape in tape.recording && inputs.contains { tape.tracks($0) } }
        guard !tapes.isEmpty else { return }
        output.producer = TapeNode(name, inputs: inputs, tapes: tapes.map(ObjectIdentifier.init), backward: backward)
    }

    /// Records an op TensorFlow differentiates but NNLab does not: reaching it in `tape.gradient` is an error.
    static func recordUnsupported(
        _ name: String, _ output: TensorObject, inputs: [TensorObject], _ interpreter: Interpreter,
        range: SourceRange
    ) {
        record(name, output, inputs: inputs, interpreter) { _, _ throws(Diagnostic) in
            throw .unsupported(
                "NNLab's GradientTape has no gradient for \(name); the ops it differentiates are the arithmetic "
                    + "operators, tf.matmul, tf.reduce_sum/mean, tf.square/sqrt/exp/log, tf.reshape, tf.transpose, "
                    + "tf.concat, the activations relu, sigmoid, tanh, softmax, softplus, and Keras's loss functions",
                at: range)
        }
    }
}
