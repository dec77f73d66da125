import NNEngine

/// scikit-learn's `make_classification`, following its code step by step: hypercube vertices drawn by
/// `sample_without_replacement`, clusters of `standard_normal` points given a random covariance, the
/// redundant, repeated and useless features, flipped labels, shift and scale, then the shuffles, all
/// from the `random_state` stream in scikit-learn's order.
extension ScikitLearnGenerators {
    static func classification(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let name = "make_classification"
        let samples = try a.int("n_samples", default: 100)
        let features = try a.int("n_features", default: 20)
        let informative = try a.int("n_informative", default: 2)
        let redundant = try a.int("n_redundant", default: 2)
        let repeated = try a.int("n_repeated", default: 0)
        let classes = try a.int("n_classes", default: 2)
        let perClass = try a.int("n_clusters_per_class", default: 2)
        for (key, value, low) in [
            ("n_samples", samples, 1), ("n_features", features, 1), ("n_informative", informative, 1),
            ("n_redundant", redundant, 0), ("n_repeated", repeated, 0), ("n_classes", classes, 1),
            ("n_clusters_per_class", perClass, 1),
        ] where value < low {
            throw invalid(key, name, "an int in the range [\(low), inf)", a, interpreter)
        }
        guard informative + redundant + repeated <= features else {
            throw Diagnostic(
                "Number of informative, redundant and repeated features must sum to less than the number of total "
                    + "features", at: a.callRange)
        }
        let clusters = classes * perClass
        guard informative >= 62 || (1 << informative) >= clusters else {
            throw Diagnostic(
                "n_classes(\(classes)) * n_clusters_per_class(\(perClass)) must be smaller or equal "
                    + "2**n_informative(\(informative))=\(informative < 63 ? String(1 << informative) : "…")",
                at: a.callRange)
        }
        guard informative <= 30 else {
            throw Diagnostic(
                "make_classification with more than 30 informative features is not supported in NNLab",
                at: a.range("n_informative"))
        }
        var weights = [Double](repeating: 1 / Double(classes), count: classes)
        if let given = a["weights"] {
            var values = try NumPyRandom.doubles(given, range: a.range("weights"))
            guard values.count == classes || values.count == classes - 1 else {
                throw Diagnostic("Weights specified but incompatible with number of classes.", at: a.range("weights"))
            }
            if values.count == classes - 1 { values.append(1 - values.reduce(0, +)) }
            weights = values
        }
        let flip = try a.double("flip_y", default: 0.01)
        let separation = try a.double("class_sep", default: 1)
        let hypercube = try a.bool("hypercube", default: true)
        let shuffle = try a.bool("shuffle", default: true)
        try ArrayConversion.checkSize([samples, features], range: a.callRange)
        let stream = try LegacyRandom.stream(
            a["random_state"], interpreter, range: a.range("random_state"), function: a.function)

        var counts = (0..<clusters).map { Int(Double(samples) * weights[$0 % classes] / Double(perClass)) }
        let assigned = counts.reduce(0, +)
        if assigned < samples { for i in 0..<(samples - assigned) { counts[i % clusters] += 1 } }

        // Cluster centroids: distinct vertices of the hypercube, bits most significant first.
        let vertices = sampleWithoutReplacement(population: 1 << informative, count: clusters, stream)
        var centroids = vertices.map { vertex in
            (0..<informative).map { bit in
                Double((vertex >> (informative - 1 - bit)) & 1) * 2 * separation - separation
            }
        }
        if !hypercube {
            let rowScale = (0..<clusters).map { _ in stream.randomSample() }
            let columnScale = (0..<informative).map { _ in stream.randomSample() }
            for k in 0..<clusters { for j in 0..<informative { centroids[k][j] *= rowScale[k] } }
            for k in 0..<clusters { for j in 0..<informative { centroids[k][j] *= columnScale[j] } }
        }
        var x = [[Double]](repeating: [Double](repeating: 0, count: features), count: samples)
        for i in 0..<samples { for j in 0..<informative { x[i][j] = stream.standardNormal() } }
        var y = [Int](repeating: 0, count: samples)
        var stop = 0
        for k in 0..<clusters {
            let start = stop
            stop += counts[k]
            let covariance = (0..<(informative * informative)).map { _ in 2 * stream.randomSample() - 1 }
            for i in start..<min(stop, samples) {
                y[i] = k % classes
                let row = Array(x[i][0..<informative])
                for j in 0..<informative {
                    x[i][j] = product(row, covariance, column: j, width: informative) + centroids[k][j]
                }
            }
        }
        if redundant > 0 {
            let b = (0..<(informative * redundant)).map { _ in 2 * stream.randomSample() - 1 }
            for i in 0..<samples {
                let row = Array(x[i][0..<informative])
                for j in 0..<redundant { x[i][informative + j] = product(row, b, column: j, width: redundant) }
            }
        }
        let n = informative + redundant
        if repeated > 0 {
            let sources = (0..<repeated).map { _ in Int(Double(n - 1) * stream.randomSample() + 0.5) }
            for i in 0..<samples { for (j, source) in sources.enumerated() { x[i][n + j] = x[i][source] } }
        }
        let useless = features - n - repeated
        if useless > 0 {
            for i in 0..<samples { for j in (features - useless)..<features { x[i][j] = stream.standardNormal() } }
        }
        if flip >= 0 {
            let flipped = (0..<samples).filter { _ in stream.randomSample() < flip }
            for i in flipped { y[i] = stream.randint(low: 0, high: classes) }
        }
        let shift = try featureVector(a, "shift", default: 0, count: features) {
            (2 * stream.randomSample() - 1) * separation
        }
        for i in 0..<samples { for j in 0..<features { x[i][j] += shift[j] } }
        let scale = try featureVector(a, "scale", default: 1, count: features) { 1 + 100 * stream.randomSample() }
        for i in 0..<samples { for j in 0..<features { x[i][j] *= scale[j] } }
        if shuffle {
            var order = Array(0..<samples)
            stream.shuffle(&order)
            x = order.map { x[$0] }
            y = order.map { y[$0] }
            var columns = Array(0..<features)
            stream.shuffle(&columns)
            x = x.map { row in columns.map { row[$0] } }
        }
        return .tuple([matrix(x, columns: features), labelArray(y)])
    }

