import NNLang
import NNRepl

/// What a kernel session needs from the channels while it answers a request: broadcasting on
/// IOPub, and asking the client for a line on stdin. The server gives the real sockets; tests give
/// a recorder.
public protocol KernelChannels: AnyObject {
    /// Sends a message of `type` on IOPub, caused by `parent`.
    func publish(_ type: String, _ content: JSON, parent: KernelMessage)
    /// Sends an `input_request` on stdin to the client that sent `parent` and waits for its
    /// `input_reply`; nil when the wait was interrupted or the channel failed.
    func input(prompt: String, password: Bool, parent: KernelMessage) -> String?
}

/// Text the program prints, sent to the client as `stream` messages on stdout.
final class StreamOutput: OutputSink {
    /// Where a piece of text goes; the session points it at the request being run.
    var send: (String) -> Void = { _ in }

    func write(_ text: String) {
        guard !text.isEmpty else { return }
        send(text)
    }
}
