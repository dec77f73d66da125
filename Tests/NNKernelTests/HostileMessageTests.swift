import Foundation
import Testing

@testable import NNKernel

/// Messages a broken or hostile client may send: each is refused with a `WireError` (the server
/// logs it and drops the message) or answered, never a crash.
@Suite struct HostileMessageTests {
    let signer = MessageSigner(key: "hostile-key")

    func frames(
        header: String = #"{"msg_id":"m","msg_type":"execute_request","session":"s"}"#,
        content: String = #"{"code":"1","silent":false}"#, signer: MessageSigner? = nil
    ) -> [[UInt8]] {
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
        for signature in [
            "", "00", String(repeating: "z", count: 64), String(repeating: "0", count: 64),
            String(repeating: "a", count: 100_000), "\u{0}",
        ] {
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

    @Test func aSignatureIsComparedInFullWhereverItDiffers() {
        let parts = Array(frames()[3...6])
        let right = Array(signer.signature(parts).utf8)
        #expect(signer.verify(right, parts))
        // One byte wrong at the start, the middle or the end is refused alike (every byte is
        // compared, so the time taken does not say where the first difference is).
        for index in [0, right.count / 2, right.count - 1] {
            var wrong = right
            wrong[index] = wrong[index] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
            #expect(!signer.verify(wrong, parts))
        }
        #expect(!signer.verify(Array(right.dropLast()), parts))
        #expect(!signer.verify(right + [0], parts))
        #expect(!signer.verify(Array(String(decoding: right, as: UTF8.self).uppercased().utf8), parts))
    }

    @Test func hugeFramesAndManyBuffersAreRead() throws {
        // Four megabytes of code in one frame, ten thousand buffers: read as they are.
        let code = String(repeating: "x = 1\\n", count: 500_000)
        var many = frames(content: #"{"code":"\#(code)"}"#)
        many += Array(repeating: [UInt8](), count: 10_000)
        let message = try Wire.decode(many, signer: signer)
        #expect(message.content["code"]?.string?.count == 3_000_000)
        #expect(message.buffers.count == 10_000)
    }

    @Test func unknownTypesAreAnsweredOnlyWhenTheyAreRequests() throws {
        let session = KernelSession(channels: RecordingChannels(), svg: { _ in nil })
        let dropped = [
            #"{"msg_id":"m"}"#, #"{"msg_type":5}"#, #"{"msg_type":null}"#, #"{"msg_type":"nonsense"}"#,
            #"{"msg_type":["execute_request"]}"#, #"{"msg_type":"_request"}"#, #"{"msg_type":"execute_reply"}"#,
            // The server answers these itself, before the session sees them.
            #"{"msg_type":"shutdown_request"}"#, #"{"msg_type":"interrupt_request"}"#,
        ]
        for header in dropped {
            let message = try Wire.decode(frames(header: header), signer: signer)
            #expect(session.reply(to: message) == nil, "\(header)")
        }
        for type in ["frobnicate_request", "debug_request", "connect_request", "usage_request"] {
            let message = try Wire.decode(frames(header: #"{"msg_type":"\#(type)"}"#), signer: signer)
            let reply = session.reply(to: message)
            #expect(reply?.type == type.replacingOccurrences(of: "_request", with: "_reply"))
            #expect(reply?.content["status"] == "error")
            #expect(reply?.content["ename"] == "NotImplementedError")
        }
    }

    @Test func executeWithoutStringCodeIsAnErrorAndRunsNothing() throws {
        let channels = RecordingChannels()
        let session = KernelSession(channels: channels, svg: { _ in nil })
        let cases = [
            (#"{}"#, "the execute_request's \"code\" is missing"),
            (#"{"code":5}"#, "the execute_request's \"code\" is a number, not a string"),
            (#"{"code":null}"#, "the execute_request's \"code\" is null, not a string"),
            (#"{"code":["print(1)"]}"#, "the execute_request's \"code\" is a list, not a string"),
            (#"{"code":{"a":1}}"#, "the execute_request's \"code\" is an object, not a string"),
        ]
        for (content, message) in cases {
            let header = #"{"msg_id":"m","msg_type":"execute_request","session":"s"}"#
            let reply = session.reply(to: try Wire.decode(frames(header: header, content: content), signer: signer))
            #expect(reply?.type == "execute_reply")
            #expect(reply?.content["status"] == "error")
            #expect(reply?.content["ename"] == "TypeError")
            #expect(reply?.content["evalue"]?.string == message)
            #expect(reply?.content["execution_count"] == 0, "nothing was counted")
        }
        #expect(channels.of("error").count == cases.count)
        #expect(channels.of("execute_input").isEmpty)
    }

    @Test func wrongTypedFieldsAreAnsweredNotCrashedOn() throws {
        let session = KernelSession(channels: RecordingChannels(), svg: { _ in nil })
        let contents = [
            #"{}"#, #"{"code":5}"#, #"{"code":null,"silent":"yes"}"#, #"{"code":["x"],"store_history":7}"#,
            #"{"code":"x = 1","cursor_pos":-5}"#, #"{"code":"np.","cursor_pos":9223372036854775807}"#,
            #"{"code":"print","cursor_pos":"4"}"#, #"{"code":"pr\u00e9nt(","cursor_pos":1e300}"#,
            #"{"code":"","cursor_pos":0,"detail_level":-1}"#, #"{"code":"1/0","user_expressions":5}"#,
            #"{"code":"1","user_expressions":{"a":5,"b":"1/0","c":"x" }}"#,
            #"{"code":"1","silent":true,"allow_stdin":"no","stop_on_error":[]}"#,
            #"{"code":"input()","allow_stdin":true}"#, #"{"code":"","cursor_pos":-9223372036854775808}"#,
        ]
        for type in [
            "execute_request", "complete_request", "inspect_request", "is_complete_request",
            "kernel_info_request", "history_request", "comm_info_request",
        ] {
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
