import NNEngine
import NNLang
import NNRepl

/// One kernel's interpreter session and the answers to the shell's requests: `kernel_info`,
/// `execute`, `complete`, `inspect`, `is_complete`. Variables persist between cells; a restart
/// makes a new session.
public final class KernelSession {
    public let interpreter: Interpreter
    /// The REPL's cell loop: magics, `name?` help, `_`, `Out` and `In`, as in a terminal session.
    let repl: Session
    let stream = StreamOutput()
    let channels: KernelChannels
    let formatter = DiagnosticFormatter(color: false)
    /// The request being answered: output, pictures and input requests belong to it.
    private var current: KernelMessage?
    var error: (diagnostics: [Diagnostic], source: SourceFile)?
    /// A `%%capture` cell is running: its output, pictures and value are not sent.
    var capturing = false

    /// - Parameter setup: attaches the teaching layer (explanations, pictures, narration) to a new
    ///   interpreter writing to the given output; the `nn` command supplies it.
    public init(
        channels: KernelChannels, svg: SVGRenderer? = nil,
        setup: (Interpreter, OutputSink) -> Void = { _, _ in }
    ) {
        self.channels = channels
        let options = InterpreterOptions(interactive: false, color: false, unicode: true)
        interpreter = Interpreter(output: stream, options: options)
        setup(interpreter, stream)
        repl = Session(interpreter: interpreter, reader: ScriptedLineReader([]), output: stream)
        stream.send = { [unowned self] text in
            guard let current, !capturing else { return }
            channels.publish("stream", ["name": "stdout", "text": .string(text)], parent: current)
        }
        interpreter.pictureHandler = { [unowned self] text, figure in
            guard let current, !capturing else { return }
            let content = KernelPictures.displayData(text: text, figure: figure, interpreter: interpreter, svg: svg)
            channels.publish("display_data", content, parent: current)
        }
        interpreter.teaching = KernelTeaching(inner: interpreter.teaching) { [unowned self] message in
            guard let current, current.content["allow_stdin"]?.bool ?? false else { return }
            _ = channels.input(prompt: message ?? "(press Enter to continue)", password: false, parent: current)
        }
        interpreter.inputHandler = { [unowned self] prompt in
            guard let current, current.content["allow_stdin"]?.bool ?? false else { return nil }
            return channels.input(prompt: prompt, password: false, parent: current)
        }
        repl.valueHandler = { [unowned self] text, number in
            guard let current, !capturing else { return }
            channels.publish(
                "execute_result",
                [
                    "execution_count": .int(number), "data": ["text/plain": .string(text)], "metadata": [:],
                ], parent: current)
        }
        repl.errorHandler = { [unowned self] diagnostics, source in error = (diagnostics, source) }
    }

    /// The number the next stored cell gets; replies say the last one used.
    public var executionCount: Int { repl.count - 1 }

    /// The reply (its type and content) to a shell or control request, or nil for a type this
    /// kernel does not answer. Output goes out on the channels while it runs.
    public func reply(to request: KernelMessage) -> (type: String, content: JSON)? {
        current = request
        defer { current = nil }
        let content = request.content
        switch request.type {
        case "kernel_info_request": return ("kernel_info_reply", KernelSession.kernelInfo)
        case "execute_request": return ("execute_reply", execute(request))
        case "complete_request":
            return ("complete_reply", complete(content["code"]?.string ?? "", cursor: content["cursor_pos"]?.int))
        case "inspect_request":
            return ("inspect_reply", inspect(content["code"]?.string ?? "", cursor: content["cursor_pos"]?.int))
        case "is_complete_request": return ("is_complete_reply", isComplete(content["code"]?.string ?? ""))
        case "comm_info_request": return ("comm_info_reply", ["status": "ok", "comms": [:]])
        case "history_request": return ("history_reply", ["status": "ok", "history": []])
        default: return KernelSession.unknownRequestReply(request.type)
        }
    }

    /// A request of a type this kernel does not know still gets its `*_reply`, with status
    /// `error`, so a client waiting for it is not left waiting; a message whose type is not a
    /// request (or that has no type) gets none. Shutdown and interrupt are the server's to answer.
    static func unknownRequestReply(_ type: String) -> (type: String, content: JSON)? {
        guard type.hasSuffix("_request"), type.count > "_request".count,
            !["shutdown_request", "interrupt_request"].contains(type)
        else { return nil }
        let reply = String(type.dropLast("_request".count)) + "_reply"
        let content: JSON = [
            "status": "error", "ename": "NotImplementedError",
            "evalue": .string("NNLab's kernel does not answer \(type)"), "traceback": [],
        ]
        return (reply, content)
    }

    static let kernelInfo: JSON = [
        "status": "ok", "protocol_version": .string(KernelMessage.protocolVersion), "implementation": "nnlab",
        "implementation_version": .string(NNLabVersion.string),
        "language_info": [
            "name": "nnlab", "version": .string(NNLabVersion.string), "mimetype": "text/x-python",
            "file_extension": ".nn", "pygments_lexer": "python", "codemirror_mode": "python",
        ],
        "banner": .string(Session.banner), "help_links": [], "debugger": false,
    ]

    // MARK: execute

