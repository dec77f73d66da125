/// The names and literal pools the grammar-based generator draws from: the language's builtins,
/// its NumPy, Keras and scikit-learn names, the methods of its values, and literals chosen to sit
/// at the edges (huge, tiny, negative zero, NaN, non-ASCII, control characters).
enum Vocabulary {
    static let builtins = [
        "print", "len", "range", "list", "tuple", "dict", "str", "repr", "int", "float", "bool", "abs", "round",
        "min", "max", "sum", "type", "isinstance", "sorted", "zip", "enumerate", "help", "seed", "explain",
        "make_xor", "make_spiral", "show", "plot", "heatmap", "diagram", "set", "frozenset", "next", "iter",
        "compare", "plot_boundary", "reversed", "any", "all", "map", "filter", "hash", "id", "callable",
    ]
    static let numpyFunctions = [
        "array", "asarray", "zeros", "ones", "full", "zeros_like", "ones_like", "arange", "linspace", "eye",
        "dot", "matmul", "exp", "log", "log10", "sqrt", "tanh", "sin", "cos", "abs", "absolute", "square",
        "sign", "floor", "ceil", "round", "maximum", "minimum", "power", "where", "clip", "reshape",
        "transpose", "tile", "concatenate", "vstack", "hstack", "shape", "copy", "count_nonzero",
        "expand_dims", "mean", "sum", "max", "min", "argmax", "argmin", "std", "var", "isnan",
    ]
    static let randomFunctions = [
        "seed", "rand", "randn", "random", "normal", "uniform", "randint", "permutation", "shuffle", "choice",
    ]
    static let kerasConstructors = [
        "Sequential", "Dense", "Input", "InputLayer", "SGD", "RMSprop", "Adam", "BinaryCrossentropy",
        "CategoricalCrossentropy", "SparseCategoricalCrossentropy", "MeanSquaredError", "MeanAbsoluteError",
    ]
    static let datasets = ["load_digits", "make_moons", "make_circles", "make_blobs"]
    static let activations = [
        "'sigmoid'", "'relu'", "'linear'", "'tanh'", "'softmax'", "'leaky_relu'", "sigmoid",
        "relu", "'Sigmoid'", "None", "'swish'", "''",
    ]
    static let losses = [
        "'binary_crossentropy'", "'mse'", "'mae'", "'categorical_crossentropy'",
        "'sparse_categorical_crossentropy'", "BinaryCrossentropy()", "MeanSquaredError()",
        "BinaryCrossentropy(from_logits=True)", "'hinge'", "None",
    ]
    static let optimizers = [
        "'adam'", "'sgd'", "'rmsprop'", "Adam(0.01)", "SGD(learning_rate=0.1, momentum=0.9)",
        "RMSprop()", "Adam(learning_rate=1e30)", "SGD(-1)", "'nadam'",
    ]
    static let methods = [
        // str
        "count", "index", "upper", "lower", "strip", "startswith", "endswith", "replace", "split", "join", "format",
        // list and dict
        "append", "extend", "insert", "pop", "copy", "reverse", "clear", "keys", "values", "items", "get",
        // ndarray
        "reshape", "astype", "tolist", "flatten", "squeeze", "item", "transpose", "mean", "sum", "max", "min",
        "argmax", "std",
        // models and layers
        "add", "summary", "get_layer", "get_weights", "set_weights", "count_params", "step", "explain",
        "compile", "fit", "predict", "evaluate", "numpy",
        // sets, generators, collections
        "discard", "union", "intersection", "difference", "issubset", "send", "throw", "close", "most_common",
        "rotate", "appendleft",
    ]
    static let attributes = [
        "shape", "ndim", "size", "dtype", "T", "layers", "name", "built", "weights", "optimizer", "loss",
        "units", "activation", "kernel", "history", "epoch", "params", "learning_rate", "data", "target",
        "images", "input_shape", "output_shape", "real", "imag",
    ]
    static let keywords = [
        "axis", "dtype", "activation", "units", "epochs", "batch_size", "verbose", "loss", "optimizer",
        "metrics", "learning_rate", "name", "shape", "size", "sep", "end", "reverse", "start", "keepdims",
        "validation_split", "shuffle", "n_samples", "noise", "random_state", "return_X_y", "explain", "lr",
    ]
    static let dtypes = [
        "float", "int", "bool", "'float32'", "'int64'", "'uint8'", "np.float32", "np.int64",
        "'complex'", "str",
    ]
    static let modules = [
        "numpy", "numpy as np", "tensorflow as tf", "keras", "tensorflow.keras.layers",
        "sklearn.datasets", "math", "os", "nosuchmodule", "numpy.random", "tensorflow.keras",
        "itertools", "collections", "functools", "statistics", "matplotlib.pyplot as plt",
    ]
    static let fromImports = [
        "from tensorflow.keras.layers import Dense", "from tensorflow.keras import Sequential",
        "from tensorflow.keras.models import Sequential", "from keras.optimizers import Adam, SGD",
        "from sklearn.datasets import make_moons, load_digits", "from numpy import *",
        "from tensorflow.keras.losses import BinaryCrossentropy as BCE", "from keras.layers import Nope",
        "from itertools import count, islice, product", "from collections import Counter, deque, defaultdict",
        "from functools import reduce, partial, lru_cache", "from statistics import mean, median, stdev",
        "import matplotlib.pyplot as plt",
    ]

