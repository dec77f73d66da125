import Testing

@testable import NNRepl

/// The one JSON reader and writer that notebooks and kernel messages share: what it reads, where
/// it says text goes wrong, and that hostile text is an error rather than a crash.
@Suite struct JSONTests {
    func parse(_ text: String) throws(JSONError) -> JSON { try JSON.parse(Array(text.utf8)) }

    func problem(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func readsEveryKindOfValue() throws {
        let value = try parse(
            #" {"a": [1, -2.5, 1e3, true, false, null], "b": {"c": "x\ny\u00e9\ud83d\ude00\/"}, "a": 7} "#)
        #expect(value["a"] == .int(7), "a repeated key keeps its last value, as in Python")
        #expect(value["b"]?["c"]?.string == "x\nyé😀/")
        #expect(
            try parse("[1, -2.5, 1e3, 9223372036854775808]") == [
                1, .double(-2.5), .double(1000), .double(9.223372036854775808e18),
            ])
        #expect(try parse("1e400") == .double(.infinity), "as Python reads it")
        #expect(try parse(#""\ud800x""#) == .string("\u{FFFD}x"), "a lone surrogate")
        #expect(try parse("-0") == .int(0))
        #expect(try parse("\u{FEFF} [1]") == [1], "a byte order mark")
    }

    @Test func saysWhereTextStopsBeingJSON() {
        #expect(problem("") == "it ends before its brackets and quotes close")
        #expect(problem("{\"a\": [1, 2") == "it ends before its brackets and quotes close")
        #expect(problem("{\"a\":\n  x}") == "unexpected text at line 2, column 3")
        #expect(problem("not json") == "unexpected text at line 1, column 2")
        #expect(problem(#"{"a": "\q"}"#) == "invalid escape sequence at line 1, column 8")
        #expect(problem(#"{"a": "\u12"}"#) == "invalid escape sequence at line 1, column 8")
        #expect(problem("[1 2]") == "expected ',' or ']' at line 1, column 4")
        #expect(problem("{1: 2}") == "expected a key in double quotes at line 1, column 2")
        #expect(problem("[1] x") == "text after the JSON value at line 1, column 5")
        #expect(problem("[01]") == "expected ',' or ']' at line 1, column 3")
        #expect(problem("[1.]") == "unexpected text at line 1, column 4")
        #expect(problem("\"a\tb\"") == "a control character in a string at line 1, column 3")
        #expect(problem("[\"\u{FF}\"]") == nil, "U+00FF is two bytes of UTF-8")
        #expect(throws: JSONError.self) { try JSON.parse([0x22, 0xFF, 0xFE, 0x22]) }
        #expect(throws: JSONError.self) { try JSON.parse([0xFF, 0xFE, 0x7B]) }
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let allowed =
            String(repeating: "[", count: JSON.maximumDepth) + String(repeating: "]", count: JSON.maximumDepth)
        #expect(problem(allowed) == nil)
        for depth in [JSON.maximumDepth + 1, 100_000, 1_000_000] {
            let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            #expect(problem(deep) == "arrays and objects nested more than 512 deep at line 1, column 513")
        }
        let objects = String(repeating: #"{"a":"#, count: 50_000) + "1" + String(repeating: "}", count: 50_000)
        #expect(problem(objects)?.hasPrefix("arrays and objects nested more than 512 deep") == true)
    }

    @Test func writesCompactOrAsNBFormatDoes() {
        let value: JSON = ["b": [1, .double(2.5), .double(.nan)], "a": "é\u{1}\"", "é": [:], "c": []]
        #expect(
            String(decoding: value.encoded(), as: UTF8.self) == #"{"a":"é\u0001\"","b":[1,2.5,null],"c":[],"é":{}}"#)
        #expect(
            value.serialized() == """
                {
                 "a": "é\\u0001\\"",
                 "b": [
                  1,
                  2.5,
                  null
                 ],
                 "c": [],
                 "é": {}
                }
                """)
    }

    @Test func whatItWritesItReadsBack() throws {
        let value: JSON = [
            "text": "line\n\t\u{8}\u{C}\\ and 😀", "n": [.int(.min), .int(.max), .double(-1.5e-300)], "z": nil,
        ]
        #expect(try JSON.parse(value.encoded()) == value)
        #expect(try JSON.parse(Array(value.serialized().utf8)) == value)
    }
}
