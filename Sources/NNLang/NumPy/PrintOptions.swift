/// NumPy's print options (`np.set_printoptions`), kept per session as NumPy keeps them per process.
/// `np.printoptions(...)` is a context manager with `__enter__`/`__exit__` for when the language has `with`.
public struct PrintOptions: Sendable, Equatable {
    /// Most digits after the point (NumPy's `maxprec` float mode).
    public var precision = 8
    /// Arrays with more elements than this are summarized with `...`.
    public var threshold = 1000
    /// Items shown at each edge of a summarized axis.
    public var edgeItems = 3
    public var lineWidth = 75
    /// Never use scientific notation for small numbers; print them as 0 at the precision instead.
    public var suppress = false

    public init() {}

    static let parameters = "precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None"

    /// `options` with the settings given in `a` changed, as `set_printoptions` changes them.
    static func changed(_ options: PrintOptions, by a: BoundArguments) throws(Diagnostic) -> PrintOptions {
        var options = options
        if a["precision"] != nil {
            options.precision = try a.int("precision")
            guard options.precision >= 0 else { throw Diagnostic("precision must be >= 0", at: a.range("precision")) }
        }
        if a["threshold"] != nil {
            let threshold = try a.double("threshold")
            guard !threshold.isNaN else {
                throw Diagnostic(
                    "threshold must be non-NAN, try sys.maxsize for untruncated representation",
                    at: a.range("threshold"))
            }
            options.threshold = threshold >= 9e18 ? Int.max : (threshold <= -9e18 ? Int.min : Int(threshold))
        }
        if a["edgeitems"] != nil { options.edgeItems = max(0, try a.int("edgeitems")) }
        if a["linewidth"] != nil { options.lineWidth = try a.int("linewidth") }
        if a["suppress"] != nil { options.suppress = try a.bool("suppress", default: false) }
        return options
    }

    /// `np.set_printoptions(precision=, threshold=, edgeitems=, linewidth=, suppress=)`: the given ones change.
    static func setter() -> Value {
        function("set_printoptions", parameters) { a, interpreter throws(Diagnostic) in
            interpreter.modules.numpyPrintOptions = try changed(interpreter.modules.numpyPrintOptions, by: a)
            return .none
        }
    }

    /// `np.printoptions(...)`: `with np.printoptions(precision=2): ...` sets them inside the block only.
    static func context() -> Value {
        function("printoptions", parameters) { a, _ throws(Diagnostic) in .object(PrintOptionsContext(a)) }
    }

    /// `np.get_printoptions()`: a dict with NumPy's keys, in NumPy's order.
    static func getter() -> Value {
        function("get_printoptions", "") { _, interpreter throws(Diagnostic) in
            interpreter.modules.numpyPrintOptions.dictionary
        }
    }

    /// The options as NumPy's dict.
    var dictionary: Value {
        let options = self
        let infinite: [Int: Value] = [Int.max: .float(.infinity), Int.min: .float(-.infinity)]
        let threshold = infinite[options.threshold] ?? .int(options.threshold)
        return .dict(
            DictBox([
                (.string("edgeitems"), .int(options.edgeItems)), (.string("threshold"), threshold),
                (.string("floatmode"), .string("maxprec")), (.string("precision"), .int(options.precision)),
                (.string("suppress"), .bool(options.suppress)), (.string("linewidth"), .int(options.lineWidth)),
                (.string("nanstr"), .string("nan")), (.string("infstr"), .string("inf")),
                (.string("sign"), .string("-")),
                (.string("formatter"), .none), (.string("legacy"), .bool(false)), (.string("override_repr"), .none),
            ]))
    }
}

/// What `np.printoptions(...)` returns: `__enter__` applies the options, `__exit__` restores the old ones.
final class PrintOptionsContext: PyObject {
    let arguments: BoundArguments
    private var saved: [PrintOptions] = []

    init(_ arguments: BoundArguments) { self.arguments = arguments }

    var typeName: String { "_GeneratorContextManager" }
    var attributeNames: [String] { ["__enter__", "__exit__"] }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "__enter__":
            return function("__enter__", "") { _, interpreter throws(Diagnostic) in
                let options = interpreter.modules.numpyPrintOptions
                interpreter.modules.numpyPrintOptions = try PrintOptions.changed(options, by: self.arguments)
                self.saved.append(options)
                return interpreter.modules.numpyPrintOptions.dictionary
            }
        case "__exit__":
            return function("__exit__", "*exception") { _, interpreter throws(Diagnostic) in
                if let options = self.saved.popLast() { interpreter.modules.numpyPrintOptions = options }
                return .bool(false)
            }
        default: return nil
        }
    }
}
