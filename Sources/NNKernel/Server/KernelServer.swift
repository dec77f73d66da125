import Foundation
import NNEngine
import NNLang
import NNRepl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// NNLab as a Jupyter kernel: binds the five channels of a connection file and answers the client.
/// The main thread runs the shell channel (and stdin while a cell waits for input), so cells run in
/// order on one interpreter; a second thread answers the control channel (an interrupt arrives while
/// a fit runs) and a third echoes heartbeats.
public final class KernelServer: KernelChannels, @unchecked Sendable {
    let connection: ConnectionInfo
    let signer: MessageSigner
    let context: ZMQContext
    let shell: ZMQSocket, control: ZMQSocket, stdin: ZMQSocket, iopub: ZMQSocket, heartbeat: ZMQSocket
    /// IOPub is written from the shell and the control thread; the lock hands it between them.
    private let iopubLock = NSLock()
    let sessionID = KernelMessage.newIdentifier()
    /// The running session's flag: an interrupt (message or SIGINT) stops its fit after the batch.
    private let cancellationLock = NSLock()
    private var cancellation: CancellationFlag?
    private let shutdownLock = NSLock()
    private var shutdownRequested = false

    public init(connection: ConnectionInfo) throws(ZMQError) {
        self.connection = connection
        signer = MessageSigner(key: connection.key)
        context = try ZMQContext()
        shell = try ZMQSocket(context, .router)
        control = try ZMQSocket(context, .router)
        stdin = try ZMQSocket(context, .router)
        iopub = try ZMQSocket(context, .publisher)
        heartbeat = try ZMQSocket(context, .reply)
        try shell.bind(connection.endpoint(connection.shellPort))
        try control.bind(connection.endpoint(connection.controlPort))
        try stdin.bind(connection.endpoint(connection.stdinPort))
        try iopub.bind(connection.endpoint(connection.iopubPort))
        try heartbeat.bind(connection.endpoint(connection.heartbeatPort))
    }

    static func log(_ text: String) {
        let line = "nn kernel: " + text + "\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
    }

    /// Serves until a `shutdown_request`; then the process ends (a restart starts a new one).
    public func run(svg: SVGRenderer? = nil, setup: @escaping (Interpreter, OutputSink) -> Void) -> Never {
        let session = KernelSession(channels: self, svg: svg, setup: setup)
        cancellationLock.withLock { cancellation = session.interpreter.cancellation }
        Interrupts.install(cancelling: session.interpreter.cancellation)
        Thread { [self] in echoHeartbeats() }.start()
        Thread { [self] in serveControl() }.start()
        publishStatus("starting", parent: nil)
        while !isShuttingDown {
            do {
                guard try ZMQSocket.poll([shell], milliseconds: 100)[0] else { continue }
                let frames = try shell.receive()
                guard let request = decode(frames, channel: "shell") else { continue }
                if request.type == "shutdown_request" {
                    answerShutdown(request, on: shell)
                    break
                }
                let reply = answer(request, on: shell, with: session)
                if request.type == "execute_request", reply?["status"] == "error",
                    request.content["stop_on_error"]?.bool ?? true
                {
                    if abortQueuedExecutions(session) { break }
                }
            } catch {
                KernelServer.log("shell: \(error)")
            }
        }
        finish()
    }

    var isShuttingDown: Bool { shutdownLock.withLock { shutdownRequested } }

    /// Lets the last replies go out (sockets linger up to a second on close), then ends the process.
    func finish() -> Never {
        usleep(200_000)
        exit(0)
    }

    func decode(_ frames: [[UInt8]], channel: String) -> KernelMessage? {
        do {
            return try Wire.decode(frames, signer: signer)
        } catch {
            // A message that fails its signature gets no reply: it did not come from our client.
            KernelServer.log("\(channel): message refused: \(error)")
            return nil
        }
    }

    /// Busy, the reply on the request's own socket, idle: the order Jupyter clients wait for.
    /// Returns the reply's content, if there was one.
    @discardableResult
    func answer(_ request: KernelMessage, on socket: ZMQSocket, with session: KernelSession) -> JSON? {
        publishStatus("busy", parent: request)
        defer { publishStatus("idle", parent: request) }
        guard let (type, content) = session.reply(to: request) else {
            KernelServer.log("no answer for a \(request.type.isEmpty ? "message without a type" : request.type)")
            return nil
        }
        send(.make(type, content: content, parent: request, session: sessionID), on: socket)
        return content
    }

