/// `packaging.version`: `parse` and `Version` for the version checks notebooks start with
/// (`version.parse(tf.__version__) >= version.parse("2.0")`). PEP 440 release segments, pre-releases
/// (a, b, rc), post- and dev-releases, ordered as `packaging` orders them.
enum PackagingModule {
    static func packaging(version: ModuleObject?) -> ModuleObject {
        ModuleObject("packaging", version.map { ["version": .object($0)] } ?? [:])
    }

    static func version() -> ModuleObject {
        let make: (BoundArguments, Interpreter) throws(Diagnostic) -> Value = { a, _ throws(Diagnostic) in
            let text = try a.string("version")
            guard let parsed = VersionObject(text) else {
                throw Diagnostic(
                    python: "ValueError", "Invalid version: \(pythonStringRepr(text))", at: a.range("version"))
            }
            return .object(parsed)
        }
        return ModuleObject(
            "packaging.version",
            [
                "parse": function("parse", "version", make),
                "Version": function("Version", "version", repr: "<class 'packaging.version.Version'>", make),
            ])
    }
}

/// A parsed PEP 440 version (`packaging.version.Version`).
final class VersionObject: PyObject {
    let release: [Int]
    /// Pre-release phase (`a`, `b`, `rc`) and number.
    let pre: (phase: String, number: Int)?
    let post: Int?
    let dev: Int?
    var typeName: String { "Version" }

    init?(_ text: String) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces).lowercased())
        if rest.hasPrefix("v") { rest = rest.dropFirst() }
        func number() -> Int? {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let value = Int(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            return value
        }
        func separator() { if let c = rest.first, "-_.".contains(c) { rest = rest.dropFirst() } }
        func word(_ words: [String]) -> String? {
            guard let found = words.first(where: { rest.hasPrefix($0) }) else { return nil }
            rest = rest.dropFirst(found.count)
            return found
        }
        guard let first = number() else { return nil }
        var release = [first]
        while rest.hasPrefix("."), rest.dropFirst().first?.isNumber == true {
            rest = rest.dropFirst()
            guard let next = number() else { return nil }
            release.append(next)
        }
        self.release = release
        let beforePre = rest
        separator()
        if let phase = word(["alpha", "beta", "preview", "pre", "rc", "a", "b", "c"]) {
            let normal = ["alpha": "a", "beta": "b", "c": "rc", "pre": "rc", "preview": "rc"][phase] ?? phase
            separator()
            pre = (normal, number() ?? 0)
        } else {
            rest = beforePre
            pre = nil
        }
        let beforePost = rest
        if rest.hasPrefix("-"), rest.dropFirst().first?.isNumber == true {
            rest = rest.dropFirst()
            post = number()
        } else {
            separator()
            if word(["post", "rev", "r"]) != nil {
                separator()
                post = number() ?? 0
            } else {
                rest = beforePost
                post = nil
            }
        }
        let beforeDev = rest
        separator()
        if word(["dev"]) != nil {
            separator()
            dev = number() ?? 0
        } else {
            rest = beforeDev
            dev = nil
        }
        guard rest.isEmpty else { return nil }
    }

    var text: String {
        var result = release.map(String.init).joined(separator: ".")
        if let pre { result += pre.phase + String(pre.number) }
        if let post { result += ".post\(post)" }
        if let dev { result += ".dev\(dev)" }
        return result
    }

    func repr(_ interpreter: Interpreter) -> String { "<Version(\(pythonStringRepr(text)))>" }
    func str(_ interpreter: Interpreter) -> String { text }

    var attributeNames: [String] {
        [
            "major", "minor", "micro", "release", "pre", "post", "dev", "is_prerelease", "is_postrelease",
            "is_devrelease", "base_version", "public", "epoch",
        ]
    }

    func attribute(_ name: String, _ interpreter: Interpreter) throws(Diagnostic) -> Value? {
        switch name {
        case "major": return .int(release.first ?? 0)
        case "minor": return .int(release.count > 1 ? release[1] : 0)
        case "micro": return .int(release.count > 2 ? release[2] : 0)
        case "epoch": return .int(0)
        case "release": return .tuple(release.map { .int($0) })
        case "pre": return pre.map { .tuple([.string($0.phase), .int($0.number)]) } ?? Value.none
        case "post": return post.map { .int($0) } ?? Value.none
        case "dev": return dev.map { .int($0) } ?? Value.none
        case "is_prerelease": return .bool(pre != nil || dev != nil)
        case "is_postrelease": return .bool(post != nil)
        case "is_devrelease": return .bool(dev != nil)
        case "base_version": return .string(release.map(String.init).joined(separator: "."))
        case "public": return .string(text)
        default: return nil
        }
    }

    /// -1, 0 or 1 as `self` sorts before, with or after `other` (PEP 440 order).
    func order(_ other: VersionObject) -> Int {
        func trimmed(_ r: [Int]) -> [Int] { Array(r.reversed().drop { $0 == 0 }.reversed()) }
        let a = trimmed(release)
        let b = trimmed(other.release)
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for (x, y) in zip(sortKey, other.sortKey) where x != y { return x < y ? -1 : 1 }
        return 0
    }

    /// After the release: a dev-only release sorts before its pre-releases, which sort before the release.
    private var sortKey: [Int] {
        let phases = ["a": 0, "b": 1, "rc": 2]
        let preKey: [Int] =
            if let pre { [phases[pre.phase] ?? 2, pre.number] } else if post == nil && dev != nil { [-1, 0] } else {
                [3, 0]
            }
        return preKey + [post ?? -1, dev ?? Int.max]
    }
}
