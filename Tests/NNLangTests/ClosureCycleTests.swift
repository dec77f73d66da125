import Testing

@testable import NNLang

/// Closures keep cells, as CPython's do, not the environment of the call that made them: what a
/// dropped closure captured is freed at once, and a call that made closures leaves no cycle behind.
@Suite struct ClosureCycleTests {
    /// Runs `program`, then gives the interpreter and what it printed.
    func run(_ program: String) throws -> (Interpreter, CapturedOutput) {
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        try interpreter.run(SourceFile(name: "closures.py", text: program))
        return (interpreter, output)
    }

    /// The list a global closure captured (its first free cell).
    func capturedList(_ interpreter: Interpreter, _ name: String) -> ListBox? {
        guard case .object(let object)? = interpreter.globals[name], let function = object as? UserFunction,
            case .list(let list)? = function.freeCells.first?.value
        else { return nil }
        return list
    }

    @Test func aDroppedClosureFreesWhatItCaptured() throws {
        let (interpreter, _) = try run(
            """
            def make():
                big = [0] * 1000
                unused = [1] * 1000
                def f():
                    return len(big)
                return f
            g = make()
            """)
        weak var watched = capturedList(interpreter, "g")
        #expect(watched != nil, "the closure holds the list in a cell")
        if case .object(let object)? = interpreter.globals["g"], let function = object as? UserFunction {
            #expect(function.freeCells.count == 1, "only `big` is captured, not the whole call")
        }
        try interpreter.run(SourceFile(name: "drop.py", text: "del g\n"))
        #expect(watched == nil, "dropping the closure frees the list it captured")
    }

    @Test func aClosureStoredInTheCallsOwnLocalsIsFreed() throws {
        // The call's environment holds `f` in a local and `f` uses `data`: with the whole environment
        // captured this was a cycle; with cells it is not.
        let (interpreter, output) = try run(
            """
            def make():
                data = [1, 2, 3]
                f = lambda: sum(data)
                fs = [f, f]
                return fs[0]
            h = make()
            print(h())
            """)
        #expect(output.text == "6\n")
        weak var watched = capturedList(interpreter, "h")
        #expect(watched != nil)
        try interpreter.run(SourceFile(name: "drop.py", text: "h = None\n"))
        #expect(watched == nil)
    }

    @Test func aSelfCallingHelperThatStayedInsideIsFreed() throws {
        let (interpreter, output) = try run(
            """
            def outer(items):
                def walk(n):
                    return 0 if n == 0 else items[n - 1] + walk(n - 1)
                return walk(len(items))
            data = [1, 2, 3]
            print(outer(data))
            """)
        #expect(output.text == "6\n")
        weak var watched: ListBox?
        if case .list(let list)? = interpreter.globals["data"] { watched = list }
        #expect(watched != nil)
        try interpreter.run(SourceFile(name: "drop.py", text: "del data\n"))
        #expect(watched == nil, "the helper's cycle (walk holds the cell holding walk) is broken at return")
    }

    @Test func manyClosuresFromALoopAreFreedWithTheirList() throws {
        let (interpreter, output) = try run(
            """
            def make(k):
                payload = [k] * 100
                return lambda x: x + len(payload)
            fs = [make(i) for i in range(2000)]
            keep = fs[5]
            print(sum(f(1) for f in fs[:3]), keep(0))
            """)
        #expect(output.text == "303 100\n")
        weak var watched = capturedList(interpreter, "keep")
        try interpreter.run(SourceFile(name: "drop.py", text: "del fs\nkeep = None\n"))
        #expect(watched == nil)
    }

    @Test func cellsKeepPythonsSemantics() throws {
        let (_, output) = try run(
            """
            print([f() for f in [lambda: i for i in range(3)]])
            def counter():
                n = 0
                def up():
                    nonlocal n
                    n += 1
                    return n
                def peek():
                    return n
                return up, peek
            up, peek = counter()
            up(); up()
            print(peek())
            def late():
                def g():
                    return x
                try:
                    g()
                except NameError as e:
                    print(e)
                x = 1
                print(g())
                del x
                try:
                    g()
                except NameError as e:
                    print(e)
            late()
            def param(n):
                return lambda k: k * n
            print(param(3)(4))
            """)
        #expect(
            output.text == """
                [2, 2, 2]
                2
                cannot access free variable 'x' where it is not associated with a value in enclosing scope
                1
                cannot access free variable 'x' where it is not associated with a value in enclosing scope
                12

                """)
    }
}
