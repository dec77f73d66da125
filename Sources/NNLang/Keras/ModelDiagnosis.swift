import NNEngine

/// NNLab's `model.diagnose(x=None, y=None)`: the training watcher's checks on demand, on the last
/// fit's data or on x, y, shown by the teaching layer.
enum ModelDiagnosis {
    static func method(_ object: ModelObject) -> Value {
        function(
            "diagnose", "x=None, y=None",
            summary: "NNLab: what may be going wrong in training, with a table per layer (no weight changes)"
        ) {
            a, interpreter throws(Diagnostic) in
            let x: Tensor
            let y: Tensor
            if a["x"] != nil || a["y"] != nil {
                guard a["x"] != nil, a["y"] != nil else {
                    throw Diagnostic(
                        "diagnose() needs both x and y, or neither (then it uses the last fit's data)",
                        at: a.callRange)
                }
                x = try a.tensor("x", dtype: .float32)
                y = try a.tensor("y")
                try FiniteChecks.data(x, "x", range: a.range("x"))
                try FiniteChecks.data(y, "y", range: a.range("y"))
            } else if let last = object.lastFit {
                (x, y) = (last.x, last.y)
            } else {
                throw Diagnostic(
                    "model '\(object.model.name)' has not been fitted yet: give the data, "
                        + "model.diagnose(x, y)", at: a.callRange)
            }
            try FiniteChecks.weights(of: object.model, range: a.callRange)
            let trace = try engine(a.callRange) { () throws(EngineError) in
                try object.model.diagnosticTrace(x: x, y: y)
            }
            let history = a["x"] == nil ? object.lastFit?.history : nil
            interpreter.teaching?.diagnose(trace, history: history, model: object.model.name)
            return .none
        }
    }
}
