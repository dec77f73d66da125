import NNEngine

/// `optimizer.apply_gradients(zip(grads, variables))` on `tf.Variable`s, by the engine's optimizers.
enum VariableUpdates {
    static func applyGradients(_ optimizer: Optimizer, _ a: BoundArguments, _ interpreter: Interpreter)
        throws(Diagnostic) -> Value
    {
        let range = a.range("grads_and_vars")
        var updates: [(parameter: NNEngine.Parameter, value: Tensor, gradient: Tensor)] = []
        var variables: [TensorObject] = []
        for pair in try interpreter.iterate(a.values["grads_and_vars"]?.value ?? .none, range: range) {
            let items = try interpreter.iterate(pair, range: range)
            guard items.count == 2 else {
                throw Diagnostic(
                    "apply_gradients takes (gradient, variable) pairs, as zip(grads, variables) gives them",
                    at: range, exception: "ValueError")
            }
            guard case .object(let variable as TensorObject) = items[1], variable.isVariable else {
                throw Diagnostic(
                    "apply_gradients updates tf.Variables; got \(items[1].typeName)", at: range,
                    exception: "TypeError")
            }
            // A None gradient (a variable the loss does not depend on) leaves the variable as it is.
            if items[0].isNone { continue }
            let gradient = try ArrayConversion.tensor(items[0], dtype: .float32, range: range)
            let value = variable.array.tensor.copied(dtype: .float32)
            guard gradient.shape == value.shape else {
                throw Diagnostic(
                    "the gradient's shape \(TensorObject.shapeText(gradient.shape)) is not the variable's "
                        + TensorObject.shapeText(value.shape), at: range, exception: "ValueError")
            }
            updates.append((variable.optimizerParameter, value, gradient))
            variables.append(variable)
        }
        guard !updates.isEmpty else {
            throw Diagnostic(
                "No gradients provided for any variable.", at: range, exception: "ValueError")
        }
        for (variable, value) in zip(variables, optimizer.apply(updates)) {
            variable.replace(ArrayConversion.cast(value, to: variable.array.tensor.dtype))
        }
        return .none
    }
}
