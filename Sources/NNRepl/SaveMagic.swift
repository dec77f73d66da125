#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `%save [-f] [-a] FILE [ranges]`, as IPython's: the chosen code cells as a runnable script.
/// An existing file is overwritten only after a yes at the terminal, or with -f; -a appends.
extension Magics {
    func save(_ argument: String) {
        var force = false
        var append = false
        var words: [Substring] = []
        for word in argument.split(separator: " ") {
            guard word.hasPrefix("-"), word.count > 1 else {
                words.append(word)
                continue
            }
            for flag in word.dropFirst() {
                switch flag {
                case "f": force = true
                case "a": append = true
                default:
                    return say("UsageError: %save has no option -\(flag); -f overwrites an existing file, -a appends")
                }
            }
        }
        guard let first = words.first else {
            return say("UsageError: %save needs a file name, like %save lesson.nn 1-5")
        }
        let path = Magics.withExtension(String(first))
        let code: [String]
        var chosen: [Int] = []
        do throws(UsageError) {
            chosen = try CellRanges.select(Array(words.dropFirst()), from: codeCells)
            code = chosen.compactMap { session.cells[$0] }.filter { !session.isCommand($0) }
            if code.isEmpty {
                throw UsageError("those cells hold no code to save (magics and help requests are left out)")
            }
        } catch {
            return say("UsageError: \(error.message)")
        }
        var info = stat()
        let exists = stat(path, &info) == 0
        if exists, info.st_mode & S_IFMT != S_IFREG {
            let kind = info.st_mode & S_IFMT == S_IFDIR ? "a folder" : "not a regular file"
            return say("UsageError: '\(path)' is \(kind)")
        }
        if exists, !force, !append {
            guard session.reader.isInteractive else {
                return say("File `\(path)` exists. Use `%save -f \(argument)` to overwrite it.")
            }
            guard case .line(let answer) = session.reader.read(prompt: "File `\(path)` exists. Overwrite (y/[N])? "),
                ["y", "yes"].contains(answer.trimmingCharacters().lowercased())
            else {
                return say("Operation cancelled.")
            }
        }
        let notebook = Notebook.isNotebook(path)
        guard
            let text = notebook
                ? notebookText(chosen, path: path, append: append && exists)
                : code.joined(separator: "\n") + "\n"
        else { return }
        if let problem = Magics.writeFile(text, to: path, append: append && !notebook) {
            return say("Could not write '\(path)': \(problem)")
        }
        let verb = append ? "appended" : "written"
        let shown = (code.joined(separator: "\n") + "\n").trimmingCharacters()
        say("The following commands were \(verb) to file `\(path)`:\n" + shown)
    }

    /// `%save session.ipynb`: the cells as a notebook with their outputs; `-a` adds them to the
    /// notebook already there.
    func notebookText(_ numbers: [Int], path: String, append: Bool) -> String? {
        var notebook = session.notebook(of: numbers)
        if append {
            do {
                var existing = try Notebook.read(path)
                existing.cells += notebook.cells
                notebook = existing
            } catch {
                say("UsageError: \(error.message)")
                return nil
            }
        }
        return notebook.serialized()
    }

    /// `.nn` is added to a name without an extension, as IPython adds `.py`.
    static func withExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        return name.dropFirst().contains(".") ? path : path + ".nn"
    }

    /// Writes (or appends) `text`; the reason it failed, if it did. Never waits on a FIFO.
    static func writeFile(_ text: String, to path: String, append: Bool) -> String? {
        let flags = O_WRONLY | O_CREAT | O_NONBLOCK | O_CLOEXEC | (append ? O_APPEND : O_TRUNC)
        let descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                return reason
            }
            bytes = bytes.dropFirst(written)
        }
        return close(descriptor) == 0 ? nil : String(cString: strerror(errno))
    }
}
