import Foundation
import NNEngine
import ZIPFoundation

/// NumPy's `.npz` archives: a zip of `.npy` files, one per array (`np.savez`, `np.savez_compressed`,
/// `np.load`). Nothing is ever unpickled: object arrays and pickles are refused with NumPy's message.
enum NPZFile {
    static let zipMagic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    /// The arrays of the archive at `path`, in the archive's order, named without `.npy`.
    static func read(_ path: String, range: SourceRange) throws(Diagnostic) -> [(name: String, array: Tensor)] {
        try decode(try FileBytes.read(path, range: range), name: path, range: range)
    }

    static func decode(_ bytes: [UInt8], name path: String, range: SourceRange) throws(Diagnostic) -> [(
        name: String, array: Tensor
    )] {
        let archive: Archive
        do { archive = try Archive(data: Data(bytes), accessMode: .read) } catch {
            throw Diagnostic("'\(path)' is not a readable .npz (zip) file", at: range)
        }
        var arrays: [(name: String, array: Tensor)] = []
        for entry in archive where entry.type == .file {
            var data = Data()
            do { _ = try archive.extract(entry) { data.append($0) } } catch {
                throw Diagnostic("'\(path)': could not read its member '\(entry.path)' (\(error))", at: range)
            }
            let name = entry.path.hasSuffix(".npy") ? String(entry.path.dropLast(4)) : entry.path
            arrays.append((name, try NPYFile.decode([UInt8](data), name: "\(path)/\(entry.path)", range: range)))
        }
        return arrays
    }

    /// Writes `arrays` as `name.npy` members, deflated when `compressed`, as `np.savez` names them.
    static func write(
        _ arrays: [(name: String, array: Tensor)], to requestedPath: String, compressed: Bool,
        range: SourceRange
    ) throws(Diagnostic) {
        let path = requestedPath.hasSuffix(".npz") ? requestedPath : requestedPath + ".npz"
        do {
            let archive = try Archive(accessMode: .create)
            for (name, array) in arrays {
                let data = Data(NPYFile.encode(array))
                try archive.addEntry(
                    with: name + ".npy", type: .file, uncompressedSize: Int64(data.count),
                    compressionMethod: compressed ? .deflate : .none
                ) { position, size in
                    data.subdata(in: Int(position)..<(Int(position) + size))
                }
            }
            guard let data = archive.data else { throw Diagnostic("could not make the archive '\(path)'", at: range) }
            try FileBytes.write([UInt8](data), to: path, range: range)
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            throw Diagnostic("could not write '\(path)': \(error)", at: range)
        }
    }
}

/// `np.savez(file, *arrays, **named)` and `np.savez_compressed`: positional arrays are `arr_0`, `arr_1`, …
final class SavezFunction: CallableObject {
    let name: String
    let compressed: Bool

    init(compressed: Bool) {
        self.compressed = compressed
        name = compressed ? "savez_compressed" : "savez"
    }

    var typeName: String { "function" }
    func repr(_ interpreter: Interpreter) -> String { "<function \(name)>" }

    func call(_ arguments: CallArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        var file: (Value, SourceRange)?
        var arrays: [(name: String, array: Tensor)] = []
        for (index, value) in arguments.positional.enumerated() {
            let range = arguments.positionalRanges[index]
            if index == 0 {
                file = (value, range)
                continue
            }
            arrays.append(("arr_\(index - 1)", try ArrayConversion.tensor(value, range: range)))
        }
        for keyword in arguments.keywords {
            if keyword.name == "file" {
                file = (keyword.value, keyword.range)
                continue
            }
            guard !arrays.contains(where: { $0.name == keyword.name }) else {
                throw Diagnostic("Cannot use un-named variables and keyword \(keyword.name)", at: keyword.range)
            }
            arrays.append((keyword.name, try ArrayConversion.tensor(keyword.value, range: keyword.range)))
        }
        guard let (value, range) = file, case .string(let path) = value else {
            throw Diagnostic("\(name)() needs a file name first: np.\(name)('data.npz', X=X, y=y)", at: arguments.range)
        }
        try NPZFile.write(arrays, to: path, compressed: compressed, range: range)
        return .none
    }
}

