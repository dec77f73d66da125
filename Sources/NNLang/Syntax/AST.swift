/// An expression with the span of source it was read from.
public indirect enum Expression: Sendable {
    case name(String, SourceRange)
    case int(Int, SourceRange)
    case float(Double, SourceRange)
    case string(String, SourceRange)
    case formattedString([FormattedPart], SourceRange)
    case bool(Bool, SourceRange)
    case none(SourceRange)
    case list([Expression], SourceRange)
    case tuple([Expression], SourceRange)
    case dict([(key: Expression, value: Expression)], SourceRange)
    /// `{a, b}`
    case set([Expression], SourceRange)
    case attribute(Expression, name: String, SourceRange)
    case subscription(Expression, [SubscriptItem], SourceRange)
    case call(Expression, [Argument], SourceRange)
    case binary(BinaryOperator, Expression, Expression, SourceRange)
    case unary(UnaryOperator, Expression, SourceRange)
    case compare(Expression, [(op: ComparisonOperator, right: Expression)], SourceRange)
    case and(Expression, Expression, SourceRange)
    case or(Expression, Expression, SourceRange)
    case conditional(condition: Expression, then: Expression, otherwise: Expression, SourceRange)
    /// `lambda a, b=1: body` (boxed, as the comprehension, to keep the evaluator's frames small).
    case lambda(LambdaNode, SourceRange)
    /// `[e for x in xs if c]`, `{k: v for …}`, `(e for …)`.
    case comprehension(ComprehensionNode, SourceRange)
    /// A name in a function's body, resolved when the function is defined (never made by the parser):
    /// read and written by slot, without hashing the name (Runtime/NameResolution.swift).
    case resolved(ResolvedName, SourceRange)

    public var range: SourceRange {
        switch self {
        case .name(_, let r), .int(_, let r), .float(_, let r), .string(_, let r), .formattedString(_, let r),
            .bool(_, let r), .none(let r), .list(_, let r), .tuple(_, let r), .dict(_, let r),
            .set(_, let r), .attribute(_, _, let r),
            .subscription(_, _, let r), .call(_, _, let r), .binary(_, _, _, let r), .unary(_, _, let r),
            .compare(_, _, let r), .and(_, _, let r), .or(_, _, let r), .conditional(_, _, _, let r),
            .lambda(_, let r), .comprehension(_, let r), .resolved(_, let r):
            return r
        }
    }
}

extension Expression {
    /// For `*iterable` in a display or a target list (parsed as a call of the name `*`): the iterable.
    public var starredValue: Expression? {
        guard case .call(.name("*", _), let arguments, _) = self, arguments.count == 1 else { return nil }
        return arguments[0].value
    }

    /// For `**mapping` in a dict display (parsed as a key that calls the name `**`): the mapping.
    public var doubleStarredValue: Expression? {
        guard case .call(.name("**", _), let arguments, _) = self, arguments.count == 1 else { return nil }
        return arguments[0].value
    }
}

extension Expression {
    /// The expression written back as Python source, for the annotations kept as text
    /// (`int`, `np.ndarray`, `list[int]`); other forms give their outline.
    var sourceText: String {
        switch self {
        case .name(let name, _): name
        case .attribute(let base, let name, _): base.sourceText + "." + name
        case .string(let text, _): text
        case .none: "None"
        case .subscription(let base, let items, _):
            base.sourceText + "["
                + items.map { item in
                    if case .index(let e) = item { return e.sourceText }
                    return "..."
                }.joined(separator: ", ") + "]"
        case .tuple(let items, _): items.map(\.sourceText).joined(separator: ", ")
        case .binary(.bitOr, let l, let r, _): l.sourceText + " | " + r.sourceText
        default: "..."
        }
    }
}

/// Where a name of a function's body lives, worked out when the function is defined.
public struct ResolvedName: Sendable {
    public enum Place: Sendable {
        /// A local of the function: its slot in the running call's environment.
        case local(Int)
        /// A cell of the running call's environment: a local nested functions use, or a name of an
        /// enclosing function.
        case cell(Int)
        /// A module global (or built-in): looked up by name.
        case global
    }
    public let name: String
    public let place: Place
}

/// A lambda's parameters and body.
public final class LambdaNode: Sendable {
    public let parameters: [(name: String, defaultValue: Expression?)]
    public let body: Expression
    init(parameters: [(name: String, defaultValue: Expression?)], body: Expression) {
        self.parameters = parameters
        self.body = body
    }
}

/// A comprehension's element (`value` is set for a dict comprehension) and its clauses.
public final class ComprehensionNode: Sendable {
    public let kind: ComprehensionKind
    public let element: Expression
    public let value: Expression?
    public let clauses: [ComprehensionClause]
    /// Its own scope: the loop names, those of them nested lambdas use (cells), and its free names.
    let scope: FunctionScope
    init(
        _ kind: ComprehensionKind, element: Expression, value: Expression?, clauses: [ComprehensionClause],
        scope: FunctionScope? = nil
    ) {
        self.kind = kind
        self.element = element
        self.value = value
        self.clauses = clauses
        self.scope = scope ?? FreeNames.comprehensionScope(element: element, value: value, clauses: clauses)
    }
}

/// What a comprehension builds.
public enum ComprehensionKind: Sendable {
    case list, dict, set, generator
}

/// A `for target in iterable` or `if condition` clause of a comprehension.
public enum ComprehensionClause: Sendable {
    case loop(target: Expression, iterable: Expression)
    case condition(Expression)
}

