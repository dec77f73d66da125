import NNEngine
import NNLang

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// IPython-style line magics: `%explain`, `%history`, `%save`, `%load`, `%run`, `%reset`, `%who`,
/// `%whos`, `%time`, `%diagnose`, `%cpaste`, `%edit`, `%quickref`.
struct Magics {
    let session: Session
    var output: OutputSink { session.output }
    var interpreter: Interpreter { session.interpreter }

    static let names = [
        "explain", "history", "save", "load", "run", "reset", "who", "whos", "time", "diagnose", "quickref", "cpaste",
        "edit", "live",
    ]

    /// Notebook magics that course code carries and that mean nothing in a terminal session.
    static let notebookOnly: Set<String> = ["matplotlib", "load_ext", "autoreload", "config", "pip", "env"]

    func run(_ line: String, number: Int) {
        let body = line.dropFirst()
        let name = String(body.prefix { !$0.isWhitespace })
        let argument = String(body.dropFirst(name.count)).trimmingCharacters()
        switch name {
        case "explain": explain(argument)
        case "live": live(argument)
        case "history": history(argument)
        case "save": save(argument)
        case "load": load(argument)
        case "run": runFile(argument)
        case "reset":
            let count = interpreter.userNames.count
            interpreter.resetUserNames()
            say("Cleared \(count) name\(count == 1 ? "" : "s"); the session starts afresh.")
        case "who":
            let names = interpreter.userNames
            say(names.isEmpty ? "Interactive namespace is empty." : names.joined(separator: "\t"))
        case "whos": whos()
        case "time": time(argument, number: number)
        case "diagnose": diagnose(argument, number: number)
        case "quickref": say(Magics.quickReference)
        case "cpaste": cpaste(number: number)
        case "edit": edit(argument, number: number)
        case _ where Magics.notebookOnly.contains(name):
            // Course notebooks start with these; NNLab draws in the terminal and needs no extensions.
            say("(%\(name) is for Jupyter notebooks; NNLab needs nothing here and goes on)")
        default:
            let hint = closestMatch(to: name, in: Magics.names).map { " Did you mean %\($0)?" } ?? ""
            say("UsageError: Line magic function `%\(name)` not found.\(hint)")
        }
    }

    func say(_ text: String) { output.write(text + "\n") }

    func explain(_ argument: String) {
        guard !argument.isEmpty else {
            say("Explanations are at the '\(interpreter.explainLevel.rawValue)' level (off, epoch, step or full).")
            return
        }
        do {
            interpreter.explainLevel = try ExplainLevel.parse(argument, range: nil)
            say("Explanations are now at the '\(argument)' level.")
        } catch {
            say("UsageError: \(error.message)" + (error.hint.map { "; \($0)" } ?? ""))
        }
    }

    /// `%live on|off`: whether `fit` draws its loss (and boundary) live, unless the call says.
    func live(_ argument: String) {
        switch argument {
        case "": say("Live training is \(interpreter.options.live ? "on" : "off") (%live on or %live off).")
        case "on", "off":
            interpreter.options.live = argument == "on"
            say(
                argument == "on" && !interpreter.options.interactive
                    ? "Live training is on; it is drawn on a terminal, so here fit prints its progress as usual."
                    : "Live training is now \(argument): fit \(argument == "on" ? "redraws its loss curve as it trains" : "shows its progress bar")."
            )
        default: say("UsageError: %live takes on or off")
        }
    }

    /// `%history [-n] [ranges]`: cells as typed (with their numbers).
    func history(_ argument: String) {
        let words = argument.split(separator: " ")
        let numbered = words.contains("-n")
        let chosen: [Int]
        if codeCells.isEmpty && words.allSatisfy({ $0 == "-n" }) { return }
        do throws(UsageError) {
            chosen = try CellRanges.select(words.filter { $0 != "-n" }, from: codeCells)
        } catch {
            return say("UsageError: \(error.message)")
        }
        for number in chosen {
            let text = session.cells[number] ?? ""
            if numbered {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                let margins = [String(number).leftPadded(4) + ": "] + Array(repeating: "      ", count: lines.count)
                say(zip(margins, lines).map { $0 + $1 }.joined(separator: "\n"))
            } else {
                say(text)
            }
        }
    }

    /// The numbers of the cells before this one.
    var codeCells: [Int] { session.cells.keys.sorted().filter { $0 < session.count - 1 } }

    func readFile(_ path: String) -> String? {
        // A FIFO would wait for a writer for ever; SourceFile.read says what else is wrong.
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFIFO {
            say("UsageError: '\(path)' is not a regular file")
            return nil
        }
        do {
            return try SourceFile.read(path).text
        } catch {
            say("UsageError: \(error.message)")
            return nil
        }
    }

