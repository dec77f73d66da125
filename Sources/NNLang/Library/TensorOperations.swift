import NNEngine

/// TensorFlow's tensor functions that course code calls (`tf.ones`, `tf.reduce_sum`, `tf.matmul`,
/// `tf.math.exp`, `tf.cast`, `tf.Variable`, …): computed by the NumPy functions here and returned as
/// tensors typed as TensorFlow types them (Python floats float32, Python ints int32).
enum TensorOperations {
    /// The members shared by `tf` and `tf.math`.
    static func mathMembers(_ numpy: ModuleObject?) -> [String: Value] {
        var members: [String: Value] = [:]
        let reductions: [(String, Reduction)] = [
            ("reduce_sum", .sum), ("reduce_mean", .mean), ("reduce_max", .max), ("reduce_min", .min),
            ("reduce_prod", .prod), ("reduce_std", .std), ("reduce_variance", .var), ("reduce_any", .any),
            ("reduce_all", .all),
        ]
        for (name, reduction) in reductions {
            members[name] = function(name, "input_tensor, axis=None, keepdims=False, name=None") {
                a, interpreter throws(Diagnostic) in
                let input = try TensorObject.operand(
                    a.values["input_tensor"]?.value ?? .none, range: a.range("input_tensor"))
                let result = try reduction.apply(
                    input.array.tensor, axis: try a.optionalAxis(),
                    keepdims: try a.bool("keepdims", default: false), range: a.callRange)
                // TensorFlow keeps the input's dtype (an int32 mean is an int32, truncated).
                let keep = reduction == .any || reduction == .all ? nil : input
                let made = try tensor(result, like: keep, range: a.callRange)
                if case .object(let output as TensorObject) = made {
                    TapeMath.recordReduction(
                        name, input, axis: try a.optionalAxis(), output, interpreter, range: a.callRange)
                }
                return made
            }
        }
        for (name, reduction) in [("argmax", Reduction.argmax), ("argmin", .argmin)] {
            members[name] = function(name, "input, axis=None, output_type=tf.int64, name=None") {
                a, _ throws(Diagnostic) in
                let input = try TensorObject.converting(a.values["input"]?.value ?? .none, range: a.range("input"))
                // TensorFlow's default axis is 0, not the flattened array.
                let result = try reduction.apply(
                    input.array.tensor, axis: try a.optionalAxis() ?? 0, keepdims: false,
                    range: a.callRange)
                return try tensor(result, like: nil, range: a.callRange)
            }
        }
        let elementwise = [
            "exp", "log", "sqrt", "square", "abs", "tanh", "sin", "cos", "log1p", "expm1", "floor", "ceil",
            "sign",
        ]
        for name in elementwise {
            guard case .object(let inner as any CallableObject)? = numpy?.members[name] else { continue }
            members[name] = function(name, "x, name=None") { a, interpreter throws(Diagnostic) in
                let input = try TensorObject.operand(a.values["x"]?.value ?? .none, range: a.range("x"))
                let result = try inner.call(
                    CallArguments(
                        positional: [.array(input.array)],
                        positionalRanges: [a.range("x")], range: a.callRange), interpreter)
                let made = try tensor(result, like: input, range: a.callRange)
                if case .object(let output as TensorObject) = made {
                    TapeMath.recordUnary(name, input, output, interpreter, range: a.callRange)
                }
                return made
            }
        }
        members["round"] = function("round", "x, name=None") { a, interpreter throws(Diagnostic) in
            let input = try TensorObject.operand(a.values["x"]?.value ?? .none, range: a.range("x"))
            // Half to even, as TensorFlow (and NumPy) round.
            let given = input.array.tensor
            let rounded = Tensor(shape: given.shape, dtype: given.dtype) { given[flat: $0].rounded(.toNearestOrEven) }
            let output = TensorObject(NDArray(rounded), dtypeName: input.dtypeName)
            TapeMath.recordUnary("round", input, output, interpreter, range: a.callRange)
            return .object(output)
        }
        members["sigmoid"] = activation(.sigmoid)
        members["softplus"] = activation(.softplus)
        let binary: [(String, BinaryOperator)] = [
            ("add", .add), ("subtract", .subtract), ("multiply", .multiply), ("divide", .divide), ("pow", .power),
        ]
        for (name, op) in binary {
            members[name] = function(name, "x, y, name=None") { a, interpreter throws(Diagnostic) in
                let x = try TensorObject.operand(a.values["x"]?.value ?? .none, range: a.range("x"))
                let y = try TensorObject.operand(a.values["y"]?.value ?? .none, range: a.range("y"))
                return try interpreter.binary(op, .object(x), .object(y), range: a.callRange)
            }
        }
        for name in ["maximum", "minimum"] {
            guard case .object(let inner as any CallableObject)? = numpy?.members[name] else { continue }
            members[name] = function(name, "x, y, name=None") { a, interpreter throws(Diagnostic) in
                let x = try TensorObject.operand(a.values["x"]?.value ?? .none, range: a.range("x"))
                let y = try TensorObject.operand(a.values["y"]?.value ?? .none, range: a.range("y"))
                let result = try inner.call(
                    CallArguments(
                        positional: [.array(x.array), .array(y.array)],
                        positionalRanges: [a.range("x"), a.range("y")],
                        range: a.callRange), interpreter)
                let made = try tensor(result, like: x, range: a.callRange)
                if case .object(let output as TensorObject) = made, TapeMath.recording(interpreter) {
                    GradientTapeObject.recordUnsupported(
                        "tf.\(name)", output, inputs: [x, y], interpreter, range: a.callRange)
                }
                return made
            }
        }
        return members
    }

