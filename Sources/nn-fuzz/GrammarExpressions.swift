/// Random expressions from the language's grammar: literals at the edges, displays, operators,
/// comparisons, conditionals, subscripts and slices, f-strings, calls to builtins and to the NumPy,
/// Keras and scikit-learn names with random arguments, and now and then a very long chain or a
/// very deep nesting.
extension GrammarGenerator {
    /// An expression, at most `depth` levels deep (apart from the deliberate long chains).
    mutating func expression(_ depth: Int = 3) -> String {
        if depth <= 0 { return atom() }
        switch rng.weighted([14, 6, 10, 3, 4, 3, 2, 8, 7, 5, 6, 4, 2, bigLeft > 0 ? 2 : 0, bigLeft > 0 ? 2 : 0]) {
        case 0: return atom()
        case 1: return display(depth - 1)
        case 2:
            let op = rng.pick(["+", "-", "*", "/", "//", "%", "**", "@", "+", "*", "-"])
            return "\(expression(depth - 1)) \(op) \(expression(depth - 1))"
        case 3:
            // `not` binds loosely: bracketed, so that `1 + (not x)` stays valid.
            let text = rng.pick(["-", "+", "not ", "- -", "not not "]) + expression(depth - 1)
            return wild || !text.hasPrefix("not") ? text : "(\(text))"
        case 4:
            var text = expression(depth - 1)
            for _ in 0..<rng.between(1, 3) {
                text += " " + rng.pick(["<", ">", "==", "!=", "<=", ">=", "in", "not in", "is", "is not"]) + " "
                text += expression(depth - 1)
            }
            return text
        case 5: return "\(expression(depth - 1)) \(rng.pick(["and", "or"])) \(expression(depth - 1))"
        case 6: return "\(expression(depth - 1)) if \(expression(depth - 1)) else \(expression(depth - 1))"
        case 7: return call(depth - 1)
        case 8: return "\(primary(depth - 1))\(subscriptSuffix(depth - 1))"
        case 9: return "\(primary(depth - 1)).\(rng.pick(Vocabulary.attributes))"
        case 10: return "\(primary(depth - 1)).\(rng.pick(Vocabulary.methods))(\(arguments(depth - 1)))"
        case 11: return formattedString(depth - 1)
        case 12: return "(\(expression(depth - 1)))"
        case 13: return longChain()
        default: return deepNesting()
        }
    }

    /// Something that binds tightly: a name, a literal, a call or a bracketed expression.
    mutating func primary(_ depth: Int) -> String {
        switch rng.weighted([5, 2, 3, 1]) {
        case 0: return variableOrName()
        case 1: return wild ? atom() : "(\(atom()))"
        case 2: return call(depth)
        default: return "(\(expression(depth)))"
        }
    }

    mutating func atom() -> String {
        switch rng.weighted([6, 3, 3, 5, 1, 1, 1]) {
        case 0:
            if rng.chance(0.7) { return String(rng.between(-3, 12)) }
            return rng.pick(Vocabulary.oddIntegers.filter { wild || !Vocabulary.invalidSyntax.contains($0) })
        case 1: return rng.pick(Vocabulary.oddFloats.filter { wild || !Vocabulary.invalidSyntax.contains($0) })
        case 2: return rng.pick(Vocabulary.oddStrings.filter { wild || !Vocabulary.invalidSyntax.contains($0) })
        case 3: return variableOrName()
        case 4: return rng.pick(["True", "False", "None"])
        case 5:
            return rng.pick([
                "np.ones((2, 3))", "np.arange(6).reshape(2, 3)", "np.eye(3)", "np.array([])",
                "np.zeros((0, 2))", "np.array(5.0)", "np.array([[1, 2], [3, 4]])",
            ])
        default: return rng.pick(["X", "y", "model", "layer", "history", "data"])
        }
    }

    /// A variable defined earlier, most of the time; otherwise a builtin or an undefined name.
    mutating func variableOrName() -> String {
        if !variables.isEmpty && rng.chance(0.75) { return rng.pick(variables) }
        return rng.pick(["np", "tf", "len", "print", "undefined_name", "π", "x", "Dense", "keras", "_", "__name__"])
    }

    mutating func display(_ depth: Int) -> String {
        let items = (0..<rng.weighted([1, 3, 3, 2, 1])).map { _ in expression(depth) }
        switch rng.below(4) {
        case 0: return "[" + items.joined(separator: ", ") + "]"
        case 1: return items.count == 1 ? "(\(items[0]),)" : "(" + items.joined(separator: ", ") + ")"
        case 2: return "{" + items.map { "\($0): \(expression(depth))" }.joined(separator: ", ") + "}"
        default: return "[" + items.joined(separator: ", ") + (!items.isEmpty && rng.chance(0.5) ? ",]" : "]")
        }
    }

    mutating func subscriptSuffix(_ depth: Int) -> String {
        func bound(_ g: inout GrammarGenerator) -> String {
            g.rng.chance(0.3) ? "" : (g.rng.chance(0.7) ? String(g.rng.between(-4, 4)) : g.expression(depth))
        }
        var items: [String] = []
        for _ in 0..<rng.weighted([6, 3, 1]) + 1 {
            switch rng.weighted([5, 4, 1, 1]) {
            case 0: items.append(rng.chance(0.7) ? String(rng.between(-3, 3)) : expression(depth))
            case 1: items.append("\(bound(&self)):\(bound(&self))" + (rng.chance(0.3) ? ":\(bound(&self))" : ""))
            case 2: items.append(rng.pick(["...", "None", "np.newaxis"]))
            default: items.append(rng.pick(["[0, 1]", "[True, False]", "X > 0", "-1:", "::-1", "::0"]))
            }
        }
        return "[" + items.joined(separator: ", ") + "]"
    }

