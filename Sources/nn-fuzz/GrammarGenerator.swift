/// Writes random programs from the language's grammar: assignments, blocks (`if`, `for`, `while`,
/// `def`), imports, Keras workflows and the statements the language refuses, with odd layout now
/// and then (CRLF, tabs, a byte-order mark, NUL, no final newline).
///
/// Loops are bounded by construction (`for` over short literal ranges, `while` on a counter that
/// only the loop changes, recursion and training only at the top level), so a program that does
/// not finish in time is a hang in `nn`, not in the program.
struct GrammarGenerator {
    var rng: FuzzRandom
    /// Names the program has assigned so far.
    var variables: [String] = []
    /// Functions the program has defined so far.
    var functions: [String] = []
    private var lines: [String] = []
    private var indent = 0
    private var loopDepth = 0
    private var functionDepth = 0
    private var counter = 0
    /// How many more very long chains or very deep nestings this program may have.
    var bigLeft = 0
    /// Whether this program may hold text that is not valid syntax (half of them). A file with one
    /// syntax error runs nothing, so the other half are valid throughout and reach the interpreter.
    var wild = false

    init(rng: FuzzRandom) {
        self.rng = rng
        bigLeft = self.rng.chance(0.25) ? 1 : 0
        wild = self.rng.chance(0.5)
    }

    /// A whole program.
    mutating func program() -> String {
        if wild { emit("# nn-fuzz: may hold invalid syntax") }
        if rng.chance(0.8) { emit("import numpy as np") }
        if rng.chance(0.5) { emit(rng.pick(Vocabulary.fromImports)) }
        if rng.chance(0.3) { kerasWorkflow() }
        for _ in 0..<rng.between(2, 14) {
            let before = lines.count
            statement(depth: 0)
            // A blank line after a block ends it as the REPL reads it, so the next statement is a cell.
            if lines.count > before + 1 && rng.chance(0.8) { lines.append("") }
        }
        var text = lines.joined(separator: "\n") + (rng.chance(0.9) ? "\n" : "")
        if rng.chance(0.08) { text = text.replacingNewlines(with: "\r\n") }
        if wild && rng.chance(0.04) { text = "\u{FEFF}" + text }
        if wild && rng.chance(0.04) {
            text = text.insertingCharacter(rng.pick(["\0", "\u{0B}", "\r", "\u{2028}"]), using: &rng)
        }
        return text
    }

    mutating func emit(_ line: String) {
        lines.append(String(repeating: "    ", count: indent) + line)
    }

    mutating func fresh(_ stem: String) -> String {
        counter += 1
        return "\(stem)\(counter)"
    }

    /// A name to assign: a new one, or one the program already has.
    private mutating func target() -> String {
        if !variables.isEmpty && rng.chance(0.3) { return rng.pick(variables) }
        let name = fresh(rng.pick(["a", "b", "x", "val", "arr", "m", "s", "é", "Σ", "_t"]))
        variables.append(name)
        return name
    }

    private mutating func block(depth: Int) {
        indent += 1
        for _ in 0..<rng.between(1, 4) { statement(depth: depth + 1) }
        indent -= 1
    }

