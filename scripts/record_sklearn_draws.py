"""Records what scikit-learn draws from NumPy's legacy RandomState, and what it returns, for the
NNLang tests of make_blobs, make_moons, make_circles and train_test_split.

A RandomState subclass logs every draw scikit-learn makes (random_sample, standard normals, and each
shuffle's resulting permutation) while producing exactly NumPy's values; the script first checks that
the recording stream gives the same data as a plain RandomState. The Swift tests replay the log as a
LegacyRandomStream, so they check that NNLab asks for the same draws in the same order and combines
them as scikit-learn does. Usage (scikit-learn in a venv):

    /tmp/venv/bin/python scripts/record_sklearn_draws.py > Tests/NNLangTests/Fixtures/sklearn_draws.json
"""
import json
import sys

import numpy as np
from sklearn.datasets import load_iris, make_blobs, make_circles, make_moons
from sklearn.model_selection import train_test_split


class Recording(np.random.RandomState):
    def __init__(self, seed):
        super().__init__(seed)
        self.log = []

    def shuffle(self, x):
        order = np.arange(len(x))
        super().shuffle(order)
        self.log.append(["shuffle", order.tolist()])
        x[:] = np.asarray(x)[order]

    def permutation(self, x):
        values = np.arange(x) if isinstance(x, (int, np.integer)) else np.array(x)
        self.shuffle(values)
        return values

    def choice(self, a, size=None, replace=True, p=None):
        assert not replace and p is None
        return np.asarray(a)[self.permutation(len(a))[:size]]

    def random_sample(self, size=None):
        values = super().random_sample(size)
        self.log += [["sample", float(v)] for v in np.ravel(values)]
        return values

    def standard_normal(self, size=None):
        values = super().standard_normal(size)
        self.log += [["normal", float(v)] for v in np.ravel(values)]
        return values

    def normal(self, loc=0.0, scale=1.0, size=None):
        return loc + scale * self.standard_normal(size)

    def uniform(self, low=0.0, high=1.0, size=None):
        return low + (high - low) * self.random_sample(size)


X20 = np.arange(40).reshape(20, 2)
y20 = np.array([0] * 6 + [1] * 9 + [2] * 5)
CASES = [
    ("make_blobs(n_samples=30, centers=3, n_features=2, random_state=rs)",
     lambda rs: make_blobs(n_samples=30, centers=3, n_features=2, random_state=rs)),
    ("make_blobs(n_samples=[3, 4], centers=[[0, 0], [5, 5]], cluster_std=[0.5, 2.0], random_state=rs)",
     lambda rs: make_blobs(n_samples=[3, 4], centers=[[0, 0], [5, 5]], cluster_std=[0.5, 2.0], random_state=rs)),
    ("make_moons(n_samples=50, noise=0.1, random_state=rs)",
     lambda rs: make_moons(n_samples=50, noise=0.1, random_state=rs)),
    ("make_circles(n_samples=40, factor=0.5, noise=0.05, random_state=rs)",
     lambda rs: make_circles(n_samples=40, factor=0.5, noise=0.05, random_state=rs)),
    ("train_test_split(X20, y20, test_size=0.25, random_state=rs)",
     lambda rs: train_test_split(X20, y20, test_size=0.25, random_state=rs)),
    ("train_test_split(X20, y20, test_size=0.3, stratify=y20, random_state=rs)",
     lambda rs: train_test_split(X20, y20, test_size=0.3, stratify=y20, random_state=rs)),
    ("train_test_split(y20, train_size=11, test_size=7, stratify=y20, random_state=rs)",
     lambda rs: train_test_split(y20, train_size=11, test_size=7, stratify=y20, random_state=rs)),
]

fixtures = []
for seed in (0, 30, 42):
    for code, run in CASES:
        plain = run(np.random.RandomState(seed))
        recording = Recording(seed)
        recorded = run(recording)
        for a, b in zip(plain, recorded):
            if not np.array_equal(a, b):
                sys.exit(f"the recording stream changed the result of {code}")
        fixtures.append({
            "code": code, "seed": seed, "draws": recording.log,
            "results": [np.asarray(r, dtype=float).ravel().tolist() for r in plain],
            "shapes": [list(np.shape(r)) for r in plain],
        })
json.dump(fixtures, sys.stdout, indent=None)
