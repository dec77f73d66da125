import NNEngine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// scikit-learn's `make_moons`, `make_circles`, `make_blobs`, `make_regression` and `make_classification`,
/// following its code step by step (the same draws from the `random_state` stream, in the same order), so a
/// seeded call gives its data.
enum ScikitLearnGenerators {
    static func members() -> [String: Value] {
        [
            "make_moons": function("make_moons", "n_samples=100, *, shuffle=True, noise=None, random_state=None") {
                a, interpreter throws(Diagnostic) in
                let (outer, inner) = try splitCount(a, "make_moons", interpreter)
                let points =
                    linspace(0, .pi, outer, endpoint: true).map { (cos($0), sin($0)) }
                    + linspace(0, .pi, inner, endpoint: true).map { (1 - cos($0), 1 - sin($0) - 0.5) }
                return try finish(points, outer: outer, inner: inner, a, interpreter)
            },
            "make_circles": function(
                "make_circles", "n_samples=100, *, shuffle=True, noise=None, random_state=None, factor=0.8"
            ) {
                a, interpreter throws(Diagnostic) in
                let factor = try a.double("factor", default: 0.8)
                guard factor >= 0, factor < 1 else {
                    throw invalid("factor", "make_circles", "a float in the range [0.0, 1.0)", a, interpreter)
                }
                let (outer, inner) = try splitCount(a, "make_circles", interpreter)
                let points =
                    linspace(0, 2 * .pi, outer, endpoint: false).map { (cos($0), sin($0)) }
                    + linspace(0, 2 * .pi, inner, endpoint: false).map { (cos($0) * factor, sin($0) * factor) }
                return try finish(points, outer: outer, inner: inner, a, interpreter)
            },
            "make_blobs": function(
                "make_blobs",
                "n_samples=100, n_features=2, *, centers=None, cluster_std=1.0, "
                    + "center_box=(-10.0, 10.0), shuffle=True, random_state=None, return_centers=False"
            ) {
                a, interpreter throws(Diagnostic) in try blobs(a, interpreter)
            },
            "make_regression": function(
                "make_regression",
                "n_samples=100, n_features=100, *, n_informative=10, n_targets=1, bias=0.0, effective_rank=None, "
                    + "tail_strength=0.5, noise=0.0, shuffle=True, coef=False, random_state=None"
            ) {
                a, interpreter throws(Diagnostic) in try regression(a, interpreter)
            },
            "make_classification": function(
                "make_classification",
                "n_samples=100, n_features=20, *, n_informative=2, n_redundant=2, n_repeated=0, n_classes=2, "
                    + "n_clusters_per_class=2, weights=None, flip_y=0.01, class_sep=1.0, hypercube=True, shift=0.0, "
                    + "scale=1.0, shuffle=True, random_state=None, return_X_y=True"
            ) {
                a, interpreter throws(Diagnostic) in try classification(a, interpreter)
            },
        ]
    }

    /// scikit-learn's `InvalidParameterError` wording.
    static func invalid(
        _ name: String, _ function: String, _ expected: String, _ a: BoundArguments,
        _ interpreter: Interpreter
    ) -> Diagnostic {
        let got = a[name].map { interpreter.repr($0) } ?? "None"
        return Diagnostic(
            "The '\(name)' parameter of \(function) must be \(expected). Got \(got) instead.", at: a.range(name))
    }

    /// `n_samples` as an int (split in half, the outer half rounded down) or an (outer, inner) tuple.
    static func splitCount(
        _ a: BoundArguments, _ function: String, _ interpreter: Interpreter
    ) throws(Diagnostic)
        -> (Int, Int)
    {
        let value = a["n_samples"] ?? .int(100)
        if case .tuple(let items) = value {
            guard items.count == 2, let outer = items[0].exactInteger, let inner = items[1].exactInteger,
                outer >= 0, inner >= 0, outer + inner <= 10_000_000
            else {
                throw Diagnostic("When a tuple, n_samples must have exactly two elements.", at: a.range("n_samples"))
            }
            return (outer, inner)
        }
        guard let n = value.exactInteger, n >= 1, n <= 10_000_000 else {
            throw invalid(
                "n_samples", function, "an int in the range [1, inf) or an instance of 'tuple'", a, interpreter)
        }
        return (n / 2, n - n / 2)
    }

