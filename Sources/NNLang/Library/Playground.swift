import NNEngine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// TensorFlow Playground's data sets, drawn as its `dataset.ts` draws them.
enum Playground {
    static func count(_ a: BoundArguments) throws(Diagnostic) -> Int {
        let n = try a.int("n_samples", default: 200)
        guard n > 0, n <= 10_000_000 else {
            throw Diagnostic("n_samples must be between 1 and 10,000,000", at: a.range("n_samples"))
        }
        return n
    }

    /// Runs `body` with a generator seeded by `random_state`, or the session's stream (NNLab's own numbers:
    /// these data sets are not scikit-learn's).
    static func withGenerator(
        _ a: BoundArguments, _ interpreter: Interpreter,
        _ body: (inout RandomGenerator) throws(Diagnostic) -> Value
    ) throws(Diagnostic) -> Value {
        if let seed = try a.optionalInt("random_state") {
            var generator = RandomGenerator(seed: UInt64(bitPattern: Int64(seed)))
            return try body(&generator)
        }
        return try interpreter.random.draw { g throws(Diagnostic) in try body(&g) }
    }

    static func result(_ points: [(Double, Double)], _ labels: [Int]) -> Value {
        let x = Tensor(shape: [points.count, 2], dtype: .float64) {
            Float($0 % 2 == 0 ? points[$0 / 2].0 : points[$0 / 2].1)
        }
        return .tuple([.array(NDArray(x)), .array(NDArray(Tensor(labels.map(Float.init), dtype: .int64)))])
    }

    /// Uniform points in [-5, 5]² nudged away from the axes by 0.3; label 1 where x·y > 0; noise
    /// moves each point by up to ±5·noise (Playground's `classifyXORData`).
    static func xor(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let n = try count(a)
        let noise = try a.double("noise", default: 0)
        return try withGenerator(a, interpreter) { g in
            var points: [(Double, Double)] = []
            var labels: [Int] = []
            for _ in 0..<n {
                var x = -5 + 10 * g.nextDouble()
                var y = -5 + 10 * g.nextDouble()
                x += x > 0 ? 0.3 : -0.3
                y += y > 0 ? 0.3 : -0.3
                let nx = x + (-5 + 10 * g.nextDouble()) * noise
                let ny = y + (-5 + 10 * g.nextDouble()) * noise
                points.append((nx, ny))
                labels.append(x * y >= 0 ? 1 : 0)
            }
            return result(points, labels)
        }
    }

    /// Two spirals of n/2 points each, radius growing to 5 (Playground's `classifySpiralData`).
    static func spiral(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let n = try count(a)
        let noise = try a.double("noise", default: 0)
        return try withGenerator(a, interpreter) { g in
            var points: [(Double, Double)] = []
            var labels: [Int] = []
            let half = n / 2
            for (label, delta) in [(1, 0.0), (0, Double.pi)] {
                let count = label == 1 ? half : n - half
                for i in 0..<count {
                    let r = Double(i) / Double(max(count, 1)) * 5
                    let t = 1.75 * Double(i) / Double(max(count, 1)) * 2 * Double.pi + delta
                    let x = r * sin(t) + (-1 + 2 * g.nextDouble()) * noise
                    let y = r * cos(t) + (-1 + 2 * g.nextDouble()) * noise
                    points.append((x, y))
                    labels.append(label)
                }
            }
            return result(points, labels)
        }
    }
}
