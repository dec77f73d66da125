import NNEngine

/// The Keras names of LANGUAGE.md, reachable as `keras.*` and `tf.keras.*` (and their submodules).
enum KerasLibrary {
    static let layerNames = ["Dense", "Input", "InputLayer"] + KerasLayers.names
    static let lossNames = [
        "BinaryCrossentropy", "CategoricalCrossentropy", "SparseCategoricalCrossentropy", "MeanSquaredError",
        "MeanAbsoluteError",
    ]
    static let optimizerNames = ["SGD", "RMSprop", "Adam"]

    static func module(_ dotted: String, _ registry: ModuleRegistry, _ interpreter: Interpreter) -> ModuleObject? {
        let submodules = [
            "layers", "models", "losses", "optimizers", "activations", "metrics", "regularizers", "initializers",
            "utils", "backend", "datasets", "callbacks",
        ]
        switch dotted {
        case "keras":
            var members = topLevel()
            members["Model"] = KerasFunctional.modelClass
            members["__version__"] = .string("3.15.1")  // the Keras 3 release NNLab's behaviour follows
            for name in submodules {
                if let sub = registry.cached("keras." + name, interpreter) { members[name] = .object(sub) }
            }
            return ModuleObject("keras", members)
        case "keras.layers": return ModuleObject(dotted, layers())
        case "keras.models":
            return ModuleObject(dotted, ["Sequential": sequentialClass, "Model": KerasFunctional.modelClass])
        case "keras.losses": return ModuleObject(dotted, losses())
        case "keras.optimizers":
            // `optimizers.legacy` exists in Keras 3 only to say it is gone, when an optimizer is made.
            var members = optimizers()
            var legacy: [String: Value] = [:]
            for name in optimizerNames {
                legacy[name] = function(name, "*args, **kwargs") { a, _ throws(Diagnostic) in
                    throw Diagnostic(
                        "`keras.optimizers.legacy` is not supported in Keras 3. When using `tf.keras`, to continue "
                            + "using a `tf.keras.optimizers.legacy` optimizer, you can install the `tf_keras` package "
                            + "(Keras 2) and set the environment variable `TF_USE_LEGACY_KERAS=True` to configure "
                            + "TensorFlow to use `tf_keras` when accessing `tf.keras`.", at: a.callRange,
                        exception: "ImportError")
                }
            }
            members["legacy"] = .object(ModuleObject("keras.optimizers.legacy", legacy))
            return ModuleObject(dotted, members)
        case "keras.activations": return ModuleObject(dotted, activationFunctions())
        case "keras.metrics": return ModuleObject(dotted, [:])
        case "keras.callbacks": return KerasCallbacks.module()
        case "keras.regularizers": return ModuleObject(dotted, regularizers())
        case "keras.initializers": return ModuleObject(dotted, initializers())
        case "keras.utils": return ModuleObject(dotted, KerasUtils.members())
        case "keras.backend":
            return ModuleObject(
                dotted,
                [
                    "clear_session": function("clear_session", "") { _, interpreter in
                        interpreter.layerNames.reset()
                        return .none
                    },
                    "floatx": function("floatx", "") { _, _ in .string("float32") },
                    "epsilon": function("epsilon", "") { _, _ in .float(1e-7) },
                    "set_floatx": function("set_floatx", "value") { a, interpreter throws(Diagnostic) in
                        try setFloatX(a, interpreter)
                    },
                ])
        default: return KerasDatasets.module(dotted)
        }
    }

    /// `keras.backend.set_floatx`: Keras's check of the name; NNLab's layers compute in float32 only, so
    /// another precision is refused for half floats and warned about (not applied) for float64.
    static func setFloatX(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let value = interpreter.str(a["value"] ?? .none)
        guard ["bfloat16", "float16", "float32", "float64"].contains(value) else {
            throw Diagnostic(
                "Unknown `floatx` value: \(value). Expected one of {'float16', 'float32', 'float64', 'bfloat16'}",
                at: a.callRange, exception: "ValueError")
        }
        if value == "float64" {
            interpreter.warn(
                "UserWarning: NNLab's layers compute in float32; set_floatx('float64') is not applied",
                at: a.callRange)
        } else if value != "float32" {
            throw Diagnostic(
                "set_floatx('\(value)') is not supported in NNLab (layers compute in float32)",
                at: a.callRange)
        }
        return .none
    }

