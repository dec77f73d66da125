#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The machine's memory and the process's use of it (from sysconf and /proc, without Foundation).
enum ProcessInfoMemory {
    static var physicalBytes: UInt64 {
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        let pageSize = sysconf(Int32(_SC_PAGESIZE))
        return pages > 0 && pageSize > 0 ? UInt64(pages) * UInt64(pageSize) : 1 << 32
    }

    /// A cgroup's memory limit (in a container), if one is set.
    static var containerLimit: Int? {
        guard let text = readSmallFile("/sys/fs/cgroup/memory.max") else { return nil }
        return Int(text.split(separator: "\n").first ?? "")
    }

    /// The address-space limit (`ulimit -v`), if one is set.
    static var addressSpaceLimit: Int? {
        var limit = rlimit()
        #if canImport(Glibc)
            let status = getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
        #else
            let status = getrlimit(RLIMIT_AS, &limit)
        #endif
        guard status == 0, limit.rlim_cur != rlim_t.max else { return nil }
        return Int(clamping: limit.rlim_cur)
    }

    /// The process's resident and virtual size in bytes, on Linux (nil elsewhere).
    static func usage() -> (resident: Int, virtual: Int)? {
        guard let text = readSmallFile("/proc/self/statm") else { return nil }
        let fields = text.split(separator: " ").compactMap { Int($0) }
        let pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard fields.count >= 2, pageSize > 0 else { return nil }
        return (fields[1] * pageSize, fields[0] * pageSize)
    }

    private static func readSmallFile(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = read(descriptor, &buffer, buffer.count)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
}