    /// Arguments for a call: positional and keyword, from the literal pools and expressions.
    mutating func arguments(_ depth: Int) -> String {
        var parts: [String] = []
        for _ in 0..<rng.weighted([2, 4, 3, 2, 1]) {
            parts.append(argumentValue(depth))
        }
        var named: Set<String> = []
        for _ in 0..<rng.weighted([5, 3, 1]) {
            let keyword = rng.pick(Vocabulary.keywords)
            // A keyword given twice is a syntax error: only wild programs have one.
            if named.insert(keyword).inserted || wild { parts.append("\(keyword)=\(argumentValue(depth))") }
        }
        if wild && rng.chance(0.05) { parts.append(rng.pick(["*args", "**kw", "x=1, x=2", "=", "1=2"])) }
        return parts.joined(separator: ", ")
    }

    mutating func argumentValue(_ depth: Int) -> String {
        switch rng.weighted([4, 2, 2, 2, 1, 1, 4]) {
        case 0: return String(rng.between(-2, 8))
        case 1:
            return rng.pick([
                "(2, 3)", "(3,)", "[1, 2, 3]", "[[1, 2], [3, 4]]", "(0,)", "()", "(-1, 2)",
                "(100000, 100000)", "(2, 2, 2, 2)", "[]", "(1e5, 1e5)",
            ])
        case 2: return rng.pick(Vocabulary.activations + Vocabulary.losses)
        case 3: return rng.pick(Vocabulary.dtypes)
        case 4: return rng.pick(Vocabulary.optimizers)
        case 5:
            return rng.pick(
                (Vocabulary.oddIntegers + Vocabulary.oddFloats).filter {
                    wild || !Vocabulary.invalidSyntax.contains($0)
                })
        default: return expression(depth)
        }
    }

    /// A call to a builtin, a NumPy, Keras or scikit-learn name, or a function the program defined.
    mutating func call(_ depth: Int) -> String {
        let callee: String
        switch rng.weighted([4, 5, 2, 3, 1, 3, 1]) {
        case 0: callee = rng.pick(Vocabulary.builtins)
        case 1: callee = "np." + rng.pick(Vocabulary.numpyFunctions)
        case 2: callee = "np.random." + rng.pick(Vocabulary.randomFunctions)
        case 3: callee = rng.pick(Vocabulary.kerasConstructors)
        case 4: callee = rng.pick(Vocabulary.datasets)
        case 5: callee = functions.isEmpty ? rng.pick(Vocabulary.builtins) : rng.pick(functions)
        default:
            callee = rng.pick([
                "tf.keras.layers.Dense", "tf.nn.sigmoid", "keras.Sequential", "tf.keras.Input",
                "tf.keras.regularizers.l2", "keras.optimizers.Adam", "np.linalg.norm",
            ])
        }
        return "\(callee)(\(arguments(depth)))"
    }

    mutating func formattedString(_ depth: Int) -> String {
        var body = ""
        for _ in 0..<rng.between(1, 3) {
            body += rng.pick(["", "x = ", "loss ", "{{", "}}", "é", " "])
            body += "{\(expression(min(depth, 1)).replacingDoubleQuotes)\(rng.pick(Vocabulary.formatSpecs))}"
        }
        if wild && rng.chance(0.1) { body += rng.pick(["{", "}", "{}", "{!}", "{x!q}", "{:{}}"]) }
        if rng.chance(0.15) {
            return "\(rng.pick(["'%s and %d'", "'%.2f'", "'%5s|%-5s'", "'%x'", "'%%'", "'%(k)s'", "'%'"])) % "
                + (rng.chance(0.5) ? "(\(argumentValue(depth)), \(argumentValue(depth)))" : argumentValue(depth))
        }
        return "f\"\(body)\""
    }

    /// A flat chain of many terms: the kind of line that overflows a recursive evaluator.
    mutating func longChain() -> String {
        bigLeft -= 1
        let count = rng.pick([20, 200, 2_000, 5_000, 20_000, 60_000])
        let (head, step): (String, String) = rng.pick([
            ("1", "+1"), ("True", " and True"), ("0", " or 0"), ("'a'", "+'a'"), ("x", "[0]"),
            ("np.ones(2)", ".copy()"), ("np.eye(2)", ".T"), ("print", "()"), ("1", "*1"), ("-", "-"), ("not", " not"),
            ("1", " < 2"), ("[]", " + []"), ("1", " if 1 else 1"), ("f", "(1)"),
        ])
        let tail = head == "-" || head == "not" ? " 1" : ""
        return head + String(repeating: step, count: count) + tail
    }

    /// Brackets nested very deep.
    mutating func deepNesting() -> String {
        bigLeft -= 1
        let count = rng.pick([10, 50, 99, 100, 101, 200, 1_000, 5_000])
        let (open, close) = rng.pick([("(", ")"), ("[", "]"), ("{1: ", "}"), ("f(", ")"), ("[", ",]"), ("-(", ")")])
        return String(repeating: open, count: count) + "1" + String(repeating: close, count: count)
    }
}

extension String {
    /// The text with its double quotes made single, to sit inside an f"..." string.
    var replacingDoubleQuotes: String { String(map { $0 == "\"" ? "'" : $0 }) }
}