    /// The members of `tf` itself besides `tf.math`'s: making, shaping and casting tensors.
    static func members(_ numpy: ModuleObject?) -> [String: Value] {
        var members = mathMembers(numpy)
        for name in TensorDType.names { members[name] = .object(TensorDType(name)) }
        for (name, fill) in [("ones", Float(1)), ("zeros", 0)] {
            members[name] = function(name, "shape, dtype=tf.float32, name=None") { a, _ throws(Diagnostic) in
                let dtype = try dtypeName(a, default: "float32")
                let shape = try a.shape("shape")
                try ArrayConversion.checkSize(shape, range: a.range("shape"))
                return .object(
                    TensorObject(
                        NDArray(Tensor(shape: shape, repeating: fill, dtype: TensorDType.storage(dtype))),
                        dtypeName: dtype))
            }
            members[name + "_like"] = function(name + "_like", "input, dtype=None, name=None") {
                a, _ throws(Diagnostic) in
                let input = try TensorObject.converting(a.values["input"]?.value ?? .none, range: a.range("input"))
                let dtype = try dtypeName(a, default: input.dtypeName)
                let made = Tensor(shape: input.array.shape, repeating: fill, dtype: TensorDType.storage(dtype))
                return .object(TensorObject(NDArray(made), dtypeName: dtype))
            }
        }
        members["fill"] = function("fill", "dims, value, name=None") { a, _ throws(Diagnostic) in
            let value = try TensorObject.converting(a.values["value"]?.value ?? .none, range: a.range("value"))
            guard value.array.isScalar else { throw Diagnostic("tf.fill takes a scalar value", at: a.range("value")) }
            let shape = try a.shape("dims")
            try ArrayConversion.checkSize(shape, range: a.range("dims"))
            let made = Tensor(shape: shape, repeating: value.array.tensor[flat: 0], dtype: value.array.tensor.dtype)
            return .object(TensorObject(NDArray(made), dtypeName: value.dtypeName))
        }
        members["range"] = function("range", "start, limit=None, delta=1, dtype=None, name=None") {
            a, _ throws(Diagnostic) in
            var bounds = [a.values["start"]?.value ?? .none, a["limit"] ?? .none, a["delta"] ?? .int(1)]
            if bounds[1].isNone { bounds = [.int(0), bounds[0], bounds[2]] }
            let isFloat = bounds.contains { if case .float = $0 { true } else { false } }
            let numbers = try bounds.map { value throws(Diagnostic) -> Double in
                guard let number = value.numericValue else {
                    throw Diagnostic(
                        "tf.range takes numbers; got \(value.typeName)", at: a.callRange, exception: "TypeError")
                }
                return number
            }
            guard numbers[2] != 0 else {
                throw Diagnostic("Requires delta != 0", at: a.range("delta"), exception: "InvalidArgumentError")
            }
            let count = max(0, Int(((numbers[1] - numbers[0]) / numbers[2]).rounded(.up)))
            try ArrayConversion.checkSize([count], range: a.callRange)
            let dtype = try dtypeName(a, default: isFloat ? "float32" : "int32")
            let made = Tensor(shape: [count], dtype: TensorDType.storage(dtype)) {
                Float(numbers[0] + Double($0) * numbers[2])
            }
            return .object(TensorObject(NDArray(made), dtypeName: dtype))
        }
        members["cast"] = function("cast", "x, dtype, name=None") { a, _ throws(Diagnostic) in
            let dtype = try TensorDType.named(a.values["dtype"]?.value ?? .none, range: a.range("dtype"))
            let input = try TensorObject.operand(a.values["x"]?.value ?? .none, range: a.range("x"))
            let cast = ArrayConversion.cast(input.array.tensor, to: TensorDType.storage(dtype))
            return .object(TensorObject(NDArray(cast), dtypeName: dtype))
        }
        members["reshape"] = function("reshape", "tensor, shape, name=None") { a, interpreter throws(Diagnostic) in
            let input = try TensorObject.operand(a.values["tensor"]?.value ?? .none, range: a.range("tensor"))
            let reshaped = try ArrayAttributes.reshape(
                input.array.tensor, [a.values["shape"]?.value ?? .none], range: a.callRange)
            return .object(try TapeMath.reshape(input, reshaped.shape, interpreter, range: a.callRange))
        }
        members["transpose"] = function("transpose", "a, perm=None, conjugate=False, name=None") {
            a, interpreter throws(Diagnostic) in
            if a["perm"] != nil { throw .unsupported("tf.transpose(perm=...) is not supported", at: a.range("perm")) }
            let input = try TensorObject.operand(a.values["a"]?.value ?? .none, range: a.range("a"))
            return .object(TapeMath.transpose(input, interpreter, range: a.callRange))
        }
        members["matmul"] = function("matmul", "a, b, transpose_a=False, transpose_b=False, name=None") {
            a, interpreter throws(Diagnostic) in
            let x = try TensorObject.operand(a.values["a"]?.value ?? .none, range: a.range("a"))
            let y = try TensorObject.operand(a.values["b"]?.value ?? .none, range: a.range("b"))
            guard x.dtypeName == y.dtypeName else {
                // TensorFlow names the dtypes as C does here: float, double.
                let cName = ["float32": "float", "float64": "double"]
                throw Diagnostic(
                    "cannot compute MatMul as input #1(zero-based) was expected to be a "
                        + "\(cName[x.dtypeName] ?? x.dtypeName) "
                        + "tensor but is a \(cName[y.dtypeName] ?? y.dtypeName) tensor [Op:MatMul] name: ",
                    at: a.callRange, exception: "InvalidArgumentError")
            }
            return .object(
                try TapeMath.matmul(
                    x, y, try a.bool("transpose_a", default: false), try a.bool("transpose_b", default: false),
                    interpreter, range: a.callRange))
        }
        members["shape"] = function("shape", "input, out_type=tf.int32, name=None") { a, _ throws(Diagnostic) in
            let input = try TensorObject.converting(a.values["input"]?.value ?? .none, range: a.range("input"))
            return .object(
                TensorObject(NDArray(Tensor(input.array.shape.map(Float.init), dtype: .int64)), dtypeName: "int32"))
        }
        members["Variable"] = function(
            "Variable",
            "initial_value=None, trainable=None, validate_shape=True, caching_device=None, "
                + "name=None, variable_def=None, dtype=None, import_scope=None, constraint=None"
        ) { a, _ throws(Diagnostic) in
            let trainable = try a["trainable"].map { value throws(Diagnostic) in
                value.isNone ? true : try a.bool("trainable", default: true)
            }
            guard let value = a["initial_value"] else {
                throw Diagnostic("tf.Variable needs an initial value", at: a.callRange, exception: "ValueError")
            }
            var dtype: String?
            if let requested = a["dtype"], !requested.isNone {
                dtype = try TensorDType.named(requested, range: a.range("dtype"))
            }
            let tensor = try TensorObject.converting(value, dtype: dtype, range: a.range("initial_value"))
            let name = a["name"] == nil ? "Variable" : try a.string("name")
            let variable = TensorObject(
                NDArray(tensor.array.tensor), dtypeName: tensor.dtypeName, variableName: name + ":0")
            variable.trainable = trainable ?? true
            return .object(variable)
        }
        members["GradientTape"] = GradientTapeObject.constructor
        members["concat"] = function("concat", "values, axis, name=None") { a, interpreter throws(Diagnostic) in
            try TapeMath.concat(a, interpreter)
        }
        return members
    }

    static func dtypeName(_ a: BoundArguments, default fallback: String) throws(Diagnostic) -> String {
        guard let value = a["dtype"], !value.isNone else { return fallback }
        return try TensorDType.named(value, range: a.range("dtype"))
    }

    static func activation(_ activation: Activation) -> Value {
        .object(ActivationFunction(activation))
    }

    /// A NumPy result as a tensor: of `like`'s dtype (cast to it) when given, else of the result's own.
    static func tensor(_ result: Value, like input: TensorObject?, range: SourceRange) throws(Diagnostic) -> Value {
        var made = try ArrayConversion.tensor(result, range: range)
        if case .float = result { made = ArrayConversion.cast(made, to: .float32) }
        guard let input else { return .object(TensorObject(NDArray(made), dtypeName: made.dtype.rawValue)) }
        let storage = input.array.tensor.dtype
        if made.dtype != storage { made = ArrayConversion.cast(made, to: storage) }
        return .object(TensorObject(NDArray(made), dtypeName: input.dtypeName))
    }
}
