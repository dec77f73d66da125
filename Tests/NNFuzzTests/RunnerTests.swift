import Testing

@testable import nn_fuzz

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The runner's process handling, with /bin/sh standing in for nn (it runs the program file it is given).
@Suite(.serialized) struct RunnerTests {
    func judge(_ script: String, timeout: Double = 5) throws -> Verdict {
        let scratch = try #require(Files.temporaryFolder())
        defer { Files.removeTree(scratch) }
        let runner = Runner(
            nn: "/bin/sh", scratch: scratch, limits: ChildLimits(memoryMB: 512), timeout: timeout,
            backtraces: false)
        return runner.judge(script, mode: .file).0
    }

    @Test func aSignalIsACrash() throws {
        #expect(try judge("kill -SEGV $$") == .crash("SIGSEGV"))
        #expect(try judge("kill -ABRT $$") == .crash("SIGABRT"))
    }

    @Test func exitStatusesAndStandardErrorAreJudged() throws {
        #expect(try judge("exit 0") == .passed)
        #expect(try judge("echo 'error: lost' >&2; exit 1") == .unlocated("error: lost"))
        #expect(try judge("printf 'error: x\\n --> p.nn:1:2\\n' >&2; exit 1") == .passed)
    }

    @Test func aChildThatIgnoresCtrlCIsAHang() throws {
        // Waiting, it uses no processor time: the wall clock (4 x the timeout) decides.
        #expect(try judge("trap '' INT; sleep 30", timeout: 0.25) == .hang)
        #expect(try judge("trap 'exit 1' INT; while :; do :; done", timeout: 0.25) == .slow)
    }

    @Test func limitsAreSetInTheChild() throws {
        // 512 MB of address space (ulimit counts KB), and no core files.
        #expect(try judge("[ \"$(ulimit -v)\" = 524288 ] && [ \"$(ulimit -c)\" = 0 ]") == .passed)
        #expect(try judge("[ \"$(ulimit -v)\" = unlimited ]").category == "unlocated")
    }
}
