import NNEngine

/// `np.loadtxt`, `np.genfromtxt` and `np.savetxt`: numbers in text files (CSV and whitespace
/// separated), with NumPy's defaults, its squeezing of single rows and columns, and its messages.
enum TextFiles {
    static func members() -> [String: Value] {
        [
            "loadtxt": function(
                "loadtxt",
                "fname, dtype=float, comments='#', delimiter=None, skiprows=0, usecols=None, "
                    + "unpack=False, ndmin=0, encoding=None, max_rows=None"
            ) { a, interpreter throws(Diagnostic) in
                try read(a, interpreter, lenient: false)
            },
            "genfromtxt": function(
                "genfromtxt",
                "fname, dtype=float, comments='#', delimiter=None, skip_header=0, "
                    + "usecols=None, filling_values=None, unpack=None, ndmin=0, encoding=None, max_rows=None"
            ) { a, interpreter throws(Diagnostic) in
                try read(a, interpreter, lenient: true)
            },
            "savetxt": function(
                "savetxt",
                "fname, X, fmt='%.18e', delimiter=' ', newline='\\n', header='', footer='', "
                    + "comments='# ', encoding=None"
            ) { a, interpreter throws(Diagnostic) in
                try save(a, interpreter)
                return .none
            },
        ]
    }