    /// `np.linspace(start, stop, count, endpoint=...)`, computed as NumPy does (`i * step + start`).
    static func linspace(_ start: Double, _ stop: Double, _ count: Int, endpoint: Bool) -> [Double] {
        guard count > 0 else { return [] }
        let divisions = endpoint ? count - 1 : count
        let step = divisions > 0 ? (stop - start) / Double(divisions) : 0
        var values = (0..<count).map { Double($0) * step + start }
        if endpoint, count > 1 { values[count - 1] = stop }
        return values
    }

    /// Labels 0 then 1, rows shuffled, then Gaussian noise added: make_moons' and make_circles' order.
    static func finish(
        _ points: [(Double, Double)], outer: Int, inner: Int, _ a: BoundArguments,
        _ interpreter: Interpreter
    ) throws(Diagnostic) -> Value {
        var noise: Double?
        if let value = a["noise"] {
            guard let number = value.numericValue, number >= 0 else {
                throw invalid("noise", a.function, "a float in the range [0.0, inf) or None", a, interpreter)
            }
            noise = number
        }
        let shuffle = try a.bool("shuffle", default: true)
        let stream = try LegacyRandom.stream(
            a["random_state"], interpreter, range: a.range("random_state"), function: a.function)
        let labels = Array(repeating: 0, count: outer) + Array(repeating: 1, count: inner)
        var rows = points.map { [$0.0, $0.1] }
        var order = Array(rows.indices)
        if shuffle { stream.shuffle(&order) }
        rows = order.map { rows[$0] }
        if let noise {
            for r in rows.indices { for c in 0..<2 { rows[r][c] += stream.normal(0, noise) } }
        }
        return .tuple([matrix(rows, columns: 2), labelArray(order.map { labels[$0] })])
    }

    static func matrix(_ rows: [[Double]], columns: Int) -> Value {
        .array(
            NDArray(Tensor.exactly(shape: [rows.count, columns], dtype: .float64) { rows[$0 / columns][$0 % columns] }))
    }

    static func labelArray(_ labels: [Int]) -> Value {
        .array(NDArray(Tensor.exactly(shape: [labels.count], dtype: .int64) { Double(labels[$0]) }))
    }

