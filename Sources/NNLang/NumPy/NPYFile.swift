import NNEngine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads and writes NumPy's `.npy` files (format versions 1 to 3; read in C or Fortran order, written in C
/// order) of float32, float64, uint8, int64, int32 and bool arrays, as `np.load` and `np.save` do.
enum NPYFile {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

    static func load(_ path: String, range: SourceRange) throws(Diagnostic) -> Tensor {
        try decode(try FileBytes.read(path, range: range), name: path, range: range)
    }

    /// The array in the bytes of a `.npy` file; `name` is the file (or archive member) for messages.
    static func decode(_ bytes: [UInt8], name path: String, range: SourceRange) throws(Diagnostic) -> Tensor {
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw Diagnostic("'\(path)' is not a .npy file (it does not start with NumPy's magic bytes)", at: range)
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        if major == 1 {
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        } else {
            guard bytes.count >= 12 else { throw Diagnostic("'\(path)' is a truncated .npy file", at: range) }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        }
        guard headerStart + headerLength <= bytes.count else {
            throw Diagnostic("'\(path)' is a truncated .npy file", at: range)
        }
        let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        guard let descr = field("descr", in: header), let order = field("fortran_order", in: header),
            let shapeText = field("shape", in: header)
        else { throw Diagnostic("'\(path)' has a .npy header NNLab cannot read", at: range) }
        guard order.hasPrefix("False") || order.hasPrefix("True") else {
            throw Diagnostic("'\(path)' has a .npy header NNLab cannot read", at: range)
        }
        let shape = shapeText.split(separator: ",").compactMap { Int(String($0).trimming(" ()")) }
        try ArrayConversion.checkSize(shape, range: range)
        let at = order.hasPrefix("True") ? fortranOffset(shape) : { $0 }
        let count = shape.reduce(1, *)
        let data = Array(bytes[(headerStart + headerLength)...])
        let type = descr.trimming("' \"")
        let (size, dtype): (Int, DType)
        switch type {
        case "<f4": (size, dtype) = (4, .float32)
        case "<f8": (size, dtype) = (8, .float64)
        case "|u1", "<u1": (size, dtype) = (1, .uint8)
        case "<i8": (size, dtype) = (8, .int64)
        case "<i4": (size, dtype) = (4, .int64)
        case "|b1": (size, dtype) = (1, .bool)
        case "|O":
            throw Diagnostic(
                "Object arrays cannot be loaded when allow_pickle=False", at: range,
                hint: "'\(path)' holds Python objects, which only unpickling can read; NNLab never unpickles")
        default:
            throw Diagnostic(
                "'\(path)' holds \(type) values; NNLab reads float32, float64, uint8, int32, int64 and bool", at: range)
        }
        guard data.count >= count * size else {
            throw Diagnostic("'\(path)' is truncated: its header promises \(count) values", at: range)
        }
        return data.withUnsafeBytes { raw in
            if type == "<f8" || type == "<i8" {
                // Exactly as stored (an int64 exactly up to 2**53).
                return Tensor.exactly(shape: shape, dtype: dtype) { (i: Int) -> Double in
                    type == "<f8"
                        ? raw.loadUnaligned(fromByteOffset: at(i) * 8, as: Double.self)
                        : Double(raw.loadUnaligned(fromByteOffset: at(i) * 8, as: Int64.self))
                }
            }
            return Tensor(shape: shape, dtype: dtype) { c in
                let i = at(c)
                switch type {
                case "<f4": return raw.loadUnaligned(fromByteOffset: i * 4, as: Float.self)
                case "<f8": return Float(raw.loadUnaligned(fromByteOffset: i * 8, as: Double.self))
                case "<i8": return Float(raw.loadUnaligned(fromByteOffset: i * 8, as: Int64.self))
                case "<i4": return Float(raw.loadUnaligned(fromByteOffset: i * 4, as: Int32.self))
                default: return Float(raw[i])
                }
            }
        }
    }

    /// Where the element at row-major position `index` is stored in a column-major (Fortran-order) array.
    static func fortranOffset(_ shape: [Int]) -> (Int) -> Int {
        var strides: [Int] = []
        var stride = 1
        for size in shape {
            strides.append(stride)
            stride *= size
        }
        return { index in
            var rest = index
            var offset = 0
            for axis in shape.indices.reversed() where shape[axis] > 0 {
                offset += rest % shape[axis] * strides[axis]
                rest /= shape[axis]
            }
            return offset
        }
    }

