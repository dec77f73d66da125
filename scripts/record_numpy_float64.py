"""Records NumPy's float64 results for Tests/NNLangTests/WideMathTests.swift (Fixtures/numpy_float64.json).

Each case is NNLab code that is also Python; `r` (a value or a list of values) is flattened and kept as
repr strings, so the test can compare NNLab's doubles bit for bit. Usage:

    /tmp/venv-corpus/bin/python scripts/record_numpy_float64.py > Tests/NNLangTests/Fixtures/numpy_float64.json
"""
import numpy as np
cases = {
 "pairwise_sum": "x = np.arange(1000) / 7.0\nr = x.sum()",
 "axis0_sum": "x = (np.arange(1, 301) * 0.37).reshape(30, 10)\nr = x.sum(axis=0)",
 "axis1_sum": "x = (np.arange(1, 301) * 0.37).reshape(10, 30)\nr = np.sum(x, axis=1)",
 "mean_std_var": "x = (np.arange(1, 201) / 3.0).reshape(20, 10)\nr = [x.mean(axis=0), x.std(axis=1), x.var(), np.std(x, ddof=1), x.mean()]",
 "int_sum": "x = np.arange(5000) * 123456789\nr = x.sum()",
 "int_mean": "x = np.arange(17) * 3\nr = [x.mean(), np.median(x), x.std()]",
 "dot_vectors": "a = np.arange(100) / 3.0\nb = np.arange(100) * 0.01\nr = np.dot(a, b)",
 "gemv": "A = (np.arange(12) / 7.0).reshape(3, 4)\nv = np.arange(4) * 0.3\nr = A @ v",
 "vector_matrix": "A = (np.arange(12) / 7.0).reshape(4, 3)\nv = np.arange(4) * 0.3\nr = np.dot(v, A)",
 "gemm": "A = (np.arange(12) / 7.0).reshape(3, 4)\nB = (np.arange(20) / 9.0).reshape(4, 5)\nr = A @ B",
 "syrk": "A = (np.arange(40) / 7.0).reshape(10, 4)\nAT = (np.arange(4).reshape(4, 1) + np.arange(10) * 4) / 7.0\nr = [AT @ A, A @ AT]",
 "floor_mod": "x = np.arange(-5, 5) / 1.0\nr = [x // 0.3, x % 0.3, np.floor_divide(x, -0.7), np.mod(x, -0.7)]",
 "power": "x = np.arange(1, 8) / 3.0\nr = [x ** 2, x ** -1, x ** 0.5, np.sum(x) ** 3]",
 "sigmoid": "z = np.arange(-5, 5) * 0.37\nr = 1 / (1 + np.exp(-z))",
 "log_cost": "f = (np.arange(1, 10) / 10.0)\ny = np.array([0, 1, 0, 1, 1, 0, 1, 0, 1])\nr = np.sum(-y * np.log(f) - (1 - y) * np.log(1 - f)) / 9",
 "inv": "A = np.arange(9).reshape(3, 3) * 0.5 + np.eye(3) * 2\nr = np.linalg.inv(A)",
 "det": "A = np.arange(9).reshape(3, 3) * 0.5 + np.eye(3) * 2\nr = [np.linalg.det(A), np.linalg.det(np.arange(4).reshape(2, 2) + 1.0)]",
 "solve": "A = np.arange(9).reshape(3, 3) * 0.5 + np.eye(3) * 2\nr = np.linalg.solve(A, np.arange(3) / 3.0)",
 "norm": "x = np.arange(1, 50) / 7.0\nr = [np.linalg.norm(x), np.linalg.norm(x, 1), np.linalg.norm(x.reshape(7, 7), axis=0)]",
 "scalar_chain": "w = np.float64(0.0)\nb = 0.0\nfor i in range(20):\n    w = w - 0.01 * (w * 3.7 - 1.3)\n    b = b + w / 3\nr = [w, b]",
 "round": "x = np.arange(-10, 10) * 0.125 + 0.001\nr = [np.round(x, 2), np.round(x), np.around(x * 100, -1), round(np.sum(np.arange(1) + 2.675), 2)]",
 "cumsum": "x = np.arange(1, 30) / 7.0\nr = [np.cumsum(x), np.cumprod(x + 0.5)]",
 "average": "x = (np.arange(12) / 7.0).reshape(3, 4)\nr = [np.average(x, axis=0, weights=[1, 2, 3]), np.average(x, axis=1, weights=[1, 2, 3, 4]), np.average(x)]",
 "percentile": "x = np.arange(1, 24) / 7.0\nr = [np.percentile(x, 37), np.quantile(x, 0.5), np.percentile(x, 99)]",
 "promotion": "t = np.sum(np.arange(1) + 0.1)\ni = np.arange(4)\nf = np.arange(4) / 2.0\ns = np.arange(4).astype(np.float32)\nr = [i + 1, i * 0.1, i / 2, i // 2, f + s, s * 0.1, s + t, i + np.int64(3), f == 1.0, i > 1.5, t + 0.2, 0.1 * np.float64(3)]",
 "exp_svml": "x = (np.arange(3000) - 1500) * 0.0173\nr = [np.exp(x), np.exp(x * 29.0), np.exp(-0.19), np.exp(np.arange(5) / 3.0)]",
 "transposed_gemv": "X = ((np.arange(37 * 23) * 0.713) % 1.3 - 0.6).reshape(37, 23)\ne = np.arange(37) * 0.31 - 2.0\nf = np.arange(23) * 0.17 - 1.1\nr = [X.T @ e, np.dot(X.T, e), f @ X.T, np.transpose(X) @ e, X.T.T @ f]",
 "transposed_gemm": "X = ((np.arange(37 * 23) * 0.713) % 1.3 - 0.6).reshape(37, 23)\nY = ((np.arange(37 * 19) * 0.377) % 2.1 - 1.0).reshape(37, 19)\nZ = ((np.arange(19 * 23) * 0.519) % 1.7 - 0.8).reshape(19, 23)\nW = ((np.arange(11 * 37) * 0.291) % 1.9 - 0.9).reshape(11, 37)\nr = [X.T @ Y, X @ Z.T, X.T @ W.T, np.dot(X, Z.T), X.T @ X, X @ X.T, X.T @ (X.T).T.T.T]",
 "copied_transpose_gemm": "X = ((np.arange(37 * 23) * 0.713) % 1.3 - 0.6).reshape(37, 23)\nXT = X.T.copy()\nr = [XT @ X, X @ XT]",
 "inplace": "w = np.arange(5) / 3.0\nalias = w\nw -= 0.01 * np.arange(5)\nw *= 1.5\nr = alias",
}
import json
out = {}
for name, code in cases.items():
    g = {"np": np}
    exec(code, g)
    r = g["r"] if isinstance(g["r"], list) else [g["r"]]
    parts = [np.asarray(p) for p in r]
    out[name] = {"code": code, "dtypes": [str(p.dtype) for p in parts], "values": [repr(float(v)) for p in parts for v in p.ravel()]}
print(json.dumps(out, indent=1))
