import Testing

@testable import NNKernel

/// HMAC-SHA256 signing as Jupyter defines it, checked against a known digest.
@Suite struct SigningTests {
    @Test func signatureIsHMACSHA256OfTheFourDictionaries() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?", split across parts.
        let signer = MessageSigner(key: "Jefe")
        let parts = ["what do ya ", "want ", "for nothing", "?"].map { Array($0.utf8) }
        #expect(signer.signature(parts) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func emptyKeyMeansNoSignature() {
        let signer = MessageSigner(key: "")
        #expect(signer.signature([[1, 2, 3]]).isEmpty)
        #expect(signer.verify([], [[1, 2, 3]]))
        #expect(signer.verify(Array("anything".utf8), [[1, 2, 3]]))
    }

    @Test func verifyAcceptsTheRightSignatureOnly() {
        let signer = MessageSigner(key: "secret")
        let parts = [Array("{}".utf8), Array("{}".utf8), Array("{}".utf8), Array("{\"code\":\"1\"}".utf8)]
        let good = Array(signer.signature(parts).utf8)
        #expect(signer.verify(good, parts))
        var flipped = good
        flipped[flipped.count - 1] =
            flipped[flipped.count - 1] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        #expect(!signer.verify(flipped, parts))
        #expect(!signer.verify(Array(good.dropLast()), parts))
        #expect(!signer.verify([], parts))
        #expect(!MessageSigner(key: "other").verify(good, parts))
    }
}
