/// A magic's mistake, said to the learner as `UsageError: …`; the session goes on.
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// IPython's input ranges for `%save` and `%history`: `4`, `1-3` (3 included), `2:5` (5 left out)
/// and `4-` (to the last cell), several separated by spaces. Unlike IPython, which skips what it
/// cannot read, a token that is not a range or a range that names no cell is an error, so a typo
/// never saves an empty file.
enum CellRanges {
    /// The cells of `available` (in order) that `tokens` name; all of them when there are no tokens.
    static func select(_ tokens: [Substring], from available: [Int]) throws(UsageError) -> [Int] {
        guard let first = available.first, let last = available.last else {
            throw UsageError("there are no cells yet: type some code first")
        }
        guard !tokens.isEmpty else { return available }
        let span = first == last ? "cell \(first)" : "cells \(first) to \(last)"
        var chosen: [Int] = []
        for token in tokens {
            guard let bounds = parse(token) else {
                throw UsageError("'\(token)' is not a cell range (like 3, 1-4 or 1:4); this session has \(span)")
            }
            let cells = available.filter { bounds.contains($0) }
            guard !cells.isEmpty else {
                let what = Int(token).map { "there is no cell \($0)" } ?? "the range \(token) holds no cells"
                throw UsageError("\(what); this session has \(span)")
            }
            chosen += cells
        }
        return chosen
    }

    /// The numbers a token names (none for a reversed range, as in IPython), or nil if it is not a range.
    static func parse(_ token: Substring) -> Range<Int>? {
        func number(_ text: Substring) -> Int? {
            guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text), value < Int.max
            else { return nil }
            return value
        }
        let separator = token.firstIndex { $0 == "-" || $0 == ":" }
        guard let start = number(separator.map { token[..<$0] } ?? token) else { return nil }
        guard let separator else { return start..<start + 1 }
        let inclusive = token[separator] == "-"
        let endText = token[token.index(after: separator)...]
        if endText.isEmpty { return inclusive ? start..<Int.max : start..<start + 1 }
        guard let end = number(endText) else { return nil }
        let upper = inclusive ? end + 1 : end
        return start..<max(start, upper)
    }
}
