"""Writes the Keras-parity fixtures of the engine tests (Tests/NNEngineTests/Fixtures/keras_parity.json).

It also writes keras_layers.json: the layers beyond Dense (scripts/keras_layer_cases.py); with
--layers-only it writes that file alone.
Each case trains a small network in Keras 3 (tensorflow-cpu) from fixed initial weights with
shuffle=False and records the per-epoch history, the final weights, predictions and evaluate().
The Swift tests replay each case on NNEngine and compare. Run it only to regenerate the fixtures:

    python3 -m venv /tmp/tfenv && /tmp/tfenv/bin/pip install tensorflow-cpu
    /tmp/tfenv/bin/python scripts/make_keras_fixtures.py
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from keras_layer_cases import initial_weights, keras_layer, layer_cases  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "NNEngineTests", "Fixtures", "keras_parity.json")
LAYERS_OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "NNEngineTests", "Fixtures", "keras_layers.json")

OPTIMIZERS = {
    "sgd": {"name": "SGD", "learning_rate": 0.1, "momentum": 0.0, "nesterov": False},
    "momentum": {"name": "SGD", "learning_rate": 0.05, "momentum": 0.9, "nesterov": False},
    "nesterov": {"name": "SGD", "learning_rate": 0.05, "momentum": 0.9, "nesterov": True},
    "rmsprop": {"name": "RMSprop", "learning_rate": 0.01, "rho": 0.9},
    "adam": {"name": "Adam", "learning_rate": 0.01, "beta_1": 0.9, "beta_2": 0.999},
}

# loss name -> (Keras loss config, output units, output activation, kind of targets)
LOSSES = {
    "bce": ({"kind": "BinaryCrossentropy", "from_logits": False}, 1, "sigmoid", "binary"),
    "bce_logits": ({"kind": "BinaryCrossentropy", "from_logits": True}, 1, "linear", "binary"),
    "bce_tanh_probs": ({"kind": "BinaryCrossentropy", "from_logits": False}, 2, "softmax", "binary2"),
    "cce": ({"kind": "CategoricalCrossentropy", "from_logits": False}, 3, "softmax", "onehot"),
    "cce_logits": ({"kind": "CategoricalCrossentropy", "from_logits": True}, 3, "linear", "onehot"),
    "scce": ({"kind": "SparseCategoricalCrossentropy", "from_logits": False}, 3, "softmax", "sparse"),
    "scce_logits": ({"kind": "SparseCategoricalCrossentropy", "from_logits": True}, 3, "linear", "sparse"),
    "mse": ({"kind": "MeanSquaredError", "from_logits": False}, 2, "linear", "regression"),
    "mae": ({"kind": "MeanAbsoluteError", "from_logits": False}, 1, "linear", "regression"),
}

HIDDEN = ["relu", "tanh", "sigmoid", "leaky_relu", "linear"]


def make_loss(config):
    kind = config["kind"]
    if kind == "MeanSquaredError":
        return keras.losses.MeanSquaredError()
    if kind == "MeanAbsoluteError":
        return keras.losses.MeanAbsoluteError()
    return getattr(keras.losses, kind)(from_logits=config["from_logits"])


def make_optimizer(config):
    c = dict(config)
    name = c.pop("name")
    return getattr(keras.optimizers, name)(**c)


def targets(kind, n, units, rng, x):
    score = x[:, 0] - 0.5 * x[:, 1] + 0.3 * x[:, 2]
    if kind == "binary":
        return (score > 0).astype("float32").reshape(n, 1) if rng.random() < 0.5 else (score > 0).astype("float32")
    if kind == "binary2":
        return np.stack([(score > 0), (x[:, 3] > 0)], axis=1).astype("float32")
    labels = np.digitize(score, [-0.5, 0.5]).astype("int64")
    if kind == "sparse":
        return labels
    if kind == "onehot":
        return np.eye(units, dtype="float32")[labels]
    return np.stack([score, x[:, 1] * x[:, 2]], axis=1)[:, :units].astype("float32")


def tensor_json(a):
    a = np.asarray(a)
    return {"shape": list(a.shape), "values": [float(v) for v in a.astype("float64").ravel()]}


def run_case(name, loss_key, opt_key, hidden, rng, *, batch_size=8, epochs=3, regularizer=None,
             validation_split=0.0, use_bias=True, metrics=()):
    loss_config, units, out_activation, target_kind = LOSSES[loss_key]
    n, d = 20, 4
    x = rng.normal(size=(n, d)).astype("float32")
    y = targets(target_kind, n, units, rng, x)
    layers_spec = [
        {"units": 5, "activation": hidden, "use_bias": use_bias, "l1": 0.0, "l2": 0.0},
        {"units": units, "activation": out_activation, "use_bias": True, "l1": 0.0, "l2": 0.0},
    ]
    if regularizer:
        layers_spec[0].update(regularizer)
    keras_layers = [keras.Input(shape=(d,))]
    for spec in layers_spec:
        reg = None
        if spec["l1"] or spec["l2"]:
            reg = keras.regularizers.L1L2(l1=spec["l1"], l2=spec["l2"])
        keras_layers.append(keras.layers.Dense(spec["units"], activation=spec["activation"],
                                               use_bias=spec["use_bias"], kernel_regularizer=reg))
    model = keras.Sequential(keras_layers)
    initial = [rng.normal(scale=0.6, size=w.shape).astype("float32") for w in model.get_weights()]
    model.set_weights(initial)
    model.compile(loss=make_loss(loss_config), optimizer=make_optimizer(OPTIMIZERS[opt_key]), metrics=list(metrics))
    history = model.fit(x, y, batch_size=batch_size, epochs=epochs, shuffle=False, verbose=0,
                        validation_split=validation_split)
    evaluation = model.evaluate(x, y, verbose=0, return_dict=True)
    return {
        "name": name,
        "input_width": d,
        "layers": layers_spec,
        "loss": loss_config,
        "optimizer": OPTIMIZERS[opt_key],
        "metrics": list(metrics),
        "batch_size": batch_size,
        "epochs": epochs,
        "validation_split": validation_split,
        "x": tensor_json(x),
        "y": tensor_json(y),
        "initial_weights": [tensor_json(w) for w in initial],
        "history": {k: [float(v) for v in vs] for k, vs in history.history.items()},
        "final_weights": [tensor_json(w) for w in model.get_weights()],
        "predictions": tensor_json(model.predict(x, verbose=0)),
        "evaluate": {k: float(v) for k, v in evaluation.items()},
    }


def run_layer_case(name, specs, input_shape, loss_key, opt_key, *, batch_size=10, epochs=3, x_scale=1.0, x_shift=0.0):
    """One case of keras_layers.json: a model of any layers (see keras_layer_cases.py)."""
    rng = LAYER_RNG
    loss_config, units, _, target_kind = LOSSES[loss_key]
    n = 20
    x = (rng.normal(size=(n,) + tuple(input_shape)) * x_scale + x_shift).astype("float32")
    flat = x.reshape(n, -1)
    y = targets(target_kind, n, units, rng, flat)
    model = keras.Sequential([keras.Input(shape=input_shape)] + [keras_layer(spec, x) for spec in specs])
    initial = initial_weights(model, rng)
    model.set_weights(initial)
    metrics = ["accuracy"] if target_kind != "regression" else []
    model.compile(loss=make_loss(loss_config), optimizer=make_optimizer(OPTIMIZERS[opt_key]), metrics=metrics)
    history = {}
    if epochs > 0:
        history = model.fit(x, y, batch_size=batch_size, epochs=epochs, shuffle=False, verbose=0).history
    evaluation = model.evaluate(x, y, verbose=0, return_dict=True)
    return {
        "name": name, "input_shape": list(input_shape), "layers": specs, "loss": loss_config,
        "optimizer": OPTIMIZERS[opt_key], "metrics": metrics, "batch_size": batch_size, "epochs": epochs,
        "x": tensor_json(x), "y": tensor_json(y), "initial_weights": [tensor_json(w) for w in initial],
        "history": {k: [float(v) for v in vs] for k, vs in history.items()},
        "final_weights": [tensor_json(w) for w in model.get_weights()],
        "predictions": tensor_json(model.predict(x, verbose=0)),
        "evaluate": {k: float(v) for k, v in evaluation.items()},
    }


LAYER_RNG = np.random.default_rng(12)


def main():
    meta = {"tensorflow": tf.__version__, "keras": keras.__version__, "numpy": np.__version__}
    layer_cases_list = layer_cases(LAYER_RNG, run_layer_case)
    with open(LAYERS_OUT, "w") as f:
        json.dump({"generator": meta, "cases": layer_cases_list}, f, indent=None, separators=(",", ":"))
    print(f"wrote {len(layer_cases_list)} cases to {os.path.normpath(LAYERS_OUT)}", file=sys.stderr)
    if "--layers-only" in sys.argv:
        return
    rng = np.random.default_rng(2024)
    cases = []
    for i, loss_key in enumerate(LOSSES):
        for j, opt_key in enumerate(OPTIMIZERS):
            hidden = HIDDEN[(i + j) % len(HIDDEN)]
            metrics = ["accuracy"] if LOSSES[loss_key][3] != "regression" else ["mae"]
            cases.append(run_case(f"{loss_key}-{opt_key}-{hidden}", loss_key, opt_key, hidden, rng, metrics=metrics))
    cases.append(run_case("bce-adam-l2", "bce", "adam", "relu", rng, regularizer={"l2": 0.01}, metrics=["accuracy"]))
    cases.append(run_case("mse-sgd-l1", "mse", "sgd", "tanh", rng, regularizer={"l1": 0.01}))
    cases.append(run_case("bce-rmsprop-validation", "bce", "rmsprop", "sigmoid", rng, validation_split=0.25,
                          metrics=["accuracy"]))
    cases.append(run_case("cce-sgd-nobias", "cce", "sgd", "relu", rng, use_bias=False, metrics=["accuracy"]))
    cases.append(run_case("scce-adam-fullbatch", "scce_logits", "adam", "relu", rng, batch_size=20, epochs=5,
                          metrics=["accuracy"]))
    with open(OUT, "w") as f:
        json.dump({"generator": meta, "cases": cases}, f, indent=None, separators=(",", ":"))
    print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
