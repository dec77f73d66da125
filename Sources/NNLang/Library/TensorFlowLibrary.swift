/// The `tensorflow` module as Keras code reaches into it: `tf.keras`, `tf.nn`, `tf.random.set_seed`.
enum TensorFlowLibrary {
    static func module(_ registry: ModuleRegistry, _ interpreter: Interpreter) -> ModuleObject {
        var members: [String: Value] = [
            "float32": .object(DTypeObject(.float32)), "float64": .object(DTypeObject(.float64)),
            "__version__": .string("2.21.0 (NNLab)"),
        ]
        for name in ["keras", "nn", "random", "autograph"] {
            let path = name == "keras" ? "keras" : "tensorflow." + name
            if let module = registry.cached(path, interpreter) { members[name] = .object(module) }
        }
        return ModuleObject("tensorflow", members)
    }

    static func randomModule() -> ModuleObject {
        ModuleObject("tensorflow.random", ["set_seed": KerasLibrary.setRandomSeed])
    }

    /// `tf.autograph.set_verbosity(0)`, a line of the course's boilerplate; NNLab has no autograph to quiet.
    static func autographModule() -> ModuleObject {
        ModuleObject("tensorflow.autograph", ["set_verbosity": function("set_verbosity", "level, alsologtostdout=False") { _, _ in .none }])
    }
}

/// `time.time()` and `time.perf_counter()`, and the `logging` calls of the course's boilerplate.
enum TimeLibrary {
    static func module() -> ModuleObject {
        ModuleObject("time", [
            "time": function("time", "") { _, _ in .float(wallClock()) },
            "perf_counter": function("perf_counter", "") { _, _ in .float(ProgressBar.now()) },
        ])
    }

    static func wallClock() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// `logging.getLogger("tensorflow").setLevel(logging.ERROR)`: accepted so pasted notebooks run;
    /// NNLab's engine logs nothing to quiet.
    static func loggingModule() -> ModuleObject {
        let logger = ModuleObject("logging.Logger", ["setLevel": function("setLevel", "level") { _, _ in .none }])
        return ModuleObject("logging", [
            "getLogger": function("getLogger", "name=None") { _, _ in .object(logger) },
            "ERROR": .int(40), "WARNING": .int(30), "INFO": .int(20), "DEBUG": .int(10),
        ])
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