    /// `%load FILE`: shows the file's code and runs it as this cell, so it joins the history.
    func load(_ path: String) {
        guard !path.isEmpty else {
            return say("UsageError: %load needs a file name, like %load lessons/01-neurons-and-layers.nn")
        }
        guard let text = Notebook.isNotebook(path) ? notebookCode(path) : readFile(path) else { return }
        say("# %load \(path)\n" + text.trimmingCharacters())
        let number = session.count - 1
        session.cells[number] = text
        session.execute(SourceFile(name: "In [\(number)]", text: text), number: number)
    }

    /// `%run FILE`: runs a program in the session; its variables stay.
    func runFile(_ path: String) {
        guard !path.isEmpty else { return say("UsageError: %run needs a file name, like %run examples/xor.nn") }
        if Notebook.isNotebook(path) { return runNotebook(path) }
        guard let text = readFile(path) else { return }
        session.execute(SourceFile(name: path, text: text), number: nil)
        // exit() ends the script, not the session (IPython's %run catches SystemExit the same way).
        interpreter.exitRequested = false
    }

    func whos() {
        let names = interpreter.userNames
        guard !names.isEmpty else {
            say("Interactive namespace is empty.")
            return
        }
        let rows = names.compactMap { name in interpreter.summary(ofName: name).map { (name, $0.type, $0.detail) } }
        let nameWidth = max(8, rows.map(\.0.count).max() ?? 0) + 3
        let typeWidth = max(4, rows.map(\.1.count).max() ?? 0) + 3
        say("Variable".padded(nameWidth) + "Type".padded(typeWidth) + "Data/Info")
        say(String(repeating: "-", count: nameWidth + typeWidth + 9))
        for (name, type, detail) in rows { say(name.padded(nameWidth) + type.padded(typeWidth) + detail) }
    }

    /// `%time STATEMENT`: runs it and says how long it took.
    func time(_ code: String, number: Int) {
        guard !code.isEmpty else {
            say("UsageError: %time needs a statement, like %time model.fit(X, y, epochs=10)")
            return
        }
        var start = timespec()
        var end = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        session.execute(SourceFile(name: "In [\(number)]", text: code), number: number)
        clock_gettime(CLOCK_MONOTONIC, &end)
        let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
        say("Wall time: " + (seconds < 1 ? "\(cFormat("%.2f", seconds * 1000)) ms" : "\(cFormat("%.2f", seconds)) s"))
    }

    /// `%diagnose [MODEL [X Y]]`: `MODEL.diagnose(X, Y)`; the model is the session's only one, or `model`.
    func diagnose(_ argument: String, number: Int) {
        let words = argument.split(separator: " ").map(String.init)
        guard words.count <= 1 || words.count == 3 else {
            return say("UsageError: %diagnose takes a model, or a model and its data: %diagnose model X y")
        }
        let models = interpreter.userNames.filter { interpreter.summary(ofName: $0)?.type == "Sequential" }
        guard let name = words.first ?? (models.count == 1 ? models[0] : models.contains("model") ? "model" : nil)
        else {
            return say(
                "UsageError: "
                    + (models.isEmpty
                        ? "there is no model to diagnose yet"
                        : "which model? %diagnose " + models.joined(separator: " | ")))
        }
        let code = "\(name).diagnose(\(words.dropFirst().joined(separator: ", ")))"
        session.execute(SourceFile(name: "In [\(number)]", text: code), number: number)
    }

    static let quickReference = """
        NNLab quick reference
          name? or help(name)    what a name is, its signature, what it does
          Tab                    complete names, attributes after '.', keyword arguments, values
          _  __  _N  Out[N]      the last outputs
          %explain LEVEL         how much of training to explain: off, epoch, step, full
          %live on|off           fit redraws its loss curve (and boundary) while it trains
          %history [-n] [1-4]    the cells of this session (with numbers)
          %save FILE [1-4 6]     write cells to a runnable .nn script, or with their outputs to
                                 a .ipynb notebook (asks before overwriting; -f overwrites,
                                 -a appends)
          %load FILE             show a file's (or notebook's) code and run it as this cell
          %run FILE              run a program or notebook here; its variables stay
          %reset                 forget every variable
          %who / %whos           your variables (with types and shapes)
          %time STATEMENT        run a statement and time it
          %diagnose [MODEL X y]  what may be going wrong in training, layer by layer
          %cpaste                paste a cell, then '--' alone on a line to run it
          %edit [N]              write a cell (or change cell N) in $EDITOR, then run it
          Up / Down, Ctrl-R      recall whole cells (Enter runs, Alt-Enter adds a line)
          Ctrl-C                 clear the line, or stop a running fit after its current batch
          Ctrl-D, exit()         leave
        """
}

extension String {
    func padded(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
