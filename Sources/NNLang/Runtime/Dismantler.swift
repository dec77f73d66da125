#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Releases nested containers without recursion (CPython's "trashcan"). Freeing a list that holds a
/// list that holds a list … would otherwise recurse once per level and overflow the stack: the
/// outermost release on a thread drains a work list, and every release it causes only adds to it.
enum Dismantler {
    private final class Trashcan {
        var draining = false
        var pending: [Value] = []
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<Trashcan>.fromOpaque(pointer).release()
        }
        return key
    }()

    private static var trashcan: Trashcan {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<Trashcan>.fromOpaque(pointer).takeUnretainedValue()
        }
        let trashcan = Trashcan()
        pthread_setspecific(key, Unmanaged<Trashcan>.passRetained(trashcan).toOpaque())
        return trashcan
    }

    /// Empties `items` (from a container's deinit) without freeing nested containers recursively.
    static func release(_ items: inout [Value]) {
        guard items.contains(where: \.holdsValues) else { return }
        let trashcan = trashcan
        if trashcan.draining {
            trashcan.pending.append(contentsOf: items)
            items = []
            return
        }
        trashcan.draining = true
        swap(&trashcan.pending, &items)
        while let value = trashcan.pending.popLast() { _ = value }
        trashcan.draining = false
    }
}

extension Value {
    /// Whether freeing this value may free other values (a container or an object).
    var holdsValues: Bool {
        switch self {
        case .list, .tuple, .dict, .object: true
        default: false
        }
    }
}
