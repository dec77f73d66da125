import NNEngine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// nn-bench: times NNLab's engine on the two reference workloads of ../shared/bench, so the figures
// can be set beside Keras's from the same machine.
//   nn-bench               both workloads
//   nn-bench seed [EPOCHS]          400-25-15-1 sigmoid, BCE, Adam, 1000x400, batch 32 (default 100 epochs)
//   nn-bench mnist [N] [EPOCHS]     784-256-128-10 relu, SCCE from logits, Adam, Nx784, batch 128 (default 60000, 1)
//   nn-bench tutorial [N] [EPOCHS]  TensorFlow's first tutorial: Flatten 28x28, Dense 128 relu, Dropout 0.2, Dense 10,
//                                   Adam, SCCE from logits, Nx28x28, batch 32 (default 60000, 1);
//                                   scripts/keras_tutorial_bench.py times the same in Keras

func seconds(_ body: () throws -> Void) rethrows -> Double {
    var start = timespec()
    var end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    try body()
    clock_gettime(CLOCK_MONOTONIC, &end)
    return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
}

/// Peak resident memory of this process so far, in MB.
#if canImport(Glibc)
    let rusageSelf = __rusage_who_t(RUSAGE_SELF.rawValue)
#else
    let rusageSelf = RUSAGE_SELF
#endif

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(rusageSelf, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// Floating-point operations of one training pass over `examples` rows through dense `widths`:
/// forward product, kernel gradient, and input gradient for every layer but the first.
func trainingFlops(widths: [Int], examples: Int) -> Double {
    var perExample = 0
    for (index, (input, output)) in zip(widths, widths.dropFirst()).enumerated() {
        perExample += 2 * input * output * (index == 0 ? 2 : 3)
    }
    return Double(perExample) * Double(examples)
}

func report(_ name: String, seconds: Double, flops: Double, extra: String) {
    let line = "\(name): \(format(seconds, 3)) s, \(format(flops / seconds / 1e9, 2)) GFLOP/s, \(extra)"
    print(line)
}

func format(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = String(rounded)
    let decimals = text.split(separator: ".").last?.count ?? 0
    if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
    return text
}

func seedWorkload(epochs: Int) throws {
    let random = RandomSource(seed: 0)
    let (n, d) = (1000, 400)
    let (x, y) = random.draw { generator -> (Tensor, Tensor) in
        let x = Tensor(shape: [n, d]) { _ in Float(generator.nextNormal()) }
        let w = (0..<d).map { _ in Float(generator.nextNormal()) }
        let y = Tensor(shape: [n, 1]) { row in
            var dot: Float = 0
            for j in 0..<d { dot += x[flat: row * d + j] * w[j] }
            return dot > 0 ? 1 : 0
        }
        return (x, y)
    }
    let model = try Sequential(
        layers: [
            Dense(units: 25, activation: .sigmoid), Dense(units: 15, activation: .sigmoid),
            Dense(units: 1, activation: .sigmoid),
        ], inputWidth: d, random: random)
    model.compile(loss: Loss(.binaryCrossentropy), optimizer: Adam(learningRate: 0.001))
    var history = History()
    let time = try seconds {
        history = try model.fit(x: x, y: y, options: FitOptions(batchSize: 32, epochs: epochs))
    }
    let steps = epochs * ((n + 31) / 32)
    report(
        "seed 400-25-15-1, \(epochs) epochs (\(steps) steps)", seconds: time,
        flops: trainingFlops(widths: [400, 25, 15, 1], examples: n * epochs),
        extra:
            "\(format(time / Double(steps) * 1e6, 1)) µs/step, loss \(format(Double(history["loss"]?.last ?? .nan), 4)), peak memory \(format(peakMemoryMB(), 1)) MB"
    )
}

func mnistWorkload(examples n: Int, epochs: Int) throws {
    let random = RandomSource(seed: 0)
    let x = random.draw { generator in Tensor(shape: [n, 784]) { _ in generator.nextFloat() } }
    let y = Tensor(shape: [n]) { row in
        var best = 0
        for j in 1..<10 where x[flat: row * 784 + j] > x[flat: row * 784 + best] { best = j }
        return Float(best)
    }
    let model = try Sequential(
        layers: [Dense(units: 256, activation: .relu), Dense(units: 128, activation: .relu), Dense(units: 10)],
        inputWidth: 784, random: random)
    model.compile(loss: Loss(.sparseCategoricalCrossentropy, fromLogits: true), optimizer: Adam(learningRate: 0.001))
    var history = History()
    let time = try seconds {
        history = try model.fit(x: x, y: y, options: FitOptions(batchSize: 128, epochs: epochs))
    }
    report(
        "mnist 784-256-128-10, \(n) examples, \(epochs) epoch(s)", seconds: time / Double(epochs),
        flops: trainingFlops(widths: [784, 256, 128, 10], examples: n),
        extra:
            "per epoch, loss \(format(Double(history["loss"]?.last ?? .nan), 4)), peak memory \(format(peakMemoryMB(), 1)) MB"
    )
}

func tutorialWorkload(examples n: Int, epochs: Int) throws {
    let random = RandomSource(seed: 0)
    let x = random.draw { generator in Tensor(shape: [n, 28, 28]) { _ in generator.nextFloat() } }
    let y = Tensor(shape: [n]) { row in
        var best = 0
        for j in 1..<10 where x[flat: row * 784 + j] > x[flat: row * 784 + best] { best = j }
        return Float(best)
    }
    let model = try Sequential(
        layers: [
            Flatten(inputShape: [28, 28]), Dense(units: 128, activation: .relu), Dropout(rate: 0.2), Dense(units: 10),
        ],
        random: random)
    model.compile(loss: Loss(.sparseCategoricalCrossentropy, fromLogits: true), optimizer: Adam())
    var history = History()
    let time = try seconds {
        history = try model.fit(x: x, y: y, options: FitOptions(batchSize: 32, epochs: epochs))
    }
    report(
        "tutorial 28x28-128-dropout-10, \(n) examples, \(epochs) epoch(s)", seconds: time / Double(epochs),
        flops: trainingFlops(widths: [784, 128, 10], examples: n),
        extra:
            "per epoch, loss \(format(Double(history["loss"]?.last ?? .nan), 4)), peak memory \(format(peakMemoryMB(), 1)) MB"
    )
}

let arguments = Array(CommandLine.arguments.dropFirst())
func argument(_ index: Int, default value: Int) -> Int {
    index < arguments.count ? Int(arguments[index]) ?? value : value
}
do {
    switch arguments.first {
    case "seed": try seedWorkload(epochs: argument(1, default: 100))
    case "mnist": try mnistWorkload(examples: argument(1, default: 60000), epochs: argument(2, default: 1))
    case "tutorial": try tutorialWorkload(examples: argument(1, default: 60000), epochs: argument(2, default: 1))
    case nil:
        try seedWorkload(epochs: 100)
        try mnistWorkload(examples: 60000, epochs: 1)
        try tutorialWorkload(examples: 60000, epochs: 1)
    default:
        print("usage: nn-bench [seed [EPOCHS] | mnist [N] [EPOCHS] | tutorial [N] [EPOCHS]]")
        exit(2)
    }
} catch {
    print("nn-bench: \(error)")
    exit(1)
}
