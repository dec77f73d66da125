import Foundation
import NNLang

/// Why a notebook file cannot be read, in words for the person who gave it.
public struct NotebookError: Error, Equatable, Sendable {
    public let message: String

    public init(_ message: String) { self.message = message }
}

/// A Jupyter notebook (nbformat 4): its cells in order and its metadata. NNLab reads any 4.x
/// notebook and writes 4.5 (cells with ids), the version JupyterLab writes today.
public struct Notebook: Equatable, Sendable {
    /// One cell: code, Markdown prose, or raw text (which nothing runs).
    public struct Cell: Equatable, Sendable {
        public enum Kind: String, Sendable { case code, markdown, raw }

        public var kind: Kind
        public var source: String
        public var id: String?
        /// The `In [n]` number a code cell last ran with (nil if it never ran).
        public var executionCount: Int?
        /// A code cell's outputs as nbformat holds them (`stream`, `execute_result`, `error`, …).
        public var outputs: [JSON]

        public init(
            kind: Kind, source: String, id: String? = nil, executionCount: Int? = nil,
            outputs: [JSON] = []
        ) {
            self.kind = kind
            self.source = source
            self.id = id
            self.executionCount = executionCount
            self.outputs = outputs
        }

        public static func code(_ source: String, count: Int? = nil, outputs: [JSON] = []) -> Cell {
            Cell(kind: .code, source: source, executionCount: count, outputs: outputs)
        }

        public static func markdown(_ source: String) -> Cell { Cell(kind: .markdown, source: source) }
    }

    public var cells: [Cell]
    /// The notebook's metadata (`kernelspec`, `language_info`, …), kept as read.
    public var metadata: [String: JSON]
    public var minorVersion: Int

    public init(cells: [Cell], metadata: [String: JSON] = Notebook.nnlabMetadata, minorVersion: Int = 5) {
        self.cells = cells
        self.metadata = metadata
        self.minorVersion = minorVersion
    }

    /// The code cells, in order (cell N of an error message is the N-th of these).
    public var codeCells: [Cell] { cells.filter { $0.kind == .code } }

    /// What NNLab's notebooks say about their kernel: the `nnlab` kernelspec and the language
    /// information NNLab's kernel reports (`nn kernel`), highlighted as Python, whose subset it is.
    public static let nnlabMetadata: [String: JSON] = [
        "kernelspec": .object([
            "display_name": .string("NNLab"), "language": .string("nnlab"), "name": .string("nnlab"),
        ]),
        "language_info": .object([
            "name": .string("nnlab"), "file_extension": .string(".nn"), "mimetype": .string("text/x-python"),
            "codemirror_mode": .string("python"), "pygments_lexer": .string("python"),
        ]),
    ]

    /// Whether `path` names a notebook (by its extension, as Jupyter decides).
    public static func isNotebook(_ path: String) -> Bool { path.lowercased().hasSuffix(".ipynb") }

    /// Reads the notebook at `path`.
    public static func read(_ path: String) throws(NotebookError) -> Notebook {
        let text: String
        do {
            text = try SourceFile.read(path).text
        } catch {
            throw NotebookError(error.message)
        }
        return try parse(text, name: path)
    }

    /// Reads the notebook file `name` from its text; the error names the file.
    public static func parse(_ text: String, name: String) throws(NotebookError) -> Notebook {
        do {
            return try parse(Data(text.utf8))
        } catch {
            throw NotebookError("'\(name)' is not a notebook NNLab can read: \(error.message)")
        }
    }

    /// Reads a notebook from its JSON text; the error says what is missing or wrong, and where.
    public static func parse(_ data: Data) throws(NotebookError) -> Notebook {
        let json: JSON
        do {
            json = try JSON.parse(data)
        } catch {
            throw NotebookError("it is not valid JSON (\(error))")
        }
        guard case .object(let top) = json else {
            throw NotebookError("its JSON is not an object with \"cells\" and \"nbformat\"")
        }
        guard case .int(let major)? = top["nbformat"] else {
            throw NotebookError("it has no \"nbformat\" version number, so it is not a Jupyter notebook")
        }
        guard major == 4 else {
            let advice =
                major < 4
                ? "; open and save it in Jupyter, or run `jupyter nbconvert --to notebook --nbformat 4`, to make it 4"
                : ""
            throw NotebookError("it is nbformat \(major), and NNLab reads nbformat 4\(advice)")
        }
        var minor = 0
        if case .int(let value)? = top["nbformat_minor"] { minor = value }
        guard case .array(let items)? = top["cells"] else {
            throw NotebookError("it has no \"cells\" list")
        }
        var cells: [Cell] = []
        for (index, item) in items.enumerated() {
            cells.append(try cell(item, position: index + 1))
        }
        var metadata: [String: JSON] = [:]
        if case .object(let fields)? = top["metadata"] { metadata = fields }
        return Notebook(cells: cells, metadata: metadata, minorVersion: minor)
    }