    /// Integer literals, many at the edges of 64 bits.
    static let oddIntegers = [
        "0", "1", "-1", "2", "3", "7", "10", "255", "256", "1000", "65536", "2147483647", "4294967296",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "18446744073709551616",
        "99999999999999999999999999999999", "0x10", "0o17", "0b101", "1_000_000", "00", "10**18", "2**63",
        "-2**63", "2**64", "10**100", "-0",
    ]
    static let oddFloats = [
        "0.0", "-0.0", "0.5", "1.5", "3.14159", "1e-7", "1e308", "1.8e308", "-1e308", "5e-324", "1e-400",
        "2.5e10", ".5", "5.", "1e", "float('inf')", "float('-inf')", "float('nan')", "np.inf", "-np.inf",
        "np.nan", "1e3", "123456789.123456789",
    ]
    static let oddStrings = [
        "''", "'a'", "'abc'", "\"hello world\"", "'relu'", "'%d %s'", "'{}'", "'{0}{1}'", "'\\n'", "'\\t\\\\'",
        "'é'", "'日本語'", "'🙂'", "'\\u00e9'", "'\\x00'", "'\\0'", "'\\N{BULLET}'", "\"it's\"", "'''tri\nple'''",
        "'\\''", "r'\\d'", "b'bytes'", "'%'", "'%5.2f'", "'%(a)s'", "'{:>10}'", "'{:.3e}'", "'a' * 3",
        "'\\U0001F600'", "'\\uD800'",
    ]
    /// The literals above that NNLab refuses before running anything: not valid syntax (Python takes a
    /// lone surrogate), or integers past 64 bits.
    static let invalidSyntax: Set<String> = [
        "1e", "b'bytes'", "'\\uD800'", "9223372036854775808",
        "-9223372036854775808", "18446744073709551616",
        "99999999999999999999999999999999",
    ]

    /// Format specs for f-strings and `format`, valid and not.
    static let formatSpecs = [
        "", ":d", ":.2f", ":>10", ":<5", ":^7", ":05d", ":,", ":.1%", ":.3e", ":x", ":b", ":10.4f", ":+d",
        ":.0f", ":e", ":g", ":s", ":>1000", ":.999f", ":99999", ":.", ":%", ":z", "!r", "!s", "!a", ":*^9",
        ":_", ":=+8", ":#x",
    ]
}