    /// The names bound in every session without an import: the Keras classes and activations a
    /// learner pastes (`Dense(25, sigmoid)`), as the seed program uses them.
    static func preludeNames() -> [String: Value] {
        var names = topLevel()
        names.merge(layers()) { a, _ in a }
        names.merge(losses()) { a, _ in a }
        names.merge(optimizers()) { a, _ in a }
        // Only the classic activations: Keras 3's newer ones (gelu, elu, …) stay in keras.activations.
        let classic = ["linear", "sigmoid", "relu", "tanh", "softmax", "leaky_relu"]
        names.merge(activationFunctions().filter { classic.contains($0.key) }) { a, _ in a }
        return names
    }

    static func topLevel() -> [String: Value] {
        ["Sequential": sequentialClass, "Input": inputFunction]
    }

    static var setRandomSeed: Value {
        function("set_random_seed", "seed") { a, interpreter throws(Diagnostic) in
            let seed = try a.int("seed")
            guard seed >= 0 else { throw Diagnostic("a seed must be non-negative", at: a.range("seed")) }
            interpreter.random.reseed(UInt64(seed))
            return .none
        }
    }

    // MARK: Models and layers

    static var sequentialClass: Value {
        function("Sequential", "layers=None, trainable=True, name=None", summary: "A stack of layers") {
            a, interpreter throws(Diagnostic) in
            let name = a["name"] == nil ? interpreter.layerNames.next("sequential") : try a.string("name")
            let model = ModelObject(
                try engine(a.callRange) { () throws(EngineError) in
                    try Sequential(name: name, random: interpreter.random)
                })
            if let layers = a["layers"] {
                for (index, item) in try interpreter.iterate(layers, range: a.range("layers")).enumerated() {
                    switch item {
                    case .object(let input as InputObject):
                        guard index == 0 else {
                            throw Diagnostic(
                                "Input(...) must be the first item of the layer list", at: a.range("layers"))
                        }
                        try engine(a.range("layers")) { () throws(EngineError) in
                            try model.model.setInput(shape: input.shape)
                        }
                        model.declaredInput = input
                    case .object(let layer as LayerObject):
                        try model.add(layer, range: a.range("layers"))
                    case .object(let inner as ModelObject):
                        try model.add(inner, range: a.range("layers"))
                    default:
                        throw Diagnostic(
                            "Sequential takes a list of layers; item \(index) is a \(item.typeName)",
                            at: a.range("layers"),
                            hint: item.typeName == "function" ? "did you forget to call it, like Dense(10)?" : nil)
                    }
                }
            }
            model.rebuildChain(interpreter)
            return .object(model)
        }
    }

    static var inputFunction: Value {
        function(
            "Input", "shape=None, batch_size=None, dtype=None, sparse=None, batch_shape=None, name=None, tensor=None",
            summary: "Declare the input: Input(shape=(n,)) for n features per example"
        ) { a, interpreter throws(Diagnostic) in
            guard let shapeValue = a["shape"] ?? a["batch_shape"] else {
                throw Diagnostic("Input needs a shape, like Input(shape=(400,))", at: a.callRange)
            }
            var shape = try a.shapeValue(shapeValue, range: a.range("shape"))
            if a["batch_shape"] != nil, !shape.isEmpty { shape.removeFirst() }
            return try input(
                shape, name: a["name"] == nil ? nil : try a.string("name"), range: a.range("shape"), interpreter)
        }
    }

    static func input(_ shape: [Int], name: String?, range: SourceRange, _ interpreter: Interpreter) throws(Diagnostic)
        -> Value
    {
        guard !shape.isEmpty, shape.allSatisfy({ $0 > 0 }) else {
            throw Diagnostic("an input shape must be positive; got \(formatShape(shape))", at: range)
        }
        // Keras names the tensor `keras_tensor` and the InputLayer it stands for `input_layer`, unless named.
        let layerName = name ?? interpreter.layerNames.next("input_layer")
        return .object(
            InputObject(shape: shape, name: name ?? interpreter.layerNames.next("keras_tensor"), layerName: layerName))
    }

    static func layers() -> [String: Value] {
        KerasLayers.constructors().merging([
            "Dense": denseClass,
            "Input": inputFunction,
            "InputLayer": function("InputLayer", "shape=None, batch_size=None, dtype=None, input_shape=None, name=None")
            { a, interpreter throws(Diagnostic) in
                guard let shapeValue = a["shape"] ?? a["input_shape"] else {
                    throw Diagnostic("InputLayer needs a shape, like InputLayer(shape=(400,))", at: a.callRange)
                }
                return try input(
                    try a.shapeValue(shapeValue, range: a.callRange),
                    name: a["name"] == nil ? nil : try a.string("name"),
                    range: a.callRange, interpreter)
            },
        ]) { a, _ in a }
    }

