import CZMQ

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failed ZeroMQ call: which call, and libzmq's words for the error.
public struct ZMQError: Error, CustomStringConvertible, Sendable {
    public let call: String
    public let code: Int32
    public var description: String { "\(call): \(String(cString: zmq_strerror(code)))" }

    init(_ call: String, code: Int32 = zmq_errno()) {
        self.call = call
        self.code = code
    }
}

/// A ZeroMQ context: the I/O threads that every socket of the kernel shares.
public final class ZMQContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    public init() throws(ZMQError) {
        guard let handle = zmq_ctx_new() else { throw ZMQError("zmq_ctx_new") }
        self.handle = handle
    }

    deinit { zmq_ctx_term(handle) }
}

/// One ZeroMQ socket. libzmq sockets are not thread-safe: each is used by one thread at a time,
/// and a socket handed between threads goes through a lock (which is the memory barrier libzmq asks for).
public final class ZMQSocket: @unchecked Sendable {
    /// The socket patterns the kernel and its tests use.
    public enum Kind: Sendable {
        case router, dealer, publisher, subscriber, reply, request

        var raw: Int32 {
            switch self {
            case .router: ZMQ_ROUTER
            case .dealer: ZMQ_DEALER
            case .publisher: ZMQ_PUB
            case .subscriber: ZMQ_SUB
            case .reply: ZMQ_REP
            case .request: ZMQ_REQ
            }
        }
    }

    private var handle: UnsafeMutableRawPointer?
    /// Keeps the context alive while the socket is open (a context ends only after its sockets).
    private let context: ZMQContext

    public init(_ context: ZMQContext, _ kind: Kind) throws(ZMQError) {
        guard let handle = zmq_socket(context.handle, kind.raw) else { throw ZMQError("zmq_socket") }
        self.handle = handle
        self.context = context
        // Unsent messages wait at most a second when the socket closes, so shutdown never hangs.
        try setOption(ZMQ_LINGER, 1000)
    }

    deinit { close() }

    public func close() {
        if let handle { zmq_close(handle) }
        handle = nil
    }

    func open(_ call: String) throws(ZMQError) -> UnsafeMutableRawPointer {
        guard let handle else { throw ZMQError(call, code: ENOTSOCK) }
        return handle
    }

    public func setOption(_ option: Int32, _ value: Int32) throws(ZMQError) {
        var value = value
        guard zmq_setsockopt(try open("zmq_setsockopt"), option, &value, MemoryLayout<Int32>.size) == 0 else {
            throw ZMQError("zmq_setsockopt")
        }
    }

    /// Subscribes a SUB socket to every message.
    public func subscribeAll() throws(ZMQError) {
        guard zmq_setsockopt(try open("zmq_setsockopt"), ZMQ_SUBSCRIBE, nil, 0) == 0 else {
            throw ZMQError("zmq_setsockopt(ZMQ_SUBSCRIBE)")
        }
    }

    public func bind(_ endpoint: String) throws(ZMQError) {
        guard zmq_bind(try open("zmq_bind"), endpoint) == 0 else { throw ZMQError("zmq_bind(\(endpoint))") }
    }

    public func connect(_ endpoint: String) throws(ZMQError) {
        guard zmq_connect(try open("zmq_connect"), endpoint) == 0 else { throw ZMQError("zmq_connect(\(endpoint))") }
    }

    /// The endpoint a socket bound to (with the port the system chose for `tcp://127.0.0.1:*`).
    public func lastEndpoint() throws(ZMQError) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        var size = buffer.count
        guard zmq_getsockopt(try open("zmq_getsockopt"), ZMQ_LAST_ENDPOINT, &buffer, &size) == 0 else {
            throw ZMQError("zmq_getsockopt(ZMQ_LAST_ENDPOINT)")
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Sends the frames as one multipart message. A signal arriving mid-call is retried.
    public func send(_ frames: [[UInt8]]) throws(ZMQError) {
        let socket = try open("zmq_send")
        for (index, frame) in frames.enumerated() {
            let flags = index == frames.count - 1 ? 0 : ZMQ_SNDMORE
            while true {
                let sent = frame.withUnsafeBytes { zmq_send(socket, $0.baseAddress, $0.count, flags) }
                if sent >= 0 { break }
                let code = zmq_errno()
                if code != EINTR { throw ZMQError("zmq_send", code: code) }
            }
        }
    }

    /// Receives every frame of the next multipart message, waiting for it. A signal arriving while
    /// waiting is retried; so a Ctrl-C does its work (a flag) and the wait goes on.
    public func receive() throws(ZMQError) -> [[UInt8]] {
        let socket = try open("zmq_msg_recv")
        var frames: [[UInt8]] = []
        while true {
            var message = zmq_msg_t()
            zmq_msg_init(&message)
            defer { zmq_msg_close(&message) }
            let size = zmq_msg_recv(&message, socket, 0)
            if size < 0 {
                let code = zmq_errno()
                if code == EINTR { continue }
                throw ZMQError("zmq_msg_recv", code: code)
            }
            if let data = zmq_msg_data(&message) {
                frames.append(Array(UnsafeRawBufferPointer(start: data, count: Int(size))))
            } else {
                frames.append([])
            }
            if zmq_msg_more(&message) == 0 { return frames }
        }
    }

    /// Which of `sockets` have a message waiting, after at most `milliseconds` (−1 waits for ever).
    /// A signal ends the wait early with nothing ready.
    public static func poll(_ sockets: [ZMQSocket], milliseconds: Int) throws(ZMQError) -> [Bool] {
        var items: [zmq_pollitem_t] = []
        for socket in sockets {
            let handle = try socket.open("zmq_poll")
            items.append(zmq_pollitem_t(socket: handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0))
        }
        let count = zmq_poll(&items, Int32(items.count), milliseconds)
        if count < 0 {
            let code = zmq_errno()
            if code == EINTR { return Array(repeating: false, count: sockets.count) }
            throw ZMQError("zmq_poll", code: code)
        }
        return items.map { $0.revents & Int16(ZMQ_POLLIN) != 0 }
    }
}
