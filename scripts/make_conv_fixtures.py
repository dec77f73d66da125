"""Writes the Keras-parity fixture of the image layers (Tests/NNEngineTests/Fixtures/keras_conv.json).

Each case builds a small convolutional network in Keras 3 (tensorflow-cpu) from fixed random
weights and records, for one batch: the forward output in inference (predict), the training-mode
loss, the gradient of that loss with respect to every weight (tf.GradientTape),
and every weight after one optimizer step (train_on_batch). ConvolutionParityTests replays each
case on NNEngine and compares to 1e-5. Run it only to regenerate the fixture:

    /tmp/venv-corpus/bin/python scripts/make_conv_fixtures.py   # tensorflow-cpu 2.21, keras 3
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "NNEngineTests", "Fixtures", "keras_conv.json")

OPTIMIZERS = {
    "sgd": {"name": "SGD", "learning_rate": 0.1},
    "adam": {"name": "Adam", "learning_rate": 0.01},
    "rmsprop": {"name": "RMSprop", "learning_rate": 0.01},
}
# loss key -> (Keras loss, from_logits)
LOSSES = {
    "cce": ("CategoricalCrossentropy", False),
    "scce_logits": ("SparseCategoricalCrossentropy", True),
    "mse": ("MeanSquaredError", False),
}


def keras_layer(spec):
    kind = spec["kind"]
    args = {k: v for k, v in spec.items() if k != "kind"}
    for key in ("kernel_size", "strides", "pool_size", "target_shape"):
        if isinstance(args.get(key), list):
            args[key] = tuple(args[key])
    return getattr(keras.layers, kind)(**args)


def tensor_json(a):
    a = np.asarray(a)
    return {"shape": list(a.shape), "values": [float(v) for v in a.astype("float64").ravel()]}


def run(name, input_shape, specs, loss_key, opt_key, rng, rows=5):
    loss_name, from_logits = LOSSES[loss_key]
    model = keras.Sequential([keras.Input(shape=tuple(input_shape))] + [keras_layer(s) for s in specs])
    x = rng.normal(size=(rows,) + tuple(input_shape)).astype("float32")
    units = model.output_shape[-1]
    if loss_key == "cce":
        y = np.eye(units, dtype="float32")[rng.integers(0, units, size=rows)]
    elif loss_key == "scce_logits":
        y = rng.integers(0, units, size=rows).astype("int64")
    else:
        y = rng.normal(size=(rows, units)).astype("float32")
    initial = [rng.normal(scale=0.4, size=w.shape).astype("float32") for w in model.get_weights()]
    model.set_weights(initial)
    loss = getattr(keras.losses, loss_name)(**({"from_logits": True} if from_logits else {}))
    opt = dict(OPTIMIZERS[opt_key])
    optimizer = getattr(keras.optimizers, opt.pop("name"))(**opt)
    model.compile(loss=loss, optimizer=optimizer)
    predictions = model.predict(x, verbose=0)
    with tf.GradientTape() as tape:
        value = loss(y, model(x, training=True))
    gradients = tape.gradient(value, model.trainable_weights)
    step_loss = model.train_on_batch(x, y)
    return {
        "name": name, "input_shape": list(input_shape), "layers": specs, "loss": loss_name,
        "from_logits": from_logits, "optimizer": OPTIMIZERS[opt_key],
        "x": tensor_json(x), "y": tensor_json(y), "initial_weights": [tensor_json(w) for w in initial],
        "predictions": tensor_json(predictions), "loss_value": float(value),
        "weight_gradients": [tensor_json(g) for g in gradients],
        "step_loss": float(step_loss), "weights_after_step": [tensor_json(w) for w in model.get_weights()],
    }


def main():
    rng = np.random.default_rng(205)
    cases = [
        run("digits-convnet", (8, 8, 1), [
            {"kind": "Conv2D", "filters": 4, "kernel_size": [3, 3], "activation": "relu"},
            {"kind": "MaxPooling2D", "pool_size": [2, 2]},
            {"kind": "Conv2D", "filters": 6, "kernel_size": 2, "padding": "same", "activation": "tanh"},
            {"kind": "Flatten"},
            {"kind": "Dense", "units": 3, "activation": "softmax"}], "cce", "adam", rng),
        run("strided-same-average", (7, 6, 2), [
            {"kind": "Conv2D", "filters": 3, "kernel_size": [3, 2], "strides": 2, "padding": "same",
             "activation": "sigmoid"},
            {"kind": "AveragePooling2D", "pool_size": 2, "padding": "same"},
            {"kind": "Flatten"},
            {"kind": "Dense", "units": 2}], "mse", "sgd", rng),
        run("global-average-logits", (6, 6, 3), [
            {"kind": "Conv2D", "filters": 5, "kernel_size": 3, "padding": "same", "activation": "relu",
             "use_bias": False},
            {"kind": "MaxPooling2D", "pool_size": 3, "strides": 2, "padding": "same"},
            {"kind": "GlobalAveragePooling2D"},
            {"kind": "Dense", "units": 3}], "scce_logits", "rmsprop", rng),
        run("global-max-reshape", (5, 5, 2), [
            {"kind": "Conv2D", "filters": 4, "kernel_size": 2, "activation": "tanh"},
            {"kind": "GlobalMaxPooling2D", "keepdims": True},
            {"kind": "Reshape", "target_shape": [2, 2]},
            {"kind": "Flatten"},
            {"kind": "Dense", "units": 3, "activation": "softmax"}], "cce", "sgd", rng),
    ]
    meta = {"tensorflow": tf.__version__, "keras": keras.__version__, "numpy": np.__version__}
    with open(OUT, "w") as f:
        json.dump({"generator": meta, "cases": cases}, f, indent=None, separators=(",", ":"))
    print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
