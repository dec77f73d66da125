"""Writes Tests/NNTeachTests/Fixtures/keras_steps.json: one training step of small networks in Keras,
with every activation (forward pass), the loss, every gradient (tf.GradientTape) and every updated
weight (one `fit` step), so the tests can check that the numbers the teacher prints are Keras's.

    /tmp/tfenv/bin/python scripts/make_teaching_fixtures.py
"""
import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "NNTeachTests", "Fixtures", "keras_steps.json")

CASES = [
    ("sigmoid-bce-sgd", [3, 1], ["sigmoid", "sigmoid"], "BinaryCrossentropy", {"name": "SGD", "learning_rate": 0.5}),
    ("sigmoid-bce-momentum", [3, 1], ["sigmoid", "sigmoid"], "BinaryCrossentropy",
     {"name": "SGD", "learning_rate": 0.1, "momentum": 0.9}),
    ("tanh-mse-rmsprop", [3, 1], ["tanh", "linear"], "MeanSquaredError", {"name": "RMSprop", "learning_rate": 0.01}),
    ("relu-softmax-scce-adam", [4, 3], ["relu", "softmax"], "SparseCategoricalCrossentropy",
     {"name": "Adam", "learning_rate": 0.01}),
]


def tensor(a):
    a = np.asarray(a)
    return {"shape": list(a.shape), "values": [float(v) for v in a.astype("float64").ravel()]}


def main():
    rng = np.random.default_rng(7)
    x = np.array([[0.6, -0.3], [0.1, 0.9], [-0.5, 0.4], [0.8, 0.8]], dtype="float32")
    cases = []
    for name, units, activations, loss_name, optimizer in CASES:
        if loss_name == "SparseCategoricalCrossentropy":
            y = np.array([0, 2, 1, 2], dtype="int64")
        elif loss_name == "MeanSquaredError":
            y = np.array([[0.5], [-0.2], [0.1], [0.9]], dtype="float32")
        else:
            y = np.array([[1.0], [0.0], [0.0], [1.0]], dtype="float32")
        layers = [keras.Input(shape=(2,))] + [keras.layers.Dense(u, activation=a) for u, a in zip(units, activations)]
        model = keras.Sequential(layers)
        weights = [rng.normal(scale=0.7, size=w.shape).astype("float32") for w in model.get_weights()]
        model.set_weights(weights)
        loss = getattr(keras.losses, loss_name)()
        values = []
        inputs = tf.constant(x)
        with tf.GradientTape() as tape:
            h = inputs
            for layer in model.layers:
                z = tf.matmul(h, layer.kernel) + layer.bias
                h = layer.activation(z)
                values += [z, h]
            loss_value = loss(y, h)
        gradients = tape.gradient(loss_value, model.trainable_variables)
        config = dict(optimizer)
        model.compile(loss=loss, optimizer=getattr(keras.optimizers, config.pop("name"))(**config))
        model.fit(x, y, batch_size=4, epochs=1, shuffle=False, verbose=0)
        cases.append({
            "name": name, "units": units, "activations": activations, "loss": loss_name, "optimizer": optimizer,
            "x": tensor(x), "y": tensor(y), "weights": [tensor(w) for w in weights],
            "forward": [tensor(v) for v in values], "loss_value": float(loss_value),
            "gradients": [tensor(g) for g in gradients], "after": [tensor(w) for w in model.get_weights()],
        })
    with open(OUT, "w") as f:
        json.dump({"tensorflow": tf.__version__, "keras": keras.__version__, "cases": cases}, f, separators=(",", ":"))
    print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