    mutating func statement(depth: Int) {
        let nested = depth >= 3
        let top = depth == 0 && loopDepth == 0 && functionDepth == 0
        switch rng.weighted([
            10, 3, 8, 2, 4, nested ? 0 : 3, nested ? 0 : 2, nested ? 0 : 2, 1,
            wild || loopDepth > 0 ? 1 : 0, 2, 2, wild ? 1 : 0, wild ? 1 : 0, top ? 2 : 0,
        ]) {
        case 0:
            let value = expression(rng.between(1, 4))
            emit("\(target()) = \(value)")
        case 1:
            let op = rng.pick(["+=", "-=", "*=", "/=", "//=", "%=", "**=", "@="])
            emit("\(target()) \(op) \(expression(2))")
        case 2: emit("print(\(expression(3)))")
        case 3: emit(expression(3))
        case 4:
            emit("if \(expression(2)):")
            block(depth: depth)
            for _ in 0..<rng.weighted([3, 1, 1]) {
                emit("elif \(expression(2)):")
                block(depth: depth)
            }
            if rng.chance(0.5) {
                emit("else:")
                block(depth: depth)
            }
        case 5: forLoop(depth: depth)
        case 6: whileLoop(depth: depth)
        case 7: if functionDepth == 0 && loopDepth == 0 { definition(depth: depth) } else { emit("pass") }
        case 8:
            emit(
                rng.pick(
                    [
                        "pass", "x = 1; y = 2; print(x + y)", "\"\"\"narration\n\nwith **bold**\"\"\"",
                        "# a comment", "", "print(1);",
                    ] + (wild ? ["\\", ";"] : [])))
        case 9: emit(loopDepth > 0 ? rng.pick(["break", "continue"]) : rng.pick(["break", "continue", "return 1"]))
        case 10: emit(rng.chance(0.5) ? "import " + rng.pick(Vocabulary.modules) : rng.pick(Vocabulary.fromImports))
        case 11: if depth == 0 && loopDepth == 0 && functionDepth == 0 { kerasWorkflow() } else { emit("pass") }
        case 12: emit(unsupported())
        case 13: emit(garbage())
        default: hostile()
        }
    }

    private mutating func forLoop(depth: Int) {
        let variable = fresh("i")
        let iterable = rng.pick([
            "range(\(rng.between(0, 12)))", "range(\(rng.between(-3, 3)), \(rng.between(0, 9)))",
            "[1, 'a', None, 2.5]", "enumerate(['p', 'q'])", "zip([1, 2], [3, 4])", "'abc'",
            "np.arange(4)", "np.ones((2, 3))", "{'k': 1}", "range(10, 0, -3)", "()",
        ])
        let multiple = iterable.hasPrefix("enumerate") || iterable.hasPrefix("zip")
        emit("for \(variable)\(multiple ? ", \(fresh("j"))" : "") in \(iterable):")
        variables.append(variable)
        loopDepth += 1
        block(depth: depth)
        loopDepth -= 1
    }

    private mutating func whileLoop(depth: Int) {
        // The counter is never a target elsewhere and goes up first, so `continue` cannot skip it.
        let counterName = fresh("w")
        emit("\(counterName) = 0")
        emit("while \(counterName) < \(rng.between(0, 10))\(rng.chance(0.3) ? " and (\(expression(1)))" : ""):")
        indent += 1
        emit("\(counterName) += 1")
        indent -= 1
        loopDepth += 1
        block(depth: depth)
        loopDepth -= 1
    }

    private mutating func definition(depth: Int) {
        let name = fresh("f")
        var defaulted = false
        let parameters = (0..<rng.between(0, 3)).map { index in
            // Once one parameter has a default, the later ones need one too (unless the program is wild).
            defaulted = defaulted && !wild || rng.chance(0.4)
            return "p\(index)" + (defaulted ? "=\(atom())" : "")
        }
        emit("def \(name)(\(parameters.joined(separator: ", "))):")
        functionDepth += 1
        let saved = variables
        variables += parameters.map { String($0.prefix { $0 != "=" }) }
        indent += 1
        if rng.chance(0.2) { emit("\"\"\"A docstring.\"\"\"") }
        if rng.chance(0.25) && !parameters.isEmpty {
            // Recursion that ends, and the call below decides how deep it goes.
            emit("if p0 <= 0:")
            emit("    return 0")
            emit("return \(name)(p0 - 1) + 1")
            indent -= 1
            functionDepth -= 1
            variables = saved
            functions.append(name)
            emit("print(\(name)(\(rng.pick(["3", "50", "500", "900", "1000", "5000", "100000"]))))")
            return
        }
        for _ in 0..<rng.between(1, 4) { statement(depth: depth + 1) }
        emit("return \(expression(2))")
        indent -= 1
        functionDepth -= 1
        variables = saved
        functions.append(name)
        emit("print(\(name)(\(arguments(1))))")
    }

