/// Python's built-in exception classes, each with its base class, for `except` and tracebacks.
public enum PythonExceptions {
    public static let bases: [String: String] = [
        "Exception": "BaseException", "KeyboardInterrupt": "BaseException", "SystemExit": "BaseException",
        "GeneratorExit": "BaseException",
        "ArithmeticError": "Exception", "ZeroDivisionError": "ArithmeticError", "OverflowError": "ArithmeticError",
        "FloatingPointError": "ArithmeticError", "LookupError": "Exception", "IndexError": "LookupError",
        "KeyError": "LookupError", "ValueError": "Exception", "TypeError": "Exception", "NameError": "Exception",
        "UnboundLocalError": "NameError", "AttributeError": "Exception", "RuntimeError": "Exception",
        "RecursionError": "RuntimeError", "NotImplementedError": "RuntimeError", "StopIteration": "Exception",
        "AssertionError": "Exception", "MemoryError": "Exception", "ImportError": "Exception",
        "ModuleNotFoundError": "ImportError", "OSError": "Exception", "FileNotFoundError": "OSError",
        "FileExistsError": "OSError", "IsADirectoryError": "OSError", "NotADirectoryError": "OSError",
        "PermissionError": "OSError", "io.UnsupportedOperation": "OSError",
        "EOFError": "Exception", "SyntaxError": "Exception", "UnicodeError": "ValueError",
        "Warning": "Exception", "UserWarning": "Warning", "RuntimeWarning": "Warning",
        "DeprecationWarning": "Warning", "FutureWarning": "Warning", "PendingDeprecationWarning": "Warning",
        "SyntaxWarning": "Warning", "StatisticsError": "ValueError", "LinAlgError": "ValueError",
        "ImportWarning": "Warning", "ResourceWarning": "Warning",
        // scikit-learn's own (sklearn.exceptions).
        "NotFittedError": "ValueError", "ConvergenceWarning": "UserWarning",
        "InvalidParameterError": "ValueError",  // also a TypeError in scikit-learn
    ]

    /// Whether `name` is `base` or derives from it.
    public static func isSubclass(_ name: String, of base: String) -> Bool {
        var current: String? = name
        while let c = current {
            if c == base { return true }
            current = bases[c]
        }
        return false
    }
}

extension Diagnostic {
    /// The Python exception class a learner would catch for this error.
    public var exceptionName: String {
        if let exception { return exception }
        switch kind {
        case .syntax: return "SyntaxError"
        case .unsupported: return "NotImplementedError"
        case .error: break
        }
        let rules: [(String, String)] = [
            ("cannot access local variable", "UnboundLocalError"), ("cannot access free variable", "NameError"),
            ("is not defined", "NameError"), ("division by zero", "ZeroDivisionError"),
            ("modulo by zero", "ZeroDivisionError"), ("out of range", "IndexError"), ("out of bounds", "IndexError"),
            ("KeyError", "KeyError"), ("has no attribute", "AttributeError"), ("recursion", "RecursionError"),
            ("interrupted (Ctrl-C)", "KeyboardInterrupt"), ("No such file", "FileNotFoundError"),
            ("not found", "FileNotFoundError"), ("memory", "MemoryError"), ("too large", "OverflowError"),
            ("module", "ModuleNotFoundError"), ("not callable", "TypeError"), ("unsupported operand", "TypeError"),
            ("can only concatenate", "TypeError"), ("positional argument", "TypeError"),
            ("keyword argument", "TypeError"), ("required argument", "TypeError"), ("not iterable", "TypeError"),
            ("not subscriptable", "TypeError"), ("indices must be", "TypeError"), ("must be", "TypeError"),
            ("not supported between", "TypeError"), ("object does not support", "TypeError"),
        ]
        for (words, name) in rules where message.contains(words) { return name }
        if message.hasPrefix("'") && message.contains("' object") { return "TypeError" }
        return "ValueError"
    }
}
