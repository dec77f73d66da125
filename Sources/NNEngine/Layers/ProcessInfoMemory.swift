#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The machine's physical memory (read from sysconf, without loading Foundation at startup).
enum ProcessInfoMemory {
    static var physicalBytes: UInt64 {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
        return pages > 0 && pageSize > 0 ? UInt64(pages) * UInt64(pageSize) : 1 << 32
    }
}
