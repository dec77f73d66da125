/// The modules a program can import, built on first import and shared, so `tf.keras.layers.Dense`
/// and `from keras.layers import Dense` are the same object.
final class ModuleRegistry {
    private var cache: [String: ModuleObject] = [:]
    /// The program's own modules (helper files beside it) and whose globals are live.
    let programModules = ProgramModuleState()
    /// The global legacy generator behind `np.random.*`, made on first use from the session's seed.
    private var numpyRandom: NumPyRandomState?
    /// `np.set_printoptions`'s settings for this session.
    var numpyPrintOptions = PrintOptions()
    /// The session's loggers (`logging.getLogger`, `tf.get_logger()`).
    let logging = LoggingModule()
    /// pyplot's figures and notes for this session.
    let matplotlib = MatplotlibState()

    func numpyRandomState(_ interpreter: Interpreter) -> NumPyRandomState {
        if let numpyRandom { return numpyRandom }
        let state = NumPyRandomState(seed: UInt32(truncatingIfNeeded: interpreter.options.seed))
        numpyRandom = state
        return state
    }

    /// What to import for names people use without importing them.
    static let importHints: [String: String] = [
        "np": "import numpy as np", "numpy": "import numpy as np", "tf": "import tensorflow as tf",
        "keras": "import keras", "time": "import time", "plt": "import matplotlib.pyplot as plt",
        "train_test_split": "from sklearn.model_selection import train_test_split",
        "StandardScaler": "from sklearn.preprocessing import StandardScaler",
        "MinMaxScaler": "from sklearn.preprocessing import MinMaxScaler",
        "OneHotEncoder": "from sklearn.preprocessing import OneHotEncoder",
        "LabelEncoder": "from sklearn.preprocessing import LabelEncoder",
        "accuracy_score": "from sklearn.metrics import accuracy_score",
        "confusion_matrix": "from sklearn.metrics import confusion_matrix",
        "load_iris": "from sklearn.datasets import load_iris",
        "LinearRegression": "from sklearn.linear_model import LinearRegression",
        "SGDRegressor": "from sklearn.linear_model import SGDRegressor",
        "LogisticRegression": "from sklearn.linear_model import LogisticRegression",
        "to_categorical": "from keras.utils import to_categorical",
        "mnist": "from keras.datasets import mnist",
        "fashion_mnist": "from keras.datasets import fashion_mnist",
    ]

    /// Every dotted path that can be imported, and where its members come from.
    static let supported: [String] =
        [
            "numpy", "numpy.random", "numpy.linalg",
            "tensorflow", "tensorflow.keras", "tensorflow.keras.layers", "tensorflow.keras.models",
            "tensorflow.keras.losses", "tensorflow.keras.optimizers", "tensorflow.keras.activations",
            "tensorflow.keras.metrics",
            "tensorflow.keras.regularizers", "tensorflow.keras.initializers", "tensorflow.keras.utils",
            "tensorflow.keras.backend",
            "tensorflow.keras.callbacks", "keras.callbacks", "tensorflow.math",
            "tensorflow.nn", "tensorflow.random", "tensorflow.autograph",
            "keras", "keras.layers", "keras.models", "keras.losses", "keras.optimizers", "keras.activations",
            "keras.metrics",
            "keras.regularizers", "keras.initializers", "keras.utils", "keras.backend", "keras.datasets",
            "keras.datasets.mnist",
            "keras.datasets.fashion_mnist", "keras.datasets.boston_housing", "tensorflow.keras.datasets",
            "sklearn", "sklearn.datasets", "sklearn.model_selection", "sklearn.preprocessing", "sklearn.metrics",
            "sklearn.linear_model", "sklearn.exceptions", "scipy", "scipy.stats", "scipy.special",
            "time", "logging",
            "math", "random", "copy", "functools", "itertools", "statistics", "string", "collections",
            "dataclasses", "operator", "pathlib", "traceback",
            "os", "os.path", "sys", "warnings", "IPython", "IPython.display", "packaging", "packaging.version",
            "matplotlib", "matplotlib.pyplot", "matplotlib.colors", "matplotlib.cm", "matplotlib.style",
            "matplotlib.image",
        ] + ModuleRegistry.skippedPlotting

