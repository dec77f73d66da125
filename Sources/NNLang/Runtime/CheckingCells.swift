extension Interpreter {
    /// `nn --check` of a notebook: parses every cell, then resolves names across them in order (a
    /// name one cell defines is known in the cells after it). Each error carries its cell's source.
    public func check(cells: [SourceFile]) throws(DiagnosticList) {
        var errors: [Diagnostic] = []
        var programs: [(SourceFile, Program)] = []
        for source in cells {
            do {
                programs.append((source, try Parser.parse(source.text)))
            } catch {
                errors += error.diagnostics.map { $0.inSource(source) }
            }
        }
        if !errors.isEmpty { throw DiagnosticList(diagnostics: errors) }
        var defined = Set(globals.keys)
        for (source, program) in programs {
            currentSource = source  // helper modules are found beside the notebook
            defer { currentSource = nil }
            for statement in program.statements {
                do {
                    try NameChecker(interpreter: self).check(statement, defined: &defined)
                } catch {
                    errors.append(error.inSource(source))
                }
            }
        }
        if !errors.isEmpty { throw DiagnosticList(diagnostics: errors) }
    }
}

extension DiagnosticList {
    /// One diagnostic as a list (a notebook cell reports its error as the interpreter's run does).
    public init(_ diagnostic: Diagnostic) { self.init(diagnostics: [diagnostic]) }

    public init(_ diagnostics: [Diagnostic]) { self.init(diagnostics: diagnostics) }
}
