import Foundation
import Testing

@testable import NNKernel

/// Messages a broken or hostile client may send: each is refused with a `WireError` (the server
/// logs it and drops the message) or answered, never a crash.
@Suite struct HostileMessageTests {
    let signer = MessageSigner(key: "hostile-key")

    func frames(header: String = #"{"msg_id":"m","msg_type":"execute_request","session":"s"}"#,
                content: String = #"{"code":"1","silent":false}"#, signer: MessageSigner? = nil) -> [[UInt8]] {
        let parts = [header, "{}", "{}", content].map { Array($0.utf8) }
        return [Array("id".utf8), Wire.delimiter, Array((signer ?? self.signer).signature(parts).utf8)] + parts
    }

    @Test func everyTruncationIsRefused() {
        let whole = frames()
        for count in 0..<whole.count {
            #expect(throws: WireError.self) { try Wire.decode(Array(whole.prefix(count)), signer: signer) }
        }
        // Each frame cut short, in turn, breaks the signature.
        for index in 2..<whole.count where !whole[index].isEmpty {
            var cut = whole
            cut[index].removeLast()
            #expect(throws: WireError.self) { try Wire.decode(cut, signer: signer) }
        }
    }

    @Test func badSignaturesAreRefused() {
        for signature in ["", "00", String(repeating: "z", count: 64), String(repeating: "0", count: 64),
                          String(repeating: "a", count: 100_000), "\u{0}"] {
            var bad = frames()
            bad[2] = Array(signature.utf8)
            #expect(throws: WireError.badSignature) { try Wire.decode(bad, signer: signer) }
        }
    }

    @Test func partsThatAreNotJSONObjectsAreRefused() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let deepObject = String(repeating: #"{"a":"#, count: 50_000) + "1" + String(repeating: "}", count: 50_000)
        for header in ["", "{", "nul", "[1, 2]", "5", "\"header\"", deep, deepObject] {
            #expect(throws: WireError.self) { try Wire.decode(frames(header: header), signer: signer) }
            #expect(throws: WireError.self) { try Wire.decode(frames(content: header), signer: signer) }
        }
        // Parsed or refused, as the JSON parser sees them; either way, no crash.
        for odd in ["{\"a\": 1e999999}", "{\"a\": \"\\ud800\"}", "{\"a\": -0, \"a\": 1}", "{\"\\u0000\": 1}"] {
            _ = try? Wire.decode(frames(header: odd), signer: signer)
        }
        var invalidUTF8 = frames()
        invalidUTF8[3] = [0xFF, 0xFE, 0x7B]
        #expect(throws: WireError.self) { try Wire.decode(invalidUTF8, signer: MessageSigner(key: "")) }
    }

    @Test func oddHeadersAndContentsAreAnsweredOrDropped() throws {
        let session = KernelSession(channels: RecordingChannels(), svg: { _ in nil })
        let headers = [#"{"msg_id":"m"}"#, #"{"msg_type":5}"#, #"{"msg_type":null}"#, #"{"msg_type":"nonsense"}"#,
                       #"{"msg_type":["execute_request"]}"#, #"{"msg_type":"shutdown_request"}"#]
        for header in headers {
            let message = try Wire.decode(frames(header: header), signer: signer)
            #expect(session.reply(to: message) == nil)
        }
        let contents = [
            #"{}"#, #"{"code":5}"#, #"{"code":null,"silent":"yes"}"#, #"{"code":["x"],"store_history":7}"#,
            #"{"code":"x = 1","cursor_pos":-5}"#, #"{"code":"np.","cursor_pos":9223372036854775807}"#,
            #"{"code":"print","cursor_pos":"4"}"#, #"{"code":"pr\u00e9nt(","cursor_pos":1e300}"#,
            #"{"code":"","cursor_pos":0,"detail_level":-1}"#, #"{"code":"1/0","user_expressions":5}"#,
        ]
        for type in ["execute_request", "complete_request", "inspect_request", "is_complete_request",
                     "kernel_info_request", "history_request", "comm_info_request"] {
            for content in contents {
                let header = #"{"msg_id":"m","msg_type":"\#(type)","session":"s"}"#
                let message = try Wire.decode(frames(header: header, content: content), signer: signer)
                let reply = session.reply(to: message)
                #expect(reply?.type == type.replacingOccurrences(of: "_request", with: "_reply"))
                #expect(reply?.content["status"]?.string != nil)
            }
        }
    }
}
