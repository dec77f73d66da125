extension Optimizer {
    /// One step on parameters that no model holds (`optimizer.apply_gradients(zip(grads, variables))`):
    /// each parameter takes its current value and gradient, is updated by the same rule as in `fit`, and
    /// the step ends; returns the new values in order.
    public func apply(_ updates: [(parameter: Parameter, value: Tensor, gradient: Tensor)]) -> [Tensor] {
        for update in updates {
            update.parameter.value = update.value
            update.parameter.gradient = update.gradient
            self.update(update.parameter)
        }
        finishStep()
        return updates.map { $0.parameter.value }
    }
}
