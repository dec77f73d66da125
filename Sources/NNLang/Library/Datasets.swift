import Foundation
import NNEngine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `sklearn.datasets`: the real UCI handwritten digits and Fisher's iris, shipped with NNLab, and
/// scikit-learn's generators (`ScikitLearnGenerators`).
enum Datasets {
    static func module() -> ModuleObject {
        ModuleObject(
            "sklearn.datasets",
            [
                "load_digits": function("load_digits", "*, n_class=10, return_X_y=False, as_frame=False") {
                    a, _ throws(Diagnostic) in
                    try rejectFrame(a)
                    let classes = try a.int("n_class", default: 10)
                    return try loadDigits(
                        classes: classes, returnXY: try a.bool("return_X_y", default: false), range: a.callRange)
                },
                "load_iris": function("load_iris", "*, return_X_y=False, as_frame=False") { a, _ throws(Diagnostic) in
                    try rejectFrame(a)
                    return try loadIris(returnXY: try a.bool("return_X_y", default: false), range: a.callRange)
                },
            ].merging(ScikitLearnGenerators.members()) { a, _ in a })
    }

    /// `as_frame=True` asks for pandas DataFrames, which NNLab does not have.
    static func rejectFrame(_ a: BoundArguments) throws(Diagnostic) {
        if try a.bool("as_frame", default: false) {
            throw .unsupported(
                "as_frame=True needs pandas, which NNLab does not have", at: a.range("as_frame"),
                hint: "leave as_frame out: .data and .target are NumPy arrays")
        }
    }

    /// The 1,797 UCI digits (8×8 images, pixel values 0 to 16), from the copy shipped with NNLab.
    static func loadDigits(classes: Int, returnXY: Bool, range: SourceRange) throws(Diagnostic) -> Value {
        guard (1...10).contains(classes) else {
            throw Diagnostic("n_class must be between 1 and 10; got \(classes)", at: range)
        }
        guard let url = Bundle.module.url(forResource: "digits", withExtension: "csv") else {
            throw Diagnostic("the digits data is missing from this NNLab installation", at: range)
        }
        let bytes = try FileBytes.read(url.path, range: range)
        var rows: [[Double]] = []
        var current: [Double] = []
        var number = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): number = number * 10 + Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: ","):
                current.append(Double(number))
                number = 0
            case UInt8(ascii: "\n"):
                current.append(Double(number))
                number = 0
                if current.count == 65, Int(current[64]) < classes { rows.append(current) }
                current = []
            default: break
            }
        }
        if current.count == 64 {
            current.append(Double(number))
            if Int(current[64]) < classes { rows.append(current) }
        }
        let data = Tensor.exactly(shape: [rows.count, 64], dtype: .float64) { rows[$0 / 64][$0 % 64] }
        let target = Tensor.exactly(shape: [rows.count], dtype: .int64) { rows[$0][64] }
        if returnXY { return .tuple([.array(NDArray(data)), .array(NDArray(target))]) }
        let images = (try? data.copied().reshaped([rows.count, 8, 8])) ?? data
        return .object(
            Bunch([
                ("data", .array(NDArray(data))), ("target", .array(NDArray(target))),
                ("images", .array(NDArray(images))),
                ("target_names", .array(NDArray(Tensor.exactly(shape: [classes], dtype: .int64) { Double($0) }))),
                (
                    "DESCR",
                    .string(
                        "Optical Recognition of Handwritten Digits (E. Alpaydin, C. Kaynak, 1998), UCI ML Repository, CC BY 4.0"
                    )
                ),
            ]))
    }
}

extension Datasets {
    /// Fisher's 150 irises (4 measurements in cm, 3 species), the copy scikit-learn ships (BSD-3-Clause).
    static func loadIris(returnXY: Bool, range: SourceRange) throws(Diagnostic) -> Value {
        guard let url = Bundle.module.url(forResource: "iris", withExtension: "csv") else {
            throw Diagnostic("the iris data is missing from this NNLab installation", at: range)
        }
        let text = String(decoding: try FileBytes.read(url.path, range: range), as: UTF8.self)
        var rows: [[Double]] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: ",").compactMap { Double(String($0)) }
            guard fields.count == 5 else { throw Diagnostic("the shipped iris data is damaged", at: range) }
            rows.append(fields)
        }
        let data = Tensor.exactly(shape: [rows.count, 4], dtype: .float64) { rows[$0 / 4][$0 % 4] }
        let target = Tensor.exactly(shape: [rows.count], dtype: .int64) { rows[$0][4] }
        if returnXY { return .tuple([.array(NDArray(data)), .array(NDArray(target))]) }
        let features = ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]
        return .object(
            Bunch([
                ("data", .array(NDArray(data))), ("target", .array(NDArray(target))), ("frame", .none),
                ("target_names", .object(ValueArray(strings: ["setosa", "versicolor", "virginica"]))),
                (
                    "DESCR",
                    .string("Iris plants dataset (R. A. Fisher, 1936), as shipped with scikit-learn (BSD-3-Clause)")
                ),
                ("feature_names", .list(features.map { .string($0) })),
                ("filename", .string("iris.csv")), ("data_module", .string("sklearn.datasets.data")),
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
    func repr(_ interpreter: Interpreter) -> String {
        "{" + entries.map { "'\($0.0)': ..." }.joined(separator: ", ") + "}"
    }
}