    /// The rows of a text file: comments removed, blank lines skipped, fields split.
    static func rows(_ text: String, comments: String?, delimiter: String?, skip: Int) -> [[String]] {
        var result: [[String]] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines.dropFirst(skip) {
            var content = Substring(line)
            if content.last == "\r" { content = content.dropLast() }
            if let comments, !comments.isEmpty, let start = String(content).range(of: comments) {
                content = String(content)[..<start.lowerBound]
            }
            if content.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            if let delimiter {
                result.append(
                    String(content).split(separator: delimiter, omittingEmptySubsequences: false).map(String.init))
            } else {
                result.append(content.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init))
            }
        }
        return result
    }

    /// A number as NumPy's text parsers read it (`nan`, `inf` and spaces around it allowed).
    static func number(_ field: String) -> Double? {
        let text = field.trimming(" \t").lowercased()
        if let value = Double(text) { return value }
        switch text {
        case "nan", "+nan", "-nan": return .nan
        case "inf", "+inf", "infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: return nil
        }
    }

    static func read(_ a: BoundArguments, _ interpreter: Interpreter, lenient: Bool) throws(Diagnostic) -> Value {
        let name = try a.string("fname")
        let path = interpreter.resolvePath(name)
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path, range: a.range("fname")) } catch {
            throw Diagnostic("\(name) not found.", at: a.range("fname"), hint: error.hint ?? error.message)
        }
        let dtype = try a.optionalDType("dtype") ?? .float64
        guard dtype != .bool else {
            throw Diagnostic("reading booleans from text is not supported", at: a.range("dtype"))
        }
        let comments = a.given("comments") ? (a["comments"] == nil ? nil : try a.string("comments")) : "#"
        let delimiter = a["delimiter"] == nil ? nil : try a.string("delimiter")
        let skip = try a.int(lenient ? "skip_header" : "skiprows", default: 0)
        var table = rows(String(decoding: bytes, as: UTF8.self), comments: comments, delimiter: delimiter, skip: skip)
        if let maximum = try a.optionalInt("max_rows") { table = Array(table.prefix(max(0, maximum))) }
        let columns = try selectedColumns(a, width: table.first?.count ?? 0)
        var values: [Double] = []
        for (row, fields) in table.enumerated() {
            if columns == nil, let first = table.first, fields.count != first.count {
                throw Diagnostic(
                    "the number of columns changed from \(first.count) to \(fields.count) at row \(row + 1); "
                        + "use `usecols` to select a subset and avoid this error", at: a.callRange)
            }
            for column in columns ?? Array(fields.indices) {
                let position = column < 0 ? column + fields.count : column
                guard position >= 0, position < fields.count else {
                    throw Diagnostic(
                        "invalid column index \(column) at row \(row + 1) with \(fields.count) columns",
                        at: a.range("usecols"))
                }
                let field = fields[position]
                if let value = dtype == .int64 ? Int(field.trimming(" \t")).map(Double.init) : number(field) {
                    values.append(value)
                } else if lenient {
                    values.append(a["filling_values"] == nil ? .nan : try a.double("filling_values"))
                } else {
                    throw Diagnostic(
                        "could not convert string '\(field)' to \(dtype.rawValue) "
                            + "at row \(row), column \(position + 1).",
                        at: a.callRange)
                }
            }
        }
        let width = columns?.count ?? table.first?.count ?? 0
        var tensor =
            values.count == table.count * width
            ? Tensor.exactly(shape: [table.count, width], dtype: dtype) { values[$0] }
            : Tensor(shape: [0], dtype: dtype)
        tensor = ndmin(tensor, try a.int("ndmin", default: 0))
        if try a.bool("unpack", default: false) { tensor = ArrayAttributes.transpose(tensor) }
        return NumPyLibrary.array(tensor)
    }

    /// `usecols` as a list of column positions, or nil for all of them.
    static func selectedColumns(_ a: BoundArguments, width: Int) throws(Diagnostic) -> [Int]? {
        guard let value = a["usecols"] else { return nil }
        if let single = value.exactInteger { return [single] }
        return try a.shapeValue(value, range: a.range("usecols"))
    }

    /// NumPy's `_ensure_ndmin_ndarray`: squeeze when there are more axes than `ndmin`, then add axes.
    static func ndmin(_ tensor: Tensor, _ ndmin: Int) -> Tensor {
        var shape = tensor.shape
        if shape.count > ndmin { shape = shape.filter { $0 != 1 } }
        if shape.count < ndmin {
            shape =
                ndmin == 2 && shape.count == 1
                ? [shape[0], 1] : Array(repeating: 1, count: ndmin - shape.count) + shape
        }
        return (try? tensor.reshaped(shape)) ?? tensor
    }

    static func save(_ a: BoundArguments, _ interpreter: Interpreter) throws(Diagnostic) {
        var tensor = try a.tensor("X")
        if tensor.rank == 1 { tensor = (try? tensor.reshaped([tensor.count, 1])) ?? tensor }
        guard tensor.rank == 2 else {
            throw Diagnostic("Expected 1D or 2D array, got \(tensor.rank)D array instead", at: a.range("X"))
        }
        let columns = tensor.shape[1]
        let delimiter = try a.string("delimiter", default: " ")
        let newline = try a.string("newline", default: "\n")
        let comments = try a.string("comments", default: "# ")
        let rowFormat: String
        switch a["fmt"] {
        case .list(let list):
            let formats = try list.items.map { item throws(Diagnostic) -> String in
                guard case .string(let text) = item else {
                    throw Diagnostic("fmt must be a string or a list of strings", at: a.range("fmt"))
                }
                return text
            }
            guard formats.count == columns else {
                throw Diagnostic("fmt has wrong shape.  \(formats)", at: a.range("fmt"))
            }
            rowFormat = formats.joined(separator: delimiter)
        default:
            let format = try a.string("fmt", default: "%.18e")
            let count = format.filter { $0 == "%" }.count
            rowFormat = count == 1 ? Array(repeating: format, count: columns).joined(separator: delimiter) : format
        }
        var text = ""
        let header = try a.string("header", default: "")
        let footer = try a.string("footer", default: "")
        if !header.isEmpty { text += comments + header.replacingOccurrences(of: "\n", with: "\n" + comments) + newline }
        for row in 0..<tensor.shape[0] {
            let values: [Value] = (0..<columns).map { column in
                let value = tensor.double(flat: row * columns + column)
                return tensor.dtype == .float32 || tensor.dtype == .float64
                    ? .float(value) : .int(Int(ArrayConversion.int64(value)))
            }
            text += try PercentFormat.apply(rowFormat, .tuple(values), interpreter, range: a.range("fmt")) + newline
        }
        if !footer.isEmpty { text += comments + footer.replacingOccurrences(of: "\n", with: "\n" + comments) + newline }
        try FileBytes.write(Array(text.utf8), to: try a.string("fname"), range: a.range("fname"))
    }
}