    /// Row `row` times column `column` of a row-major matrix, summed with fused multiply-adds in order
    /// (as OpenBLAS's dgemm kernels do).
    static func product(_ row: [Double], _ matrix: [Double], column: Int, width: Int) -> Double {
        var total = 0.0
        for (k, value) in row.enumerated() { total.addProduct(value, matrix[k * width + column]) }
        return total
    }

    /// `shift` or `scale`: a number (the default), an array of one per feature, or None (drawn by `draw`).
    static func featureVector(
        _ a: BoundArguments, _ name: String, default fallback: Double, count: Int, _ draw: () -> Double
    ) throws(Diagnostic) -> [Double] {
        guard a.given(name) else { return Array(repeating: fallback, count: count) }
        guard let value = a[name] else { return (0..<count).map { _ in draw() } }
        if let single = value.numericValue { return Array(repeating: single, count: count) }
        let values = try NumPyRandom.doubles(value, range: a.range(name))
        guard values.count == count else {
            throw Diagnostic("\(name) must have one value per feature (\(count))", at: a.range(name))
        }
        return values
    }

    /// scikit-learn's `sample_without_replacement(n_population, n_samples, method="auto")`: a permutation
    /// prefix for middling ratios, else tracking selection (below 0.2) or reservoir sampling.
    static func sampleWithoutReplacement(population: Int, count: Int, _ stream: any LegacyRandomStream) -> [Int] {
        let ratio = population == 0 ? 1 : Double(count) / Double(population)
        if ratio > 0.01 && ratio < 0.99 { return Array(stream.permutation(population).prefix(count)) }
        if ratio < 0.2 {
            var selected = Set<Int>()
            var out: [Int] = []
            for _ in 0..<count {
                var j = stream.randint(low: 0, high: population)
                while selected.contains(j) { j = stream.randint(low: 0, high: population) }
                selected.insert(j)
                out.append(j)
            }
            return out
        }
        var out = Array(0..<count)
        if count < population {
            for i in count..<population {
                let j = stream.randint(low: 0, high: i + 1)
                if j < count { out[j] = i }
            }
        }
        return out
    }
}
