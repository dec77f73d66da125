/// Python's `logging` as beginner code uses it: loggers with levels, `basicConfig`, and messages on
/// standard error in Python's formats (the bare message before `basicConfig`, `LEVEL:name:message` after).
final class LoggingModule {
    static let levels: [(String, Int)] = [
        ("DEBUG", 10), ("INFO", 20), ("WARNING", 30), ("ERROR", 40), ("CRITICAL", 50),
    ]
    private var configured = false
    private var format = "%(levelname)s:%(name)s:%(message)s"
    private var levelsByLogger: [String: Int] = ["root": 30]
    private var loggers: [String: ModuleObject] = [:]

    func module(_ interpreter: Interpreter) -> ModuleObject {
        var members: [String: Value] = [:]
        for (name, level) in LoggingModule.levels { members[name] = .int(level) }
        members["WARN"] = .int(30)
        let configure = "level=None, format=None, filename=None, force=False"
        members["basicConfig"] = function("basicConfig", configure) { a, _ throws(Diagnostic) in
            let force = try a.bool("force", default: false)
            guard !self.configured || force else { return .none }
            self.configured = true
            if a["level"] != nil { self.levelsByLogger["root"] = try self.level(a, "level") }
            if a["format"] != nil { self.format = try a.string("format") }
            return .none
        }
        members["getLogger"] = function("getLogger", "name=None") { a, _ throws(Diagnostic) in
            .object(self.logger(a["name"] == nil ? "root" : try a.string("name")))
        }
        let root = logger("root")
        for method in ["debug", "info", "warning", "error", "critical"] { members[method] = root.members[method] }
        return ModuleObject("logging", members)
    }

    /// A level given as a number or a name (`"INFO"`).
    private func level(_ a: BoundArguments, _ name: String) throws(Diagnostic) -> Int {
        if case .string(let text)? = a[name] {
            guard let level = LoggingModule.levels.first(where: { $0.0 == text })?.1 else {
                throw Diagnostic("ValueError: Unknown level: '\(text)'", at: a.range(name))
            }
            return level
        }
        return try a.int(name)
    }

    func logger(_ name: String) -> ModuleObject {
        if let logger = loggers[name] { return logger }
        var members: [String: Value] = [
            "name": .string(name),
            "setLevel": function("setLevel", "level") { a, _ throws(Diagnostic) in
                self.levelsByLogger[name] = try self.level(a, "level")
                return .none
            },
            "getEffectiveLevel": function("getEffectiveLevel", "") { _, _ in .int(self.effectiveLevel(name)) },
        ]
        for (levelName, level) in LoggingModule.levels {
            let method = levelName.lowercased()
            members[method] = function(method, "msg, *args") { a, interpreter throws(Diagnostic) in
                try self.log(name, levelName, level, a, interpreter)
                return .none
            }
        }
        members["warn"] = members["warning"]
        let logger = ModuleObject("logging.Logger", members)
        loggers[name] = logger
        return logger
    }

    /// A dotted logger without its own level takes its parent's (`a.b` from `a`), and at last the root's.
    private func effectiveLevel(_ name: String) -> Int {
        var current = name
        while true {
            if let level = levelsByLogger[current], level != 0 { return level }
            guard let dot = current.lastIndex(of: ".") else { return levelsByLogger["root"] ?? 30 }
            current = String(current[..<dot])
        }
    }

    private func log(
        _ name: String, _ levelName: String, _ level: Int, _ a: BoundArguments,
        _ interpreter: Interpreter
    ) throws(Diagnostic) {
        guard level >= effectiveLevel(name) else { return }
        var message = interpreter.str(a.values["msg"]?.value ?? .none)
        if !a.rest.isEmpty {
            let arguments: Value = a.rest.count == 1 ? a.rest[0] : .tuple(a.rest)
            if case .string(let text) = try interpreter.binary(.modulo, .string(message), arguments, range: a.callRange)
            {
                message = text
            }
        }
        guard configured else {
            // Python's last-resort handler: warnings and worse, the message alone.
            if level >= 30 { interpreter.warningHandler(message + "\n") }
            return
        }
        let line = format.replacingOccurrences(of: "%(levelname)s", with: levelName)
            .replacingOccurrences(of: "%(name)s", with: name)
            .replacingOccurrences(of: "%(levelno)s", with: String(level))
            .replacingOccurrences(of: "%(message)s", with: message)
        interpreter.warningHandler(line + "\n")
    }
}
