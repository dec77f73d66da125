import NNEngine
import NNLang
import NNRepl
import Testing

@testable import NNKernel

#if canImport(Glibc)
    import Glibc
#endif

/// Records what a kernel session sends, and answers input requests from a list.
final class RecordingChannels: KernelChannels {
    var published: [(type: String, content: JSON)] = []
    var prompts: [String] = []
    var answers: [String] = []

    func publish(_ type: String, _ content: JSON, parent: KernelMessage) { published.append((type, content)) }

    func input(prompt: String, password: Bool, parent: KernelMessage) -> String? {
        prompts.append(prompt)
        return answers.isEmpty ? nil : answers.removeFirst()
    }

    func of(_ type: String) -> [JSON] { published.filter { $0.type == type }.map(\.content) }
    var streamText: String { of("stream").compactMap { $0["text"]?.string }.joined() }
}

/// Each shell request's reply, built by a session over a recording of the channels.
@Suite struct SessionTests {
    let channels = RecordingChannels()
    let session: KernelSession

    init() {
        // A stand-in figure writer: an SVG for line charts (it finds `title` set by the cell), none otherwise.
        session = KernelSession(
            channels: channels,
            svg: { interpreter in
                guard case .string(let title)? = interpreter.globals["title"] else { return nil }
                return "<svg><title>\(title)</title></svg>"
            })
    }

    func request(_ type: String, _ content: JSON) -> KernelMessage {
        KernelMessage.make(type, content: content, parent: nil, session: "client")
    }

    func integer(_ name: String) -> Int? {
        guard case .int(let value)? = session.interpreter.globals[name] else { return nil }
        return value
    }

    func execute(_ code: String, _ extra: [String: JSON] = [:]) -> JSON? {
        var content: [String: JSON] = ["code": .string(code), "silent": false, "store_history": true]
        content.merge(extra) { _, new in new }
        return session.reply(to: request("execute_request", .object(content)))?.content
    }

    @Test func kernelInfoDescribesNNLab() {
        let reply = session.reply(to: request("kernel_info_request", [:]))
        #expect(reply?.type == "kernel_info_reply")
        let info = reply?.content
        #expect(info?["protocol_version"]?.string == "5.3")
        #expect(info?["language_info"]?["file_extension"]?.string == ".nn")
        #expect(info?["language_info"]?["pygments_lexer"]?.string == "python")
        #expect(info?["language_info"]?["mimetype"]?.string == "text/x-python")
    }

    @Test func executeCountsCellsAndShowsTheLastValue() {
        let first = execute("x = 6 * 7")
        #expect(first?["status"]?.string == "ok")
        #expect(first?["execution_count"]?.int == 1)
        let second = execute("print('hi')\nx")
        #expect(second?["execution_count"]?.int == 2)
        #expect(channels.of("execute_input").map { $0["execution_count"]?.int } == [1, 2])
        #expect(channels.streamText == "hi\n")
        let result = channels.of("execute_result")
        #expect(result.count == 1)
        #expect(result.first?["data"]?["text/plain"]?.string == "42")
        #expect(result.first?["execution_count"]?.int == 2)
    }

    @Test func userExpressionsAreEvaluatedAfterACell() {
        let reply = execute("w = 5", ["user_expressions": ["double": "w * 2", "bad": "nope"]])
        #expect(reply?["user_expressions"]?["double"]?["data"]?["text/plain"]?.string == "10")
        #expect(reply?["user_expressions"]?["double"]?["status"]?.string == "ok")
        #expect(reply?["user_expressions"]?["bad"]?["status"]?.string == "error")
        #expect(reply?["user_expressions"]?["bad"]?["ename"]?.string == "NameError")
    }

