import NNEngine

/// NumPy functions that combine or rearrange arrays: `dot`, `where`, `concatenate`, `tile`, `meshgrid`.
extension NumPyLibrary {
    static func dot(_ x: Tensor, _ y: Tensor, range: SourceRange) throws(Diagnostic) -> Value {
        if x.rank == 0 || y.rank == 0 {
            var result = try ArrayMath.broadcast(x, y, range: range) { $0 * $1 }
            result.dtype = ArrayConversion.promote(x.dtype, y.dtype)
            return array(result)
        }
        if x.rank == 1, y.rank == 1 {
            guard x.count == y.count else {
                throw Diagnostic(
                    "shapes \(formatShape(x.shape)) and \(formatShape(y.shape)) not aligned: "
                        + "\(x.count) (dim 0) != \(y.count) (dim 0)",
                    at: range)
            }
            var total = 0.0
            for i in 0..<x.count { total += Double(x[flat: i]) * Double(y[flat: i]) }
            return ArrayConversion.scalar(Float(total), dtype: ArrayConversion.promote(x.dtype, y.dtype))
        }
        return array(try ArrayMath.matmul(x, y, range: range))
    }

    static func whereFunction(_ a: BoundArguments) throws(Diagnostic) -> Value {
        let condition = try a.tensor("condition")
        guard a.given("x") || a.given("y") else {
            return try ArraySorting.nonzero(condition, range: a.range("condition"))
        }
        guard a.given("x"), a.given("y") else {
            throw Diagnostic("either both or neither of x and y should be given", at: a.callRange)
        }
        let x = try exactOperand(a, "x")
        let y = try exactOperand(a, "y")
        let shape = try ArrayMath.broadcastShape(
            try ArrayMath.broadcastShape(condition.shape, x.tensor.shape, range: a.callRange),
            y.tensor.shape, range: a.callRange)
        let dtype = ArrayMath.resultType(x, y)
        if ExactValues.combinable([x.tensor, y.tensor], into: dtype) {
            let c = ExactValues.broadcastOffsets(from: condition.shape, to: shape)
            let xo = ExactValues.broadcastOffsets(from: x.tensor.shape, to: shape)
            let yo = ExactValues.broadcastOffsets(from: y.tensor.shape, to: shape)
            let (xv, yv) = (x.tensor.knownValues, y.tensor.knownValues)
            return array(
                Tensor.exactly(shape: shape, dtype: dtype) { (i: Int) -> Double in
                    condition[flat: c[i]] != 0 ? xv[xo[i]] : yv[yo[i]]
                })
        }
        let c = try ArrayMath.broadcast(Tensor(shape: shape), condition, range: a.callRange) { _, v in v }
        let xs = try ArrayMath.broadcast(Tensor(shape: shape), x.tensor, range: a.callRange) { _, v in v }
        let ys = try ArrayMath.broadcast(Tensor(shape: shape), y.tensor, range: a.callRange) { _, v in v }
        return array(Tensor(shape: shape, dtype: dtype) { c[flat: $0] != 0 ? xs[flat: $0] : ys[flat: $0] })
    }

    /// An operand of `where`: Python numbers exactly (as weak scalars), arrays as they are.
    static func exactOperand(_ a: BoundArguments, _ name: String) throws(Diagnostic) -> ArrayMath.Operand {
        let value = a.values[name]?.value ?? .none
        if let scalar = ExactValues.scalarTensor(value) { return ArrayMath.Operand(tensor: scalar, weak: true) }
        return try ArrayMath.operand(value, range: a.range(name))
    }

