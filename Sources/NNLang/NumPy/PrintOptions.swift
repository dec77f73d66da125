/// NumPy's print options (`np.set_printoptions`), kept per session as NumPy keeps them per process.
/// `np.printoptions(...)` (the context manager) needs `with`, which the language does not have yet.
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

    /// `np.set_printoptions(precision=, threshold=, edgeitems=, linewidth=, suppress=)`: the given ones change.
    static func setter() -> Value {
        function("set_printoptions", "precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None") {
            a, interpreter throws(Diagnostic) in
            var options = interpreter.modules.numpyPrintOptions
            if a["precision"] != nil {
                options.precision = try a.int("precision")
                guard options.precision >= 0 else {
                    throw Diagnostic("precision must be >= 0", at: a.range("precision"))
                }
            }
            if a["threshold"] != nil {
                let threshold = try a.double("threshold")
                guard !threshold.isNaN else {
                    throw Diagnostic(
                        "threshold must be non-NAN, try sys.maxsize for untruncated representation",
                        at: a.range("threshold"))
                }
                options.threshold = threshold >= Double(Int.max) ? Int.max : Int(threshold)
            }
            if a["edgeitems"] != nil { options.edgeItems = max(0, try a.int("edgeitems")) }
            if a["linewidth"] != nil { options.lineWidth = try a.int("linewidth") }
            if a["suppress"] != nil { options.suppress = try a.bool("suppress", default: false) }
            interpreter.modules.numpyPrintOptions = options
            return .none
        }
    }

    /// `np.get_printoptions()`: a dict with NumPy's keys, in NumPy's order.
    static func getter() -> Value {
        function("get_printoptions", "") { _, interpreter throws(Diagnostic) in
            let options = interpreter.modules.numpyPrintOptions
            let threshold: Value = options.threshold == Int.max ? .float(.infinity) : .int(options.threshold)
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
}