    /// A small training script, right most of the time and wrong in one place now and then.
    private mutating func kerasWorkflow() {
        let features = rng.pick([1, 2, 3, 8])
        let rows = rng.pick([1, 4, 16, 50])
        emit("import numpy as np")
        emit("from tensorflow.keras import Sequential")
        emit("from tensorflow.keras.layers import Dense")
        emit("X = np.random.rand(\(rows), \(rng.chance(0.9) ? String(features) : "0"))")
        emit("y = (X.sum(axis=1) > \(Double(features) / 2)).astype(\(rng.pick(["np.float32", "int", "'float32'"])))")
        let layers = (0..<rng.between(1, 3)).map { _ in
            "Dense(\(rng.chance(0.9) ? String(rng.between(1, 8)) : rng.pick(["0", "-1", "2.5", "'4'"])), "
                + "activation=\(rng.pick(Vocabulary.activations)))"
        }
        emit("model = Sequential([\(layers.joined(separator: ", ")), Dense(1, activation='sigmoid')])")
        emit(
            "model.compile(loss=\(rng.pick(Vocabulary.losses)), optimizer=\(rng.pick(Vocabulary.optimizers)), "
                + "metrics=['accuracy'])")
        emit(
            "history = model.fit(X, y, epochs=\(rng.between(1, 4)), "
                + "batch_size=\(rng.pick(["1", "8", "32", "0", "-1"])), "
                + "verbose=\(rng.pick(["0", "1", "2"]))\(rng.chance(0.2) ? ", validation_split=0.25" : ""))")
        emit(
            rng.pick([
                "print(model.predict(X[:2]))", "model.summary()", "print(model.evaluate(X, y, verbose=0))",
                "print(history.history)", "model.step(X[:1], y[:1])", "model.explain(X[:1])",
                "print(model.get_weights())", "model.set_weights(model.get_weights()[::-1])",
                "layer = model.layers[0]", "print(model.layers[-1].get_weights()[0].shape)",
            ]))
        variables += ["X", "y", "model", "history"]
    }

    private mutating func unsupported() -> String {
        rng.pick([
            "class A: pass", "lambda x: x", "f = lambda: 0", "try:\n    pass\nexcept: pass",
            "with open('x') as f: pass", "del x", "global g", "[i for i in range(3)]", "{i: i for i in 'ab'}",
            "@decorator\ndef g(): pass", "async def h(): pass", "yield 1", "assert False, 'no'",
            "raise ValueError('x')", "match x:\n    case 1: pass", "x := 1", "print(*[1, 2])", "a, *b = [1, 2]",
            "def k(*args, **kwargs): pass", "nonlocal q", "exit()", "quit(0)", "exec('1')", "eval('1+1')",
            "open('/etc/passwd').read()", "__import__('os')", "input()", "pause()",
        ])
    }

    /// Bytes that are not a statement at all.
    private mutating func garbage() -> String {
        let pieces = [
            "(", ")", "[", "]", "{", "}", ":", "=", "==", ",", ".", "def", "if", "else", "import", "'",
            "\"", "\"\"\"", "#", "\\", "@", "$", "?", "!", "`", "->", "**", "\t", "    ", "1", "x", "np",
            "é", "\u{200B}", "\u{00A0}", "0x", "1e", "1_", "f'", "f\"{", "}",
        ]
        return (0..<rng.between(1, 8)).map { _ in rng.pick(pieces) }.joined(separator: rng.chance(0.5) ? " " : "")
    }
}

extension String {
    func replacingNewlines(with separator: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: separator)
    }

    /// The text with `character` put in at a random place.
    func insertingCharacter(_ character: String, using rng: inout FuzzRandom) -> String {
        var characters = Array(self)
        characters.insert(contentsOf: character, at: rng.below(characters.count + 1))
        return String(characters)
    }
}
