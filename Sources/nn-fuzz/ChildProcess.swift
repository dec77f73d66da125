#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Limits set in a child before it becomes `nn`.
struct ChildLimits {
    /// Address-space limit (RLIMIT_AS), in MB.
    var memoryMB: Int
    /// Largest file the child may write (RLIMIT_FSIZE), in MB.
    var fileSizeMB: Int = 256
}

/// How a child ended.
enum Termination: Equatable {
    case exited(Int32)
    case signaled(Int32)
    /// Still running at the deadline; `interruptible` when one SIGINT then stopped it (a long but
    /// live program: nn stops loops and training on Ctrl-C).
    case timedOut(interruptible: Bool)
}

/// A running `nn`, in its own process group so the whole group can be stopped.
struct ChildProcess {
    let pid: pid_t
    let started: Double
    var interruptedAt: Double?

    /// Starts `executable` with `arguments` in `directory`: standard input from `inputPath` (or
    /// /dev/null), standard output to /dev/null (or with standard error when `keepOutput`), standard
    /// error to `stderrPath`, under `limits`, without core dumps.
    static func spawn(
        _ executable: String, _ arguments: [String], environment: [String], directory: String,
        inputPath: String? = nil, stderrPath: String, keepOutput: Bool = false,
        limits: ChildLimits
    ) -> ChildProcess? {
        // Everything the child needs is made before fork: after it, the child calls only
        // async-signal-safe functions.
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        guard let path = argv[0], let folder = strdup(directory), let errors = strdup(stderrPath),
            let null = strdup("/dev/null"), let inputFile = strdup(inputPath ?? "/dev/null")
        else { return nil }
        defer {
            for pointer in [folder, errors, null, inputFile] { free(pointer) }
        }
        var memory = rlimit(rlim_cur: rlim_t(limits.memoryMB) << 20, rlim_max: rlim_t(limits.memoryMB) << 20)
        var files = rlimit(rlim_cur: rlim_t(limits.fileSizeMB) << 20, rlim_max: rlim_t(limits.fileSizeMB) << 20)
        var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        let pid = fork()
        if pid == 0 {
            // Signals blocked or ignored here (in a test runner, in a background job) stay so across
            // exec: give the child the defaults, so Ctrl-C and crashes behave as at a terminal.
            sigprocmask(SIG_SETMASK, &noSignals, nil)
            // (One call each: building an array would allocate, which a child of a threaded process must not.)
            signal(SIGINT, SIG_DFL)
            signal(SIGQUIT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
            signal(SIGABRT, SIG_DFL)
            signal(SIGSEGV, SIG_DFL)
            signal(SIGPIPE, SIG_DFL)
            setpgid(0, 0)
            _ = setrlimit(resource(RLIMIT_AS), &memory)
            _ = setrlimit(resource(RLIMIT_FSIZE), &files)
            _ = setrlimit(resource(RLIMIT_CORE), &noCore)
            if chdir(folder) != 0 { _exit(126) }
            let input = open(inputFile, O_RDONLY)
            let output = open(null, O_WRONLY)
            let errorFile = open(errors, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard input >= 0, output >= 0, errorFile >= 0 else { _exit(126) }
            dup2(input, 0)
            dup2(keepOutput ? errorFile : output, 1)
            dup2(errorFile, 2)
            execve(path, argv, envp)
            _exit(127)
        }
        guard pid > 0 else { return nil }
        setpgid(pid, pid)
        return ChildProcess(pid: pid, started: monotonicSeconds())
    }

    /// Sends `signal` to the child's whole process group.
    func send(_ signal: Int32) { kill(-pid, signal) }

    /// Processor seconds the child has used (user and system, all its threads), from /proc; nil
    /// where there is no /proc.
    var cpuSeconds: Double? {
        guard let stat = readFile("/proc/\(pid)/stat", limit: 4096), let close = stat.lastIndex(of: ")") else {
            return nil
        }
        // Fields after the command name: state is field 3, utime 14 and stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}

#if canImport(Glibc)
    private func resource(_ value: __rlimit_resource) -> __rlimit_resource_t { __rlimit_resource_t(value.rawValue) }
#else
    private func resource(_ value: Int32) -> Int32 { value }
#endif

/// Seconds on a clock that only goes forward.
func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// How child `pid` ended, or nil while it runs. Only that child is waited for, so the children of
/// the rest of the process (in tests, say) are left alone.
func reap(_ pid: pid_t) -> Termination? {
    var status: Int32 = 0
    guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
    let low = status & 0x7f
    return low == 0 ? .exited((status >> 8) & 0xff) : .signaled(low)
}

/// The first `limit` bytes of a file, as text (invalid UTF-8 repaired).
func readFile(_ path: String, limit: Int = 1 << 20) -> String? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes = [UInt8](repeating: 0, count: limit)
    let count = fread(&bytes, 1, limit, file)
    return String(decoding: bytes[..<count], as: UTF8.self)
}

/// Writes `text` to `path`, replacing it; false when that fails.
@discardableResult
func writeFile(_ path: String, _ text: String) -> Bool {
    guard let file = fopen(path, "wb") else { return false }
    defer { fclose(file) }
    let bytes = Array(text.utf8)
    return fwrite(bytes, 1, bytes.count, file) == bytes.count
}
