import NNEngine
import NNPlot

/// `diagram(model, x)` and `diagram(model, x, y, grads=True)`: the numbers of one example, from the
/// engine's own forward pass (or its step, without the update), gathered for NNPlot's ValueDiagram.
enum ValueDiagrams {
    static func render(_ model: ModelObject, _ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic)
        -> (text: String, figure: Figure)
    {
        var x = try a.tensor("x", dtype: .float32)
        if x.rank == 1 { x = (try? x.reshaped([1, x.count])) ?? x }
        guard x.rank == 2, x.rows > 0 else {
            throw Diagnostic(
                "diagram() draws one example: x is a row of features; got shape \(formatShape(x.shape))",
                at: a.range("x"))
        }
        let first = x.rows(0..<1)
        let layers = model.model.leafLayers
        try engine(a.range("x")) { () throws(EngineError) in try model.model.build(inputShape: [first.rowWidth]) }
        guard layers.allSatisfy({ $0 is Dense }) else {
            throw .unsupported("diagram() with values draws models made of Dense layers", at: a.range("model"))
        }
        let style = interpreter.style
        let grads = try a.bool("grads", default: false)
        if grads {
            guard let yValue = a["y"], !yValue.isNone else {
                throw Diagnostic(
                    "diagram(..., grads=True) needs the target too: diagram(model, x, y, grads=True)",
                    at: a.callRange)
            }
            var y = try ArrayConversion.tensor(yValue, range: a.range("y"))
            if y.rank == 0 { y = Tensor([y[flat: 0]]) }
            let target = y.rank == 1 ? Tensor([y[flat: 0]]) : y.rows(0..<1)
            let trace = try engine(a.callRange) { () throws(EngineError) in
                try model.model.diagnosticTrace(x: first, y: target, limit: 1)
            }
            let drawn = trace.layers.map { layer in
                ValueDiagram.Layer(
                    name: layer.name, detail: "\(style.partial)L/\(style.partial)z",
                    values: layer.zGradient.scalars, weights: layer.kernelGradient.scalars)
            }
            let title =
                "Gradients for one example (loss \(style.decimal(trace.loss))): \(style.partial)L/\(style.partial)z "
                + "in each neuron, \(style.partial)L/\(style.partial)W on each line"
            let edgeName = "gradients \(style.partial)L/\(style.partial)W"
            return (
                ValueDiagram(style: style).render(
                    input: first.scalars, layers: drawn, title: title, edgeName: edgeName),
                PictureFigures.values(input: first.scalars, layers: drawn, title: title, edgeName: edgeName)
            )
        }
        let trace = try engine(a.range("x")) { () throws(EngineError) in try model.model.forwardTrace(first) }
        let drawn = trace.layers.map { layer in
            ValueDiagram.Layer(
                name: layer.name, detail: layer.activation.name, values: layer.a.scalars,
                weights: layer.kernel.scalars)
        }
        let title = "Activations for one example: a = g(x" + style.dot + "W + b) in each neuron"
        return (
            ValueDiagram(style: style).render(input: first.scalars, layers: drawn, title: title, edgeName: "weights W"),
            PictureFigures.values(input: first.scalars, layers: drawn, title: title, edgeName: "weights W")
        )
    }
}
