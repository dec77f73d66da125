import Testing

@testable import NNLang

/// A finished call's environment and the functions defined in it hold each other; the environment
/// is freed when none of them escaped, and kept (with everything in it) when one did.
@Suite struct ClosureCycleTests {
    /// An environment holding one function that closes over it, as `def helper` inside a call leaves it.
    func environmentWithHelper() -> Environment {
        let environment = Environment(
            values: ["n": .int(1)], scope: FunctionScope(locals: ["helper", "n"]), parent: nil)
        let helper = UserFunction(
            name: "helper", parameters: [], body: [], signature: Signature([]), source: nil,
            scope: FunctionScope(locals: []), closure: environment)
        environment["helper"] = .object(helper)
        environment.hasClosures = true
        return environment
    }

    @Test func aHelperThatStayedInsideIsFreedWithItsEnvironment() {
        var environment = environmentWithHelper()
        weak var watched = environment
        Environment.releaseCycles(&environment)
        #expect(environment.values.keys.sorted() == ["n"], "the helper is let go")
        environment = Environment(values: [:], scope: FunctionScope(locals: []), parent: nil)
        #expect(watched == nil, "the environment is freed once the call lets go of it")
    }

    @Test func aReturnedHelperKeepsItsEnvironmentWhole() throws {
        var environment = environmentWithHelper()
        guard case .object(let object)? = environment.values["helper"], let helper = object as? UserFunction else {
            Issue.record("no helper")
            return
        }
        Environment.releaseCycles(&environment)
        #expect(environment.values.count == 2)
        #expect(helper.closure === environment)
    }

    @Test func aLoopDefiningFunctionsRunsAsBefore() throws {
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        let program = """
            def outer(n):
                def helper(k):
                    return k + n
                return helper(1)
            def make(n):
                def twice(k):
                    return 2 * k + n
                return twice
            total = 0
            kept = []
            for i in range(1000):
                total += outer(i)
                kept.append(make(i))
            print(total, kept[3](10), kept[-1](0))
            """
        try interpreter.run(SourceFile(name: "loop.py", text: program))
        #expect(output.text == "500500 23 999\n")
    }
}
