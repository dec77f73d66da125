/// A batch of generated programs: makes program N of seed S (the same on every run), runs each one
/// through `nn` (as a file or with `-c`, and with `--check`), saves the failing ones with a
/// report, and tallies crashes, hangs and unlocated errors.
final class Campaign {
    let options: Options
    let runner: Runner
    let seeds: [String]

    private(set) var passed = 0
    private(set) var failures: [String: Int] = ["crash": 0, "hang": 0, "unlocated": 0]
    private(set) var slow = 0
    /// The five longest runs: seconds, and which.
    private(set) var slowest: [(Double, String)] = []
    /// Distinct failures: a signature, how many programs showed it, and the first file saved for it.
    private(set) var distinct: [(signature: String, count: Int, example: String)] = []

    init(options: Options, runner: Runner, seeds: [String]) {
        (self.options, self.runner, self.seeds) = (options, runner, seeds)
    }

    func isGrammar(_ index: Int) -> Bool {
        ["grammar", "notebook"].contains(options.source) || seeds.isEmpty
            || (options.source == "both" && index % 2 == 0)
    }

    /// Program `index` of the batch.
    func program(_ index: Int) -> String {
        var rng = FuzzRandom(seed: options.seed, index: index)
        if options.source == "notebook" {
            let program =
                index % 2 == 0 || seeds.isEmpty
                ? {
                    var generator = GrammarGenerator(rng: rng)
                    return generator.program()
                }()
                : Mutator(seeds: seeds).mutant(using: &rng)
            var maker = NotebookMaker(rng: FuzzRandom(seed: options.seed ^ 0x1B, index: index))
            return maker.notebook(from: program)
        }
        if isGrammar(index) {
            var generator = GrammarGenerator(rng: rng)
            return generator.program()
        }
        return Mutator(seeds: seeds).mutant(using: &rng)
    }

    /// How the program is run: of every four grammar programs and every four mutants, two from a
    /// file, one in the REPL and one with `-c` (when it can be an argument); and every one with `--check`.
    func modes(_ index: Int, _ text: String) -> [RunMode] {
        if options.source == "notebook" { return [.notebook, .notebookCheck] }
        let asString = !text.contains("\0") && text.utf8.count < 100_000 && !text.hasPrefix("-")
        switch (index / 2) % 4 {
        case 1: return [.repl, .check]
        case 3 where asString: return [.string, .check]
        default: return [.file, .check]
        }
    }

    /// Runs the batch (or just `options.only`); returns the number of failed programs.
    func run() -> Int {
        let indices = options.only.map { [$0] } ?? Array(0..<options.count)
        var queue: [RunTask] = []
        var nextIndex = 0
        var pending: [Int: (left: Int, verdicts: [(RunMode, Verdict, String)])] = [:]
        runner.run(
            jobs: options.jobs,
            next: {
                if queue.isEmpty, nextIndex < indices.count {
                    let index = indices[nextIndex]
                    nextIndex += 1
                    let text = program(index)
                    let modes = modes(index, text)
                    pending[index] = (modes.count, [])
                    queue = modes.reversed().map { RunTask(program: index, text: text, mode: $0) }
                }
                return queue.popLast()
            },
            finished: { task, verdict, stderr, seconds in
                slowest.append((seconds, "program \(task.program) (\(task.mode.rawValue))"))
                slowest = Array(slowest.sorted { $0.0 > $1.0 }.prefix(5))
                pending[task.program]?.left -= 1
                pending[task.program]?.verdicts.append((task.mode, verdict, stderr))
                guard let entry = pending[task.program], entry.left == 0 else { return }
                pending[task.program] = nil
                conclude(task.program, task.text, entry.verdicts)
            })
        return failures.values.reduce(0, +)
    }

    /// Counts a program once, by its worst run, and saves every failing run of it.
    private func conclude(_ index: Int, _ text: String, _ verdicts: [(RunMode, Verdict, String)]) {
        let rank = ["crash": 3, "hang": 2, "unlocated": 1]
        let failing = verdicts.filter { $0.1.isFailure }
        if verdicts.contains(where: { $0.1 == .slow }) { slow += 1 }
        guard let worst = failing.max(by: { rank[$0.1.category, default: 0] < rank[$1.1.category, default: 0] }) else {
            passed += 1
            return
        }
        failures[worst.1.category, default: 0] += 1
        for (mode, verdict, stderr) in failing {
            let file = save(index, text, mode, verdict, stderr)
            let signature = Campaign.signature(verdict)
            if let at = distinct.firstIndex(where: { $0.signature == signature }) {
                distinct[at].count += 1
            } else {
                distinct.append((signature, 1, file))
            }
        }
    }

    /// Failures that differ only in numbers and quoted names are one.
    static func signature(_ verdict: Verdict) -> String {
        var text = ""
        var inQuote = false
        var lastWasDigit = false
        for character in verdict.detail.prefix(100) {
            if character == "'" {
                inQuote.toggle()
                text.append("'")
                continue
            }
            if inQuote { continue }
            if character.isNumber {
                if !lastWasDigit { text.append("N") }
                lastWasDigit = true
                continue
            }
            lastWasDigit = false
            text.append(character)
        }
        return "\(verdict.category) \(text)".trimmingTrailingSpaces
    }

    private func save(_ index: Int, _ text: String, _ mode: RunMode, _ verdict: Verdict, _ stderr: String) -> String {
        Files.makeFolders(options.output)
        let stem = "\(options.output)/\(verdict.category)-s\(options.seed)-p\(index)-\(mode.rawValue)"
        let suffix = mode == .notebook || mode == .notebookCheck ? ".ipynb" : ".nn"
        writeFile(stem + suffix, text)
        let report = """
            \(verdict.category): \(verdict.detail)
            program \(index) of seed \(options.seed) (\(isGrammar(index) ? "grammar" : "mutant")), \
            run as: \(mode.rawValue)
            reproduce: \(runner.commandLine(mode, file: stem + suffix))
            regenerate: nn-fuzz --seed \(options.seed) --only \(index) --print
            minimize: nn-fuzz --minimize \(stem)\(suffix) --mode \(mode.rawValue)
            standard error (start):
            \(stderr.prefix(4000))
            """
        writeFile(stem + ".txt", report + "\n")
        return stem + suffix
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
