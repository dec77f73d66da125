/// A Python `set` or `frozenset`. Its items sit in an open-addressing table laid out as CPython's
/// (same hashes for numbers and tuples, same probing, resizing and dummy slots), so a set of ints
/// prints and iterates in the order CPython gives, which is not sorted order (`{16, 1, 2, 8}`).
final class SetObject: IterableObject {
    private enum Slot {
        case unused, dummy
        case active(Value, Int)
    }

    let frozen: Bool
    private var table = [Slot](repeating: .unused, count: 8)
    private var fill = 0
    private(set) var count = 0
    private var finger = 0

    init(frozen: Bool = false) { self.frozen = frozen }

    deinit {
        var values = items
        table = []
        Dismantler.release(&values)
    }

    var typeName: String { frozen ? "frozenset" : "set" }
    private var mask: Int { table.count - 1 }

    /// The items in table order (iteration order).
    var items: [Value] {
        var result: [Value] = []
        result.reserveCapacity(count)
        for case .active(let value, _) in table { result.append(value) }
        return result
    }

    private var entries: [(Value, Int)] {
        var result: [(Value, Int)] = []
        result.reserveCapacity(count)
        for case .active(let value, let hash) in table { result.append((value, hash)) }
        return result
    }

    // MARK: The table, as CPython's setobject.c keeps it

    private static let linearProbes = 9

    /// The slot holding `value`, or nil.
    private func find(_ value: Value, hash: Int) -> Int? {
        var perturb = UInt(bitPattern: hash)
        var i = hash & mask
        while true {
            let probes = i + Self.linearProbes <= mask ? Self.linearProbes : 0
            for j in i...(i + probes) {
                switch table[j] {
                case .unused: return nil
                case .active(let key, let h) where h == hash && pythonEquals(key, value): return j
                default: continue
                }
            }
            perturb >>= 5
            i = (i &* 5 &+ 1 &+ Int(bitPattern: perturb)) & mask
        }
    }

    func contains(_ value: Value, hash: Int) -> Bool { find(value, hash: hash) != nil }

    func add(_ value: Value, hash: Int) {
        var perturb = UInt(bitPattern: hash)
        var i = hash & mask
        var freeSlot: Int?
        while true {
            let probes = i + Self.linearProbes <= mask ? Self.linearProbes : 0
            for j in i...(i + probes) {
                switch table[j] {
                case .unused:
                    if let freeSlot {
                        table[freeSlot] = .active(value, hash)
                        count += 1
                        return
                    }
                    table[j] = .active(value, hash)
                    fill += 1
                    count += 1
                    if fill * 5 >= mask * 3 { resize(count > 50_000 ? count * 2 : count * 4) }
                    return
                case .active(let key, let h) where h == hash && pythonEquals(key, value): return
                case .dummy: freeSlot = j
                default: continue
                }
            }
            perturb >>= 5
            i = (i &* 5 &+ 1 &+ Int(bitPattern: perturb)) & mask
        }
    }

    private static func insertClean(_ table: inout [Slot], _ value: Value, _ hash: Int) {
        let mask = table.count - 1
        var perturb = UInt(bitPattern: hash)
        var i = hash & mask
        while true {
            let probes = i + linearProbes <= mask ? linearProbes : 0
            for j in i...(i + probes) {
                if case .unused = table[j] {
                    table[j] = .active(value, hash)
                    return
                }
            }
            perturb >>= 5
            i = (i &* 5 &+ 1 &+ Int(bitPattern: perturb)) & mask
        }
    }

    private func resize(_ minimumUsed: Int) {
        var size = 8
        while size <= minimumUsed { size <<= 1 }
        if size == table.count && fill == count { return }
        var newTable = [Slot](repeating: .unused, count: size)
        for case .active(let value, let hash) in table { Self.insertClean(&newTable, value, hash) }
        table = newTable
        fill = count
    }

    @discardableResult
    func discard(_ value: Value, hash: Int) -> Bool {
        guard let slot = find(value, hash: hash) else { return false }
        table[slot] = .dummy
        count -= 1
        return true
    }

    func pop() -> Value? {
        guard count > 0 else { return nil }
        var i = finger & mask
        while true {
            if case .active(let value, _) = table[i] {
                table[i] = .dummy
                count -= 1
                finger = i + 1
                return value
            }
            i = i == mask ? 0 : i + 1
        }
    }

    func clear() {
        table = [Slot](repeating: .unused, count: 8)
        fill = 0
        count = 0
    }

    /// `set_merge`: adds another set's items, resizing once first.
    func merge(_ other: SetObject) {
        guard other !== self, other.count > 0 else { return }
        if (fill + other.count) * 5 >= mask * 3 { resize((count + other.count) * 2) }
        if fill == 0, table.count == other.table.count, other.fill == other.count {
            table = other.table
            fill = other.fill
            count = other.count
            return
        }
        if fill == 0 {
            for (value, hash) in other.entries { Self.insertClean(&table, value, hash) }
            fill = other.count
            count = other.count
            return
        }
        for (value, hash) in other.entries { add(value, hash: hash) }
    }