    @Test func silentExecutionIsNotCountedNorShown() {
        _ = execute("y = 1")
        let reply = execute("y + 1", ["silent": true])
        #expect(reply?["status"]?.string == "ok")
        #expect(reply?["execution_count"]?.int == 1)
        #expect(channels.of("execute_input").count == 1)
        #expect(channels.of("execute_result").isEmpty)
        let unstored = execute("y + 2", ["store_history": false])
        #expect(unstored?["execution_count"]?.int == 1)
        #expect(channels.of("execute_result").first?["data"]?["text/plain"]?.string == "3")
    }

    @Test func anErrorIsSentWithItsNameValueAndTraceback() {
        let reply = execute("a = 1\nb = a + missing")
        #expect(reply?["status"]?.string == "error")
        #expect(reply?["ename"]?.string == "NameError")
        #expect(reply?["evalue"]?.string?.contains("missing") == true)
        let error = channels.of("error")
        #expect(error.count == 1)
        guard case .array(let lines)? = error.first?["traceback"] else {
            Issue.record("no traceback")
            return
        }
        #expect(lines.contains { $0.string?.contains("b = a + missing") == true })
        let raised = execute("raise ValueError('bad value')")
        #expect(raised?["ename"]?.string == "ValueError")
        #expect(raised?["evalue"]?.string == "bad value")
        // The session goes on: the first line's variable is kept.
        #expect(execute("a")?["status"]?.string == "ok")
    }

