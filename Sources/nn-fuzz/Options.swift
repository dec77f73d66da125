/// nn-fuzz's command line.
struct Options {
    var nn = ".build/release/nn"
    var count = 2000
    var seed: UInt64 = 1
    var jobs = 2
    var timeout = 10.0
    var memoryMB = 2048
    var output = ".build/fuzz-failures"
    var corpus = ["lessons", "examples", "Tests/NNLangTests/Programs"]
    /// grammar, mutate, or both (even programs from the grammar, odd ones mutants); notebook: both,
    /// as notebooks.
    var source = "both"
    var only: Int?
    var printOnly = false
    var backtraces = false
    var minimize: String?
    var replay: [String] = []
    /// Whether --mode was given (else --replay runs a `.ipynb` as a notebook).
    var modeGiven = false
    var mode = RunMode.file
    var budget = 300
    var help = false
    /// Write the programs as files in this folder instead of running them (a corpus for libFuzzer).
    var corpusOutput: String?

    static let usage = """
        usage: nn-fuzz [options]                   run a batch of generated programs through nn
               nn-fuzz --minimize FILE [--mode M]   shrink a failing program, keeping its failure
               nn-fuzz --replay FILE...             judge saved programs again
        options:
          --nn PATH          the nn to test (default .build/release/nn)
          --count N          programs to run (default 2000)
          --seed S           seed for the whole batch (default 1)
          --only I           just program I of the batch (with --print: show it instead)
          --print            print the programs instead of running them
          --write DIR        write them as files in DIR instead (a seed corpus for nn-libfuzzer)
          --source KIND      grammar, mutate or both (default both); notebook: the same programs as
                             .ipynb files, some spoiled, run as `nn FILE.ipynb` and `nn --check`
          --jobs N           programs run at once (default 2)
          --timeout SEC      processor seconds before a run is stopped with Ctrl-C; a run that does
                             not stop then is a hang (default 10)
          --memory MB        address-space limit of each run (default 2048)
          --output DIR       where failing programs are saved (default .build/fuzz-failures)
          --corpus DIR       seed programs for mutation (repeatable; default lessons, examples,
                             Tests/NNLangTests/Programs)
          --mode M           file, string, check, repl, notebook or notebook-check, for --minimize
                             and --replay (default file; --replay runs a .ipynb as notebook and
                             notebook-check)
          --budget N         most runs --minimize may make (default 300)
          --backtraces       let Swift print a backtrace when nn crashes (slow)
        """

    /// Reads the arguments; nil (after saying why) when they are wrong.
    static func parse(_ arguments: [String]) -> Options? {
        var options = Options()
        var corpus: [String] = []
        var index = 0
        func value() -> String? {
            index += 1
            return index < arguments.count ? arguments[index] : nil
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--nn":
                guard let v = value() else { return nil }
                options.nn = v
            case "--count":
                guard let v = value().flatMap({ Int($0) }), v >= 0 else { return nil }
                options.count = v
            case "--seed":
                guard let v = value().flatMap({ UInt64($0) }) else { return nil }
                options.seed = v
            case "--only":
                guard let v = value().flatMap({ Int($0) }), v >= 0 else { return nil }
                options.only = v
            case "--jobs":
                guard let v = value().flatMap({ Int($0) }), v > 0 else { return nil }
                options.jobs = v
            case "--timeout":
                guard let v = value().flatMap({ Double($0) }), v > 0 else { return nil }
                options.timeout = v
            case "--memory":
                guard let v = value().flatMap({ Int($0) }), v > 0 else { return nil }
                options.memoryMB = v
            case "--output":
                guard let v = value() else { return nil }
                options.output = v
            case "--corpus":
                guard let v = value() else { return nil }
                corpus.append(v)
            case "--source":
                guard let v = value(), ["grammar", "mutate", "both", "notebook"].contains(v) else { return nil }
                options.source = v
            case "--mode":
                guard let v = value().flatMap({ RunMode(rawValue: $0) }) else { return nil }
                options.mode = v
                options.modeGiven = true
            case "--budget":
                guard let v = value().flatMap({ Int($0) }), v > 0 else { return nil }
                options.budget = v
            case "--minimize":
                guard let v = value() else { return nil }
                options.minimize = v
            case "--replay":
                while index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") {
                    index += 1
                    options.replay.append(arguments[index])
                }
            case "--help", "-h": options.help = true
            case "--print": options.printOnly = true
            case "--write":
                guard let v = value() else { return nil }
                options.corpusOutput = v
            case "--backtraces": options.backtraces = true
            default:
                print("nn-fuzz: unknown argument '\(argument)'")
                return nil
            }
            index += 1
        }
        if !corpus.isEmpty { options.corpus = corpus }
        return options
    }
}
