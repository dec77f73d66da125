import NNEngine

/// The gradient rules of the TensorFlow ops a `GradientTape` records, written with tensor ops so that a
/// tape still recording records them too. Activations and losses send gradients back through the
/// engine's own backward formulas (their second derivatives are not available).
enum TapeMath {
    /// Whether any tape is recording (ops skip the bookkeeping otherwise).
    static func recording(_ interpreter: Interpreter) -> Bool { !interpreter.language.gradientTapes.isEmpty }

    /// A constant tensor of `like`'s shape and dtype filled with `value`.
    static func filled(like tensor: TensorObject, _ value: Float, shape: [Int]? = nil) -> TensorObject {
        let dtype = tensor.array.tensor.dtype
        return TensorObject(
            NDArray(Tensor(shape: shape ?? tensor.array.shape, repeating: value, dtype: dtype)),
            dtypeName: tensor.dtypeName)
    }

    /// A constant tensor holding `tensor`, typed as `like`.
    static func constant(_ tensor: Tensor, like: TensorObject) -> TensorObject {
        let own = like.array.tensor.dtype
        let made = tensor.dtype == own ? tensor : ArrayConversion.cast(tensor, to: own)
        return TensorObject(NDArray(made), dtypeName: like.dtypeName)
    }

    static func binary(
        _ op: BinaryOperator, _ a: TensorObject, _ b: TensorObject, _ interpreter: Interpreter, range: SourceRange
    ) throws(Diagnostic) -> TensorObject {
        let result = try interpreter.binary(op, .object(a), .object(b), range: range)
        guard case .object(let tensor as TensorObject) = result else {
            throw Diagnostic("a gradient step did not give a tensor", at: range, exception: "TypeError")
        }
        return tensor
    }

    static func add(_ a: TensorObject, _ b: TensorObject, _ interpreter: Interpreter, range: SourceRange)
        throws(Diagnostic) -> TensorObject
    { try binary(.add, a, b, interpreter, range: range) }

    static func multiply(_ a: TensorObject, _ b: TensorObject, _ interpreter: Interpreter, range: SourceRange)
        throws(Diagnostic) -> TensorObject
    { try binary(.multiply, a, b, interpreter, range: range) }

    static func scaled(_ a: TensorObject, _ factor: Float, _ interpreter: Interpreter, range: SourceRange)
        throws(Diagnostic) -> TensorObject
    { try multiply(a, filled(like: a, factor, shape: []), interpreter, range: range) }

    // MARK: Arithmetic operators

    /// Records `left op right` (either side a tensor, the other maybe a number or an array).
    static func recordBinary(
        _ op: BinaryOperator, _ left: Value, _ right: Value, _ result: TensorObject, _ interpreter: Interpreter,
        range: SourceRange
    ) {
        guard [.add, .subtract, .multiply, .divide, .power, .matmul].contains(op) else { return }
        func operand(_ value: Value) -> TensorObject? {
            if case .object(let tensor as TensorObject) = value { return tensor }
            guard let tensor = try? ArrayConversion.tensor(value, range: range) else { return nil }
            return constant(tensor, like: result)
        }
        guard let a = operand(left), let b = operand(right) else { return }
        if op == .matmul {
            recordMatmul(a, b, false, false, result, interpreter, range: range)
            return
        }
        let (aShape, bShape) = (a.array.shape, b.array.shape)
        GradientTapeObject.record("the \(op.rawValue) operator", result, inputs: [a, b], interpreter) {
            g, interpreter throws(Diagnostic) in
            let ga: TensorObject?
            let gb: TensorObject?
            switch op {
            case .add:
                (ga, gb) = (g, g)
            case .subtract:
                (ga, gb) = (g, try scaled(g, -1, interpreter, range: range))
            case .multiply:
                ga = try multiply(g, b, interpreter, range: range)
                gb = try multiply(g, a, interpreter, range: range)
            case .divide:
                ga = try binary(.divide, g, b, interpreter, range: range)
                // −g·a / b²
                let ratio = try binary(
                    .divide, try multiply(g, a, interpreter, range: range), b, interpreter, range: range)
                gb = try scaled(try binary(.divide, ratio, b, interpreter, range: range), -1, interpreter, range: range)
            default:  // power: ∂/∂a = b·a^(b−1), ∂/∂b = a^b·log a
                let lowered = try binary(
                    .subtract, b, filled(like: b, 1, shape: []), interpreter, range: range)
                let slope = try multiply(
                    b, try binary(.power, a, lowered, interpreter, range: range), interpreter, range: range)
                ga = try multiply(g, slope, interpreter, range: range)
                if needsGradient(b) {
                    let log = try unary("log", a, interpreter, range: range)
                    gb = try multiply(
                        g, try multiply(result, log, interpreter, range: range), interpreter, range: range)
                } else {
                    gb = nil
                }
            }
            return [
                try ga.map { g throws(Diagnostic) in try sumTo(g, aShape, interpreter, range: range) },
                try gb.map { g throws(Diagnostic) in try sumTo(g, bShape, interpreter, range: range) },
            ]
        }
    }

