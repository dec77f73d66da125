import NNEngine

/// `get_weights()` and `set_weights(list)` for layers and models alike: NumPy float32 arrays out,
/// any array-like values in, with the engine's shape checks.
enum KerasWeights {
    static func getter(_ weights: @escaping () -> [Tensor]) -> Value {
        function("get_weights", "") { _, _ in .list(weights().map { .array(NDArray($0.copied(dtype: .float32))) }) }
    }

    static func setter(_ assign: @escaping ([Tensor]) throws(EngineError) -> Void) -> Value {
        function("set_weights", "weights") { a, interpreter throws(Diagnostic) in
            let arrays = try interpreter.iterate(a.values["weights"]?.value ?? .none, range: a.range("weights"))
            let tensors = try arrays.map { item throws(Diagnostic) in
                try ArrayConversion.tensor(item, range: a.range("weights"))
            }
            try engine(a.callRange) { () throws(EngineError) in try assign(tensors) }
            return .none
        }
    }
}