    /// matplotlib's modules of things a terminal does not draw: every member is accepted and skipped.
    static let skippedPlotting = [
        "matplotlib.widgets", "matplotlib.patches", "matplotlib.gridspec", "matplotlib.animation", "matplotlib.ticker",
        "matplotlib.lines", "matplotlib.patheffects", "matplotlib.collections", "matplotlib.markers",
        "matplotlib.font_manager",
        "matplotlib.backends", "mpl_toolkits", "mpl_toolkits.mplot3d", "mpl_toolkits.axes_grid1", "ipywidgets",
    ]

    func module(_ path: [String], range: SourceRange, _ interpreter: Interpreter) throws(Diagnostic) -> ModuleObject {
        var dotted = path.joined(separator: ".")
        if dotted.hasPrefix("tensorflow.python.keras") {
            dotted = dotted.replacingOccurrences(of: "tensorflow.python.keras", with: "keras")
        }
        if dotted.hasPrefix("tensorflow.keras") { dotted = "keras" + dotted.dropFirst("tensorflow.keras".count) }
        if dotted == "keras.src" || dotted.hasPrefix("keras.src.") { dotted = "keras" }
        if let module = cached(dotted, interpreter) { return module }
        if path.count == 1, let module = try interpreter.programModule(path[0], range: range) { return module }
        let top = path[0]
        var hint = didYouMean(dotted, ModuleRegistry.supported).map { $0 }
        if top == "pandas" || top == "torch" || top == "scipy" { hint = nil }
        throw .unsupported(
            "the module '\(dotted)' is not available in NNLab", at: range,
            hint: hint ?? "available: numpy, tensorflow (tf.keras), keras, sklearn, time, "
                + "or a helper file beside the program (\(path[0]).py)")
    }

    /// The module at `dotted`, made on first use; nil when there is no such module.
    func cached(_ dotted: String, _ interpreter: Interpreter) -> ModuleObject? {
        if let module = cache[dotted] { return module }
        let module = make(dotted, interpreter)
        cache[dotted] = module
        return module
    }

    /// `from module import name`: the member, or a located error naming what the module has.
    func member(_ name: String, of module: ModuleObject, path: [String], range: SourceRange, _ interpreter: Interpreter)
        throws(Diagnostic) -> Value?
    {
        if let value = module.members[name] { return value }
        if let value = module.fallback?(name) { return value }
        if let submodule = try? self.module(path + [name], range: range, interpreter) { return .object(submodule) }
        throw Diagnostic(
            "cannot import name '\(name)' from '\(path.joined(separator: "."))'", at: range,
            hint: didYouMean(name, module.members.keys) ?? elsewhere(name))
    }

    /// Where a name lives when it was imported from the wrong module.
    private func elsewhere(_ name: String) -> String? {
        for (path, names) in [
            ("tensorflow.keras.layers", KerasLibrary.layerNames), ("tensorflow.keras.losses", KerasLibrary.lossNames),
            ("tensorflow.keras.optimizers", KerasLibrary.optimizerNames),
            ("tensorflow.keras.models", ["Sequential", "Model"]),
        ]
        where names.contains(name) {
            return "it is in \(path): from \(path) import \(name)"
        }
        return nil
    }

