/// Hostile inputs for the newer surfaces: matplotlib's state machine and Axes (sizes huge, negative,
/// NaN; empty and 0-d data), generators that recurse, raise or re-enter themselves, decorators that
/// return what cannot be called, containers that hold themselves, and the model pictures.
extension GrammarGenerator {
    mutating func matplotlibHostile() {
        emit("import matplotlib.pyplot as plt")
        emit("import numpy as np")
        let size = rng.pick(["1e9", "-1", "0", "float('nan')", "float('inf')", "1e300", "2", "0.01", "10**18"])
        let count = rng.pick(["10**12", "-1", "0", "10**6", "2**63 - 1", "3", "1.5", "'auto'", "None", "[]"])
        let data = rng.pick([
            "[]", "[[]]", "np.array(5.0)", "np.zeros((0, 0))", "[float('nan')] * 3", "[1e308, -1e308]",
            "[float('inf'), 1]", "np.full((3, 3), np.nan)", "'abc'", "[[1, 2], [3]]", "None",
            "np.ones((2, 2, 2, 2))", "range(10**4)", "[1, 2, 3]", "{1, 2}", "(x for x in [1, 2])",
        ])
        switch rng.below(6) {
        case 0:
            emit(
                rng.pick([
                    "plt.figure(figsize=(\(size), \(size)))", "plt.subplots(\(count), 1)",
                    "plt.subplots(1, \(count), figsize=(\(size), 2))", "plt.subplot(\(count), 2, 1)",
                    "plt.subplot(2, 2, \(count))", "plt.figure(num=\(count))",
                    "plt.figure(dpi=\(size))",
                ]))
        case 1:
            emit(
                rng.pick([
                    "plt.hist(\(data), bins=\(count))", "plt.plot(\(data))", "plt.scatter(\(data), \(data))",
                    "plt.imshow(\(data))", "plt.bar(\(data), \(data))", "plt.contourf(\(data))",
                    "plt.pie(\(data))", "plt.errorbar(\(data), \(data), yerr=\(data))",
                    "plt.fill_between(\(data), \(data))", "plt.hist(\(data), bins=\(data))",
                    "plt.plot(\(data), linewidth=\(size))", "plt.scatter([1], [2], s=\(size))",
                ]))
        case 2:
            emit(
                rng.pick([
                    "plt.xlim(\(size), \(size))", "plt.ylim(\(size), 1)", "plt.xscale('log')",
                    "plt.xticks(\(data))", "plt.xticks(range(\(count)))", "plt.title('x' * 100000)",
                    "plt.legend()", "plt.text(\(size), \(size), 'x')", "plt.axhline(\(size))",
                    "plt.colorbar()", "plt.close('all')", "plt.gca().set_xlim(\(size))",
                ]))
        case 3:
            emit(
                rng.pick([
                    "fig, ax = plt.subplots()\nax.plot(ax)",
                    "fig, axes = plt.subplots(2, 2)\naxes[5].plot([1])",
                    "fig, axes = plt.subplots(2, 2)\naxes[0, 0].plot(fig)",
                    "ax = plt.gca()\nax.ax = ax\nprint(ax)",
                    "plt.rcParams['figure.figsize'] = (\(size), \(size))", "plt.style.use('nothing')",
                ]))
        case 4: emit(rng.pick(["plt.plot([1, 2])", "plt.imshow(\(data))", "plt.hist(\(data))"]))
        default: emit("plt.plot(\(data))")
        }
        emit(
            rng.pick([
                "plt.show()", "plt.savefig('out.svg')", "plt.savefig('out.svg', dpi=\(size))",
                "plt.savefig('')", "plt.savefig('/dev/full')", "plt.savefig('out.png')", "pass",
            ]))
    }

    mutating func generatorsAndClassesHostile(_ name: String) {
        emit(
            rng.pick([
                "def \(name)():\n    yield from \(name)()\nprint(list(\(name)()))",
                "def \(name)():\n    yield next(it)\nit = \(name)()\nnext(it)",
                "def \(name)():\n    yield list(it)\nit = \(name)()\nprint(next(it))",
                "def \(name)():\n    me.send(None)\n    yield 1\nme = \(name)()\nnext(me)",
                "def \(name)():\n    yield 1\n    raise ValueError('boom')\nprint(list(\(name)()))",
                "def \(name)():\n    raise StopIteration\n    yield 1\nprint(list(\(name)()))",
                "def \(name)():\n    try:\n        yield 1\n    finally:\n        yield 2\n"
                    + "x = \(name)()\nnext(x)\nx.close()",
                "def \(name)():\n    x = yield 1\n    yield x\nit = \(name)()\nnext(it)\nit.send(it)\nprint(list(it))",
                "def \(name)():\n    yield 1\ng = \(name)()\ng.throw(ValueError)",
                "g = (x for x in range(10**18))\nprint(next(g), g)",
                "a = []\na.append(x for x in a)\nprint(a, list(a[0]))",
                "s = set()\ns.add(frozenset([frozenset()]))\nprint(s)", "s = {1}\ns.add(s)",
                "f = frozenset()\nf = frozenset([f, f])\nprint({f: f})", "print(frozenset([[1]]), max(set()))",
                "def \(name)(f):\n    return 5\n@\(name)\ndef h():\n    pass\nh()",
                "def \(name)(f):\n    return \(name)\n@\(name)\n@\(name)\ndef h():\n    pass\nprint(h)",
                "class \(name):\n    @property\n    def x(self):\n        return self.x\nprint(\(name)().x)",
                "class \(name):\n    @classmethod\n    def m(cls):\n        return cls.m()\n\(name).m()",
                "class \(name):\n    def __repr__(self):\n        return repr(self)\nprint(\(name)())",
                "class \(name):\n    def __repr__(self):\n        return 5\nprint([\(name)()])",
                "class \(name):\n    def __iter__(self):\n        yield self\nprint(list(\(name)()))",
                "class \(name):\n    def __len__(self):\n        return 10**18\nprint(len(\(name)()))",
                "class \(name):\n    def __hash__(self):\n        return hash(self)\nprint({\(name)()})",
                "class \(name):\n    def __eq__(self, o):\n        return self == o\nprint(\(name)() in [\(name)()])",
                "class \(name):\n    pass\n\(name).me = \(name)\nx = \(name)()\nx.me = x\nprint(x, \(name).me)",
            ]))
    }