    static func tensors(_ a: BoundArguments, _ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> [Tensor]
    {
        let items = try interpreter.iterate(a.values[name]?.value ?? .none, range: a.range(name))
        guard !items.isEmpty else { throw Diagnostic("need at least one array to concatenate", at: a.range(name)) }
        return try items.map { item throws(Diagnostic) in try ArrayConversion.tensor(item, range: a.range(name)) }
    }

    static func concatenate(_ parts: [Tensor], axis requested: Int, range: SourceRange) throws(Diagnostic) -> Tensor {
        let first = parts[0]
        let axis = requested < 0 ? requested + first.rank : requested
        guard axis >= 0, axis < first.rank else {
            throw Diagnostic("axis \(requested) is out of bounds for arrays of dimension \(first.rank)", at: range)
        }
        for part in parts {
            var a = part.shape
            var b = first.shape
            guard a.count == b.count else {
                throw Diagnostic(
                    "all the input arrays must have the same number of dimensions; "
                        + "got \(formatShape(first.shape)) and \(formatShape(part.shape))",
                    at: range)
            }
            a.remove(at: axis)
            b.remove(at: axis)
            guard a == b else {
                throw Diagnostic(
                    "all the input array dimensions except for axis \(axis) must match; "
                        + "got \(formatShape(first.shape)) and \(formatShape(part.shape))",
                    at: range)
            }
        }
        var shape = first.shape
        shape[axis] = parts.reduce(0) { $0 + $1.shape[axis] }
        try ArrayConversion.checkSize(shape, range: range)
        let outer = shape[..<axis].reduce(1, *)
        let inner = shape[(axis + 1)...].reduce(1, *)
        let dtype = parts.dropFirst().reduce(first.dtype) { ArrayConversion.promote($0, $1.dtype) }
        if ExactValues.combinable(parts, into: dtype) {
            var exact: [Double] = []
            exact.reserveCapacity(shape.reduce(1, *))
            let sources = parts.map(\.knownValues)
            for o in 0..<outer {
                for (part, values) in zip(parts, sources) {
                    let block = part.shape[axis] * inner
                    exact += values[(o * block)..<((o + 1) * block)]
                }
            }
            return Tensor.exactly(shape: shape, dtype: dtype) { exact[$0] }
        }
        var values: [Float] = []
        values.reserveCapacity(shape.reduce(1, *))
        for o in 0..<outer {
            for part in parts {
                let block = part.shape[axis] * inner
                for k in 0..<block { values.append(part[flat: o * block + k]) }
            }
        }
        return (try? Tensor(shape: shape, values: values, dtype: dtype)) ?? first
    }

    static func tile(_ tensor: Tensor, _ reps: [Int], range: SourceRange) throws(Diagnostic) -> Tensor {
        let rank = max(tensor.rank, reps.count)
        let shape = Array(repeating: 1, count: rank - tensor.rank) + tensor.shape
        let repeats = Array(repeating: 1, count: rank - reps.count) + reps
        try ArrayConversion.checkSize(shape + repeats, range: range, allocates: false)
        let result = zip(shape, repeats).map { $0 * $1 }
        try ArrayConversion.checkSize(result, range: range)
        let source = (try? tensor.reshaped(shape)) ?? tensor
        return source.gathering(shape: result) { flat in
            var remainder = flat
            var offset = 0
            var step = 1
            for axis in stride(from: rank - 1, through: 0, by: -1) {
                let position = remainder % result[axis]
                remainder /= result[axis]
                offset += (position % shape[axis]) * step
                step *= shape[axis]
            }
            return offset
        }
    }

    /// `np.meshgrid(x, y, …)`: one array per input, each repeated along the other axes; `indexing='xy'`
    /// (the default) swaps the first two axes, as plotting code expects.
    static func meshgrid(_ a: BoundArguments) throws(Diagnostic) -> Value {
        var inputs: [Tensor] = []
        for (index, value) in a.rest.enumerated() {
            inputs.append(try ArrayConversion.tensor(value, range: a.restRange(index)))
        }
        let indexing = try a.string("indexing", default: "xy")
        guard indexing == "xy" || indexing == "ij" else {
            throw Diagnostic("Valid values for `indexing` are 'xy' and 'ij'.", at: a.range("indexing"))
        }
        var axes = Array(inputs.indices)
        if indexing == "xy", inputs.count >= 2 { axes.swapAt(0, 1) }
        var shape = inputs.map(\.count)
        if indexing == "xy", inputs.count >= 2 { shape.swapAt(0, 1) }
        try ArrayConversion.checkSize(shape, range: a.callRange)
        return .tuple(
            inputs.enumerated().map { i, input in
                // Input i varies along output axis axes[i].
                let axis = axes[i]
                let inner = shape[(axis + 1)...].reduce(1, *)
                return array(input.gathering(shape: shape) { ($0 / inner) % shape[axis] })
            })
    }
}