    private func make(_ dotted: String, _ interpreter: Interpreter) -> ModuleObject? {
        switch dotted {
        case "numpy":
            return NumPyLibrary.module(
                interpreter, random: cached("numpy.random", interpreter), linalg: cached("numpy.linalg", interpreter))
        case "numpy.random": return NumPyRandom.module(interpreter)
        case "numpy.linalg": return LinearAlgebra.module()
        case "tensorflow": return TensorFlowLibrary.module(self, interpreter)
        case "tensorflow.nn":
            // The same activation functions as keras.activations (tensors out), so Dense(activation=tf.nn.relu) works.
            return ModuleObject("tensorflow.nn", KerasLibrary.activationFunctions())
        case "tensorflow.random": return TensorFlowLibrary.randomModule()
        case "tensorflow.math":
            return ModuleObject("tensorflow.math", TensorOperations.mathMembers(cached("numpy", interpreter)))
        case "tensorflow.autograph": return TensorFlowLibrary.autographModule()
        case "sklearn":
            let parts = ["datasets", "model_selection", "preprocessing", "metrics", "linear_model", "exceptions"]
            var members = Dictionary(
                uniqueKeysWithValues: parts.compactMap { part in
                    cached("sklearn." + part, interpreter).map { (part, Value.object($0)) }
                })
            members["__version__"] = .string("1.9.1")  // the scikit-learn release NNLab's behaviour follows
            return ModuleObject("sklearn", members)
        case "sklearn.datasets": return Datasets.module()
        case "sklearn.model_selection": return ScikitLearnModelSelection.module()
        case "sklearn.preprocessing": return ScikitLearnPreprocessing.module()
        case "sklearn.metrics": return ScikitLearnMetrics.module()
        case "sklearn.linear_model": return ScikitLearnLinearModel.module()
        case "sklearn.exceptions": return ScikitLearnLinearModel.exceptionsModule()
        case "scipy":
            return ScipyLibrary.module(
                stats: cached("scipy.stats", interpreter), special: cached("scipy.special", interpreter))
        case "scipy.stats": return ScipyLibrary.statsModule()
        case "scipy.special": return ScipyLibrary.specialModule()
        case "time": return TimeLibrary.module()
        case "logging": return logging.module(interpreter)
        case "math": return MathModule.module()
        case "random": return PythonRandom.module(PythonRandom(seed: interpreter.options.seed))
        case "copy": return CopyModule.module()
        case "functools": return FunctoolsModule.module()
        case "itertools": return ItertoolsModule.module()
        case "statistics": return StatisticsModule.module()
        case "string": return StatisticsModule.stringModule()
        case "collections": return CollectionsModule.module()
        case "dataclasses": return DataclassesModule.module()
        case "operator": return DataclassesModule.operatorModule()
        case "os": return SystemModules.os(path: cached("os.path", interpreter))
        case "os.path": return SystemModules.osPath()
        case "pathlib": return PathType.module()
        case "traceback": return TracebackModule.module()
        case "sys": return SystemModules.sys(interpreter)
        case "packaging": return PackagingModule.packaging(version: cached("packaging.version", interpreter))
        case "packaging.version": return PackagingModule.version()
        case "warnings": return SystemModules.warnings(interpreter)
        case "IPython":
            return ModuleObject(
                "IPython", cached("IPython.display", interpreter).map { ["display": .object($0)] } ?? [:])
        case "IPython.display": return SystemModules.ipythonDisplay()
        case "matplotlib.pyplot": return Pyplot.module(matplotlib, self, interpreter)
        case "matplotlib.colors": return Pyplot.colorsModule(matplotlib)
        case "matplotlib.cm": return Pyplot.cmModule(matplotlib)
        case "matplotlib.style": return Pyplot.styleModule()
        case "matplotlib.gridspec": return GridSpecs.module(matplotlib)
        case "matplotlib.image": return MatplotlibImage.module(matplotlib)
        case "matplotlib":
            return Pyplot.topModule(
                matplotlib, cached("matplotlib.pyplot", interpreter), cached("matplotlib.colors", interpreter),
                cached("matplotlib.cm", interpreter))
        default:
            if dotted == "keras" || dotted.hasPrefix("keras.") { return KerasLibrary.module(dotted, self, interpreter) }
            if ModuleRegistry.skippedPlotting.contains(dotted) { return Pyplot.skippedModule(dotted, matplotlib) }
            return nil
        }
    }
}
