import Foundation
import Testing

@testable import NNKernel

/// The wire framing: identities, delimiter, signature, four dictionaries, buffers.
@Suite struct WireTests {
    let signer = MessageSigner(key: "a0b1c2d3-key")

    func sample() -> KernelMessage {
        KernelMessage(
            identities: [Array("client-1".utf8), [0, 1, 2]],
            header: ["msg_id": "m1", "msg_type": "execute_request", "session": "s", "username": "u", "version": "5.3"],
            parentHeader: [:], metadata: ["tag": 7],
            content: ["code": "print('héllo')\nx = [1, 2.5, None, True]", "silent": false],
            buffers: [[9, 8, 7]])
    }

    @Test func roundTripKeepsEveryPart() throws {
        let message = sample()
        let frames = Wire.encode(message, signer: signer)
        #expect(frames[0] == Array("client-1".utf8))
        #expect(frames[2] == Wire.delimiter)
        #expect(frames[3].count == 64)  // hex HMAC-SHA256
        #expect(frames.last == [9, 8, 7])
        let decoded = try Wire.decode(frames, signer: signer)
        #expect(decoded == message)
        #expect(decoded.type == "execute_request")
        #expect(decoded.content["code"]?.string == "print('héllo')\nx = [1, 2.5, None, True]")
    }

    @Test func theSignatureCoversTheDictionaries() throws {
        let frames = Wire.encode(sample(), signer: signer)
        let parts = Array(frames[4...7])
        #expect(String(decoding: frames[3], as: UTF8.self) == signer.signature(parts))
    }

    @Test func aTamperedMessageIsRefused() {
        var frames = Wire.encode(sample(), signer: signer)
        frames[7] = Array(#"{"code":"import os","silent":false}"#.utf8)
        #expect(throws: WireError.badSignature) { try Wire.decode(frames, signer: signer) }
    }

    @Test func aMessageSignedWithAnotherKeyIsRefused() {
        let frames = Wire.encode(sample(), signer: MessageSigner(key: "another"))
        #expect(throws: WireError.badSignature) { try Wire.decode(frames, signer: signer) }
    }

    @Test func anUnsignedMessageIsRefusedWhenAKeyIsSet() {
        let frames = Wire.encode(sample(), signer: MessageSigner(key: ""))
        #expect(frames[3].isEmpty)
        #expect(throws: WireError.badSignature) { try Wire.decode(frames, signer: signer) }
    }

    @Test func withoutAKeyNothingIsChecked() throws {
        let unsigned = MessageSigner(key: "")
        let frames = Wire.encode(sample(), signer: unsigned)
        #expect(try Wire.decode(frames, signer: unsigned) == sample())
    }

    @Test func malformedFramesAreRefused() {
        let frames = Wire.encode(sample(), signer: signer)
        #expect(throws: WireError.noDelimiter) { try Wire.decode(Array(frames[3...]), signer: signer) }
        #expect(throws: WireError.missingFrames(4)) { try Wire.decode(Array(frames[0..<7]), signer: signer) }
        var notJSON = frames
        notJSON[4] = Array("[1, 2]".utf8)
        let plain = MessageSigner(key: "")
        notJSON[3] = []
        #expect(throws: WireError.notJSON("header")) { try Wire.decode(notJSON, signer: plain) }
    }

    @Test func newMessagesAnswerTheirParent() {
        let parent = sample()
        let reply = KernelMessage.make("execute_reply", content: ["status": "ok"], parent: parent, session: "k")
        #expect(reply.identities == parent.identities)
        #expect(reply.parentHeader == parent.header)
        #expect(reply.type == "execute_reply")
        #expect(reply.header["version"]?.string == "5.3")
        #expect(reply.header["session"]?.string == "k")
        let date = reply.header["date"]?.string ?? ""
        #expect(date.count == 27 && date.hasSuffix("Z") && date.dropFirst(10).hasPrefix("T"))
        let id = reply.header["msg_id"]?.string ?? ""
        #expect(id.count == 36 && id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
    }

    @Test func connectionFilesGiveEndpoints() throws {
        let text =
            #"{"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005,"#
            + #" "ip": "127.0.0.1", "key": "k", "transport": "tcp", "signature_scheme": "hmac-sha256"}"#
        let info = try ConnectionInfo.parse(Array(text.utf8))
        #expect(info.endpoint(info.shellPort) == "tcp://127.0.0.1:5001")
        #expect(info.endpoint(info.heartbeatPort) == "tcp://127.0.0.1:5005")
        var ipc = info
        ipc.transport = "ipc"
        ipc.ip = "/tmp/kernel"
        #expect(ipc.endpoint(5003) == "ipc:///tmp/kernel-5003")
        #expect(throws: ConnectionError.self) { try ConnectionInfo.parse(Array(#"{"shell_port": 1}"#.utf8)) }
        let md5 = text.replacingOccurrences(of: "hmac-sha256", with: "hmac-md5")
        #expect(throws: ConnectionError.self) { try ConnectionInfo.parse(Array(md5.utf8)) }
    }

    @Test func kernelspecForTheBinary() {
        let spec = KernelSpec.json(executable: "/opt/nn/bin/nn")
        #expect(spec["argv"] == ["/opt/nn/bin/nn", "kernel", "-f", "{connection_file}"])
        #expect(spec["display_name"]?.string == "NNLab")
        #expect(
            KernelSpec.kernelsDirectory(user: true, environment: ["JUPYTER_DATA_DIR": "/d", "HOME": "/h"])
                == "/d/kernels")
        #expect(
            KernelSpec.kernelsDirectory(user: true, environment: ["HOME": "/h"]) == "/h/.local/share/jupyter/kernels")
        #expect(
            KernelSpec.kernelsDirectory(user: true, environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"])
                == "/x/jupyter/kernels")
        #expect(
            KernelSpec.kernelsDirectory(user: false, environment: ["HOME": "/h"]) == "/usr/local/share/jupyter/kernels")
    }
}