    static var denseClass: Value {
        function(
            "Dense",
            "units, activation=None, use_bias=True, kernel_initializer='glorot_uniform', bias_initializer='zeros', "
                + "kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, "
                + "bias_constraint=None, lora_rank=None, name=None, input_shape=None, input_dim=None, trainable=True, dtype=None",
            summary: "A fully connected layer: a = activation(x·W + b)"
        ) { a, interpreter throws(Diagnostic) in
            for unsupported in [
                "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint", "lora_rank",
            ] where a[unsupported] != nil {
                throw .unsupported("Dense(\(unsupported)=...) is not supported yet", at: a.range(unsupported))
            }
            let units = try a.int("units")
            let activation = try KerasLibrary.activation(from: a["activation"], range: a.range("activation"))
            var inputWidth: Int?
            var inputShape: [Int]?
            if let shape = a["input_shape"] {
                let dimensions = try a.shapeValue(shape, range: a.range("input_shape"))
                guard !dimensions.isEmpty, dimensions.allSatisfy({ $0 > 0 }) else {
                    throw Diagnostic(
                        "an input shape must be positive; got \(formatShape(dimensions))", at: a.range("input_shape"))
                }
                inputShape = dimensions
            }
            if let width = try a.optionalInt("input_dim") { inputWidth = width }
            let useBias = try a.bool("use_bias", default: true)
            let kernelInitializer = try initializer(
                from: a["kernel_initializer"], default: .glorotUniform, range: a.range("kernel_initializer"))
            let biasInitializer = try initializer(
                from: a["bias_initializer"], default: .zeros, range: a.range("bias_initializer"))
            let kernelRegularizer = try regularizer(from: a["kernel_regularizer"], range: a.range("kernel_regularizer"))
            let name = a["name"] == nil ? interpreter.layerNames.next("dense") : try a.string("name")
            let layer = try engine(a.callRange) { () throws(EngineError) in
                try Dense(
                    units: units, activation: activation, useBias: useBias, kernelInitializer: kernelInitializer,
                    biasInitializer: biasInitializer, kernelRegularizer: kernelRegularizer, name: name,
                    inputWidth: inputWidth,
                    inputShape: inputShape)
            }
            layer.trainable = try a.bool("trainable", default: true)
            return .object(LayerObject(layer))
        }
    }

    // MARK: Activations, initializers, regularizers

    static func activationFunctions() -> [String: Value] {
        var functions: [String: Value] = [:]
        for activation in Activation.allCases { functions[activation.name] = .object(ActivationFunction(activation)) }
        functions["swish"] = functions["silu"]  // Keras's other name for it
        return functions
    }

    static func activation(from value: Value?, range: SourceRange) throws(Diagnostic) -> Activation {
        switch value {
        case nil: return .linear
        case .string(let name)?:
            if let activation = Activation(name: name) { return activation }
            throw Diagnostic(
                "unknown activation '\(name)'", at: range,
                hint: didYouMean(name, Activation.allCases.map(\.name)) ?? "NNLab has "
                    + Activation.allCases.map { "'\($0.name)'" }.joined(separator: ", "))
        case .object(let function as ActivationFunction)?: return function.activation
        case let other?:
            throw Diagnostic(
                "activation must be a name like 'relu' or a function like sigmoid; got \(other.typeName)", at: range)
        }
    }

    static func initializers() -> [String: Value] {
        let classes: [(String, Initializer)] = [
            ("GlorotUniform", .glorotUniform), ("GlorotNormal", .glorotNormal), ("HeNormal", .heNormal),
            ("HeUniform", .heUniform),
            ("Zeros", .zeros), ("Ones", .ones),
        ]
        var members: [String: Value] = [:]
        for (name, initializer) in classes {
            members[name] = function(name, "seed=None") { _, _ in .object(InitializerObject(initializer)) }
        }
        members["RandomNormal"] = function("RandomNormal", "mean=0.0, stddev=0.05, seed=None") {
            a, _ throws(Diagnostic) in
            .object(
                InitializerObject(
                    .randomNormal(
                        mean: Float(try a.double("mean", default: 0)),
                        stddev: Float(try a.double("stddev", default: 0.05)))))
        }
        members["RandomUniform"] = function("RandomUniform", "minval=-0.05, maxval=0.05, seed=None") {
            a, _ throws(Diagnostic) in
            .object(
                InitializerObject(
                    .randomUniform(
                        min: Float(try a.double("minval", default: -0.05)),
                        max: Float(try a.double("maxval", default: 0.05)))))
        }
        return members
    }