    static func cell(_ item: JSON, position: Int) throws(NotebookError) -> Cell {
        let place = "the cell at position \(position) in the file"
        guard case .object(let fields) = item else { throw NotebookError("\(place) is not a JSON object") }
        guard let typeName = fields["cell_type"]?.string else {
            throw NotebookError("\(place) has no \"cell_type\" (code, markdown or raw)")
        }
        guard let kind = Cell.Kind(rawValue: typeName) else {
            throw NotebookError("\(place) has the cell_type \"\(typeName)\"; nbformat 4 has code, markdown and raw")
        }
        guard let sourceValue = fields["source"] else {
            throw NotebookError("\(place) (\(typeName)) has no \"source\"")
        }
        guard let source = multilineText(sourceValue) else {
            throw NotebookError("the \"source\" of \(place) (\(typeName)) is neither a string nor a list of strings")
        }
        var count: Int?
        if case .int(let number)? = fields["execution_count"] { count = number }
        var outputs: [JSON] = []
        if case .array(let values)? = fields["outputs"] { outputs = values }
        return Cell(kind: kind, source: source, id: fields["id"]?.string, executionCount: count, outputs: outputs)
    }

    /// nbformat's multi-line text: one string, or a list of lines to be joined as they are.
    static func multilineText(_ value: JSON) -> String? {
        switch value {
        case .string(let text): return text
        case .array(let parts):
            var text = ""
            for part in parts {
                guard let line = part.string else { return nil }
                text += line
            }
            return text
        default: return nil
        }
    }

    /// The notebook as nbformat 4.5 JSON, written as Jupyter writes it; cells without an id get
    /// `cell-1`, `cell-2`, … (by position, so the same notebook is always the same text).
    public func serialized() -> String {
        var used = Set(cells.compactMap(\.id))
        var items: [JSON] = []
        for (index, cell) in cells.enumerated() {
            var id = cell.id ?? "cell-\(index + 1)"
            if cell.id == nil {
                while used.contains(id) { id += "-" }
                used.insert(id)
            }
            var fields: [String: JSON] = [
                "cell_type": .string(cell.kind.rawValue), "id": .string(id), "metadata": .object([:]),
                "source": Notebook.lines(cell.source),
            ]
            if cell.kind == .code {
                fields["execution_count"] = cell.executionCount.map { .int($0) } ?? .null
                fields["outputs"] = .array(cell.outputs)
            }
            items.append(.object(fields))
        }
        let top: JSON = .object([
            "cells": .array(items), "metadata": .object(metadata), "nbformat": .int(4),
            "nbformat_minor": .int(max(minorVersion, 5)),
        ])
        return top.serialized() + "\n"
    }

    /// Text as nbformat writes it: a list of lines, each but the last keeping its line break.
    public static func lines(_ text: String) -> JSON {
        var lines: [JSON] = []
        var line = ""
        for character in text {
            line.append(character)
            if character == "\n" || character == "\r\n" {
                lines.append(.string(line))
                line = ""
            }
        }
        if !line.isEmpty { lines.append(.string(line)) }
        return .array(lines)
    }

    /// An output of printed text (`stream`).
    public static func stream(_ text: String, name: String = "stdout") -> JSON {
        .object(["name": .string(name), "output_type": .string("stream"), "text": lines(text)])
    }

    /// The value a cell ended with (`execute_result`), as plain text.
    public static func executeResult(_ text: String, count: Int) -> JSON {
        .object([
            "data": .object(["text/plain": lines(text)]), "execution_count": .int(count), "metadata": .object([:]),
            "output_type": .string("execute_result"),
        ])
    }

    /// An error a cell stopped at: the exception's name and message, and the located report.
    public static func error(name: String, value: String, traceback: [String]) -> JSON {
        .object([
            "ename": .string(name), "evalue": .string(value), "output_type": .string("error"),
            "traceback": .array(traceback.map { .string($0) }),
        ])
    }
}
