import NNEngine

/// `keras.datasets`: `mnist`, `fashion_mnist` and `boston_housing`, whose `load_data()` reads the files
/// Keras keeps in its cache (`KerasCache`), under the names, from the addresses and with the hashes of
/// Keras 3's keras/src/datasets.
enum KerasDatasets {
    static let names = ["mnist", "fashion_mnist", "boston_housing"]
    static let origin = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"

    static func module(_ dotted: String) -> ModuleObject? {
        switch dotted {
        case "keras.datasets":
            return ModuleObject(
                dotted,
                Dictionary(
                    uniqueKeysWithValues: names.compactMap { name in
                        module("keras.datasets." + name).map { (name, Value.object($0)) }
                    }))
        case "keras.datasets.mnist":
            return ModuleObject(
                dotted,
                [
                    "load_data": function("load_data", "path='mnist.npz'") { a, interpreter throws(Diagnostic) in
                        try mnist(a, interpreter)
                    }
                ])
        case "keras.datasets.fashion_mnist":
            return ModuleObject(
                dotted,
                [
                    "load_data": function("load_data", "") { a, interpreter throws(Diagnostic) in
                        try fashionMNIST(a, interpreter)
                    }
                ])
        case "keras.datasets.boston_housing":
            return ModuleObject(
                dotted,
                [
                    "load_data": function("load_data", "path='boston_housing.npz', test_split=0.2, seed=113") {
                        a, interpreter throws(Diagnostic) in try bostonHousing(a, interpreter)
                    }
                ])
        default: return nil
        }
    }

    static func pairs(_ train: (Tensor, Tensor), _ test: (Tensor, Tensor)) -> Value {
        .tuple([
            .tuple([.array(NDArray(train.0)), .array(NDArray(train.1))]),
            .tuple([.array(NDArray(test.0)), .array(NDArray(test.1))]),
        ])
    }

    /// The named arrays of an `.npz` file, each checked to be there.
    static func arrays(_ path: String, _ names: [String], range: SourceRange) throws(Diagnostic) -> [Tensor] {
        let archive = try NPZFile.read(path, range: range)
        return try names.map { name throws(Diagnostic) in
            guard let array = archive.first(where: { $0.name == name })?.array else {
                throw Diagnostic(
                    "'\(path)' has no array '\(name)': is it Keras's file?", at: range,
                    hint: "delete it and run again to download it, or put Keras's copy there")
            }
            return array
        }
    }

    static func mnist(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let file = KerasCache.File(
            name: try a.string("path", default: "mnist.npz"), origin: origin + "mnist.npz",
            sha256: "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1")
        return try mnist(file, interpreter, range: a.callRange)
    }

    static func mnist(
        _ file: KerasCache.File, _ interpreter: Interpreter, range: SourceRange
    ) throws(Diagnostic) -> Value {
        let path = try KerasCache.fetch(file, interpreter, range: range)
        let x = try arrays(path, ["x_train", "y_train", "x_test", "y_test"], range: range)
        return pairs((x[0], x[1]), (x[2], x[3]))
    }

    /// Keras publishes no hash for these four files; NNLab checks the SHA-256 that Zalando's
    /// fashion-mnist publishes for the same files (the sizes Keras prints while downloading match them).
    static let fashionFiles: [(name: String, sha256: String)] = [
        ("train-labels-idx1-ubyte.gz", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
        ("train-images-idx3-ubyte.gz", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
        ("t10k-labels-idx1-ubyte.gz", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"),
        ("t10k-images-idx3-ubyte.gz", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
    ]

    static func fashionMNIST(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let files = fashionFiles.map { name, sha256 in
            KerasCache.File(name: name, origin: origin + name, sha256: sha256, subdirectory: "datasets/fashion-mnist")
        }
        return try fashionMNIST(files, interpreter, range: a.callRange)
    }

    /// The four IDX files, in Keras's order: train labels, train images, test labels, test images.
    static func fashionMNIST(
        _ files: [KerasCache.File], _ interpreter: Interpreter, range: SourceRange
    ) throws(Diagnostic) -> Value {
        var parts: [[UInt8]] = []
        for file in files {
            let path = try KerasCache.fetch(file, interpreter, range: range)
            parts.append(try GzipFile.inflate(try FileBytes.read(path, range: range), name: path, range: range))
        }
        let yTrain = try idx(parts[0], offset: 8, rows: nil, name: files[0].name, range: range)
        let xTrain = try idx(parts[1], offset: 16, rows: yTrain.count, name: files[1].name, range: range)
        let yTest = try idx(parts[2], offset: 8, rows: nil, name: files[2].name, range: range)
        let xTest = try idx(parts[3], offset: 16, rows: yTest.count, name: files[3].name, range: range)
        return pairs((xTrain, yTrain), (xTest, yTest))
    }

    /// `np.frombuffer(data, np.uint8, offset=...)`, reshaped to (rows, 28, 28) for images.
    static func idx(
        _ bytes: [UInt8], offset: Int, rows: Int?, name: String, range: SourceRange
    ) throws(Diagnostic) -> Tensor {
        guard bytes.count >= offset else { throw Diagnostic("'\(name)' is too short to be an IDX file", at: range) }
        let count = bytes.count - offset
        guard let rows else { return Tensor(shape: [count], dtype: .uint8) { Float(bytes[offset + $0]) } }
        guard count == rows * 28 * 28 else {
            throw Diagnostic(
                "cannot reshape array of size \(count) into shape (\(rows),28,28)", at: range,
                hint: "'\(name)' does not match its labels file")
        }
        return Tensor(shape: [rows, 28, 28], dtype: .uint8) { Float(bytes[offset + $0]) }
    }

    static func bostonHousing(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        let split = try a.double("test_split", default: 0.2)
        guard split >= 0, split < 1 else {
            throw Diagnostic(
                "Invalid `test_split` argument: \(interpreter.repr(a["test_split"] ?? .none)). "
                    + "It must be between 0 and 1 "
                    + "(exclusive of 1).", at: a.range("test_split"))
        }
        let seed = try a.int("seed", default: 113)
        let file = KerasCache.File(
            name: try a.string("path", default: "boston_housing.npz"), origin: origin + "boston_housing.npz",
            sha256: "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5")
        return try bostonHousing(file, split: split, seed: seed, interpreter, range: a.callRange)
    }

    static func bostonHousing(
        _ file: KerasCache.File, split: Double, seed: Int, _ interpreter: Interpreter, range: SourceRange
    )
        throws(Diagnostic) -> Value
    {
        let path = try KerasCache.fetch(file, interpreter, range: range)
        let xy = try arrays(path, ["x", "y"], range: range)
        let (x, y) = (xy[0], xy[1])
        guard x.rank >= 1, y.rank >= 1, x.shape[0] == y.shape[0] else {
            throw Diagnostic("'\(path)' holds x and y of different lengths", at: range)
        }
        guard seed >= 0, seed <= Int(UInt32.max) else {
            throw Diagnostic("Seed must be between 0 and 2**32 - 1", at: range)
        }
        let stream = LegacyRandom.seeded(seed)
        var order = Array(0..<x.shape[0])
        stream.shuffle(&order)
        let cut = Int(Double(x.shape[0]) * (1 - split))
        let train = Array(order[..<cut])
        let test = Array(order[cut...])
        let rows = ScikitLearnModelSelection.rows
        return pairs((rows(x, train), rows(y, train)), (rows(x, test), rows(y, test)))
    }
}
