#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The terminal's bracketed-paste mode (`ESC[?2004h`): the terminal marks a paste with
/// `ESC[200~` … `ESC[201~`, so a pasted cell is told apart from typing. It is on only while a
/// line is read, so a program running in a cell, an editor, or the shell after `nn` (even one
/// killed while reading: the signals that end or stop it turn the mode off first) never sees it.
enum BracketedPaste {
    /// Whether the terminal is one that understands the mode (all that claim to be an xterm, a
    /// VT100 descendant, tmux or screen do; others ignore the sequence, but a `dumb` one prints it).
    static let isSupported: Bool = {
        guard let term = getenv("TERM").map({ String(cString: $0) }), !term.isEmpty else { return false }
        return term != "dumb" && term != "unknown" && term != "cons25"
    }()

    nonisolated(unsafe) private static var installed = false
    /// Whether a line is being read (the mode is on).
    nonisolated(unsafe) private static var reading = false

    /// Turns the mode on for a read.
    static func enable() {
        installHandlers()
        reading = true
        send("\u{1B}[?2004h")
    }

    /// Turns the mode off after a read.
    static func disable() {
        reading = false
        send("\u{1B}[?2004l")
    }

    /// Set when `nn` goes on after Ctrl-Z and `fg`: the line being read is drawn again.
    nonisolated(unsafe) static var continued = false

    private static func send(_ sequence: StaticString) {
        guard isSupported else { return }
        _ = write(1, sequence.utf8Start, sequence.utf8CodeUnitCount)
    }

    /// Signals that end `nn` or stop it turn the mode off first (libedit, which catches them while
    /// it reads, passes them on to these handlers); after Ctrl-Z and `fg` it is on again.
    private static func installHandlers() {
        guard !installed else { return }
        installed = true
        for signal in [SIGTERM, SIGHUP, SIGQUIT] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                BracketedPaste.send("\u{1B}[?2004l")
                Glibc.signal(number, SIG_DFL)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
        var stop = sigaction()
        stop.__sigaction_handler.sa_handler = { _ in
            BracketedPaste.send("\u{1B}[?2004l")
            var previous = sigaction()
            var standard = sigaction()
            standard.__sigaction_handler.sa_handler = SIG_DFL
            sigaction(SIGTSTP, &standard, &previous)
            var unblocked = sigset_t()
            sigemptyset(&unblocked)
            sigaddset(&unblocked, SIGTSTP)
            pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
            raise(SIGTSTP)  // stops here until `fg`
            sigaction(SIGTSTP, &previous, nil)
            BracketedPaste.continued = true
            if BracketedPaste.reading { BracketedPaste.send("\u{1B}[?2004h") }
        }
        sigemptyset(&stop.sa_mask)
        stop.sa_flags = 0
        sigaction(SIGTSTP, &stop, nil)
    }
}
