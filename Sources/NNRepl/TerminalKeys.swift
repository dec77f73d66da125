import CEditLine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The keys libedit reads, one character at a time, from the terminal: it is libedit's `getc`.
/// Between it and the terminal it recognises a bracketed paste (`ESC[200~` … `ESC[201~`) and
/// hands the pasted text to libedit as literal characters (each control character after Ctrl-V,
/// libedit's quoted insert), so that a tab in a paste is not a completion, a line break is not
/// Enter, and nothing is indented for it; a paste of several lines is then entered as one cell.
/// It also feeds libedit the indentation of an auto-indented line before the person types.
enum TerminalKeys {
    /// Characters to give libedit before reading the terminal again.
    nonisolated(unsafe) private static var queue: [Int32] = []
    nonisolated(unsafe) private static var head = 0
    /// Whether a paste of several lines was entered during the current read.
    nonisolated(unsafe) static var pastedCell = false

    static let escape: UInt8 = 0x1B
    static let pasteStart = Array("[200~".utf8)
    static let pasteEnd = Array("\u{1B}[201~".utf8)
    /// libedit's emacs binding for "insert the next character as it is".
    static let quotedInsert: Int32 = 0x16
    /// What Backspace (DEL or Ctrl-H) is given to libedit as: Ctrl-], bound to the dedenting Backspace.
    static let backspace: Int32 = 0x1D

    /// The next character for libedit, or -1 at the end of input or on Ctrl-C.
    static func next() -> Int32 {
        if head < queue.count {
            defer {
                head += 1
                if head == queue.count { clear() }
            }
            return queue[head]
        }
        guard let byte = readByte() else { return -1 }
        if byte == escape { return afterEscape() }
        if byte == 0x7F || byte == 0x08 { return backspace }
        return decode(byte)
    }

    /// Gives libedit `text` as if typed, before anything the terminal sends.
    static func type(_ text: String) {
        queue.insert(contentsOf: text.unicodeScalars.map { Int32(bitPattern: $0.value) }, at: head)
    }

    /// Forgets what was queued (a Ctrl-C cleared the line).
    static func clear() {
        queue = []
        head = 0
    }

    /// Whether input is already waiting: typed ahead, or a paste on a terminal that does not mark
    /// pastes. Such input is not auto-indented (it brings its own indentation).
    static var inputIsWaiting: Bool {
        if head < queue.count { return true }
        var poller = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, 0) > 0 && poller.revents & Int16(POLLIN) != 0
    }

    /// One byte from the terminal; nil at the end of input or when Ctrl-C interrupted the read.
    private static func readByte() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let count = read(0, &byte, 1)
            if count == 1 { return byte }
            if count < 0 && errno == EINTR && !Interrupts.isPending {
                // A resize, or Ctrl-Z and `fg` (after which libedit's own reader drew the line again).
                if BracketedPaste.continued {
                    BracketedPaste.continued = false
                    nn_editline_redisplay()
                }
                continue
            }
            return nil
        }
    }

    /// After an escape: a paste when `[200~` follows; otherwise the escape, and what followed it
    /// is given to libedit next (an arrow key, Alt and a letter).
    private static func afterEscape() -> Int32 {
        var read: [UInt8] = []
        for expected in pasteStart {
            guard let byte = readByte() else { break }
            read.append(byte)
            if byte != expected { break }
        }
        if Interrupts.isPending { return -1 }  // Ctrl-C: the read ends, the line is cleared
        if read == pasteStart {
            guard receivePaste() else { return -1 }
            return next()
        }
        if read == [UInt8(ascii: "\r")] || read == [UInt8(ascii: "\n")] {
            // Alt-Enter: a line break inside the cell being edited (Enter runs the cell).
            queue.insert(Int32(UInt8(ascii: "\n")), at: head)
            return quotedInsert
        }
        var characters: [Int32] = []
        var index = 0
        while index < read.count {
            characters.append(decode(read[index], following: read, at: &index))
        }
        queue.insert(contentsOf: characters, at: head)
        return Int32(escape)
    }

    /// Reads the paste to its end marker and queues it as literal characters: the text typed
    /// before it and the paste become one cell, entered at once when the paste has several lines.
    /// False when Ctrl-C (or the end of input) came first: the paste is dropped.
    private static func receivePaste() -> Bool {
        var bytes: [UInt8] = []
        while true {
            guard let byte = readByte() else { return false }
            bytes.append(byte)
            if byte == UInt8(ascii: "~"), bytes.suffix(pasteEnd.count).elementsEqual(pasteEnd) {
                bytes.removeLast(pasteEnd.count)
                break
            }
        }
        let text = PastedText.normalized(String(decoding: bytes, as: UTF8.self))
        var characters: [Int32] = []
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F { characters.append(quotedInsert) }
            characters.append(Int32(bitPattern: scalar.value))
        }
        if text.contains("\n") {
            pastedCell = true
            characters.append(Int32(UInt8(ascii: "\r")))
        }
        queue.insert(contentsOf: characters, at: head)
        return true
    }

    /// A character from its first byte, reading the rest of a UTF-8 sequence from the terminal.
    private static func decode(_ first: UInt8) -> Int32 {
        let length = sequenceLength(first)
        guard length > 1 else { return Int32(first) }
        var bytes = [first]
        while bytes.count < length, let byte = readByte() { bytes.append(byte) }
        return scalarValue(bytes)
    }

    /// A character from bytes already read, advancing `index` past it.
    private static func decode(_ first: UInt8, following bytes: [UInt8], at index: inout Int) -> Int32 {
        let length = sequenceLength(first)
        var sequence = Array(bytes[index..<min(bytes.count, index + length)])
        index += sequence.count
        while sequence.count < length, let byte = readByte() { sequence.append(byte) }
        return length > 1 ? scalarValue(sequence) : Int32(first)
    }

    private static func sequenceLength(_ lead: UInt8) -> Int {
        lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    }

    private static func scalarValue(_ bytes: [UInt8]) -> Int32 {
        let scalar = String(decoding: bytes, as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
        return Int32(bitPattern: scalar.value)
    }
}

/// Pasted text as a cell: line breaks as `\n` (terminals send a pasted line break as a carriage
/// return), without the blank lines and spaces a copy often ends with.
enum PastedText {
    static func normalized(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var afterReturn = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && afterReturn {
                afterReturn = false
                continue
            }
            afterReturn = scalar == "\r"
            scalars.append(afterReturn ? "\n" : scalar)
        }
        var result = String(scalars)
        while let last = result.last, last == "\n" || last == " " || last == "\t" {
            // Only whole trailing lines go: the spaces ending the last line with code stay.
            guard let lineBreak = result.lastIndex(of: "\n") else { break }
            let tail = result[result.index(after: lineBreak)...]
            guard tail.allSatisfy({ $0 == " " || $0 == "\t" }) else { break }
            result = String(result[..<lineBreak])
        }
        return result
    }
}
