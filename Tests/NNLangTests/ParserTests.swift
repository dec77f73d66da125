import NNLang
import Testing

/// The lexer and parser on their own: tokens, precedence, locations and syntax errors.
@Suite struct ParserTests {
    func parse(_ text: String) throws -> [Statement] { try Parser.parse(text).statements }

    func firstError(_ text: String) -> Diagnostic? {
        do {
            _ = try Parser.parse(text)
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    /// The expression's structure as a compact string, to compare trees.
    func shape(_ e: Expression) -> String {
        switch e {
        case .name(let n, _): return n
        case .int(let i, _): return String(i)
        case .float(let f, _): return String(f)
        case .string(let s, _): return "'\(s)'"
        case .binary(let op, let l, let r, _): return "(\(shape(l)) \(op.rawValue) \(shape(r)))"
        case .unary(let op, let x, _): return "(\(op.rawValue) \(shape(x)))"
        case .call(let f, let args, _):
            return "\(shape(f))("
                + args.map { ($0.name.map { "\($0)=" } ?? "") + shape($0.value) }.joined(separator: ", ") + ")"
        case .attribute(let b, let n, _): return "\(shape(b)).\(n)"
        case .tuple(let items, _): return "(" + items.map(shape).joined(separator: ", ") + ",)"
        case .list(let items, _): return "[" + items.map(shape).joined(separator: ", ") + "]"
        case .compare(let first, let rest, _):
            return "(" + shape(first) + rest.map { " \($0.op.rawValue) \(shape($0.right))" }.joined() + ")"
        case .conditional(let c, let t, let o, _): return "(\(shape(t)) if \(shape(c)) else \(shape(o)))"
        case .subscription(let b, let items, _): return "\(shape(b))[\(items.count)]"
        default: return "?"
        }
    }

    func expression(_ text: String) throws -> String {
        guard case .expression(let e) = try parse(text).first else { return "not an expression" }
        return shape(e)
    }

    @Test func precedenceFollowsPython() throws {
        #expect(try expression("1 + 2 * 3 ** 2") == "(1 + (2 * (3 ** 2)))")
        #expect(try expression("-2 ** 2") == "(- (2 ** 2))")
        #expect(try expression("a @ b + c") == "((a @ b) + c)")
        #expect(try expression("1 < x <= 3") == "(1 < x <= 3)")
        #expect(try expression("a if b else c") == "(a if b else c)")
        #expect(try expression("not a == b") == "(not (a == b))")
        #expect(try expression("f(x, y=2).g") == "f(x, y=2).g")
    }

    @Test func statementsAndTargets() throws {
        let statements = try parse(
            "a = b = 1; c += 2\n[x, y] = p\nW1, b1 = layer.get_weights()\nfrom a.b import c as d, e\nimport numpy as np\npass"
        )
        #expect(statements.count == 7)
        guard case .assign(let targets, _, _) = statements[0] else {
            Issue.record("not an assignment")
            return
        }
        #expect(targets.count == 2)
        guard case .importNames(let path, let names, _) = statements[4] else {
            Issue.record("not an import")
            return
        }
        #expect(path == ["a", "b"])
        #expect(names.map(\.name) == ["c", "e"])
        #expect(names.map(\.alias) == ["d", nil])
    }

    @Test func bracketsJoinLinesAndBackslashesContinueThem() throws {
        #expect(try parse("x = [1,\n  2,\n  3]\ny = 1 + \\\n 2").count == 2)
        #expect(try expression("(1,)") == "(1,)")
        #expect(try expression("()") == "(,)")
    }

    @Test func tokensCarryLocations() throws {
        let tokens = try Lexer.tokenize("x = 1\nmodel.fit(X)")
        let fit = try #require(tokens.first { $0.text == "fit" })
        #expect(fit.range.start == SourceLocation(line: 2, column: 7))
        #expect(fit.range.end == SourceLocation(line: 2, column: 10))
        let numbers = try Lexer.tokenize("1_000 0x1F 1e-3 .5 2.")
        #expect(numbers.filter { $0.kind == .int }.map(\.intValue) == [1000, 31])
        #expect(numbers.filter { $0.kind == .float }.map(\.floatValue) == [0.001, 0.5, 2.0])
    }

    @Test func stringsAndFStrings() throws {
        #expect(try expression("'a\\tb' \"c\"") == "'a\tbc'")
        guard case .expression(.formattedString(let parts, _)) = try parse("f'{x:.2f} and {{y}}'").first else {
            Issue.record("not an f-string")
            return
        }
        #expect(parts.count == 2)
    }

    @Test func syntaxErrorsAreLocatedAndWorded() {
        let unclosed = firstError("x = (1, 2")
        #expect(unclosed?.message == "'(' was never closed")
        #expect(unclosed?.range?.start == SourceLocation(line: 1, column: 5))
        let missing = firstError("print(1 +)")
        #expect(missing?.message == "expected a value, but found ')'")
        #expect(missing?.range?.start.column == 10)
        #expect(firstError("1 = x")?.message == "cannot assign to this expression")
        #expect(firstError("f(x) = 2")?.hint == "did you mean '==' to compare?")
        #expect(firstError("@decorator\nx = 1")?.message == "a decorator must be followed by a 'def' or 'class' line")
        #expect(firstError("yield 1")?.message == "'yield' outside function")
        #expect(firstError("def f(**a, b): pass")?.message == "no parameter can follow **a")
        #expect(firstError("if x:\ny = 1")?.message == "expected an indented block after ':'")
        #expect(
            firstError("for i in range(3):\n    x = i\n  y = 2")?.message
                == "this line's indentation matches no outer block")
        #expect(firstError("{1: 2, 3}")?.message.contains("expected ':'") == true)
        #expect(firstError("x = 1 << 2")?.kind == .unsupported)
        #expect(firstError("x = 5 $ 3")?.message.contains("invalid character '$'") == true)
        #expect(firstError("x = “quoted”")?.hint?.contains("curly quotes") == true)
        #expect(
            firstError(String(repeating: "(", count: 1000) + "1" + String(repeating: ")", count: 1000))?.message
                .contains("nested too deeply") == true)
    }

    @Test func everyStatementWithAnErrorIsReported() {
        do {
            _ = try Parser.parse("a = 1 +\nb = 2\nc = * 3\nd = )\n")
            Issue.record("expected errors")
        } catch {
            #expect(error.diagnostics.count >= 2)
        }
    }
}