    /// After a cell fails, the cells already sent after it (a notebook's "run all") are not run:
    /// each gets an `aborted` reply, as IPython's kernel does. Other requests are answered. Whether
    /// a shutdown came meanwhile.
    func abortQueuedExecutions(_ session: KernelSession) -> Bool {
        do {
            while try ZMQSocket.poll([shell], milliseconds: 0)[0] {
                guard let request = decode(try shell.receive(), channel: "shell") else { continue }
                switch request.type {
                case "execute_request":
                    publishStatus("busy", parent: request)
                    let content: JSON = ["status": "aborted", "execution_count": .int(session.executionCount)]
                    send(.make("execute_reply", content: content, parent: request, session: sessionID), on: shell)
                    publishStatus("idle", parent: request)
                case "shutdown_request":
                    answerShutdown(request, on: shell)
                    return true
                default:
                    answer(request, on: shell, with: session)
                }
            }
        } catch {
            KernelServer.log("shell: \(error)")
        }
        return false
    }

    func send(_ message: KernelMessage, on socket: ZMQSocket) {
        do { try socket.send(Wire.encode(message, signer: signer)) } catch { KernelServer.log("send: \(error)") }
    }

    func publishStatus(_ state: String, parent: KernelMessage?) {
        let message = KernelMessage.make(
            "status", content: ["execution_state": .string(state)], parent: parent,
            session: sessionID, identities: [Array("kernel.\(sessionID).status".utf8)])
        publishMessage(message)
    }

    func publishMessage(_ message: KernelMessage) {
        iopubLock.withLock { send(message, on: iopub) }
    }

    // MARK: KernelChannels

    public func publish(_ type: String, _ content: JSON, parent: KernelMessage) {
        let topic = Array("kernel.\(sessionID).\(type)".utf8)
        publishMessage(.make(type, content: content, parent: parent, session: sessionID, identities: [topic]))
    }

    public func input(prompt: String, password: Bool, parent: KernelMessage) -> String? {
        let flag = cancellationLock.withLock { cancellation }
        send(
            .make(
                "input_request", content: ["prompt": .string(prompt), "password": .bool(password)], parent: parent,
                session: sessionID), on: stdin)
        while !isShuttingDown, flag?.isCancelled != true {
            do {
                guard try ZMQSocket.poll([stdin], milliseconds: 100)[0] else { continue }
                guard let reply = decode(try stdin.receive(), channel: "stdin"), reply.type == "input_reply" else {
                    continue
                }
                return reply.content["value"]?.string ?? ""
            } catch {
                KernelServer.log("stdin: \(error)")
                return nil
            }
        }
        return nil
    }

    // MARK: control and heartbeat threads

    /// Answers the control channel until shutdown. (These thread loops end: as endless `while true`
    /// loops, Swift 6.3's loop-invariant code motion never finished optimizing them.)
    func serveControl() {
        while !isShuttingDown { answerControlMessage() }
    }

    /// The next control request, if one comes within half a second.
    func answerControlMessage() {
        do {
            guard try ZMQSocket.poll([control], milliseconds: 500)[0] else { return }
            guard let request = decode(try control.receive(), channel: "control") else { return }
            publishStatus("busy", parent: request)
            switch request.type {
            case "interrupt_request":
                cancellationLock.withLock { cancellation }?.cancel()
                send(
                    .make("interrupt_reply", content: ["status": "ok"], parent: request, session: sessionID),
                    on: control)
            case "shutdown_request":
                answerShutdown(request, on: control)
            case "kernel_info_request":
                send(
                    .make(
                        "kernel_info_reply", content: KernelSession.kernelInfo, parent: request,
                        session: sessionID), on: control)
            default:
                KernelServer.log("control: no answer for \(request.type)")
                if let (type, content) = KernelSession.unknownRequestReply(request.type) {
                    send(.make(type, content: content, parent: request, session: sessionID), on: control)
                }
            }
            publishStatus("idle", parent: request)
        } catch {
            KernelServer.log("control: \(error)")
            usleep(100_000)
        }
    }

    /// Replies, then stops the shell loop (and any running fit). A cell that cannot stop midway
    /// gets three seconds before the process ends anyway.
    func answerShutdown(_ request: KernelMessage, on socket: ZMQSocket) {
        let restart = request.content["restart"]?.bool ?? false
        let reply = KernelMessage.make(
            "shutdown_reply", content: ["status": "ok", "restart": .bool(restart)],
            parent: request, session: sessionID)
        send(reply, on: socket)
        publish("shutdown_reply", reply.content, parent: request)
        shutdownLock.withLock { shutdownRequested = true }
        cancellationLock.withLock { cancellation }?.cancel()
        if !Thread.isMainThread {
            Thread {
                sleep(3)
                exit(0)
            }.start()
        }
    }

    /// Echoes heartbeats until shutdown.
    func echoHeartbeats() {
        while !isShuttingDown { echoHeartbeat() }
    }

    /// The next heartbeat echoed, if one comes within half a second.
    func echoHeartbeat() {
        do {
            guard try ZMQSocket.poll([heartbeat], milliseconds: 500)[0] else { return }
            try heartbeat.send(try heartbeat.receive())
        } catch {
            KernelServer.log("heartbeat: \(error)")
            usleep(100_000)
        }
    }
}
