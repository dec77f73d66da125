/// Whether the lines typed so far make a whole cell, or the REPL should ask for more (`   ...: `):
/// brackets still open, a line ending with a backslash, or a triple-quoted string not yet closed.
enum InputCompleteness {
    static func needsMore(_ text: String) -> Bool {
        var depth = 0
        var quote: String?
        let characters = Array(text)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if let open = quote {
                if c == "\\" {
                    i += 2
                    continue
                }
                if open.count == 3, i + 2 < characters.count, String(characters[i...(i + 2)]) == open {
                    quote = nil
                    i += 3
                    continue
                }
                if open.count == 1 {
                    if String(c) == open { quote = nil }
                    if c == "\n" { quote = nil }  // an unclosed one-line string is an error, not a continuation
                }
                i += 1
                continue
            }
            switch c {
            case "#":
                while i < characters.count, characters[i] != "\n" { i += 1 }
                continue
            case "'", "\"":
                if i + 2 < characters.count, characters[i + 1] == c, characters[i + 2] == c {
                    quote = String(repeating: String(c), count: 3)
                    i += 3
                    continue
                }
                quote = String(c)
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            default: break
            }
            i += 1
        }
        if let quote, quote.count == 3 { return true }
        if depth > 0 { return true }
        if text.hasSuffix("\\") { return true }
        // A block (a first line ending with ':') goes on until an empty line, as in IPython.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let firstLine = lines.first.map(String.init) ?? ""
        let header = String(firstLine.prefix { $0 != "#" }).trimmingCharacters()
        let lastIsEmpty = String(lines.last ?? "").trimmingCharacters().isEmpty
        if header.hasSuffix(":") { return !(lines.count > 1 && lastIsEmpty) }
        return false
    }
}
