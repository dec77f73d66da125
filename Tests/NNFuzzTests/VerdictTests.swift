import Testing

@testable import nn_fuzz

@Suite struct VerdictTests {
    let located = """
        error: name 'x' is not defined
         --> prog.nn:1:7
          |
        1 | print(x)
          |       ^
        """

    @Test func signalsAndAbortStatusesAreCrashes() {
        #expect(Verdict.judge(.signaled(11), stderr: "", program: "") == .crash("SIGSEGV"))
        #expect(Verdict.judge(.exited(134), stderr: "", program: "") == .crash("exit 134"))
        #expect(Verdict.judge(.exited(1), stderr: "Fatal error: failed to allocate", program: "").category == "crash")
        // A program may ask for any exit status.
        #expect(Verdict.judge(.exited(139), stderr: "", program: "exit(139)") == .passed)
    }

    @Test func locatedErrorsPassAndUnlocatedOnesFail() {
        #expect(Verdict.judge(.exited(1), stderr: located, program: "") == .passed)
        #expect(Verdict.judge(.exited(0), stderr: "", program: "") == .passed)
        #expect(
            Verdict.judge(.exited(1), stderr: "error: the program is too long", program: "")
                == .unlocated("error: the program is too long"))
        #expect(Verdict.judge(.exited(1), stderr: "", program: "").category == "unlocated")
        // Raised Python exceptions and messages of several lines are located by their ` --> ` line.
        let raised = "AssertionError: expected 2 weights\n --> prog.nn:2:1\n  |\n2 | assert False\n"
        #expect(Verdict.judge(.exited(1), stderr: raised, program: "") == .passed)
        #expect(Verdict.judge(.exited(1), stderr: "ValueError: bad\n", program: "").category == "unlocated")
        #expect(Verdict.judge(.exited(0), stderr: "MeanSquaredError: <loss>\n", program: "") == .passed)
        // An exception raised with no message is shown by its bare name, then located.
        let bare = "ValueError\n --> prog.nn:5:1\n  |\n5 | g.throw(ValueError)\n"
        #expect(Verdict.judge(.exited(1), stderr: bare, program: "") == .passed)
        #expect(Verdict.judge(.exited(1), stderr: "ValueError\n", program: "").category == "unlocated")
        let multiline = "error: Expected 2D array:\narray=[1. 2.].\nReshape your data\n --> prog.nn:4:30\n"
        #expect(Verdict.judge(.exited(1), stderr: multiline, program: "") == .passed)
        // The REPL names cells, not files.
        #expect(Verdict.hasLocation(" --> In [2]:1:7"))
        #expect(!Verdict.hasLocation(" --> prog.nn"))
        // Notebooks name the cell.
        #expect(Verdict.hasLocation(" --> lab.ipynb, cell 3, line 2, column 15"))
        #expect(!Verdict.hasLocation(" --> lab.ipynb, cell 3"))
        #expect(!Verdict.hasLocation(" --> lab.ipynb, cell x, line 2, column 15"))
    }

    @Test func timeoutsAreHangsUnlessCtrlCStopsThem() {
        #expect(Verdict.judge(.timedOut(interruptible: false), stderr: "", program: "") == .hang)
        #expect(Verdict.judge(.timedOut(interruptible: true), stderr: "", program: "") == .slow)
        #expect(!Verdict.slow.isFailure)
    }

    @Test func signaturesIgnoreNumbersAndQuotedNames() {
        #expect(
            Campaign.signature(.unlocated("error: 'abc' at 12 and 345"))
                == Campaign.signature(.unlocated("error: 'xyz' at 9 and 1")))
        #expect(Minimizer.signature(.crash("SIGSEGV: Fatal error")) == "crash SIGSEGV")
    }
}
