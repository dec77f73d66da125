#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few file-system operations nn-fuzz needs, on the C library alone.
enum Files {
    /// The names in a folder, sorted (so a batch is the same wherever it runs); empty when unreadable.
    static func list(_ folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Makes a folder and the folders above it.
    static func makeFolders(_ path: String) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            prefix += "/" + part
            mkdir(prefix, 0o755)
        }
    }

    static func absolute(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A new empty folder under /tmp.
    static func temporaryFolder() -> String? {
        var template = Array("/tmp/nn-fuzz-XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, let made = mkdtemp(base) else { return nil }
            return String(cString: made)
        }
    }

    /// Copies the regular files of one folder into another (not recursively).
    static func copyFiles(from source: String, to destination: String) {
        makeFolders(destination)
        for name in list(source) where !isFolder("\(source)/\(name)") {
            guard let input = fopen("\(source)/\(name)", "rb") else { continue }
            guard let output = fopen("\(destination)/\(name)", "wb") else {
                fclose(input)
                continue
            }
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = fread(&buffer, 1, buffer.count, input)
                if count == 0 { break }
                fwrite(buffer, 1, count, output)
            }
            fclose(input)
            fclose(output)
        }
    }

    /// Deletes a folder made by `temporaryFolder` and all it holds.
    static func removeTree(_ path: String) {
        for name in list(path) {
            let child = "\(path)/\(name)"
            var info = stat()
            if lstat(child, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
                removeTree(child)
            } else {
                unlink(child)
            }
        }
        rmdir(path)
    }
}