/// A piece of an f-string: literal text, or an expression with an optional conversion and spec.
public enum FormattedPart: Sendable {
    case text(String)
    case value(Expression, conversion: Character?, spec: [FormattedPart])
}

/// One item between the brackets of a subscript: an index or a slice.
public enum SubscriptItem: Sendable {
    case index(Expression)
    case slice(start: Expression?, stop: Expression?, step: Expression?)
    case ellipsis
    /// `None` inside a subscript adds an axis in NumPy; kept as an index of None.
}

/// A call argument: positional, `name=value`, `*values` or `**mapping`.
public struct Argument: Sendable {
    public var name: String?
    public var value: Expression
    public var range: SourceRange
    /// 1 for `*values`, 2 for `**mapping`, 0 for a plain argument.
    public var unpack = 0
}

public enum BinaryOperator: String, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case floorDivide = "//"
    case modulo = "%"
    case power = "**"
    case matmul = "@"
    case bitOr = "|"
    case bitAnd = "&"
    case bitXor = "^"
}

public enum UnaryOperator: String, Sendable {
    case negate = "-"
    case plus = "+"
    case not = "not"
}

public enum ComparisonOperator: String, Sendable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    case `in` = "in"
    case notIn = "not in"
    case `is` = "is"
    case isNot = "is not"
}

/// A statement of the language.
public enum Statement: Sendable {
    case expression(Expression)
    /// `a = b = value`: every target gets the value.
    case assign(targets: [Expression], value: Expression, SourceRange)
    case augmentedAssign(target: Expression, op: BinaryOperator, value: Expression, SourceRange)
    /// `import a.b as c`
    case importModule(path: [String], alias: String?, SourceRange)
    /// `from a.b import x as y, z`
    case importNames(path: [String], names: [(name: String, alias: String?, range: SourceRange)], SourceRange)
    case pass(SourceRange)
    /// `if c: … elif c: … else: …`: each condition with its block, then the else block.
    indirect case ifStatement(
        branches: [(condition: Expression, body: [Statement])], otherwise: [Statement]?, SourceRange)
    /// `for target in iterable: …`
    indirect case forLoop(target: Expression, iterable: Expression, body: [Statement], SourceRange)
    /// `while condition: …`
    indirect case whileLoop(condition: Expression, body: [Statement], SourceRange)
    case breakLoop(SourceRange)
    case continueLoop(SourceRange)
    /// `def name(a, b=1, *args, c=2, **kwargs): …`: a star parameter's name keeps its `*` or `**`
    /// (a bare `*` is named "*").
    indirect case functionDefinition(
        name: String, parameters: [(name: String, defaultValue: Expression?)], body: [Statement], SourceRange)
    /// `return value`
    case returnValue(Expression?, SourceRange)
    /// `try: … except E as e: … else: … finally: …`
    indirect case tryStatement(TryBlock, SourceRange)
    /// `raise`, `raise E`, `raise E("message")`, `raise E from cause` (`from None` too)
    case raise(Expression?, from: Expression?, SourceRange)
    /// `assert condition, message`
    case assertion(Expression, message: Expression?, SourceRange)
    /// `del a, b[0], c.d`
    case delete([Expression], SourceRange)
    /// `with manager as target, other: …`
    indirect case withBlock(items: [(manager: Expression, target: Expression?)], body: [Statement], SourceRange)
    /// `class Name(Base): …`
    indirect case classDefinition(name: String, base: Expression?, body: [Statement], SourceRange)
    /// `@decorator` lines, then the `def` or `class` they apply to.
    indirect case decorated(decorators: [Expression], definition: Statement, SourceRange)
    /// `yield value` (or a bare `yield`) as a statement of a generator function.
    case yieldValue(Expression?, SourceRange)
    /// `yield from iterable`
    case yieldFrom(Expression, SourceRange)
    /// `global a, b`
    case global([String], SourceRange)
    /// `nonlocal a, b`
    case nonlocal([String], SourceRange)

    /// The span of the statement; for a block statement, its header line.
    public var range: SourceRange {
        switch self {
        case .expression(let e): e.range
        case .assign(_, _, let r), .augmentedAssign(_, _, _, let r), .importModule(_, _, let r),
            .importNames(_, _, let r), .pass(let r), .ifStatement(_, _, let r), .forLoop(_, _, _, let r),
            .whileLoop(_, _, let r), .breakLoop(let r), .continueLoop(let r), .functionDefinition(_, _, _, let r),
            .returnValue(_, let r), .global(_, let r), .nonlocal(_, let r), .tryStatement(_, let r),
            .raise(_, _, let r),
            .assertion(_, _, let r), .delete(_, let r), .classDefinition(_, _, _, let r), .withBlock(_, _, let r),
            .decorated(_, _, let r), .yieldValue(_, let r), .yieldFrom(_, let r):
            r
        }
    }
}

/// The blocks of a `try` statement.
public struct TryBlock: Sendable {
    public var body: [Statement]
    public var handlers: [ExceptHandler]
    public var otherwise: [Statement]?
    public var finally: [Statement]?
}

/// `except E as name:` (or a bare `except:`) and its block.
public struct ExceptHandler: Sendable {
    public var type: Expression?
    public var name: String?
    public var body: [Statement]
    public var range: SourceRange
}

/// A parsed program: its statements in order.
public struct Program: Sendable {
    public var statements: [Statement]
}
