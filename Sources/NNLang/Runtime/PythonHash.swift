#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Python's `hash()` for the values that have one, computed as CPython computes it for numbers and
/// tuples (so sets of them iterate in CPython's order). Strings get a fixed hash here, where CPython
/// salts theirs per run (PYTHONHASHSEED), so no program can rely on their order in a set.
enum PythonHash {
    static let modulus: UInt64 = (1 << 61) - 1

    /// The hash, or a TypeError for an unhashable value (`unhashable type: 'list'`).
    static func hash(_ value: Value, range: SourceRange?, depth: Int = 0) throws(Diagnostic) -> Int {
        guard depth < Interpreter.maximumValueDepth else {
            throw Diagnostic(
                "maximum recursion depth exceeded while hashing a nested tuple", at: range,
                exception: "RecursionError")
        }
        switch value {
        case .none: return 0x0FCA_8642
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return integer(i)
        case .float(let f): return double(f)
        case .string(let s): return string(s)
        case .tuple(let tuple):
            var items: [Int] = []
            items.reserveCapacity(tuple.count)
            for item in tuple.items { items.append(try hash(item, range: range, depth: depth + 1)) }
            return combine(items)
        case .array(let array) where array.isScalar:
            return double(value.numericValue ?? 0)
        case .object(let set as SetObject) where set.frozen:
            return set.frozenHash
        case .object(let object as ExceptionClass):
            return string(object.name)
        case .object(let path as PathObject):
            // Equal paths hash alike (PurePath hashes its normalized text).
            return string(path.path)
        case .object(let instance as InstanceObject):
            if let hash = try UserEquality.hash(instance, range: range) { return hash }
            return identity(instance)
        case .object(let object):
            if object is SetObject { break }
            let address = UInt(bitPattern: ObjectIdentifier(object).hashValue)
            let rotated = Int(bitPattern: (address >> 4) | (address << (UInt(UInt.bitWidth) - 4)))
            return rotated == -1 ? -2 : rotated
        default: break
        }
        throw Diagnostic("unhashable type: '\(value.typeName)'", at: range, exception: "TypeError")
    }

    /// CPython's default hash of an object: its address, rotated.
    private static func identity(_ object: AnyObject) -> Int {
        let address = UInt(bitPattern: ObjectIdentifier(object).hashValue)
        let rotated = Int(bitPattern: (address >> 4) | (address << (UInt(UInt.bitWidth) - 4)))
        return rotated == -1 ? -2 : rotated
    }

    static func integer(_ i: Int) -> Int {
        let magnitude = UInt64(i.magnitude) % modulus
        var h = Int(magnitude)
        if i < 0 { h = -h }
        return h == -1 ? -2 : h
    }

    /// `_Py_HashDouble`: equal to the int's hash for whole numbers.
    static func double(_ v: Double) -> Int {
        if v.isNaN { return 0 }
        if v.isInfinite { return v > 0 ? 314_159 : -314_159 }
        var exponent: Int32 = 0
        var mantissa = frexp(v, &exponent)
        var sign = 1
        if mantissa < 0 {
            sign = -1
            mantissa = -mantissa
        }
        var e = Int(exponent)
        var x: UInt64 = 0
        while mantissa != 0 {
            x = ((x << 28) & modulus) | x >> (61 - 28)
            mantissa *= 268_435_456.0
            e -= 28
            let y = UInt64(mantissa)
            mantissa -= Double(y)
            x += y
            if x >= modulus { x -= modulus }
        }
        e = e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61)
        x = ((x << UInt64(e)) & modulus) | x >> UInt64(61 - e)
        let h = Int(x) * sign
        return h == -1 ? -2 : h
    }

    /// FNV-1a over the UTF-8 bytes: fixed from run to run.
    static func string(_ s: String) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in s.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        let result = Int(bitPattern: UInt(h))
        return result == -1 ? -2 : result
    }

    /// CPython's tuple hash (xxHash-based) of the items' hashes.
    static func combine(_ hashes: [Int]) -> Int {
        let prime1: UInt64 = 11_400_714_785_074_694_791
        let prime2: UInt64 = 14_029_467_366_897_019_727
        let prime5: UInt64 = 2_870_177_450_012_600_261
        var acc = prime5
        for h in hashes {
            acc = acc &+ UInt64(bitPattern: Int64(h)) &* prime2
            acc = (acc << 31) | (acc >> 33)
            acc = acc &* prime1
        }
        acc = acc &+ (UInt64(hashes.count) ^ (prime5 ^ 3_527_539))
        if acc == UInt64.max { return 1_546_275_796 }
        return Int(bitPattern: UInt(acc))
    }
}