    @Test func anErrorInsideAFunctionOfAnEarlierCellSendsItsFrames() {
        _ = execute("def f(x):\n    return x[5]")
        let reply = execute("f([1])")
        #expect(reply?["ename"]?.string == "IndexError")
        guard case .array(let lines)? = channels.of("error").first?["traceback"] else {
            Issue.record("no traceback")
            return
        }
        let text = lines.compactMap(\.string)
        #expect(
            Array(text.prefix(4)) == [
                "Traceback (most recent call last):", "  File \"In [2]\", line 1, in <module>", "    f([1])",
                "  File \"In [1]\", line 2, in f",
            ])
        #expect(text.contains(" --> In [1]:2:14"))
    }

    @Test func picturesAreDisplayDataWithSVGWhenDrawn() {
        _ = execute("import numpy as np\nshow(np.eye(4))")
        _ = execute("title = 'loss'\nplot([1, 2, 3], title=title)")
        let displays = channels.of("display_data")
        #expect(displays.count == 2)
        let image = displays.first?["data"]?["text/plain"]?.string ?? ""
        #expect(image.split(separator: "\n").count >= 2)
        // NNLab's own pictures come as SVG too, drawn from the same numbers as their text.
        let imageSVG = displays.first?["data"]?["image/svg+xml"]?.string ?? ""
        #expect(imageSVG.hasPrefix("<?xml") || imageSVG.hasPrefix("<svg"))
        #expect(displays.last?["data"]?["text/plain"]?.string?.contains("loss") == true)
        let chartSVG = displays.last?["data"]?["image/svg+xml"]?.string ?? ""
        #expect(chartSVG.contains("<svg") && chartSVG.contains(">loss<") && chartSVG.contains("<polyline"))
        #expect(channels.streamText.isEmpty)
    }

    @Test func matplotlibFiguresComeWithTheirSVG() {
        _ = execute("import matplotlib.pyplot as plt\nplt.plot([1, 4, 9])\nplt.title('squares')\nplt.show()")
        let display = channels.of("display_data").first
        #expect(display?["data"]?["text/plain"]?.string?.contains("squares") == true)
        let svg = display?["data"]?["image/svg+xml"]?.string ?? ""
        #expect(svg.contains("<svg") && svg.contains("squares"))
        #expect(channels.streamText.isEmpty)
    }

    @Test func pauseAsksOnStdinOnlyWhenTheClientAllows() {
        channels.answers = [""]
        _ = execute("pause('Ready?')", ["allow_stdin": true])
        _ = execute("pause()", ["allow_stdin": false])
        #expect(channels.prompts == ["Ready?"])
    }

    @Test func inputAsksOnStdin() {
        channels.answers = ["Ada"]
        let reply = execute("name = input('Your name? ')\nprint('hello', name)", ["allow_stdin": true])
        #expect(reply?["status"]?.string == "ok")
        #expect(channels.prompts == ["Your name? "])
        #expect(channels.streamText == "hello Ada\n")
        let refused = execute("input('again? ')", ["allow_stdin": false])
        #expect(refused?["ename"]?.string == "EOFError")
        #expect(refused?["evalue"]?.string == "EOF when reading a line")
    }

    @Test func magicsAndHelpWork() {
        _ = execute("z = 3")
        _ = execute("%who")
        #expect(channels.streamText.contains("z"))
        _ = execute("len?")
        #expect(channels.streamText.contains("len("))
    }

    @Test func notebookSetupAndShellLinesAreSkipped() {
        let reply = execute("%matplotlib inline\n!pip install tensorflow\nimport numpy as np\n%time x = 1\nnp.ones(2)")
        #expect(reply?["status"]?.string == "ok")
        #expect(
            channels.streamText == "(line 2: `!pip install tensorflow` is a shell command; skipped)\n"
                + "(line 4: `%time x = 1` is a Jupyter magic; its statement runs once, untimed)\n")
        #expect(integer("x") == 1)
        #expect(channels.of("execute_result").first?["data"]?["text/plain"]?.string == "array([1., 1.])")
        // Line numbers stay those of the cell as written.
        let error = execute("%matplotlib inline\n\nmissing_name")
        #expect(error?["traceback"]?.debugText.contains("In [2]:3") == true)
    }

    @Test func aMagicOrShellLineInsideABlockIsSkippedAndTheRestRuns() {
        let reply = execute("total = 0\nfor i in range(3):\n    !echo $i\n    total += i\n%who\ntotal")
        #expect(reply?["status"]?.string == "ok")
        #expect(channels.streamText.contains("(line 3: `!echo $i` is a shell command; skipped)\n"))
        #expect(channels.streamText.contains("(line 5: `%who` is a Jupyter magic; skipped)\n"))
        #expect(channels.of("execute_result").first?["data"]?["text/plain"]?.string == "3")
        let error = execute("!ls\n\n1 / 0")
        #expect(error?["ename"]?.string == "ZeroDivisionError")
        #expect(error?["traceback"]?.debugText.contains("In [2]:3") == true)
    }

    @Test func captureRunsTheCellSilently() {
        let reply = execute("%%capture out\nprint('hidden')\nplot([1, 2])\nx = 5\nx")
        #expect(reply?["status"]?.string == "ok")
        #expect(channels.streamText == "(`out` is not set: NNLab keeps no captured output)\n")
        #expect(channels.of("display_data").isEmpty && channels.of("execute_result").isEmpty)
        #expect(integer("x") == 5)
        _ = execute("print('shown again')")
        #expect(channels.streamText.hasSuffix("shown again\n"))
        let failing = execute("%%capture\nmissing")
        #expect(failing?["ename"]?.string == "NameError", "an error is not captured")
    }

    @Test func displayCellMagicsSendTheirMimeType() {
        for (magic, mime, object) in [
            ("html", "text/html", "HTML"), ("javascript", "application/javascript", "Javascript"),
            ("latex", "text/latex", "Latex"), ("markdown", "text/markdown", "Markdown"),
            ("svg", "image/svg+xml", "SVG"),
        ] {
            channels.published = []
            let reply = execute("%%\(magic)\n<b>body</b>\nline two")
            #expect(reply?["status"]?.string == "ok")
            let data = channels.of("display_data").first?["data"]
            #expect(data?[mime]?.string == "<b>body</b>\nline two", "\(magic)")
            #expect(data?["text/plain"]?.string == "<IPython.core.display.\(object) object>")
        }
    }

    @Test func timedCellsRunOnceAndSayTheirTime() {
        _ = execute("%%time\ny = 21\ny * 2")
        #expect(channels.of("execute_result").first?["data"]?["text/plain"]?.string == "42")
        #expect(channels.streamText.hasPrefix("Wall time: "))
        channels.published = []
        _ = execute("%%timeit\ny += 1")
        #expect(channels.streamText.contains(" for one run (NNLab runs a %%timeit cell once, keeping its variables)"))
        #expect(integer("y") == 22)
    }

    @Test func otherProgramsAndUnknownCellMagicsAreSkippedWithANote() {
        _ = execute("%%bash\nrm -rf /\nx = 1")
        #expect(channels.streamText == "(`%%bash` runs the cell in bash, and NNLab runs no other programs; skipped)\n")
        channels.published = []
        _ = execute("%%frobnicate\nx = 1")
        #expect(channels.streamText.contains("Cell magic `%%frobnicate` not found"))
        #expect(session.interpreter.globals["x"] == nil ? true : false)
    }

    @Test func writefileWritesItsFileAsIPythonSays() throws {
        let folder = "/tmp/nnlab-kernel-writefile-\(getpid())"
        mkdir(folder, 0o700)
        defer {
            unlink(folder + "/helper.py")
            rmdir(folder)
        }
        _ = execute("%%writefile \(folder)/helper.py\ndef twice(x):\n    return 2 * x")
        #expect(channels.streamText == "Writing \(folder)/helper.py\n")
        _ = execute("%%writefile -a \(folder)/helper.py\n\nprint(twice(2))")
        #expect(channels.streamText.hasSuffix("Appending to \(folder)/helper.py\n"))
        _ = execute("%run \(folder)/helper.py")
        #expect(channels.streamText.hasSuffix("4\n"))
    }

    /// Every teaching picture reaches a notebook as its text and an SVG drawing of the same data.
    @Test func teachingPicturesGoOutAsSVG() {
        let setup = execute(
            """
            from keras import Sequential, Input
            from keras.layers import Dense
            import numpy as np
            seed(1)
            X = np.array([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
            y = np.array([0, 1, 1, 0])
            model = Sequential([Input(shape=(2,)), Dense(3, activation='tanh'), Dense(1, activation='sigmoid')])
            model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
            h = model.fit(X, y, epochs=2, verbose=0)
            """)
        #expect(setup?["status"]?.string == "ok")
        let cells = [
            ("plot_boundary(model, X, y)", 1, "<circle"),
            ("plot_boundary([model, model], X, y, labels=['a', 'b'])", 1, "axes_2"),
            ("plot_boundary(model, X, y, neuron=(0, 1))", 1, "neuron 1 of layer 0"),
            ("heatmap(model.layers[0], numbers=True)", 1, "class=\"colorbar\""),
            ("diagram(model)", 1, "parameters in all"),
            ("diagram(model, X)", 1, "stroke-width"),
            ("diagram(model, X, y, grads=True)", 1, "Gradients for one example"),
            ("plot(h)", 2, "<polyline"),
            ("plot([h, h], labels=['one', 'two'])", 1, "two"),
            ("runs = compare(model, X, y, learning_rates=[0.1, 0.01], epochs=2)", 1, "0.01"),
        ]
        for (cell, pictures, mark) in cells {
            channels.published = []
            let reply = execute(cell)
            #expect(reply?["status"]?.string == "ok", "\(cell)")
            let shown = channels.of("display_data")
            #expect(shown.count == pictures, "\(cell)")
            for data in shown.map({ $0["data"] }) {
                #expect(data?["text/plain"]?.string?.isEmpty == false, "\(cell)")
                let svg = data?["image/svg+xml"]?.string ?? ""
                #expect(svg.hasPrefix("<?xml") && svg.hasSuffix("</svg>\n"), "\(cell)")
            }
            #expect(shown.last?["data"]?["image/svg+xml"]?.string?.contains(mark) == true, "\(cell): \(mark)")
        }
    }

    @Test func completeReplacesTheWordBeforeTheCursor() {
        _ = execute("import numpy as np\nmy_value = 1")
        let reply = session.reply(to: request("complete_request", ["code": "print(my_v", "cursor_pos": 10]))
        #expect(reply?.type == "complete_reply")
        #expect(reply?.content["matches"] == ["my_value"])
        #expect(reply?.content["cursor_start"]?.int == 6)
        #expect(reply?.content["cursor_end"]?.int == 10)
        let dotted = session.reply(to: request("complete_request", ["code": "a = 1\nnp.ze", "cursor_pos": 11]))
        #expect(dotted?.content["matches"] == ["np.zeros", "np.zeros_like"])
        #expect(dotted?.content["cursor_start"]?.int == 6)
    }

    @Test func inspectGivesHelpText() {
        _ = execute("import numpy as np")
        let found = session.reply(to: request("inspect_request", ["code": "np.zeros(3)", "cursor_pos": 5]))
        #expect(found?.type == "inspect_reply")
        #expect(found?.content["found"] == true)
        #expect(found?.content["data"]?["text/plain"]?.string?.contains("zeros") == true)
        let missing = session.reply(to: request("inspect_request", ["code": "nothing_here", "cursor_pos": 3]))
        #expect(missing?.content["found"] == false)
    }

    @Test func isCompleteFollowsTheREPLsRules() {
        func status(_ code: String) -> (String?, String?) {
            let reply = session.reply(to: request("is_complete_request", ["code": .string(code)]))?.content
            return (reply?["status"]?.string, reply?["indent"]?.string)
        }
        #expect(status("x = 1") == ("complete", nil))
        #expect(status("x = [1,") == ("incomplete", ""))
        #expect(status("for i in range(3):") == ("incomplete", "    "))
        #expect(status("for i in range(3):\n    print(i)\n") == ("complete", nil))
        #expect(status("s = '''open") == ("incomplete", ""))
    }

    @Test func unknownRequestsGetAnErrorReply() {
        let reply = session.reply(to: request("made_up_request", [:]))
        #expect(reply?.type == "made_up_reply")
        #expect(reply?.content["status"] == "error")
        #expect(session.reply(to: request("made_up", [:])) == nil, "not a request")
    }

    @Test func interruptStopsAFitAfterItsBatchKeepingWeights() {
        _ = execute(
            """
            import tensorflow as tf
            X, y = make_xor(n_samples=64, random_state=0)
            model = tf.keras.Sequential([tf.keras.layers.Dense(1, activation='sigmoid')])
            model.compile(loss='binary_crossentropy', optimizer='sgd')
            """)
        // What a control-channel interrupt does, arriving during epoch 2's first batch: the fit
        // stops before the next one.
        let interrupter = Interrupter(flag: session.interpreter.cancellation)
        session.interpreter.teaching = ObservingListener(observer: interrupter)
        let reply = execute("h = model.fit(X, y, epochs=1000, verbose=0)\nlen(h.history['loss'])")
        #expect(reply?["status"]?.string == "ok")
        #expect(channels.streamText.contains("Training interrupted at epoch 2, step 2"))
        #expect(channels.of("execute_result").last?["data"]?["text/plain"]?.string == "1")
    }
}

/// Sets the cancellation flag during the first step of epoch 2, as an interrupt_request would.
final class Interrupter: TrainingObserver {
    let flag: CancellationFlag
    init(flag: CancellationFlag) { self.flag = flag }
    func stepDidEnd(epoch: Int, step: Int, loss: Float, examples: Int) {
        if epoch == 2 { flag.cancel() }
    }
}

extension JSON {
    var debugText: String { String(decoding: encoded(), as: UTF8.self) }
}

/// A listener that only attaches one observer to every fit.
private final class ObservingListener: TeachingListener {
    let observer: TrainingObserver
    init(observer: TrainingObserver) { self.observer = observer }
    func trainingObservers(for fit: FitContext) -> [TrainingObserver] { [observer] }
}
