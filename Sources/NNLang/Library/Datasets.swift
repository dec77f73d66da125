#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import NNEngine

/// `sklearn.datasets`: the real UCI handwritten digits, and the toy data sets of scikit-learn and
/// TensorFlow Playground, with their parameters. Random draws come from the session's seeded stream
/// (or a stream seeded by `random_state`); the distributions are scikit-learn's, the numbers NNLab's.
enum Datasets {
    static func module() -> ModuleObject {
        ModuleObject("sklearn.datasets", [
            "load_digits": function("load_digits", "*, n_class=10, return_X_y=False, as_frame=False") { a, _ throws(Diagnostic) in
                try loadDigits(classes: try a.int("n_class", default: 10), returnXY: try a.bool("return_X_y", default: false), range: a.callRange)
            },
            "make_moons": function("make_moons", "n_samples=100, *, shuffle=True, noise=None, random_state=None") { a, interpreter throws(Diagnostic) in
                try generate(a, interpreter) { n, g in moons(n, &g) }
            },
            "make_circles": function("make_circles", "n_samples=100, *, shuffle=True, noise=None, random_state=None, factor=0.8") { a, interpreter throws(Diagnostic) in
                let factor = try a.double("factor", default: 0.8)
                guard factor >= 0, factor < 1 else { throw Diagnostic("factor has to be between 0 and 1", at: a.range("factor")) }
                return try generate(a, interpreter) { n, g in circles(n, factor: factor) }
            },
            "make_blobs": function("make_blobs", "n_samples=100, n_features=2, *, centers=None, cluster_std=1.0, center_box=(-10.0, 10.0), shuffle=True, random_state=None") { a, interpreter throws(Diagnostic) in
                try blobs(a, interpreter)
            },
        ])
    }

    /// Points and labels from `make`, with Gaussian noise of `noise` added and rows shuffled, as scikit-learn does.
    static func generate(_ a: BoundArguments, _ interpreter: Interpreter,
                         _ make: (Int, inout RandomGenerator) -> (points: [(Double, Double)], labels: [Int])) throws(Diagnostic) -> Value {
        let n = try a.int("n_samples", default: 100)
        guard n > 0, n <= 10_000_000 else { throw Diagnostic("n_samples must be between 1 and 10,000,000; got \(n)", at: a.range("n_samples")) }
        let noise = a["noise"] == nil ? 0 : try a.double("noise")
        let shuffle = try a.bool("shuffle", default: true)
        return try withGenerator(a, interpreter) { g in
            var (points, labels) = make(n, &g)
            if noise > 0 { points = points.map { ($0.0 + noise * g.nextNormal(), $0.1 + noise * g.nextNormal()) } }
            var order = Array(points.indices)
            if shuffle { g.shuffle(&order) }
            let x = Tensor(shape: [points.count, 2], dtype: .float64) { i in Float(i % 2 == 0 ? points[order[i / 2]].0 : points[order[i / 2]].1) }
            let y = Tensor(order.map { Float(labels[$0]) }, dtype: .int64)
            return .tuple([.array(NDArray(x)), .array(NDArray(y))])
        }
    }

    /// Runs `body` with a generator seeded by `random_state`, or the session's stream.
    static func withGenerator(_ a: BoundArguments, _ interpreter: Interpreter, _ body: (inout RandomGenerator) throws(Diagnostic) -> Value) throws(Diagnostic) -> Value {
        if let seed = try a.optionalInt("random_state") {
            var generator = RandomGenerator(seed: UInt64(bitPattern: Int64(seed)))
            return try body(&generator)
        }
        return try interpreter.random.draw { g throws(Diagnostic) in try body(&g) }
    }

    static func moons(_ n: Int, _ g: inout RandomGenerator) -> (points: [(Double, Double)], labels: [Int]) {
        let outer = n / 2, inner = n - outer
        var points: [(Double, Double)] = []
        for i in 0..<outer {
            let t = outer > 1 ? Double.pi * Double(i) / Double(outer - 1) : 0
            points.append((cos(t), sin(t)))
        }
        for i in 0..<inner {
            let t = inner > 1 ? Double.pi * Double(i) / Double(inner - 1) : 0
            points.append((1 - cos(t), 1 - sin(t) - 0.5))
        }
        return (points, Array(repeating: 0, count: outer) + Array(repeating: 1, count: inner))
    }

    static func circles(_ n: Int, factor: Double) -> (points: [(Double, Double)], labels: [Int]) {
        let outer = n / 2, inner = n - outer
        var points: [(Double, Double)] = []
        for i in 0..<outer {
            let t = 2 * Double.pi * Double(i) / Double(outer)
            points.append((cos(t), sin(t)))
        }
        for i in 0..<inner {
            let t = 2 * Double.pi * Double(i) / Double(inner)
            points.append((cos(t) * factor, sin(t) * factor))
        }
        return (points, Array(repeating: 0, count: outer) + Array(repeating: 1, count: inner))
    }

