import Foundation
import NNLang
import Synchronization
import Testing

/// Long flat chains (`1+1+…`, `f()()…`, `x[0][0]…`) and deep blocks: the parser bounds the height of
/// every tree, so running, checking and freeing programs never overflows the stack (debug builds too).
@Suite struct LongChainTests {
    /// Each kind of chain, as a program of `n` links that binds `x`.
    static func chain(_ kind: String, _ n: Int) -> String {
        switch kind {
        case "add": "x = " + Array(repeating: "1", count: n).joined(separator: "+")
        case "mul": "x = " + Array(repeating: "1", count: n).joined(separator: " * ")
        case "and": "x = " + Array(repeating: "1", count: n).joined(separator: " and ")
        case "or": "x = " + Array(repeating: "0", count: n).joined(separator: " or ")
        case "str": "x = " + Array(repeating: "'a'", count: n).joined(separator: " + ")
        case "compare": "x = " + Array(repeating: "1", count: n).joined(separator: " <= ")
        case "call": "def f():\n    return f\nx = f" + String(repeating: "()", count: n)
        case "index": "l = [0]\nl[0] = l\nx = l" + String(repeating: "[0]", count: n)
        case "attribute": "import numpy as np\na = np.ones((2, 3))\nx = a" + String(repeating: ".T", count: n)
        case "method": "import numpy as np\nx = np.ones(2)" + String(repeating: ".copy()", count: n / 2)
        case "negate": "x = " + String(repeating: "- ", count: n) + "1"
        case "not": "x = " + String(repeating: "not ", count: n) + "1"
        case "power": "x = " + Array(repeating: "1", count: n).joined(separator: "**")
        case "conditional": "x = " + Array(repeating: "1", count: n).joined(separator: " if 1 else ")
        case "fstring": "x = f'{" + Array(repeating: "1", count: n).joined(separator: "+") + "}'"
        case "augmented": "x = 0\nx += " + Array(repeating: "1", count: n).joined(separator: "+")
        case "condition": "if " + Array(repeating: "1", count: n).joined(separator: " + ") + ":\n    x = 1"
        case "argument": "x = max(0, " + Array(repeating: "1", count: n).joined(separator: "+") + ")"
        default: "x = " + String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n)
        }
    }

    static let kinds = [
        "add", "mul", "and", "or", "str", "compare", "call", "index", "attribute", "method", "negate", "not", "power",
        "conditional", "fstring", "augmented", "condition", "argument", "paren",
    ]

    @Test(arguments: LongChainTests.kinds)
    func longChainsAreRejectedWithALocatedError(_ kind: String) throws {
        let source = SourceFile(name: "<chain>", text: LongChainTests.chain(kind, kind == "add" ? 50_000 : 5_000))
        for check in [false, true] {
            let interpreter = Interpreter(output: CapturedOutput())
            do {
                if check { try interpreter.check(source) } else { try interpreter.run(source) }
                Issue.record("a long chain of \(kind) links ran")
            } catch {
                let diagnostic = try #require(error.diagnostics.first)
                #expect(diagnostic.range != nil)
                #expect(
                    diagnostic.message.contains("too complex") || diagnostic.message.contains("nested too deeply"),
                    "\(diagnostic.message)")
            }
        }
    }

    /// Chains as long as the limit allows run (debug builds too), also inside a function called
    /// 10 levels deep.
    @Test(arguments: ["add", "and", "or", "str", "compare", "call", "index", "attribute", "method", "argument"])
    func chainsUpToTheLimitRun(_ kind: String) {
        let interpreter = Interpreter(output: CapturedOutput())
        let deep = Array(repeating: "n", count: 990).joined(separator: " + ")
        let program = "def f(n):\n    if n == 0:\n        return \(deep)\n    return f(n - 1)\ny = f(10)\n"
        for text in [LongChainTests.chain(kind, 990), program] {
            do {
                try interpreter.run(SourceFile(name: "<chain>", text: text))
            } catch {
                Issue.record("\(kind): \(error.diagnostics.first?.message ?? "")")
            }
        }
        #expect(interpreter.globals["x"] != nil)
        if case .int(let y) = interpreter.globals["y"] { #expect(y == 0) } else { Issue.record("y is not 0") }
    }

    /// On a thread with a small stack, what does not fit is a RecursionError, never a crash.
    @Test(arguments: ["call", "index", "and", "deep calls", "deep value"])
    func aSmallStackGivesARecursionError(_ kind: String) throws {
        let program: String
        switch kind {
        case "deep calls":
            let deep = Array(repeating: "n", count: 990).joined(separator: " + ")
            program = "def f(n):\n    if n == 0:\n        return \(deep)\n    return f(n - 1)\nx = f(190)\n"
        case "deep value": program = "x = []\nfor i in range(490):\n    x = [x]\ns = str(x)\n"
        default: program = LongChainTests.chain(kind, 990)
        }
        let message = Mutex<String?>(nil)
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            let interpreter = Interpreter(output: CapturedOutput())
            do throws(DiagnosticList) { try interpreter.run(SourceFile(name: "<small>", text: program)) } catch {
                message.withLock { $0 = error.diagnostics.first?.message }
            }
            finished.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        finished.wait()
        let text = try #require(message.withLock { $0 })
        #expect(text.contains("RecursionError: maximum recursion depth exceeded"), "\(text)")
    }

    @Test func deeplyNestedBlocksAreRejected() throws {
        var text = ""
        for level in 0..<150 { text += String(repeating: " ", count: level) + "if 1:\n" }
        text += String(repeating: " ", count: 150) + "x = 1\n"
        let interpreter = Interpreter(output: CapturedOutput())
        #expect(throws: DiagnosticList.self) { try interpreter.run(SourceFile(name: "<blocks>", text: text)) }
        do { try interpreter.check(SourceFile(name: "<blocks>", text: text)) } catch {
            #expect(error.diagnostics.first?.message.contains("too many levels of indentation") == true)
            #expect(error.diagnostics.first?.range?.start.line == 102)
        }
    }
}
