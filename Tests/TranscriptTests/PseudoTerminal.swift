import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs `nn` on a real pseudo-terminal, as a person at a terminal would: the child gets its own
/// session with the terminal as its controlling one, so Ctrl-C becomes SIGINT and libedit edits lines.
final class PseudoTerminal {
    let master: Int32
    let pid: pid_t
    private(set) var transcript = ""
    private var undecoded: [UInt8] = []
    /// Where the next `waitFor` starts looking: just after the previous match.
    private var cursor: String.Index

    init(arguments: [String], environment: [String: String]) throws {
        // posix_openpt, grantpt and unlockpt are not visible to Swift; these are what they do on Linux.
        // The ioctl numbers are TIOCSPTLCK and TIOCGPTN, whose macros Swift cannot import.
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
            throw POSIXError(.EIO)
        }
        var size = winsize(ws_row: 40, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
        let slaveName = "/dev/pts/\(number)"
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        // POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF (glibc's values, hidden from
        // Swift like the above): a new session, and signals as a login shell would leave them.
        posix_spawnattr_setflags(&attributes, 0x80 | 0x08 | 0x04)
        var noSignals = sigset_t()
        var allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 0, slaveName, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        posix_spawn_file_actions_addclose(&actions, master)
        let path = NNProcess.executable.path
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        var child: pid_t = 0
        let status = posix_spawn(&child, path, &actions, &attributes, argv, envp)
        for pointer in argv + envp { free(pointer) }
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
        pid = child
        cursor = transcript.startIndex
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// Changes the window's size, as dragging a terminal window's corner does (the child gets SIGWINCH).
    func resize(columns: UInt16, rows: UInt16 = 40) {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    deinit {
        kill(pid, SIGKILL)
        close(master)
    }

    /// Types `text`, after a short pause: a person never types in the instant between the prompt
    /// appearing and the line editor switching the terminal to raw mode (keys sent then, Ctrl-D
    /// above all, can be lost in the switch). A long text is sent as a paste is, in pieces, reading
    /// the echo meanwhile so that neither side waits for the other.
    func type(_ text: String) {
        Thread.sleep(forTimeInterval: 0.15)
        var bytes = Array(text.utf8)[...]
        let deadline = Date().addingTimeInterval(60)
        while !bytes.isEmpty, Date() < deadline {
            var poller = pollfd(fd: master, events: Int16(POLLOUT | POLLIN), revents: 0)
            guard poll(&poller, 1, 1000) > 0 else { continue }
            if poller.revents & Int16(POLLIN) != 0, !readOutput() { return }
            if poller.revents & Int16(POLLHUP | POLLERR) != 0 { return }
            if poller.revents & Int16(POLLOUT) != 0 {
                let written = bytes.prefix(1024).withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
                if written < 0 && errno != EINTR && errno != EAGAIN { return }
                bytes = bytes.dropFirst(max(0, written))
            }
        }
    }

    /// Appends what the terminal has written to the transcript; false when the child has gone.
    private func readOutput() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = read(master, &buffer, buffer.count)
        if count <= 0 { return false }
        let offset = transcript.utf8.distance(from: transcript.startIndex, to: cursor)
        // A character split between two reads is decoded when its last byte arrives.
        undecoded += buffer[0..<count]
        var complete = undecoded.count
        for back in 1...min(3, undecoded.count) where undecoded[undecoded.count - back] & 0xC0 != 0x80 {
            let lead = undecoded[undecoded.count - back]
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            if length > back { complete = undecoded.count - back }
            break
        }
        transcript += String(decoding: undecoded[..<complete], as: UTF8.self)
        undecoded.removeFirst(complete)
        cursor = transcript.utf8.index(transcript.startIndex, offsetBy: offset)
        return true
    }

    /// Reads until the output after the previous match contains `text`, or `timeout` seconds pass.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let found = transcript[cursor...].range(of: text) {
                cursor = found.upperBound
                return true
            }
            guard Date() < deadline else { return false }
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 100) > 0, !readOutput() { return false }
        }
    }

    /// Waits for the child to exit; its exit status, or nil if it is still running after `timeout`.
    func exitStatus(timeout: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { return (status >> 8) & 0xFF }
            waitFor("\u{0}", timeout: 0.1)
        }
        return nil
    }
}