    mutating func modelPicturesHostile(_ name: String) {
        emit("import numpy as np")
        emit("from tensorflow.keras import Sequential")
        emit("from tensorflow.keras.layers import Dense")
        emit("\(name) = Sequential([Dense(\(rng.pick(["2", "1", "300"]))), Dense(1)])")
        if rng.chance(0.8) { emit("\(name).build((None, 2))") }
        let neuron = rng.pick(["-1", "10**18", "(0, 10**18)", "'a'", "None", "0", "(0, 0)", "float('nan')"])
        let x = rng.pick([
            "np.zeros((0, 2))", "np.ones((4, 2))", "np.ones((4, 2)) * np.nan", "np.ones(4)",
            "np.array(1.0)",
        ])
        emit(
            rng.pick([
                "plot_boundary(\(name), \(x), np.ones(4), neuron=\(neuron))",
                "compare(\(name), \(name), \(name))",
                "compare()", "compare(None, 5)", "diagram(\(name))", "diagram(None)", "diagram([\(name)])",
                "plot_boundary(\(name), \(x), np.ones(4))",
            ]))
    }
}

extension Vocabulary {
    /// One-line calls into statistics, collections, functools and itertools with hostile arguments.
    static let hostileLibraryCalls = [
        "import itertools; print(list(itertools.islice(itertools.count(), 10**18, 10**18 + 2)))",
        "import itertools; print(len(list(itertools.product(range(100), repeat=10))))",
        "import itertools; print(list(itertools.permutations(range(100)))[:1])",
        "import itertools; print(list(itertools.combinations(range(100), 50))[:1])",
        "import itertools; print(list(itertools.combinations(range(5), -1)))",
        "import itertools; print(list(itertools.repeat(1, -5)), list(itertools.islice(itertools.cycle([]), 5)))",
        "import itertools; print(list(itertools.chain.from_iterable([[1], 2])))",
        "import itertools; print(list(itertools.tee(range(3), 10**9)))",
        "import statistics; print(statistics.mean([]))", "import statistics; print(statistics.stdev([1]))",
        "import statistics; print(statistics.quantiles([1, 2], n=10**9))",
        "import statistics; print(statistics.quantiles([1, 2], n=0))",
        "import statistics; print(statistics.median([float('nan'), 1, 2]), statistics.mode([]))",
        "import statistics; print(statistics.variance([10**18, -10**18]), statistics.geometric_mean([0, -1]))",
        "import collections; print(collections.Counter('aab').most_common(-10**18))",
        "import collections; c = collections.Counter({'a': 9223372036854775807}); c.update({'a': 1}); print(c + c)",
        "import collections; d = collections.deque([1, 2], maxlen=10**18); d.rotate(-2**63); print(d)",
        "import collections; d = collections.deque(maxlen=-1)",
        "import collections; d = collections.deque(); d.append(d); print(d, d == d, len(str(d)))",
        "import collections; d = collections.defaultdict(list); d[1] = d; print(d)",
        "import collections; P = collections.namedtuple('P', 'x y'); p = P(1, [2]); p.y.append(p); print(p)",
        "import collections; P = collections.namedtuple('P', '1 2')",
        "import functools; print(functools.reduce(lambda a, b: a + b, []))",
        "import functools; p = functools.partial(print); p = functools.partial(p, p); p()",
        "import functools; f = functools.lru_cache(maxsize=-1)(lambda x: x); print(f(1), f([1]))",
        "import functools; f = functools.wraps(5)(lambda: 1); print(f)",
        "print(set(range(10**5)) ^ set(range(1, 10**5 + 1)), sorted({1, 'a'}))",
        "x = {1, 2, 3}; print(x.pop(), x.pop(), x.pop(), x.pop())",
    ]
}
