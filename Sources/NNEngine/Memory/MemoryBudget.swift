import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One memory budget for everything a session holds (arrays, strings, lists, training data).
/// Code about to make something large asks `allows(_:)` first and reports an error instead of
/// letting the allocation abort the process. Small requests are not checked one by one: they are
/// added up, and the process's real size is read (a system call) once a megabyte has gathered, so
/// the check costs nothing measurable.
public enum MemoryBudget {
    /// Requests below this size are only added up.
    public static let threshold = 1 << 20

    private static let configuredLimit = Atomic<Int>(0)
    private static let unchecked = Atomic<Int>(0)

    /// The budget in bytes (`nn --memory-limit`); by default `defaultLimit`.
    public static var limit: Int {
        get {
            let configured = configuredLimit.load(ordering: .relaxed)
            return configured > 0 ? configured : defaultLimit
        }
        set { configuredLimit.store(max(newValue, 1), ordering: .relaxed) }
    }

    /// Half the physical memory (or of a container's memory limit, when lower).
    public static let defaultLimit: Int = {
        var bytes = Int(clamping: ProcessInfoMemory.physicalBytes)
        if let cgroup = ProcessInfoMemory.containerLimit { bytes = min(bytes, cgroup) }
        return bytes / 2
    }()

    /// The budget, or the address-space limit (`ulimit -v`) when that is lower: what `allows` holds to.
    public static var effectiveLimit: Int { min(limit, ProcessInfoMemory.addressSpaceLimit ?? .max) }

    /// Whether `bytes` more fit in the budget (and under the address-space limit, `ulimit -v`).
    public static func allows(_ bytes: Int) -> Bool {
        guard bytes >= 0 else { return true }
        if bytes < threshold {
            guard unchecked.add(bytes, ordering: .relaxed).newValue >= threshold else { return true }
        }
        unchecked.store(0, ordering: .relaxed)
        guard let usage = ProcessInfoMemory.usage() else { return bytes <= limit }
        if bytes > limit - usage.resident { return false }
        if let space = ProcessInfoMemory.addressSpaceLimit, bytes > space - usage.virtual - space / 16 { return false }
        return true
    }

    /// `bytes` for people: `512 MB`, `7.8 GB`.
    public static func describe(_ bytes: Int) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) bytes" }
        let rounded = value >= 10 ? String(Int(value.rounded())) : String(Double(Int(value * 10)) / 10)
        return "\(rounded) \(units[unit])"
    }

    /// A size as people write it: `2G`, `512M`, `1.5GB`, `100k` or a number of bytes; nil if it is not one.
    public static func parse(_ text: String) -> Int? {
        var number = text.trimmingCharacters(in: " ").uppercased()
        if number.hasSuffix("B"), number.count > 1, !number.dropLast().allSatisfy(\.isNumber) { number.removeLast() }
        var scale: Double = 1
        if let last = number.last, let power = ["K": 1, "M": 2, "G": 3, "T": 4][last] {
            scale = pow(1024, Double(power))
            number.removeLast()
        }
        guard let value = Double(number), value.isFinite, value > 0, value * scale < 9e18 else { return nil }
        return Int(value * scale)
    }
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}