    /// The value of `key` in a header dict such as `{'descr': '<f8', 'fortran_order': False, 'shape': (1000, 400), }`.
    static func field(_ key: String, in header: String) -> String? {
        guard let keyRange = header.range(of: "'\(key)':") else { return nil }
        var rest = header[keyRange.upperBound...].drop { $0 == " " }
        if rest.first == "(" {
            guard let close = rest.firstIndex(of: ")") else { return nil }
            return String(rest[...close])
        }
        if let comma = rest.firstIndex(of: ",") { rest = rest[..<comma] }
        return String(rest)
    }

    static func save(_ tensor: Tensor, to requestedPath: String, range: SourceRange) throws(Diagnostic) {
        let path = requestedPath.hasSuffix(".npy") ? requestedPath : requestedPath + ".npy"
        try FileBytes.write(encode(tensor), to: path, range: range)
    }

    /// The bytes of a version 1.0 `.npy` file holding `tensor`.
    static func encode(_ tensor: Tensor) -> [UInt8] {
        let (descr, size): (String, Int) =
            switch tensor.dtype {
            case .float32: ("<f4", 4)
            case .float64: ("<f8", 8)
            case .int64: ("<i8", 8)
            case .uint8: ("|u1", 1)
            case .bool: ("|b1", 1)
            }
        let shape =
            tensor.shape.count == 1
            ? "(\(tensor.shape[0]),)" : "(" + tensor.shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shape), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var bytes = magic + [1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)] + Array(header.utf8)
        bytes.reserveCapacity(bytes.count + tensor.count * size)
        let exact = tensor.wide
        for (i, value) in tensor.scalars.enumerated() {
            switch tensor.dtype {
            case .float32: withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 }
            case .float64: withUnsafeBytes(of: (exact?[i] ?? Double(value)).bitPattern.littleEndian) { bytes += $0 }
            case .int64:
                let integer = exact.map { ArrayConversion.int64($0[i]) } ?? ArrayConversion.int64(value)
                withUnsafeBytes(of: integer.littleEndian) { bytes += $0 }
            case .uint8, .bool: bytes.append(UInt8(max(0, min(255, value))))
            }
        }
        return bytes
    }
}

/// Whole-file reads and writes through the C library, with plain messages for missing files.
enum FileBytes {
    static let maximumSize = 2_000_000_000

    static func read(_ path: String, range: SourceRange?, limit: Int = maximumSize) throws(Diagnostic) -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            let reason =
                errno == ENOENT
                ? "there is no file '\(path)'" : "cannot open '\(path)': \(String(cString: strerror(errno)))"
            throw Diagnostic(
                reason, at: range, hint: errno == ENOENT ? "paths are relative to the folder you ran nn in" : nil)
        }
        defer { fclose(file) }
        var info = stat()
        guard fstat(fileno(file), &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw Diagnostic("'\(path)' is not a regular file", at: range)
        }
        let size = Int(info.st_size)
        guard size <= limit else { throw Diagnostic("'\(path)' is too large (\(size) bytes)", at: range) }
        var bytes = [UInt8](repeating: 0, count: size)
        let read = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, size, file) }
        guard read == size else { throw Diagnostic("could not read all of '\(path)'", at: range) }
        return bytes
    }

    static func write(_ bytes: [UInt8], to path: String, range: SourceRange?) throws(Diagnostic) {
        // Past a file-size limit (ulimit -f) the kernel would end the process with SIGXFSZ; ignored,
        // the write fails with EFBIG instead, which is reported.
        signal(SIGXFSZ, SIG_IGN)
        guard let file = fopen(path, "wb") else { throw writeError(path, range: range) }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, bytes.count, file) }
        let complete = written == bytes.count && fflush(file) == 0
        let error = errno
        let closed = fclose(file) == 0
        guard complete, closed else {
            errno = complete ? errno : error
            throw writeError(path, range: range)
        }
    }

    /// Python's OSError for a file that cannot be written, from `errno`.
    static func writeError(_ path: String, range: SourceRange?) -> Diagnostic {
        let code = errno
        let reason = String(cString: strerror(code))
        let hint: String? =
            switch code {
            case EFBIG: "the file is larger than the limit on file sizes (ulimit -f)"
            case ENOSPC: "the disk is full"
            default: nil
            }
        return Diagnostic("OSError: [Errno \(code)] \(reason): '\(path)'", at: range, hint: hint)
    }
}

extension String {
    /// The range of the first occurrence of `target`.
    func range(of target: String) -> Range<String.Index>? {
        guard !target.isEmpty else { return nil }
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(target) { return index..<self.index(index, offsetBy: target.count) }
            index = self.index(after: index)
        }
        return nil
    }
}