    static func initializer(from value: Value?, default fallback: Initializer, range: SourceRange) throws(Diagnostic)
        -> Initializer
    {
        switch value {
        case nil: return fallback
        case .string(let name)?:
            if let initializer = Initializer(name: name) { return initializer }
            throw Diagnostic("unknown initializer '\(name)'", at: range, hint: didYouMean(name, Initializer.names.keys))
        case .object(let object as InitializerObject)?: return object.initializer
        case let other?:
            throw Diagnostic("an initializer must be a name like 'he_normal'; got \(other.typeName)", at: range)
        }
    }

    static func regularizers() -> [String: Value] {
        let l1 = function("l1", "l1=0.01") { a, _ throws(Diagnostic) in
            .object(RegularizerObject(.l1(Float(try a.double("l1", default: 0.01)))))
        }
        let l2 = function("l2", "l2=0.01") { a, _ throws(Diagnostic) in
            .object(RegularizerObject(.l2(Float(try a.double("l2", default: 0.01)))))
        }
        let both = function("l1_l2", "l1=0.0, l2=0.0") { a, _ throws(Diagnostic) in
            .object(
                RegularizerObject(
                    Regularizer(l1: Float(try a.double("l1", default: 0)), l2: Float(try a.double("l2", default: 0)))))
        }
        return ["l1": l1, "l2": l2, "l1_l2": both, "L1": l1, "L2": l2, "L1L2": both]
    }

    static func regularizer(from value: Value?, range: SourceRange) throws(Diagnostic) -> Regularizer? {
        switch value {
        case nil: return nil
        case .object(let object as RegularizerObject)?: return object.regularizer
        case .string(let name)? where name == "l1" || name == "l2": return name == "l1" ? .l1() : .l2()
        case let other?:
            throw Diagnostic("kernel_regularizer must be like regularizers.l2(0.01); got \(other.typeName)", at: range)
        }
    }

    // MARK: Losses and optimizers

    static func losses() -> [String: Value] {
        var members: [String: Value] = [:]
        for name in lossNames {
            guard let kind = Loss.Kind(rawValue: name) else { continue }
            let takesLogits = kind != .meanSquaredError && kind != .meanAbsoluteError
            members[name] = function(
                name,
                takesLogits
                    ? "from_logits=False, label_smoothing=0.0, axis=-1, reduction='sum_over_batch_size', name=None"
                    : "reduction='sum_over_batch_size', name=None"
            ) { a, _ throws(Diagnostic) in
                if takesLogits, try a.double("label_smoothing", default: 0) != 0 {
                    throw .unsupported("label_smoothing is not supported", at: a.range("label_smoothing"))
                }
                if a["reduction"] != nil, try a.string("reduction") != "sum_over_batch_size" {
                    throw .unsupported(
                        "only reduction='sum_over_batch_size' (the default) is supported", at: a.range("reduction"))
                }
                return .object(
                    LossObject(Loss(kind, fromLogits: takesLogits ? try a.bool("from_logits", default: false) : false)))
            }
            members[Loss(kind).functionName] = .object(LossObject(Loss(kind), isFunction: true))
        }
        members["mse"] = .object(LossObject(Loss(.meanSquaredError), isFunction: true))
        members["mae"] = .object(LossObject(Loss(.meanAbsoluteError), isFunction: true))
        return members
    }

    static func loss(from value: Value, range: SourceRange) throws(Diagnostic) -> Loss {
        switch value {
        case .string(let name):
            if let kind = Loss.names[name] { return Loss(kind) }
            let candidates = Array(Loss.names.keys) + lossNames
            var hint = didYouMean(name, candidates)
            if lossNames.contains(name) { hint = "write the class with parentheses: loss=\(name)()" }
            throw Diagnostic(
                "unknown loss '\(name)'", at: range,
                hint: hint ?? "try 'binary_crossentropy', 'sparse_categorical_crossentropy' or 'mse'")
        case .object(let object as LossObject): return object.loss
        case .object(let object as BuiltinFunction) where lossNames.contains(object.name):
            throw Diagnostic(
                "loss=\(object.name) is the class; make a loss object with parentheses", at: range,
                hint: "loss=\(object.name)()")
        default:
            throw Diagnostic(
                "loss must be a loss object like BinaryCrossentropy() or a name like 'mse'; got \(value.typeName)",
                at: range)
        }
    }