    func execute(_ request: KernelMessage) -> JSON {
        guard let code = request.content["code"]?.string else {
            // Not a cell at all: said to the client, and nothing runs or is counted.
            let what = request.content["code"].map { "is \(KernelSession.kind(of: $0)), not a string" } ?? "is missing"
            let failure: JSON = [
                "ename": "TypeError", "evalue": .string("the execute_request's \"code\" \(what)"), "traceback": [],
            ]
            channels.publish("error", failure, parent: request)
            var reply = failure.objectMembers
            reply["status"] = "error"
            reply["execution_count"] = .int(executionCount)
            return .object(reply)
        }
        let silent = request.content["silent"]?.bool ?? false
        let store = !silent && (request.content["store_history"]?.bool ?? true)
        error = nil
        if !silent {
            let number = store ? repl.count : executionCount
            channels.publish(
                "execute_input", ["code": .string(code), "execution_count": .int(number)], parent: request)
        }
        if store {
            runCell(code, request: request)
        } else {
            let prepared = NotebookCode(code, quietSetup: true)
            let runnable = prepared.runs ? prepared.code : ""
            do {
                let value = try interpreter.run(SourceFile(name: "<cell>", text: runnable))
                if !silent, let value, !value.isNone {
                    let text = try? interpreter.text(of: value, repr: true, range: nil)
                    channels.publish(
                        "execute_result",
                        [
                            "execution_count": .int(executionCount), "data": ["text/plain": .string(text ?? "")],
                            "metadata": [:],
                        ], parent: request)
                }
            } catch {
                self.error = (error.diagnostics, SourceFile(name: "<cell>", text: runnable))
            }
        }
        // exit() ends a script or a terminal session; a kernel lives until the client shuts it down.
        interpreter.exitRequested = false
        guard let (diagnostics, source) = error else {
            var expressions: [String: JSON] = [:]
            for (name, expression) in request.content["user_expressions"]?.objectMembers ?? [:] {
                expressions[name] = evaluate(expression.string ?? "")
            }
            return [
                "status": "ok", "execution_count": .int(executionCount), "user_expressions": .object(expressions),
                "payload": [],
            ]
        }
        let failure = errorContent(diagnostics, source)
        channels.publish("error", failure, parent: request)
        var reply = failure.objectMembers
        reply["status"] = "error"
        reply["execution_count"] = .int(executionCount)
        return .object(reply)
    }

    /// A JSON value's kind in words, for messages about a field of the wrong type.
    static func kind(of value: JSON) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }

    /// A `user_expressions` entry: the expression's repr, or its error.
    func evaluate(_ expression: String) -> JSON {
        let source = SourceFile(name: "<user expression>", text: expression)
        do {
            let value = try interpreter.run(source) ?? .none
            let text = (try? interpreter.text(of: value, repr: true, range: nil)) ?? ""
            return ["status": "ok", "data": ["text/plain": .string(text)], "metadata": [:]]
        } catch {
            var content = errorContent(error.diagnostics, source).objectMembers
            content["status"] = "error"
            return .object(content)
        }
    }

    /// `ename`, `evalue` and `traceback` (the formatted, located message, line by line).
    func errorContent(_ diagnostics: [Diagnostic], _ source: SourceFile) -> JSON {
        let first = diagnostics.first
        let traceback = diagnostics.flatMap { formatter.format($0, in: source).split(separator: "\n").map(String.init) }
        let name = first?.exceptionName ?? "Error"
        var value = first?.message ?? ""
        // A raised exception's message may start with its class, which `ename` already says.
        if value.hasPrefix(name + ": ") { value.removeFirst(name.count + 2) }
        return [
            "ename": .string(name), "evalue": .string(value),
            "traceback": .array(traceback.map { .string($0) }),
        ]
    }

    // MARK: complete, inspect, is_complete

    /// Characters that end the word being completed (the REPL's line editor splits words here).
    static let wordBreaks = Set(" \t\n\"'`@$><=;|&{(,[+-*/%")

    func complete(_ code: String, cursor: Int?) -> JSON {
        let scalars = Array(code.unicodeScalars)
        let end = min(max(cursor ?? scalars.count, 0), scalars.count)
        var lineStart = end
        while lineStart > 0, scalars[lineStart - 1] != "\n" { lineStart -= 1 }
        let line = String(String.UnicodeScalarView(scalars[lineStart..<end]))
        var start = end
        while start > lineStart, !KernelSession.wordBreaks.contains(Character(scalars[start - 1])) { start -= 1 }
        let matches = Completer(interpreter: interpreter).complete(line)
        return [
            "status": "ok", "matches": .array(matches.map { .string($0) }), "cursor_start": .int(start),
            "cursor_end": .int(end), "metadata": [:],
        ]
    }

    func inspect(_ code: String, cursor: Int?) -> JSON {
        let scalars = Array(code.unicodeScalars)
        let at = min(max(cursor ?? scalars.count, 0), scalars.count)
        func isNamePart(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || scalar == "." || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
        }
        var start = at
        var end = at
        while start > 0, isNamePart(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, isNamePart(scalars[end]) { end += 1 }
        var name = String(String.UnicodeScalarView(scalars[start..<end]))
        while name.hasSuffix(".") { name.removeLast() }
        guard !name.isEmpty, let text = interpreter.helpText(forDottedName: name) else {
            return ["status": "ok", "found": false, "data": [:], "metadata": [:]]
        }
        return ["status": "ok", "found": true, "data": ["text/plain": .string(text)], "metadata": [:]]
    }

    func isComplete(_ code: String) -> JSON {
        guard InputCompleteness.needsMore(code) else { return ["status": "complete"] }
        let lastLine = code.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        var indent = String(lastLine.prefix { $0 == " " || $0 == "\t" })
        if lastLine.trimmingCharacters().hasSuffix(":") { indent += "    " }
        return ["status": "incomplete", "indent": .string(indent)]
    }
}
