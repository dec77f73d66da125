import NNEngine

/// The `tensorflow` module as Keras code reaches into it: `tf.keras`, `tf.nn`, `tf.random.set_seed`.
enum TensorFlowLibrary {
    static func module(_ registry: ModuleRegistry, _ interpreter: Interpreter) -> ModuleObject {
        let numpy = registry.cached("numpy", interpreter)
        var members: [String: Value] = [
            "__version__": .string("2.21.0"),  // the TensorFlow whose Keras NNLab follows
            "get_logger": function("get_logger", "") { _, _ in .object(registry.logging.logger("tensorflow")) },
            "constant": function("constant", "value, dtype=None, shape=None, name=None") { a, _ throws(Diagnostic) in
                try TensorObject.make(a, "constant")
            },
            // `@tf.function` and `@tf.function(jit_compile=True)`: the function runs as written.
            "function": function("function", "func=None, **options") { a, _ in
                if let callee = a["func"] { return callee }
                return function("decorator", "func") { b, _ in b.values["func"]?.value ?? .none }
            },
            "convert_to_tensor": function("convert_to_tensor", "value, dtype=None, dtype_hint=None, name=None") {
                a, _ throws(Diagnostic) in
                try TensorObject.make(a, "convert_to_tensor")
            },
        ]
        members.merge(TensorOperations.members(numpy)) { old, _ in old }
        for name in ["keras", "nn", "random", "autograph", "math"] {
            let path = name == "keras" ? "keras" : "tensorflow." + name
            if let module = registry.cached(path, interpreter) { members[name] = .object(module) }
        }
        // `tf.optimizers.Adam`, `tf.losses.…`: TensorFlow 2's short names for Keras's modules.
        for name in ["optimizers", "losses", "activations", "initializers"] {
            if let module = registry.cached("keras." + name, interpreter) { members[name] = .object(module) }
        }
        return ModuleObject("tensorflow", members)
    }

    /// `tf.random`: `set_seed`, and `normal`/`uniform` tensors drawn from NNLab's own stream (the one
    /// `set_seed` restarts); TensorFlow's Philox numbers are not reproduced, only their distribution.
    static func randomModule() -> ModuleObject {
        ModuleObject(
            "tensorflow.random",
            [
                "set_seed": KerasLibrary.setRandomSeed,
                "normal": function("normal", "shape, mean=0.0, stddev=1.0, dtype=tf.float32, seed=None, name=None") {
                    a, interpreter throws(Diagnostic) in
                    let (mean, stddev) = (try a.double("mean", default: 0), try a.double("stddev", default: 1))
                    return try randomTensor(a, interpreter) { mean + stddev * $0.nextNormal() }
                },
                "uniform": function("uniform", "shape, minval=0, maxval=None, dtype=tf.float32, seed=None, name=None") {
                    a, interpreter throws(Diagnostic) in
                    let (low, high) = (try a.double("minval", default: 0), try a.double("maxval", default: 1))
                    return try randomTensor(a, interpreter) { low + (high - low) * $0.nextDouble() }
                },
            ])
    }

    /// A float tensor of `shape` whose every element is `draw`n in turn.
    private static func randomTensor(
        _ a: BoundArguments, _ interpreter: Interpreter, _ draw: (inout RandomGenerator) -> Double
    ) throws(Diagnostic) -> Value {
        let dtype = try TensorOperations.dtypeName(a, default: "float32")
        guard dtype == "float32" || dtype == "float64" else {
            throw .unsupported(
                "tf.random with dtype \(dtype) is not supported; use a float dtype", at: a.range("dtype"))
        }
        let shape = try a.shape("shape")
        try ArrayConversion.checkSize(shape, range: a.range("shape"))
        let count = shape.reduce(1, *)
        let values = interpreter.random.draw { generator in (0..<count).map { _ in draw(&generator) } }
        let made = Tensor(shape: shape, dtype: TensorDType.storage(dtype)) { Float(values[$0]) }
        return .object(TensorObject(NDArray(made), dtypeName: dtype))
    }

    /// `tf.autograph.set_verbosity(0)`, a line of the course's boilerplate; NNLab has no autograph to quiet.
    static func autographModule() -> ModuleObject {
        ModuleObject(
            "tensorflow.autograph",
            ["set_verbosity": function("set_verbosity", "level, alsologtostdout=False") { _, _ in .none }])
    }
}

/// `time.time()`, `time.perf_counter()` and `time.sleep()`.
enum TimeLibrary {
    static func module() -> ModuleObject {
        ModuleObject(
            "time",
            [
                "time": function("time", "") { _, _ in .float(wallClock()) },
                "perf_counter": function("perf_counter", "") { _, _ in .float(ProgressBar.now()) },
                "sleep": function("sleep", "secs") { a, _ throws(Diagnostic) in
                    let seconds = try a.double("secs")
                    guard seconds >= 0, seconds.isFinite else {
                        throw Diagnostic("ValueError: sleep length must be non-negative", at: a.range("secs"))
                    }
                    usleep(UInt32(min(seconds, 3600) * 1_000_000))
                    return .none
                },
            ])
    }

    static func wallClock() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