    static func optimizers() -> [String: Value] {
        [
            "SGD": function(
                "SGD",
                "learning_rate=0.01, momentum=0.0, nesterov=False, weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None, name='SGD', **kwargs"
            ) { a, interpreter throws(Diagnostic) in
                try rejectClipping(a, interpreter)
                let rate = Float(try a.double("learning_rate", default: 0.01))
                let momentum = Float(try a.double("momentum", default: 0))
                let nesterov = try a.bool("nesterov", default: false)
                let sgd = try engine(a.callRange) { () throws(EngineError) in
                    try SGD(learningRate: rate, momentum: momentum, nesterov: nesterov)
                }
                return .object(OptimizerObject(sgd))
            },
            "RMSprop": function(
                "RMSprop",
                "learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-07, centered=False, weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None, name='rmsprop', **kwargs"
            ) { a, interpreter throws(Diagnostic) in
                try rejectClipping(a, interpreter)
                if try a.double("momentum", default: 0) != 0 {
                    throw .unsupported("RMSprop(momentum=...) is not supported", at: a.range("momentum"))
                }
                if try a.bool("centered", default: false) {
                    throw .unsupported("RMSprop(centered=True) is not supported", at: a.range("centered"))
                }
                return .object(
                    OptimizerObject(
                        RMSprop(
                            learningRate: Float(try a.double("learning_rate", default: 0.001)),
                            rho: try a.double("rho", default: 0.9), epsilon: try a.double("epsilon", default: 1e-7))))
            },
            "Adam": function(
                "Adam",
                "learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07, amsgrad=False, weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None, name='adam', **kwargs"
            ) { a, interpreter throws(Diagnostic) in
                try rejectClipping(a, interpreter)
                if try a.bool("amsgrad", default: false) {
                    throw .unsupported("Adam(amsgrad=True) is not supported", at: a.range("amsgrad"))
                }
                return .object(
                    OptimizerObject(
                        Adam(
                            learningRate: Float(try a.double("learning_rate", default: 0.001)),
                            beta1: try a.double("beta_1", default: 0.9), beta2: try a.double("beta_2", default: 0.999),
                            epsilon: try a.double("epsilon", default: 1e-7))))
            },
        ]
    }

    /// Keras 3's optimizers take `**kwargs` and refuse the ones they do not know (Keras 2's `lr`, `decay`).
    static func rejectClipping(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) {
        if a.keywords.contains(where: { $0.name == "decay" && !$0.value.isNone }) {
            interpreter.warn(
                "UserWarning: Argument `decay` is no longer supported and will be ignored.", at: a.callRange)
        }
        let unknown = a.keywords.filter { $0.name != "decay" }
        if !unknown.isEmpty {
            let shown = unknown.map { "'\($0.name)': \(interpreter.repr($0.value))" }.joined(separator: ", ")
            var error = Diagnostic("Argument(s) not recognized: {\(shown)}", at: a.callRange, exception: "ValueError")
            if unknown.contains(where: { $0.name == "lr" }) { error.hint = "Keras 3 calls it 'learning_rate'" }
            throw error
        }
        for name in ["weight_decay", "clipnorm", "clipvalue", "global_clipnorm"] where a[name] != nil {
            throw .unsupported("\(name) is not supported yet", at: a.range(name))
        }
    }

    static func optimizer(from value: Value, range: SourceRange) throws(Diagnostic) -> Optimizer {
        switch value {
        case .string(let name):
            if let optimizer = makeOptimizer(named: name) { return optimizer }
            throw Diagnostic(
                "unknown optimizer '\(name)'", at: range,
                hint: didYouMean(name, ["sgd", "rmsprop", "adam"]) ?? "try 'adam', 'sgd' or 'rmsprop'")
        case .object(let object as OptimizerObject): return object.optimizer
        case .object(let object as BuiltinFunction) where optimizerNames.contains(object.name):
            throw Diagnostic(
                "optimizer=\(object.name) is the class; make an optimizer with parentheses", at: range,
                hint: "optimizer=\(object.name)(learning_rate=0.001)")
        default:
            throw Diagnostic(
                "optimizer must be like Adam(learning_rate=0.001) or a name like 'adam'; got \(value.typeName)",
                at: range)
        }
    }
}
