/// A notebook's Markdown made ready for the lessons' prose rendering in a terminal: pictures are
/// named (`(image: images/xor.png)`), links keep their address, and other HTML tags (`<br>`,
/// `<a name=…>`, `<figure>`) and comments are dropped, keeping the text between them.
public enum NotebookMarkdown {
    public static func prose(_ markdown: String) -> String {
        var text = ""
        var rest = Substring(markdown)
        while let character = rest.first {
            if rest.hasPrefix("<!--") {
                let end = rest.range(of: "-->")
                rest = end.map { rest[$0.upperBound...] } ?? ""
            } else if character == "<", let close = rest.firstIndex(of: ">"),
                let tag = htmlTag(rest[rest.index(after: rest.startIndex)..<close])
            {
                text += tag
                rest = rest[rest.index(after: close)...]
            } else if character == "!" || character == "[", let (shown, length) = link(rest) {
                text += shown
                rest = rest.dropFirst(length)
            } else {
                text.append(character)
                rest = rest.dropFirst()
            }
        }
        return text
    }

    /// What an HTML tag becomes (`img` its picture's name, `br` a line break, others nothing); nil
    /// when the text is not a tag (`a < b > c`).
    static func htmlTag(_ inside: Substring) -> String? {
        let name = inside.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
        guard !name.isEmpty, name.first?.isLetter == true, !inside.contains("\n\n") else { return nil }
        switch name {
        case "img":
            return attribute("alt", in: inside).flatMap { $0.isEmpty ? nil : "(image: \($0)) " }
                ?? attribute("src", in: inside).map { "(image: \(fileName($0))) " } ?? ""
        case "br": return "\n"
        case "p", "div", "figure", "center", "table", "tr", "li", "ul", "ol", "h1", "h2", "h3", "h4", "details":
            return " "
        default: return ""
        }
    }

    /// A picture's file name, without the folders or address before it.
    static func fileName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    /// The value of `name="…"` (or `'…'`) in a tag.
    static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let start = tag.range(of: name + "=") else { return nil }
        let value = tag[start.upperBound...]
        guard let quote = value.first, quote == "\"" || quote == "'" else {
            return String(value.prefix { !$0.isWhitespace && $0 != "/" })
        }
        return String(value.dropFirst().prefix { $0 != quote })
    }

    /// `[text](address)` as `text (address)`, `![alt](path)` as `(image: alt)`: the text shown and
    /// how many characters it replaces; nil when it is not a link.
    static func link(_ text: Substring) -> (String, Int)? {
        let picture = text.first == "!"
        let body = picture ? text.dropFirst() : text
        guard body.first == "[", let closing = body.firstIndex(of: "]") else { return nil }
        let label = body[body.index(after: body.startIndex)..<closing]
        let after = body[body.index(after: closing)...]
        guard after.first == "(", let end = after.firstIndex(of: ")"), !label.contains("\n") else { return nil }
        let target = after[after.index(after: after.startIndex)..<end]
        let address = target.split(separator: " ").first.map(String.init) ?? ""
        let length = (picture ? 1 : 0) + body.distance(from: body.startIndex, to: end) + 1
        if picture { return ("(image: \(label.isEmpty ? fileName(address) : String(label)))", length) }
        if address.hasPrefix("#") || address.isEmpty { return (String(label), length) }
        return ("\(label) (\(address))", length)
    }
}
