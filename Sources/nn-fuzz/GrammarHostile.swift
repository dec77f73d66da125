/// The inputs a hostile learner types, as templates with random sizes: values nested very deep or
/// holding themselves, values grown step by step past any memory, numbers that do not fit, and
/// widths and ranges far too large. Each loop here is bounded; only the values grow.
extension GrammarGenerator {
    mutating func hostile() {
        let name = fresh("h")
        let use = rng.pick([
            "print(\(name))", "str(\(name))", "repr(\(name))", "\(name) == \(name)", "len(\(name))",
            "f'{\(name)}'", "\(name) in [\(name)]", "[\(name)] + [\(name)]", "pass", "del_ = 0",
        ])
        switch rng.below(13) {
        case 0:
            // Nested very deep, one level per iteration.
            let depth = rng.pick([10, 1_000, 20_000, 100_000])
            let (start, step) = rng.pick([
                ("[]", "[\(name)]"), ("{}", "{'k': \(name)}"), ("()", "(\(name),)"),
                ("[1]", "[\(name), \(name)]"),
            ])
            emit("\(name) = \(start)")
            emit("for _ in range(\(step.contains(", \(name)]") ? min(depth, 16) : depth)):")
            emit("    \(name) = \(step)")
            emit(use)
        case 1:
            // Holding itself.
            emit(
                rng.pick([
                    "\(name) = [1]\n\(name).append(\(name))", "\(name) = {'me': 1}\n\(name)['me'] = \(name)",
                    "\(name) = [[]]\n\(name)[0].append(\(name))", "\(name) = []\n\(name) += [\(name)]",
                    "\(name) = [1, 2]\n\(name)[0] = \(name)", "\(name) = {}\n\(name)[1] = [\(name)]",
                ]))
            emit(use)
        case 2:
            // Grown step by step.
            let steps = rng.pick([4, 16, 26, 40])
            let (start, grow) = rng.pick([
                ("'ab'", "\(name) + \(name)"), ("[1, 2]", "\(name) + \(name)"),
                ("[0]", "\(name) * 2"), ("'x'", "''.join([\(name), \(name)])"),
                ("np.ones(4)", "np.concatenate([\(name), \(name)])"),
            ])
            emit("\(name) = \(start)")
            emit("for _ in range(\(steps)):")
            emit("    \(name) = \(grow)")
            emit(rng.pick(["print(len(\(name)))", "pass"]))
        case 3:
            // Many big arrays kept alive.
            emit("\(name) = []")
            emit("for _ in range(\(rng.pick([3, 30, 100]))):")
            emit("    \(name).append(np.ones((\(rng.pick([10, 1000, 5000])), \(rng.pick([10, 1000, 5000])))))")
            emit("print(len(\(name)))")
        case 4:
            emit(
                rng.pick([
                    "np.array([np.inf]).astype('int64')", "np.array([np.nan, 2]).astype(int)",
                    "np.array([1e300]).astype(np.int64)", "np.array([-np.inf]).astype(bool)",
                    "int(float('inf'))", "int(float('nan'))", "round(float('inf'))", "int(1e300)",
                ])
                    + rng.pick(["", ".tolist()", ".sum()"]))
        case 5:
            emit(
                rng.pick([
                    "int('9' * \(rng.pick([20, 100, 5000])))", "float('9' * 400)",
                    "10 ** \(rng.pick([18, 19, 400]))",
                    "2 ** 63 - 1 + 1", "-(-9223372036854775807 - 1)", "abs(-9223372036854775807 - 1)",
                    "9223372036854775807 * 2", "(-9223372036854775807 - 1) // -1",
                    "(-9223372036854775807 - 1) % -1",
                    "1 << 70", "round(1e308, -400)", "1e308 * 10", "divmod(7, 0)", "7 % 0", "7.0 // 0.0",
                ]))
        case 6:
            emit(
                rng.pick([
                    "range(10 ** 9)", "list(range(\(rng.pick([10, 10_000_000, 60_000_000]))))",
                    "'{:>\(rng.pick([999, 1001, 100000]))}'.format(1)",
                    "f'{1:>\(rng.pick([1000, 1001, 99999]))}'",
                    "f'{1.5:.\(rng.pick([50, 1000, 5000]))f}'", "'%\(rng.pick([10, 5000]))d' % 1",
                    "'a' * \(rng.pick(["10", "10**10", "-1", "2**62"]))",
                    "[0] * \(rng.pick(["10**9", "2**62", "-5"]))",
                    "np.zeros((\(rng.pick(["1e5", "100000", "-1", "2**40"])), 100000))",
                    "np.ones(\(rng.pick(["10**10", "2**31", "[2**40]"])))", "np.arange(0, 1, 1e-12)",
                    "np.linspace(0, 1, 10**10)", "np.eye(10**6)",
                ]))
        case 7:
            // Training where the data is wrong.
            emit("import numpy as np")
            emit("from tensorflow.keras import Sequential")
            emit("from tensorflow.keras.layers import Dense")
            emit("\(name) = Sequential([Dense(2, activation='relu'), Dense(1)])")
            emit("\(name).compile(loss='mse', optimizer='sgd')")
            let data = rng.pick([
                "np.array([[np.nan, 1.0], [1.0, 2.0]])", "np.array([[np.inf, 1.0], [1.0, 2.0]])",
                "np.zeros((0, 2))", "np.ones((3, 2)) * 1e38",
                "np.ones((\(rng.pick([10, 4_000_000])), 2))",
            ])
            emit("\(name).fit(\(data), np.ones((\(rng.pick([2, 3, 10])), 1)), epochs=1, verbose=0)")
            emit(
                rng.pick([
                    "print(\(name).predict(np.ones((1, 2))))", "\(name).set_weights([np.ones((2, 2)) * np.nan])",
                    "\(name).set_weights(\(name).get_weights())", "pass",
                ]))
        case 9: matplotlibHostile()
        case 10: generatorsAndClassesHostile(name)
        case 11: emit(rng.pick(Vocabulary.hostileLibraryCalls))
        case 12: modelPicturesHostile(name)
        default:
            // Files: write where it cannot, read what is not an array.
            emit(
                rng.pick([
                    "np.save('/dev/full', np.ones(3))", "np.save('', np.ones(3))", "np.load('/dev/null')",
                    "np.load('/etc/hostname')", "np.load('data')",
                    "np.save('out.npy', np.array([np.inf]).astype('int64'))",
                    "np.save('big.npy', np.ones((\(rng.pick([10, 4000])), 4000)))", "np.load('big.npy')",
                    "np.save('out.npy', [[1, 2], [3]])", "np.load('out.npy')",
                ]))
        }
    }
}
