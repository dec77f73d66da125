/// A position in source text: 1-based line and column (columns count characters).
public struct SourceLocation: Equatable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A span of source text, start inclusive, end exclusive (on the same or a later line).
public struct SourceRange: Equatable, Sendable {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(_ start: SourceLocation, _ end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// The span covering both.
    public func through(_ other: SourceRange) -> SourceRange {
        SourceRange(min(start, other.start), max(end, other.end))
    }
}

/// Source text with a name for messages (`lesson.nn`, `<stdin>`, `In [3]`).
public struct SourceFile: Equatable, Sendable {
    public let name: String
    public let text: String
    public let lines: [Substring]
    /// The notebook cell this source is (the N-th code cell), so errors say `cell N, line L`.
    public let cell: Int?

    public init(name: String, text: String, cell: Int? = nil) {
        self.name = name
        self.text = text
        self.cell = cell
        // "\r\n" is one Character in Swift, so lines are split at either form of line break.
        self.lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    }

    /// The program in the file at `path` (invalid UTF-8 is replaced, so the lexer can point at it).
    public static func read(_ path: String) throws(Diagnostic) -> SourceFile {
        let bytes = try FileBytes.read(path, range: nil, limit: 64_000_000)
        return SourceFile(name: path, text: String(decoding: bytes, as: UTF8.self))
    }

    /// Line `number` (1-based) without its line break, or "" past the end.
    public func line(_ number: Int) -> String {
        guard number >= 1, number <= lines.count else { return "" }
        var line = String(lines[number - 1])
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }
}
