import Testing

@testable import NNKernel

/// The ZeroMQ wrapper over in-process endpoints: multipart messages through each socket pattern the
/// kernel uses, polling, and errors as values.
@Suite struct ZMQTests {
    @Test func routerAndDealerCarryMultipartMessagesBothWays() throws {
        let context = try ZMQContext()
        let router = try ZMQSocket(context, .router)
        let dealer = try ZMQSocket(context, .dealer)
        try router.bind("inproc://shell")
        try dealer.connect("inproc://shell")
        let frames: [[UInt8]] = [Wire.delimiter, [], Array("{}".utf8), [0, 255]]
        try dealer.send(frames)
        #expect(try ZMQSocket.poll([router], milliseconds: 2000) == [true])
        let received = try router.receive()
        #expect(received.count == frames.count + 1)  // the dealer's identity comes first
        #expect(Array(received.dropFirst()) == frames)
        try router.send(received)  // routed back by that identity
        #expect(try dealer.receive() == frames)
    }

    @Test func publisherReachesSubscriber() throws {
        let context = try ZMQContext()
        let publisher = try ZMQSocket(context, .publisher)
        let subscriber = try ZMQSocket(context, .subscriber)
        try publisher.bind("inproc://iopub")
        try subscriber.subscribeAll()
        try subscriber.connect("inproc://iopub")
        // A subscription takes effect asynchronously; send until one arrives (bounded).
        var got: [[UInt8]]?
        for _ in 0..<50 where got == nil {
            try publisher.send([Array("status".utf8), [1]])
            if try ZMQSocket.poll([subscriber], milliseconds: 20)[0] { got = try subscriber.receive() }
        }
        #expect(got == [Array("status".utf8), [1]])
    }

    @Test func replyEchoesLikeTheHeartbeat() throws {
        let context = try ZMQContext()
        let reply = try ZMQSocket(context, .reply)
        let request = try ZMQSocket(context, .request)
        try reply.bind("inproc://hb")
        try request.connect("inproc://hb")
        try request.send([Array("ping".utf8)])
        try reply.send(try reply.receive())
        #expect(try request.receive() == [Array("ping".utf8)])
    }

    @Test func pollTimesOutWithNothingReady() throws {
        let context = try ZMQContext()
        let router = try ZMQSocket(context, .router)
        try router.bind("inproc://quiet")
        #expect(try ZMQSocket.poll([router], milliseconds: 10) == [false])
    }

    @Test func failuresAreErrorsNotCrashes() throws {
        let context = try ZMQContext()
        let socket = try ZMQSocket(context, .router)
        #expect(throws: ZMQError.self) { try socket.bind("nonsense://here") }
        socket.close()
        #expect(throws: ZMQError.self) { try socket.send([[1]]) }
        #expect(throws: ZMQError.self) { try socket.receive() }
    }
}