    func copy(frozen: Bool? = nil) -> SetObject {
        let result = SetObject(frozen: frozen ?? self.frozen)
        result.merge(self)
        return result
    }

    /// `frozenset.__hash__`, as CPython computes it from the table.
    var frozenHash: Int {
        func shuffle(_ h: UInt64) -> UInt64 { ((h ^ 89_869_747) ^ (h << 16)) &* 3_644_798_167 }
        var hash: UInt64 = 0
        for slot in table {
            switch slot {
            case .unused: hash ^= shuffle(0)
            case .dummy: hash ^= shuffle(UInt64.max)
            case .active(_, let h): hash ^= shuffle(UInt64(bitPattern: Int64(h)))
            }
        }
        if (table.count - fill) & 1 == 1 { hash ^= shuffle(0) }
        if (fill - count) & 1 == 1 { hash ^= shuffle(UInt64.max) }
        hash ^= (UInt64(count) + 1) &* 1_927_868_237
        hash ^= (hash >> 11) ^ (hash >> 25)
        hash = hash &* 69069 &+ 907_133_923
        if hash == UInt64.max { hash = 590_923_713 }
        return Int(bitPattern: UInt(hash))
    }

    func repr(_ interpreter: Interpreter) -> String {
        let inner = items.map { interpreter.repr($0) }.joined(separator: ", ")
        if frozen { return count == 0 ? "frozenset()" : "frozenset({\(inner)})" }
        return count == 0 ? "set()" : "{\(inner)}"
    }
}

extension SetObject {
    /// Adds every item of `iterable` (a set's table is copied as CPython merges one).
    func update(with iterable: Value, _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) {
        if case .object(let other as SetObject) = iterable {
            merge(other)
            return
        }
        for item in try interpreter.iterate(iterable, range: range) {
            add(item, hash: try PythonHash.hash(item, range: range))
        }
    }

    /// A set made from any iterable.
    static func make(
        _ iterable: Value?, frozen: Bool, _ interpreter: Interpreter,
        range: SourceRange
    ) throws(Diagnostic) -> SetObject {
        let set = SetObject(frozen: frozen)
        if let iterable { try set.update(with: iterable, interpreter, range: range) }
        return set
    }

    func union(_ other: Value, _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> SetObject {
        let result = copy()
        try result.update(with: other, interpreter, range: range)
        return result
    }

    func intersection(_ other: Value, _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> SetObject {
        let result = SetObject(frozen: frozen)
        if case .object(var small as SetObject) = other {
            var large = self
            if small.count > large.count { swap(&small, &large) }
            for (value, hash) in small.entries where large.contains(value, hash: hash) { result.add(value, hash: hash) }
            return result
        }
        for item in try interpreter.iterate(other, range: range) {
            let hash = try PythonHash.hash(item, range: range)
            if contains(item, hash: hash) { result.add(item, hash: hash) }
        }
        return result
    }

    func difference(_ other: Value, _ interpreter: Interpreter, range: SourceRange) throws(Diagnostic) -> SetObject {
        guard case .object(let otherSet as SetObject) = other, count >> 2 <= otherSet.count else {
            let result = copy()
            for item in try interpreter.iterate(other, range: range) {
                result.discard(item, hash: try PythonHash.hash(item, range: range))
            }
            if result.fill - result.count > result.mask / 4 {
                result.resize(result.count > 50_000 ? result.count * 2 : result.count * 4)
            }
            return result
        }
        let result = SetObject(frozen: frozen)
        for (value, hash) in entries where !otherSet.contains(value, hash: hash) { result.add(value, hash: hash) }
        return result
    }

    func symmetricDifference(
        _ other: Value, _ interpreter: Interpreter,
        range: SourceRange
    ) throws(Diagnostic) -> SetObject {
        let result = try SetObject.make(other, frozen: frozen, interpreter, range: range)
        for (value, hash) in entries where !result.discard(value, hash: hash) { result.add(value, hash: hash) }
        return result
    }

    /// Whether every item of this set is in `other`.
    func isSubset(of other: SetObject) -> Bool {
        count <= other.count && entries.allSatisfy { other.contains($0.0, hash: $0.1) }
    }

    func equals(_ other: SetObject) -> Bool { count == other.count && isSubset(of: other) }

    /// This set replaced by `other`'s items (for the in-place operators).
    func replaceContents(with other: SetObject) {
        table = other.table
        fill = other.fill
        count = other.count
    }

    func contains(_ item: Value, range: SourceRange) throws(Diagnostic) -> Bool {
        if case .object(let set as SetObject) = item, !set.frozen {
            return contains(item, hash: set.copy(frozen: true).frozenHash)
        }
        return contains(item, hash: try PythonHash.hash(item, range: range))
    }
}
