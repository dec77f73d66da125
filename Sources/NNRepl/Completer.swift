import NNLang

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tab completion: names in scope, attributes after a dot, keyword arguments inside a call, the
/// string values an argument takes (`activation='sig` → `sigmoid`), and file names inside strings.
public final class Completer {
    let interpreter: Interpreter
    static let keywords = [
        "import", "from", "as", "True", "False", "None", "and", "or", "not", "in", "is", "if", "else", "pass",
    ]

    public init(interpreter: Interpreter) { self.interpreter = interpreter }

    /// Completions for the word that ends `line` (the text before the cursor). Each replaces the
    /// word as the line editor splits it: after the last space, quote, bracket, comma or operator.
    public func complete(_ line: String, wordStart: Int? = nil) -> [String] {
        let characters = Array(line)
        // Tab with only spaces before the cursor indents, to the next multiple of 4 spaces.
        if characters.allSatisfy({ $0 == " " || $0 == "\t" }) {
            return [String(repeating: " ", count: 4 - characters.count % 4)]
        }
        if let quote = openQuote(characters) {
            let typed = String(characters[(quote + 1)...])
            return stringCompletions(typed, before: Array(characters[..<quote]))
        }
        let word = currentWord(characters)
        if let dot = word.lastIndex(of: ".") {
            let base = String(word[..<dot])
            let partial = String(word[word.index(after: dot)...])
            return matching(interpreter.attributeNames(ofDottedName: base), partial).map { base + "." + $0 }
        }
        var candidates = matching(interpreter.namesInScope + Completer.keywords, word)
        if let callee = enclosingCall(characters, wordLength: word.count) {
            let parameters = matching(interpreter.parameterNames(ofDottedName: callee), word).map { $0 + "=" }
            candidates = parameters + candidates.filter { !parameters.contains($0 + "=") }
        }
        return candidates
    }

    func matching(_ names: [String], _ prefix: String) -> [String] {
        let showPrivate = prefix.hasPrefix("_")
        return Array(Set(names.filter { $0.hasPrefix(prefix) && (showPrivate || !$0.hasPrefix("_")) })).sorted()
    }

    /// The index of the quote that opens an unfinished string, if the cursor is inside one.
    func openQuote(_ characters: [Character]) -> Int? {
        var quote: Character?
        var start = 0
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if let open = quote {
                if c == "\\" { i += 1 } else if c == open { quote = nil }
            } else if c == "#" {
                return nil
            } else if c == "'" || c == "\"" {
                quote = c
                start = i
            }
            i += 1
        }
        return quote == nil ? nil : start
    }

    /// The identifier-and-dots word before the cursor.
    func currentWord(_ characters: [Character]) -> String {
        var start = characters.count
        while start > 0,
            characters[start - 1].isLetter || characters[start - 1].isNumber || characters[start - 1] == "_"
                || characters[start - 1] == "."
        {
            start -= 1
        }
        return String(characters[start...])
    }

    /// The dotted name of the call whose parentheses hold the cursor, when the word is at an
    /// argument's start (right after `(` or `,`).
    func enclosingCall(_ characters: [Character], wordLength: Int) -> String? {
        var depth = 0
        var i = characters.count - wordLength - 1
        while i >= 0, characters[i] == " " { i -= 1 }
        guard i >= 0, characters[i] == "(" || characters[i] == "," else { return nil }
        while i >= 0 {
            let c = characters[i]
            if c == ")" || c == "]" || c == "}" { depth += 1 }
            if c == "[" || c == "{" { depth -= 1 }
            if c == "(" {
                if depth == 0 { return currentWord(Array(characters[..<i])) }
                depth -= 1
            }
            i -= 1
        }
        return nil
    }

    /// Values for a string argument (`activation='`), or file names for anything else.
    func stringCompletions(_ typed: String, before: [Character]) -> [String] {
        var i = before.count - 1
        while i >= 0, before[i] == " " { i -= 1 }
        if i >= 0, before[i] == "=" {
            let keyword = currentWord(Array(before[..<i]).reversed().drop { $0 == " " }.reversed())
            let choices = Interpreter.stringChoices(forKeyword: keyword)
            if !choices.isEmpty { return choices.filter { $0.hasPrefix(typed) }.sorted() }
        }
        if i >= 0, before[i] == "[" || before[i] == "," {
            // metrics=['acc
            let context = String(before)
            if context.contains("metrics=") {
                return Interpreter.stringChoices(forKeyword: "metrics").filter { $0.hasPrefix(typed) }
            }
        }
        return fileNames(typed)
    }

    func fileNames(_ typed: String) -> [String] {
        let slash = typed.lastIndex(of: "/")
        let folder = slash.map { String(typed[...$0]) } ?? ""
        let prefix = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        guard let directory = opendir(folder.isEmpty ? "." : folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != "..", name.hasPrefix(prefix), !name.hasPrefix(".") || prefix.hasPrefix(".")
            else { continue }
            let isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            names.append(folder + name + (isDirectory ? "/" : ""))
        }
        return names.sorted()
    }
}