    static func blobs(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        var features = try a.int("n_features", default: 2)
        let stream = try LegacyRandom.stream(
            a["random_state"], interpreter, range: a.range("random_state"), function: a.function)
        var perCenter: [Int]
        var centers: [[Double]]
        if let n = (a["n_samples"] ?? .int(100)).exactInteger {
            guard n >= 1, n <= 10_000_000, features >= 1, n * features <= 100_000_000 else {
                throw Diagnostic(
                    "make_blobs: n_samples and n_features must be positive (and not too large)", at: a.callRange)
            }
            if let given = try givenCenters(a, features: features) {
                centers = given
            } else {
                let count = try a.optionalInt("centers") ?? 3
                guard count >= 1, count <= 100_000, count * features <= 100_000_000 else {
                    throw Diagnostic("centers must be a positive count", at: a.range("centers"))
                }
                centers = try boxCenters(count, features, a, stream)
            }
            perCenter = Array(repeating: n / centers.count, count: centers.count)
            for i in 0..<(n % centers.count) { perCenter[i] += 1 }
        } else {
            if let centers = a["centers"], let count = centers.exactInteger {
                throw Diagnostic("Parameter `centers` must be array-like. Got \(count) instead", at: a.range("centers"))
            }
            perCenter = try interpreter.iterate(a["n_samples"] ?? .none, range: a.range("n_samples")).map {
                item throws(Diagnostic) in
                guard let count = item.exactInteger, count >= 0, count <= 10_000_000 else {
                    throw Diagnostic("n_samples must hold counts of samples per center", at: a.range("n_samples"))
                }
                return count
            }
            if let given = try givenCenters(a, features: features) {
                centers = given
            } else {
                guard features >= 1, perCenter.count * features <= 100_000_000 else {
                    throw Diagnostic("make_blobs: n_features must be positive (and not too large)", at: a.callRange)
                }
                centers = try boxCenters(perCenter.count, features, a, stream)
            }
            guard centers.count == perCenter.count else {
                throw Diagnostic("Length of `n_samples` not consistent with number of centers.", at: a.range("centers"))
            }
        }
        features = centers.first?.count ?? features
        let total = perCenter.reduce(0, +)
        guard (centers.count + total) * max(features, 1) <= 100_000_000 else {
            throw Diagnostic("make_blobs: too many samples or centers for the number of features", at: a.callRange)
        }
        let spreads = try clusterSpreads(a, count: centers.count)
        guard spreads.allSatisfy({ $0 >= 0 }) else { throw Diagnostic("scale < 0", at: a.range("cluster_std")) }
        var rows: [[Double]] = []
        var labels: [Int] = []
        for (c, count) in perCenter.enumerated() {
            for _ in 0..<count { rows.append(centers[c].map { stream.normal($0, spreads[c]) }) }
            labels += Array(repeating: c, count: count)
        }
        var order = Array(rows.indices)
        if try a.bool("shuffle", default: true) { stream.shuffle(&order) }
        var result: [Value] = [matrix(order.map { rows[$0] }, columns: features), labelArray(order.map { labels[$0] })]
        if try a.bool("return_centers", default: false) { result.append(matrix(centers, columns: features)) }
        return .tuple(result)
    }

    /// Centers drawn uniformly from `center_box`, row by row.
    static func boxCenters(
        _ count: Int, _ features: Int, _ a: BoundArguments, _ stream: any LegacyRandomStream
    )
        throws(Diagnostic) -> [[Double]]
    {
        var box = (-10.0, 10.0)
        if let value = a["center_box"] {
            guard case .tuple(let items) = value, items.count == 2, let low = items[0].numericValue,
                let high = items[1].numericValue
            else { throw Diagnostic("center_box must be a tuple (min, max)", at: a.range("center_box")) }
            box = (low, high)
        }
        return (0..<count).map { _ in (0..<features).map { _ in stream.uniform(box.0, box.1) } }
    }

    /// Centers given as an array of shape (n_centers, n_features); nil when `centers` is a count or absent.
    static func givenCenters(_ a: BoundArguments, features: Int) throws(Diagnostic) -> [[Double]]? {
        guard let value = a["centers"], value.exactInteger == nil else { return nil }
        let t = try ArrayConversion.tensor(value, range: a.range("centers"))
        guard t.rank == 2, t.shape[0] > 0, t.shape[1] > 0 else {
            throw Diagnostic(
                "centers must be a count or an array of shape (n_centers, n_features)", at: a.range("centers"))
        }
        let width = t.shape[1]
        return (0..<t.shape[0]).map { r in (0..<width).map { Double(t[flat: r * width + $0]) } }
    }

    static func clusterSpreads(_ a: BoundArguments, count: Int) throws(Diagnostic) -> [Double] {
        guard let value = a["cluster_std"] else { return Array(repeating: 1, count: count) }
        if let single = value.numericValue { return Array(repeating: single, count: count) }
        let t = try ArrayConversion.tensor(value, range: a.range("cluster_std"))
        guard t.rank == 1, t.count == count else {
            throw Diagnostic(
                "Length of `clusters_std` not consistent with number of centers.", at: a.range("cluster_std"))
        }
        return t.knownValues
    }
}
