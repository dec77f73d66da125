import NNPlot
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGWINCH: the terminal's window changed size. The handler only counts changes; the width is
/// measured again the next time a style is asked for (in the REPL, and during `fit`).
public enum WindowSize {
    static let changes = Atomic<Int>(0)

    public static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in WindowSize.changes.add(1, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        // Restarted, so that a read or write a resize lands in goes on as if nothing happened.
        action.sa_flags = Int32(SA_RESTART)
        sigaction(SIGWINCH, &action, nil)
    }
}

/// The style pictures and explanations use now: a terminal's is measured again after each resize;
/// a pipe's stays 80 columns.
public final class StyleSource {
    private var style: Style
    public let tracksWindow: Bool
    private var seen = -1

    public init(_ style: Style, tracksWindow: Bool) {
        self.style = style
        self.tracksWindow = tracksWindow
        if tracksWindow { WindowSize.install() }
    }

    public var current: Style {
        guard tracksWindow else { return style }
        let changes = WindowSize.changes.load(ordering: .relaxed)
        if changes != seen {
            seen = changes
            style.width = max(40, min(Style.terminalWidth(), 200))
        }
        return style
    }
}
