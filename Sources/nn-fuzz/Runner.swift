#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a program is given to `nn`.
enum RunMode: String, CaseIterable {
    /// `nn FILE`
    case file
    /// `nn -c TEXT`
    case string
    /// `nn --check FILE`
    case check
    /// `nn < FILE`: the REPL reading plain lines, which goes on after an error (its output is judged
    /// with standard error, as it reports errors there)
    case repl
    /// `nn FILE.ipynb` (the program is a notebook's JSON)
    case notebook
    /// `nn --check FILE.ipynb`
    case notebookCheck = "notebook-check"
}

/// One program to run in one mode.
struct RunTask {
    let program: Int
    let text: String
    let mode: RunMode
}

/// Runs programs through `nn` as child processes, several at once, each under a memory limit and a
/// deadline, and judges every run.
final class Runner {
    let nn: String
    let scratch: String
    let limits: ChildLimits
    let timeout: Double
    /// Arguments put before the program's (a seed, a memory budget).
    var extraArguments: [String] = []
    private let environment: [String]

    init(nn: String, scratch: String, limits: ChildLimits, timeout: Double, backtraces: Bool) {
        (self.nn, self.scratch, self.limits, self.timeout) = (nn, scratch, limits, timeout)
        var environment: [String] = []
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if !["NO_COLOR=", "TERM=", "OPENBLAS_NUM_THREADS=", "SWIFT_BACKTRACE="].contains(where: text.hasPrefix) {
                environment.append(text)
            }
            entry += 1
        }
        // One BLAS thread per child; no colour; Swift's backtracer off unless asked (it takes seconds).
        environment += [
            "NO_COLOR=1", "TERM=dumb", "OPENBLAS_NUM_THREADS=1",
            "SWIFT_BACKTRACE=" + (backtraces ? "enable=yes,interactive=no,color=no" : "enable=no"),
        ]
        self.environment = environment
    }

    private struct Running {
        let task: RunTask
        let slot: Int
        var child: ChildProcess
    }

    /// Runs tasks from `next` until it gives none, `jobs` at a time; calls `finished` for each run
    /// with its verdict, standard error and seconds taken, in the order runs end.
    func run(jobs: Int, next: () -> RunTask?, finished: (RunTask, Verdict, String, Double) -> Void) {
        var running: [pid_t: Running] = [:]
        var freeSlots = Array((0..<max(jobs, 1)).reversed())
        var exhausted = false
        var lastLook = 0.0
        while !exhausted || !running.isEmpty {
            while !exhausted, let slot = freeSlots.last {
                guard let task = next() else {
                    exhausted = true
                    break
                }
                if let child = start(task, slot: slot) {
                    freeSlots.removeLast()
                    running[child.pid] = Running(task: task, slot: slot, child: child)
                } else {
                    finished(task, .crash("could not start \(nn)"), "", 0)
                }
            }
            var reaped = false
            for (pid, entry) in running {
                guard let termination = reap(pid) else { continue }
                running[pid] = nil
                reaped = true
                freeSlots.append(entry.slot)
                let stderr = readFile(stderrPath(entry.slot)) ?? ""
                var outcome = termination
                if entry.child.interruptedAt != nil {
                    // It outlived the deadline. It stopped on Ctrl-C if it exited on its own after it
                    // (`--check` has no reason to be slow at all).
                    if case .exited = termination, entry.task.mode != .check, entry.task.mode != .notebookCheck {
                        outcome = .timedOut(interruptible: true)
                    } else {
                        outcome = .timedOut(interruptible: false)
                    }
                }
                finished(
                    entry.task, Verdict.judge(outcome, stderr: stderr, program: entry.task.text), stderr,
                    monotonicSeconds() - entry.child.started)
            }
            let now = monotonicSeconds()
            if now - lastLook > 0.1 {
                lastLook = now
                for (pid, entry) in running {
                    if let interrupted = entry.child.interruptedAt {
                        if now - interrupted > min(5, 4 * timeout) { entry.child.send(SIGKILL) }
                    } else if outlived(entry.child, now) {
                        entry.child.send(SIGINT)
                        running[pid]?.child.interruptedAt = now
                    }
                }
            }
            if !reaped { usleep(1_000) }
        }
    }

    /// Whether a child has run past the deadline: `timeout` seconds of processor time (so a busy
    /// machine does not make hangs), or four times that on the wall clock (for a child that waits).
    private func outlived(_ child: ChildProcess, _ now: Double) -> Bool {
        let wall = now - child.started
        guard wall > timeout else { return false }
        return wall > 4 * timeout || (child.cpuSeconds ?? wall) > timeout
    }

    /// Runs one program in one mode and judges it.
    func judge(_ text: String, mode: RunMode) -> (Verdict, String) {
        var result: (Verdict, String) = (.passed, "")
        var given = false
        run(
            jobs: 1,
            next: { () -> RunTask? in
                defer { given = true }
                return given ? nil : RunTask(program: 0, text: text, mode: mode)
            }, finished: { _, verdict, stderr, _ in result = (verdict, stderr) })
        return result
    }

    /// The command line that runs `task`, for reports (the program file named as saved).
    func commandLine(_ mode: RunMode, file: String) -> String {
        let arguments = extraArguments.joined(separator: " ")
        let prefix = arguments.isEmpty ? nn : "\(nn) \(arguments)"
        switch mode {
        case .file: return "\(prefix) \(file)"
        case .string: return "\(prefix) -c \"$(cat \(file))\""
        case .check: return "\(prefix) --check \(file)"
        case .repl: return "\(prefix) < \(file)"
        case .notebook: return "\(prefix) \(file)"
        case .notebookCheck: return "\(prefix) --check \(file)"
        }
    }

    private func start(_ task: RunTask, slot: Int) -> ChildProcess? {
        let program = "\(scratch)/program-\(slot).nn"
        var arguments = extraArguments
        switch task.mode {
        case .file:
            guard writeFile(program, task.text) else { return nil }
            arguments.append(program)
        case .string:
            arguments += ["-c", task.text]
        case .check:
            guard writeFile(program, task.text) else { return nil }
            arguments += ["--check", program]
        case .repl:
            guard writeFile(program, task.text) else { return nil }
        case .notebook, .notebookCheck:
            let notebook = "\(scratch)/program-\(slot).ipynb"
            guard writeFile(notebook, task.text) else { return nil }
            arguments += task.mode == .notebook ? [notebook] : ["--check", notebook]
        }
        return ChildProcess.spawn(
            nn, arguments, environment: environment, directory: scratch,
            inputPath: task.mode == .repl ? program : nil, stderrPath: stderrPath(slot),
            keepOutput: task.mode == .repl, limits: limits)
    }

    private func stderrPath(_ slot: Int) -> String { "\(scratch)/stderr-\(slot).txt" }
}
