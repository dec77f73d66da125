"""Keras-parity cases for the layers beyond Dense (imported by make_keras_fixtures.py).

Each case builds a model from a list of layer specs (dicts with a "kind"), sets random initial
weights (moving statistics included; a Normalization layer keeps what adapt() computed), trains
with shuffle=False and records history, final weights, predictions and evaluate(). Dropout in
training is checked against masks fed to both sides: a Keras layer that applies the given masks
in turn, one per training step, exactly as NNLab's Dropout does with `fixedMasks`.
"""
import numpy as np
import tensorflow as tf
import keras


class FixedMaskDropout(keras.layers.Layer):
    """Inverted dropout with the masks given, one per training step in turn."""

    def __init__(self, rate, masks, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate
        self.masks = tf.constant(np.asarray(masks, dtype="float32"))
        self.step = tf.Variable(0, trainable=False, dtype="int64")

    def call(self, inputs, training=None):
        if not training:
            return inputs
        mask = tf.gather(self.masks, self.step % tf.shape(self.masks, out_type="int64")[0])
        self.step.assign_add(1)
        scale = np.float32(1 / (1 - self.rate))
        return (inputs * scale) * mask


def keras_layer(spec, x):
    kind = spec["kind"]
    trainable = spec.get("trainable", True)
    if kind == "Dense":
        return keras.layers.Dense(spec["units"], activation=spec.get("activation"), trainable=trainable)
    if kind == "Flatten":
        return keras.layers.Flatten()
    if kind == "Dropout":
        if "masks" in spec:
            return FixedMaskDropout(spec["rate"], spec["masks"])
        return keras.layers.Dropout(spec["rate"], seed=spec.get("seed"))
    if kind == "Activation":
        return keras.layers.Activation(spec["activation"])
    if kind == "ReLU":
        return keras.layers.ReLU(max_value=spec.get("max_value"), negative_slope=spec.get("negative_slope", 0.0),
                                 threshold=spec.get("threshold", 0.0))
    if kind == "LeakyReLU":
        return keras.layers.LeakyReLU(**({"negative_slope": spec["negative_slope"]} if "negative_slope" in spec else {}))
    if kind == "Softmax":
        return keras.layers.Softmax()
    if kind == "Normalization":
        if "mean" in spec:
            return keras.layers.Normalization(mean=spec["mean"], variance=spec["variance"],
                                              invert=spec.get("invert", False))
        layer = keras.layers.Normalization(axis=spec.get("axis", -1))
        layer.adapt(x)
        return layer
    if kind == "BatchNormalization":
        return keras.layers.BatchNormalization(momentum=spec.get("momentum", 0.99), epsilon=spec.get("epsilon", 1e-3),
                                               center=spec.get("center", True), scale=spec.get("scale", True),
                                               trainable=trainable)
    if kind == "Sequential":
        return keras.Sequential([keras_layer(inner, x) for inner in spec["layers"]])
    raise ValueError(kind)


def initial_weights(model, rng):
    """Random weights for every layer; a Normalization keeps its adapted statistics."""
    values = []
    for variable in model.weights:
        name = variable.path.split("/")[-1]
        shape = tuple(variable.shape)
        if name in ("mean", "variance", "count"):
            values.append(variable.numpy())
        elif name == "moving_variance":
            values.append(rng.uniform(0.5, 2.0, size=shape).astype("float32"))
        elif name == "gamma":
            values.append(rng.uniform(0.5, 1.5, size=shape).astype("float32"))
        else:
            values.append(rng.normal(scale=0.6, size=shape).astype("float32"))
    return values


def masks(rng, steps, rows, width, rate):
    return (rng.random(size=(steps, rows, width)) >= rate).astype("float32").tolist()


def layer_cases(rng, run):
    """The cases; `run(name, specs, input_shape, loss_key, opt_key, ...)` trains one and returns its record."""
    cases = []
    cases.append(run("flatten-batchnorm-2d", [
        {"kind": "BatchNormalization"}, {"kind": "Flatten"}, {"kind": "Dense", "units": 5, "activation": "relu"},
        {"kind": "Dense", "units": 3}], (3, 4), "scce_logits", "adam", batch_size=5))
    cases.append(run("dropout-fixed-masks", [
        {"kind": "Dense", "units": 6, "activation": "relu"},
        {"kind": "Dropout", "rate": 0.3, "masks": masks(rng, 4, 5, 6, 0.3)},
        {"kind": "Dense", "units": 1, "activation": "sigmoid"}], (4,), "bce", "sgd", batch_size=5))
    cases.append(run("dropout-inference", [
        {"kind": "Dense", "units": 6, "activation": "relu"}, {"kind": "Dropout", "rate": 0.5, "seed": 3},
        {"kind": "Dense", "units": 3, "activation": "softmax"}], (4,), "cce", "adam", epochs=0))
    cases.append(run("activation-layers", [
        {"kind": "Dense", "units": 5}, {"kind": "Activation", "activation": "tanh"},
        {"kind": "Dense", "units": 5}, {"kind": "LeakyReLU"},
        {"kind": "Dense", "units": 5}, {"kind": "ReLU", "max_value": 1.0, "negative_slope": 0.1, "threshold": 0.1},
        {"kind": "Dense", "units": 2}], (4,), "mse", "rmsprop", batch_size=10))
    cases.append(run("relu-leaky-slope", [
        {"kind": "Dense", "units": 5}, {"kind": "ReLU"}, {"kind": "Dense", "units": 4},
        {"kind": "LeakyReLU", "negative_slope": 0.05}, {"kind": "Dense", "units": 1}], (4,), "mae", "momentum"))
    cases.append(run("softmax-layer-cce", [
        {"kind": "Dense", "units": 5, "activation": "relu"}, {"kind": "Dense", "units": 3}, {"kind": "Softmax"}],
        (4,), "cce", "adam"))
    cases.append(run("sigmoid-activation-bce", [
        {"kind": "Dense", "units": 4, "activation": "tanh"}, {"kind": "Dense", "units": 1},
        {"kind": "Activation", "activation": "sigmoid"}], (4,), "bce", "nesterov"))
    cases.append(run("normalization-adapt", [
        {"kind": "Normalization"}, {"kind": "Dense", "units": 4, "activation": "relu"}, {"kind": "Dense", "units": 2}],
        (4,), "mse", "adam", x_scale=3.0, x_shift=2.0))
    cases.append(run("normalization-invert", [
        {"kind": "Dense", "units": 3}, {"kind": "Normalization", "mean": [0.5, -1.0, 2.0], "variance": [4.0, 0.25, 1.0],
                                        "invert": True}, {"kind": "Dense", "units": 2}], (4,), "mse", "sgd"))
    cases.append(run("batchnorm", [
        {"kind": "Dense", "units": 6}, {"kind": "BatchNormalization"}, {"kind": "Activation", "activation": "relu"},
        {"kind": "Dense", "units": 3}], (4,), "scce_logits", "momentum", batch_size=5, epochs=4))
    cases.append(run("batchnorm-options", [
        {"kind": "Dense", "units": 5, "activation": "tanh"},
        {"kind": "BatchNormalization", "momentum": 0.9, "epsilon": 0.01, "center": False, "scale": False},
        {"kind": "Dense", "units": 2}], (4,), "mse", "rmsprop", batch_size=10))
    cases.append(run("batchnorm-frozen", [
        {"kind": "Dense", "units": 5}, {"kind": "BatchNormalization", "trainable": False},
        {"kind": "Dense", "units": 1, "activation": "sigmoid"}], (4,), "bce", "adam"))
    cases.append(run("dense-frozen", [
        {"kind": "Dense", "units": 5, "activation": "relu", "trainable": False}, {"kind": "Dense", "units": 2}],
        (4,), "mse", "adam"))
    cases.append(run("nested-sequential", [
        {"kind": "Sequential", "layers": [{"kind": "Dense", "units": 5, "activation": "tanh"},
                                          {"kind": "BatchNormalization"}]},
        {"kind": "Dense", "units": 2}], (4,), "mse", "adam", batch_size=5))
    return cases