    static func blobs(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let n = try a.int("n_samples", default: 100), features = try a.int("n_features", default: 2)
        guard n > 0, features > 0, n * features <= 100_000_000 else { throw Diagnostic("make_blobs: sizes must be positive", at: a.callRange) }
        let spread = try a.double("cluster_std", default: 1)
        let shuffle = try a.bool("shuffle", default: true)
        var fixedCenters: [[Double]]?
        var centerCount = 3
        if let centers = a["centers"] {
            if let count = centers.exactInteger { centerCount = count } else {
                let t = try ArrayConversion.tensor(centers, range: a.range("centers"))
                guard t.rank == 2, t.shape[1] == features else { throw Diagnostic("centers must be (n_centers, n_features)", at: a.range("centers")) }
                fixedCenters = (0..<t.shape[0]).map { r in (0..<features).map { Double(t[flat: r * features + $0]) } }
                centerCount = t.shape[0]
            }
        }
        guard centerCount > 0 else { throw Diagnostic("centers must be positive", at: a.range("centers")) }
        return try withGenerator(a, interpreter) { g in
            let centers = fixedCenters ?? (0..<centerCount).map { _ in (0..<features).map { _ in -10 + 20 * g.nextDouble() } }
            var rows: [[Double]] = [], labels: [Int] = []
            for c in 0..<centerCount {
                let count = n / centerCount + (c < n % centerCount ? 1 : 0)
                for _ in 0..<count {
                    rows.append(centers[c].map { $0 + spread * g.nextNormal() })
                    labels.append(c)
                }
            }
            var order = Array(rows.indices)
            if shuffle { g.shuffle(&order) }
            let x = Tensor(shape: [rows.count, features], dtype: .float64) { Float(rows[order[$0 / features]][$0 % features]) }
            let y = Tensor(order.map { Float(labels[$0]) }, dtype: .int64)
            return .tuple([.array(NDArray(x)), .array(NDArray(y))])
        }
    }

    /// The 1,797 UCI digits (8×8 images, pixel values 0 to 16), from the copy shipped with NNLab.
    static func loadDigits(classes: Int, returnXY: Bool, range: SourceRange) throws(Diagnostic) -> Value {
        guard (1...10).contains(classes) else { throw Diagnostic("n_class must be between 1 and 10; got \(classes)", at: range) }
        guard let url = Bundle.module.url(forResource: "digits", withExtension: "csv") else {
            throw Diagnostic("the digits data is missing from this NNLab installation", at: range)
        }
        let bytes = try FileBytes.read(url.path, range: range)
        var rows: [[Float]] = []
        var current: [Float] = [], number = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): number = number * 10 + Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: ","): current.append(Float(number)); number = 0
            case UInt8(ascii: "\n"):
                current.append(Float(number)); number = 0
                if current.count == 65, Int(current[64]) < classes { rows.append(current) }
                current = []
            default: break
            }
        }
        if current.count == 64 {
            current.append(Float(number))
            if Int(current[64]) < classes { rows.append(current) }
        }
        let data = Tensor(shape: [rows.count, 64], dtype: .float64) { rows[$0 / 64][$0 % 64] }
        let target = Tensor(rows.map { $0[64] }, dtype: .int64)
        if returnXY { return .tuple([.array(NDArray(data)), .array(NDArray(target))]) }
        let images = (try? data.copied().reshaped([rows.count, 8, 8])) ?? data
        return .object(Bunch([
            ("data", .array(NDArray(data))), ("target", .array(NDArray(target))), ("images", .array(NDArray(images))),
            ("target_names", .array(NDArray(Tensor((0..<classes).map(Float.init), dtype: .int64)))),
            ("DESCR", .string("Optical Recognition of Handwritten Digits (E. Alpaydin, C. Kaynak, 1998), UCI ML Repository, CC BY 4.0")),
        ]))
    }
}

/// scikit-learn's Bunch: a dict whose keys are also attributes (`digits.data`, `digits['target']`).
final class Bunch: PyObject {
    let entries: [(String, Value)]
    init(_ entries: [(String, Value)]) { self.entries = entries }
    var typeName: String { "Bunch" }
    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        if name == "keys" { return function("keys", "") { _, _ in .list(self.entries.map { .string($0.0) }) } }
        return entries.first { $0.0 == name }?.1
    }
    var attributeNames: [String] { entries.map(\.0) + ["keys"] }
    func repr(_ interpreter: Interpreter) -> String { "{" + entries.map { "'\($0.0)': ..." }.joined(separator: ", ") + "}" }
}
