import NNEngine
import NNLang

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// nn-libfuzzer: libFuzzer's entry point for NNLab's language. Each input is lexed, parsed, checked
// (`nn --check`) and run in a fresh interpreter with its output discarded; every error it gets is
// formatted as `nn` would print it. A watchdog stops loops and training after 0.25 s of CPU time
// (the same flag Ctrl-C sets), so only a real hang in nn outlives libFuzzer's -timeout.
// Built by scripts/fuzz-libfuzzer only: `swift build` leaves it out (see Package.swift).

/// Output that goes nowhere.
final class DiscardedOutput: OutputSink {
    func write(_ text: String) {}
}

/// Cancels the running program's flag once it has used its CPU time (a virtual-time timer, as
/// libFuzzer's own -timeout takes SIGALRM); the flag is a lock-free atomic, safe in a signal handler.
enum Watchdog {
    nonisolated(unsafe) private static var flag: CancellationFlag?
    static let seconds = getenv("NNLAB_FUZZ_SECONDS").flatMap { Double(String(cString: $0)) } ?? 0.25

    static func arm(_ cancellation: CancellationFlag) {
        flag = cancellation
        signal(SIGVTALRM) { _ in Watchdog.flag?.cancel() }
        setTimer(seconds)
    }

    static func disarm() {
        setTimer(0)
        flag = nil
    }

    private static func setTimer(_ seconds: Double) {
        let whole = Int(seconds)
        var timer = itimerval(
            it_interval: timeval(tv_sec: 0, tv_usec: 0),
            it_value: timeval(tv_sec: whole, tv_usec: Int((seconds - Double(whole)) * 1e6)))
        #if canImport(Glibc)
            setitimer(__itimer_which_t(ITIMER_VIRTUAL.rawValue), &timer, nil)
        #else
            setitimer(ITIMER_VIRTUAL, &timer, nil)
        #endif
    }
}

/// With NNLAB_FUZZ_UNLOCATED=1 an error without a location counts as a finding (a trap).
let trapOnUnlocated = getenv("NNLAB_FUZZ_UNLOCATED") != nil

func report(_ errors: DiagnosticList, _ source: SourceFile) {
    let formatter = DiagnosticFormatter(color: false)
    for diagnostic in errors.diagnostics {
        _ = formatter.format(diagnostic, in: source)
        if trapOnUnlocated && diagnostic.range == nil {
            let line = "unlocated error: \(diagnostic.message)\n"
            _ = line.withCString { write(2, $0, strlen($0)) }
            abort()
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let source = SourceFile(name: "<fuzz>", text: text)
    _ = try? Lexer.tokenize(text)
    do throws(DiagnosticList) {
        _ = try Parser.parse(text)
    } catch {
        report(error, source)
        return 0
    }
    do throws(DiagnosticList) {
        try Interpreter(output: DiscardedOutput()).check(source)
    } catch {
        report(error, source)
    }
    let interpreter = Interpreter(output: DiscardedOutput())
    Watchdog.arm(interpreter.cancellation)
    defer { Watchdog.disarm() }
    do throws(DiagnosticList) {
        try interpreter.run(source)
    } catch {
        report(error, source)
    }
    return 0
}