    /// Whether a gradient can flow into `tensor` at all (a variable, a watched tensor or an op's result).
    static func needsGradient(_ tensor: TensorObject) -> Bool {
        tensor.isVariable || tensor.producer != nil || tensor.watchedByTape
    }

    // MARK: Shapes

    /// `tensor` summed down to `shape` (undoing broadcasting).
    static func sumTo(_ tensor: TensorObject, _ shape: [Int], _ interpreter: Interpreter, range: SourceRange)
        throws(Diagnostic) -> TensorObject
    {
        let given = tensor.array.tensor
        guard given.shape != shape else { return tensor }
        let lead = given.rank - shape.count
        guard lead >= 0, shape.count == 0 || zip(shape, given.shape.dropFirst(lead)).allSatisfy({ $0 == $1 || $0 == 1 })
        else {
            throw Diagnostic(
                "cannot sum a gradient of shape \(TensorObject.shapeText(given.shape)) to "
                    + TensorObject.shapeText(shape), at: range, exception: "ValueError")
        }
        let values = given.doubles
        var sums = [Double](repeating: 0, count: shape.reduce(1, *))
        let strides = Self.strides(shape)
        var index = [Int](repeating: 0, count: given.rank)
        for flat in 0..<values.count {
            var target = 0
            for axis in 0..<shape.count where shape[axis] != 1 { target += index[lead + axis] * strides[axis] }
            sums[target] += values[flat]
            var axis = given.rank - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < given.shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        let summed = Tensor.exactly(shape: shape, dtype: given.dtype) { sums[$0] }
        let output = TensorObject(NDArray(summed), dtypeName: tensor.dtypeName)
        GradientTapeObject.record("a broadcast's sum", output, inputs: [tensor], interpreter) {
            g, interpreter throws(Diagnostic) in
            [try broadcast(g, to: given.shape, interpreter, range: range)]
        }
        return output
    }

    /// `tensor` broadcast to `shape` (adding zeros, so its gradient sums back).
    static func broadcast(_ tensor: TensorObject, to shape: [Int], _ interpreter: Interpreter, range: SourceRange)
        throws(Diagnostic) -> TensorObject
    {
        guard tensor.array.shape != shape else { return tensor }
        return try add(tensor, filled(like: tensor, 0, shape: shape), interpreter, range: range)
    }

    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var step = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = step
            step *= shape[axis]
        }
        return strides
    }

    /// `tf.reshape(tensor, shape)`, recorded.
    static func reshape(_ tensor: TensorObject, _ shape: [Int], _ interpreter: Interpreter, range: SourceRange)
        throws(Diagnostic) -> TensorObject
    {
        let reshaped = try ArrayAttributes.reshape(
            tensor.array.tensor, [.tuple(shape.map { .int($0) })], range: range)
        let output = TensorObject(NDArray(reshaped), dtypeName: tensor.dtypeName)
        let original = tensor.array.shape
        GradientTapeObject.record("tf.reshape", output, inputs: [tensor], interpreter) {
            g, interpreter throws(Diagnostic) in
            [try reshape(g, original, interpreter, range: range)]
        }
        return output
    }

    /// `tf.transpose(tensor)` (all axes reversed), recorded.
    static func transpose(_ tensor: TensorObject, _ interpreter: Interpreter, range: SourceRange)
        -> TensorObject
    {
        let output = TensorObject(NDArray(ArrayAttributes.transpose(tensor.array.tensor)), dtypeName: tensor.dtypeName)
        GradientTapeObject.record("tf.transpose", output, inputs: [tensor], interpreter) { g, interpreter in
            [transpose(g, interpreter, range: range)]
        }
        return output
    }

    // MARK: Matrix product and reductions

    /// `tf.matmul(a, b, transpose_a, transpose_b)` of matrices, recorded.
    static func matmul(
        _ a: TensorObject, _ b: TensorObject, _ transposeA: Bool, _ transposeB: Bool, _ interpreter: Interpreter,
        range: SourceRange
    ) throws(Diagnostic) -> TensorObject {
        var left = a.array.tensor
        var right = b.array.tensor
        if transposeA { left = ArrayAttributes.transpose(left) }
        if transposeB { right = ArrayAttributes.transpose(right) }
        let product = try ArrayMath.matmul(left, right, range: range)
        let output = TensorObject(NDArray(product), dtypeName: a.dtypeName)
        recordMatmul(a, b, transposeA, transposeB, output, interpreter, range: range)
        return output
    }

    private static func recordMatmul(
        _ a: TensorObject, _ b: TensorObject, _ transposeA: Bool, _ transposeB: Bool, _ output: TensorObject,
        _ interpreter: Interpreter, range: SourceRange
    ) {
        guard recording(interpreter) else { return }
        guard a.array.shape.count == 2, b.array.shape.count == 2 else {
            GradientTapeObject.recordUnsupported(
                "tf.matmul of tensors that are not matrices", output, inputs: [a, b], interpreter, range: range)
            return
        }
        GradientTapeObject.record("tf.matmul", output, inputs: [a, b], interpreter) {
            g, interpreter throws(Diagnostic) in
            func mm(_ x: TensorObject, _ y: TensorObject, _ tx: Bool, _ ty: Bool) throws(Diagnostic) -> TensorObject {
                try matmul(x, y, tx, ty, interpreter, range: range)
            }
            var ga: TensorObject?
            var gb: TensorObject?
            switch (transposeA, transposeB) {
            case (false, false):
                if needsGradient(a) { ga = try mm(g, b, false, true) }
                if needsGradient(b) { gb = try mm(a, g, true, false) }
            case (false, true):
                if needsGradient(a) { ga = try mm(g, b, false, false) }
                if needsGradient(b) { gb = try mm(g, a, true, false) }
            case (true, false):
                if needsGradient(a) { ga = try mm(b, g, false, true) }
                if needsGradient(b) { gb = try mm(a, g, false, false) }
            case (true, true):
                if needsGradient(a) { ga = try mm(b, g, true, true) }
                if needsGradient(b) { gb = try mm(g, a, true, true) }
            }
            return [ga, gb]
        }
    }

    /// Records `tf.reduce_sum`/`reduce_mean` of `input` along `axis` (all axes when nil).
    static func recordReduction(
        _ name: String, _ input: TensorObject, axis: Int?, _ output: TensorObject, _ interpreter: Interpreter,
        range: SourceRange
    ) {
        guard recording(interpreter) else { return }
        guard name == "reduce_sum" || name == "reduce_mean" else {
            GradientTapeObject.recordUnsupported("tf.\(name)", output, inputs: [input], interpreter, range: range)
            return
        }
        let shape = input.array.shape
        var kept = shape.map { _ in 1 }
        var count = shape.reduce(1, *)
        if let axis {
            let position = axis < 0 ? axis + shape.count : axis
            guard position >= 0, position < shape.count else { return }
            kept = shape
            kept[position] = 1
            count = shape[position]
        }
        GradientTapeObject.record("tf.\(name)", output, inputs: [input], interpreter) {
            g, interpreter throws(Diagnostic) in
            var spread = try broadcast(
                try reshape(g, kept, interpreter, range: range), to: shape, interpreter, range: range)
            if name == "reduce_mean" { spread = try scaled(spread, 1 / Float(count), interpreter, range: range) }
            return [spread]
        }
    }

    /// `tf.reduce_sum(tensor, axis, keepdims=True)`, recorded (for the softmax rule).
    static func sumKeepingLastAxis(_ tensor: TensorObject, _ interpreter: Interpreter, range: SourceRange)
        throws(Diagnostic) -> TensorObject
    {
        var shape = tensor.array.shape
        guard let last = shape.indices.last else { return tensor }
        shape[last] = 1
        return try sumTo(tensor, shape, interpreter, range: range)
    }

    // MARK: Element-wise functions

    /// A `tf.math` element-wise function by name, recorded (used by the rules themselves).
    static func unary(_ name: String, _ x: TensorObject, _ interpreter: Interpreter, range: SourceRange)
        throws(Diagnostic) -> TensorObject
    {
        let values = x.array.tensor
        let made: Tensor
        switch name {
        case "log": made = Tensor.exactly(shape: values.shape, dtype: values.dtype) { log(values.double(flat: $0)) }
        case "cos": made = Tensor.exactly(shape: values.shape, dtype: values.dtype) { cos(values.double(flat: $0)) }
        case "sin": made = Tensor.exactly(shape: values.shape, dtype: values.dtype) { sin(values.double(flat: $0)) }
        default:
            throw Diagnostic("no element-wise function \(name)", at: range, exception: "ValueError")
        }
        let output = TensorObject(NDArray(made), dtypeName: x.dtypeName)
        recordUnary(name, x, output, interpreter, range: range)
        return output
    }

    /// Records `tf.<name>(x)` → `output` with its derivative.
    static func recordUnary(
        _ name: String, _ x: TensorObject, _ output: TensorObject, _ interpreter: Interpreter, range: SourceRange
    ) {
        guard recording(interpreter) else { return }
        if ["floor", "ceil", "round"].contains(name) {
            GradientTapeObject.record("tf.\(name)", output, inputs: [x], interpreter) { _, _ in [nil] }
            return
        }
        GradientTapeObject.record("tf.\(name)", output, inputs: [x], interpreter) {
            g, interpreter throws(Diagnostic) in
            func op(_ o: BinaryOperator, _ a: TensorObject, _ b: TensorObject) throws(Diagnostic) -> TensorObject {
                try binary(o, a, b, interpreter, range: range)
            }
            let one = filled(like: x, 1, shape: [])
            switch name {
            case "exp": return [try op(.multiply, g, output)]
            case "log": return [try op(.divide, g, x)]
            case "sqrt": return [try op(.divide, g, try scaled(output, 2, interpreter, range: range))]
            case "square": return [try op(.multiply, g, try scaled(x, 2, interpreter, range: range))]
            case "abs", "sign":
                let sign = Tensor(shape: x.array.shape, dtype: x.array.tensor.dtype) {
                    let v = x.array.tensor[flat: $0]
                    return v > 0 ? 1 : (v < 0 ? -1 : 0)
                }
                if name == "sign" { return [filled(like: x, 0)] }
                return [try op(.multiply, g, constant(sign, like: x))]
            case "tanh": return [try op(.multiply, g, try op(.subtract, one, try op(.multiply, output, output)))]
            case "sin": return [try op(.multiply, g, try unary("cos", x, interpreter, range: range))]
            case "cos":
                let sine = try unary("sin", x, interpreter, range: range)
                return [try scaled(try op(.multiply, g, sine), -1, interpreter, range: range)]
            case "log1p": return [try op(.divide, g, try op(.add, one, x))]
            case "expm1": return [try op(.multiply, g, try op(.add, output, one))]
            default:
                throw .unsupported("NNLab's GradientTape has no gradient for tf.\(name)", at: range)
            }
        }
    }

    /// Records an activation (`tf.nn.relu(x)`, `tf.nn.softmax(x)`): its gradient is the engine's backward
    /// through that activation, the same as a Dense layer's.
    static func recordActivation(
        _ activation: Activation, _ x: TensorObject, _ output: TensorObject, _ interpreter: Interpreter,
        range: SourceRange
    ) {
        guard recording(interpreter) else { return }
        let z = x.array.tensor.copied(dtype: .float32)
        GradientTapeObject.record("tf.nn.\(activation.name)", output, inputs: [x], interpreter) {
            g, interpreter in
            let dz = activation.backward(g.array.tensor.copied(dtype: .float32), z: z)
            let grad = constant(dz, like: x)
            GradientTapeObject.recordUnsupported(
                "the second derivative of tf.nn.\(activation.name)", grad, inputs: [g, x], interpreter, range: range)
            return [grad]
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension TapeMath {
    /// `tf.concat(values, axis)`: the tensors joined along `axis`, recorded (each gets its part of the gradient).
    static func concat(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let range = a.callRange
        let items = try GradientTapeObject.flattened(a.values["values"]?.value ?? .none, range: a.range("values"))
        let tensors = try items.map { value throws(Diagnostic) in
            try TensorObject.operand(value, range: a.range("values"))
        }
        guard let first = tensors.first else {
            throw Diagnostic(
                "List argument 'values' to 'ConcatV2' Op with length 0 shorter than minimum length 2.",
                at: a.range("values"), exception: "ValueError")
        }
        let rank = first.array.shape.count
        var axis = try a.int("axis")
        if axis < 0 { axis += rank }
        guard rank > 0, axis >= 0, axis < rank else {
            throw Diagnostic(
                "ConcatOp : Expected concatenating dimensions in the range [\(-rank), \(rank)), but got "
                    + "\(try a.int("axis")) [Op:ConcatV2]", at: a.range("axis"), exception: "InvalidArgumentError")
        }
        for tensor in tensors {
            var (mine, theirs) = (tensor.array.shape, first.array.shape)
            guard mine.count == rank, tensor.dtypeName == first.dtypeName else {
                throw Diagnostic(
                    "ConcatOp : Ranks and dtypes of all input tensors should match [Op:ConcatV2]", at: range,
                    exception: "InvalidArgumentError")
            }
            (mine[axis], theirs[axis]) = (0, 0)
            guard mine == theirs else {
                throw Diagnostic(
                    "ConcatOp : Dimension \(axis == 0 ? 1 : 0) in both shapes must be equal: shape[0] = "
                        + "\(TensorObject.shapeText(first.array.shape)) vs. "
                        + "shape[\(tensors.firstIndex { $0 === tensor } ?? 0)] = "
                        + "\(TensorObject.shapeText(tensor.array.shape)) [Op:ConcatV2]",
                    at: range, exception: "InvalidArgumentError")
            }
        }
        let shape = first.array.shape
        let outer = shape[..<axis].reduce(1, *)
        let inner = shape[(axis + 1)...].reduce(1, *)
        let lengths = tensors.map { $0.array.shape[axis] }
        let total = lengths.reduce(0, +)
        var joined = [Double]()
        joined.reserveCapacity(outer * total * inner)
        let values = tensors.map { $0.array.tensor.doubles }
        for o in 0..<outer {
            for (part, length) in zip(values, lengths) {
                joined += part[(o * length * inner)..<((o + 1) * length * inner)]
            }
        }
        var outShape = shape
        outShape[axis] = total
        let dtype = first.array.tensor.dtype
        let output = TensorObject(
            NDArray(Tensor.exactly(shape: outShape, dtype: dtype) { joined[$0] }), dtypeName: first.dtypeName)
        GradientTapeObject.record("tf.concat", output, inputs: tensors, interpreter) { g, interpreter in
            let grad = g.array.tensor.doubles
            var offset = 0
            var parts: [TensorObject?] = []
            for (tensor, length) in zip(tensors, lengths) {
                var partShape = shape
                partShape[axis] = length
                let start = offset
                let part = Tensor.exactly(shape: partShape, dtype: grad.isEmpty ? dtype : g.array.tensor.dtype) {
                    let o = $0 / (length * inner)
                    let within = $0 % (length * inner)
                    return grad[o * total * inner + start * inner + within]
                }
                offset += length
                let made = constant(part, like: tensor)
                GradientTapeObject.recordUnsupported(
                    "the second derivative of tf.concat", made, inputs: [g], interpreter, range: range)
                parts.append(made)
            }
            return parts
        }
        return .object(output)
    }
}

/// A Keras loss recorded on a gradient tape: the engine's gradient of each example's loss, scaled by
/// the gradient arriving for that example (or for their mean).
enum LossGradient {
    static func record(
        _ name: String, _ prediction: TensorObject, _ output: TensorObject, _ perExample: Tensor, perExample each: Bool,
        _ interpreter: Interpreter, range: SourceRange
    ) {
        GradientTapeObject.record("keras.losses.\(name)", output, inputs: [prediction], interpreter) {
            g, interpreter in
            let upstream = g.array.tensor.doubles
            let rows = max(prediction.array.shape.first ?? 1, 1)
            let columns = perExample.count / rows
            let scaled = Tensor.exactly(shape: perExample.shape, dtype: .float32) {
                let weight = each ? upstream[min($0 / max(columns, 1), upstream.count - 1)] : upstream[0] / Double(rows)
                return Double(perExample[flat: $0]) * weight
            }
            let grad = TapeMath.constant(scaled, like: prediction)
            GradientTapeObject.recordUnsupported(
                "the second derivative of keras.losses.\(name)", grad, inputs: [g, prediction], interpreter,
                range: range)
            return [grad]
        }
    }
}
