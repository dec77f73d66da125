#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// nn-fuzz: looks for inputs that crash or hang `nn`, or that get an error without a location.
// Programs come from the language's grammar and from mutating the lessons, examples and test
// programs; each runs in a child `nn` under a memory limit and a deadline. See Options.usage.

guard let options = Options.parse(Array(CommandLine.arguments.dropFirst())) else {
    print(Options.usage)
    exit(2)
}
if options.help {
    print(Options.usage)
    exit(0)
}

var seeds: [String] = []
for folder in options.corpus {
    for name in Files.list(folder) where name.hasSuffix(".nn") || name.hasSuffix(".py") {
        if let text = readFile("\(folder)/\(name)") { seeds.append(text) }
    }
}

if options.printOnly || options.corpusOutput != nil {
    let campaign = Campaign(
        options: options,
        runner: Runner(
            nn: "", scratch: "", limits: ChildLimits(memoryMB: 0),
            timeout: 0, backtraces: false), seeds: seeds)
    if let folder = options.corpusOutput { Files.makeFolders(folder) }
    for index in options.only.map({ [$0] }) ?? Array(0..<options.count) {
        if let folder = options.corpusOutput {
            writeFile("\(folder)/nn-fuzz-s\(options.seed)-p\(index).nn", campaign.program(index))
        } else {
            if options.only == nil { print("# ---- program \(index)") }
            print(campaign.program(index), terminator: options.only == nil ? "\n" : "")
        }
    }
    exit(0)
}

guard let nn = Files.absolute(options.nn) else {
    print("nn-fuzz: no nn at \(options.nn); build it first (swift build -c release)")
    exit(2)
}
guard let scratch = Files.temporaryFolder() else {
    print("nn-fuzz: cannot make a folder under /tmp")
    exit(2)
}
defer { Files.removeTree(scratch) }
// Programs that read the examples' data find it beside them.
Files.copyFiles(from: "examples/data", to: "\(scratch)/data")
let runner = Runner(
    nn: nn, scratch: scratch, limits: ChildLimits(memoryMB: options.memoryMB),
    timeout: options.timeout, backtraces: options.backtraces)
// When nn keeps a memory budget of its own, keep it under the limit here, so running out of memory is
// nn's located error rather than the limit's abort.
let budget = options.memoryMB / 2
for candidate in ["\(budget)M", "\(budget)MB", "\(budget * 1_048_576)"] {
    runner.extraArguments = ["--memory-limit", candidate]
    if runner.judge("pass", mode: .file).0 == .passed { break }
    runner.extraArguments = []
}

func finish(_ status: Int32) -> Never {
    Files.removeTree(scratch)
    exit(status)
}

if let file = options.minimize {
    guard let text = readFile(file, limit: 8 << 20) else {
        print("nn-fuzz: cannot read \(file)")
        finish(2)
    }
    guard
        let (smallest, verdict) = Minimizer(runner: runner, mode: options.mode, budget: options.budget)
            .minimize(text)
    else {
        print("nn-fuzz: \(file) does not fail in mode \(options.mode.rawValue)")
        finish(1)
    }
    let output = file.hasSuffix(".nn") ? String(file.dropLast(3)) + ".min.nn" : file + ".min"
    writeFile(output, smallest)
    print("\(verdict.category): \(verdict.detail)")
    print("\(smallest.utf8.count) bytes (from \(text.utf8.count)), written to \(output)")
    finish(0)
}

if !options.replay.isEmpty {
    var failed = 0
    for file in options.replay {
        guard let text = readFile(file, limit: 8 << 20) else {
            print("\(file): cannot be read")
            failed += 1
            continue
        }
        // A notebook is run and checked as a notebook, unless --mode says otherwise.
        let modes = file.hasSuffix(".ipynb") && !options.modeGiven ? [.notebook, .notebookCheck] : [options.mode]
        for mode in modes {
            let (verdict, _) = runner.judge(text, mode: mode)
            if verdict.isFailure { failed += 1 }
            print("\(file) (\(mode.rawValue)): \(verdict.category) \(verdict.detail)")
        }
    }
    print("replay: \(options.replay.count) files, \(failed) failures")
    finish(failed == 0 ? 0 : 1)
}

let campaign = Campaign(options: options, runner: runner, seeds: seeds)
let started = monotonicSeconds()
let failed = campaign.run()
let total = options.only == nil ? options.count : 1
let elapsed = (monotonicSeconds() - started).rounded(toPlaces: 1)
print(
    "nn-fuzz: seed \(options.seed), \(total) programs (grammar and \(seeds.count) seed programs mutated), "
        + "\(elapsed) s, memory limit \(options.memoryMB) MB, timeout \(options.timeout) s")
print(
    "  crashes: \(campaign.failures["crash"] ?? 0), hangs: \(campaign.failures["hang"] ?? 0), "
        + "unlocated errors: \(campaign.failures["unlocated"] ?? 0), slow but stopped by Ctrl-C: \(campaign.slow)")
print("  longest runs: " + campaign.slowest.map { "\($0.1) \($0.0.rounded(toPlaces: 1)) s" }.joined(separator: ", "))
for entry in campaign.distinct {
    print("  \(entry.count) x \(entry.signature)  (e.g. \(entry.example))")
}
if failed > 0 { print("  failing programs saved in \(options.output)") }
print("fuzz: \(campaign.passed) passed, \(failed) failed")
finish(failed == 0 ? 0 : 1)

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}