/// What `np.load` gives for an `.npz` file: `data['X']`, `data.files`, `data.keys()`, iteration over names.
final class NpzFileObject: PyObject, IterableObject, SubscriptableObject {
    let path: String
    let arrays: [(name: String, array: Tensor)]

    init(path: String, arrays: [(name: String, array: Tensor)]) {
        self.path = path
        self.arrays = arrays
    }

    var typeName: String { "NpzFile" }
    var items: [Value] { arrays.map { .string($0.name) } }
    var attributeNames: [String] { ["files", "keys", "values", "items", "close", "__enter__", "__exit__"] }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "files": return .list(items)
        case "keys": return function("keys", "") { _, _ throws(Diagnostic) in .list(self.items) }
        case "values":
            return function("values", "") { _, _ throws(Diagnostic) in
                .list(self.arrays.map { .array(NDArray($0.array)) })
            }
        case "items":
            return function("items", "") { _, _ throws(Diagnostic) in
                .list(self.arrays.map { .tuple([.string($0.name), .array(NDArray($0.array))]) })
            }
        case "close": return function("close", "") { _, _ throws(Diagnostic) in .none }
        // `with np.load('data.npz') as data:`, for when the language has `with`.
        case "__enter__": return function("__enter__", "") { _, _ throws(Diagnostic) in .object(self) }
        case "__exit__": return function("__exit__", "*exception") { _, _ throws(Diagnostic) in .none }
        default: return nil
        }
    }

    func subscriptItem(_ index: [IndexItem], _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> Value
    {
        guard index.count == 1, case .value(.string(let key), let keyRange) = index[0] else {
            throw Diagnostic("an NpzFile is indexed by an array's name: data['X']", at: range)
        }
        guard let found = arrays.first(where: { $0.name == key }) else {
            throw Diagnostic(
                "KeyError: \(key) is not a file in the archive", at: keyRange,
                hint: didYouMean(key, arrays.map(\.name))
                    ?? "the archive holds \(arrays.map(\.name).joined(separator: ", "))")
        }
        return .array(NDArray(found.array))
    }

    func repr(_ interpreter: Interpreter) -> String {
        "NpzFile '\(path)' with keys: " + arrays.map(\.name).joined(separator: ", ")
    }
}

extension NPZFile {
    /// `np.load(file, allow_pickle=False)`: a `.npy` file gives its array, a `.npz` file an `NpzFile`.
    static func load(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) -> Value {
        if try a.bool("allow_pickle", default: false) {
            throw Diagnostic(
                "np.load(allow_pickle=True) is refused: NNLab never unpickles, since a pickle can run any code",
                at: a.range("allow_pickle"),
                hint: "save plain arrays with np.save or np.savez and load them without allow_pickle")
        }
        guard a["mmap_mode"] == nil else {
            throw Diagnostic("mmap_mode is not supported; load the whole file", at: a.range("mmap_mode"))
        }
        let name = try a.string("file")
        let path = interpreter.resolvePath(name)
        let bytes = try FileBytes.read(path, range: a.range("file"))
        if bytes.starts(with: zipMagic) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return .object(NpzFileObject(path: name, arrays: try decode(bytes, name: name, range: a.range("file"))))
        }
        if bytes.starts(with: NPYFile.magic) {
            return .array(NDArray(try NPYFile.decode(bytes, name: name, range: a.range("file"))))
        }
        if bytes.first == 0x80 {
            throw Diagnostic(
                "Cannot load file containing pickled data when allow_pickle=False", at: a.range("file"),
                hint: "NNLab never unpickles; save the arrays with np.save or np.savez instead")
        }
        throw Diagnostic("'\(name)' is neither a .npy nor a .npz file", at: a.range("file"))
    }
}
