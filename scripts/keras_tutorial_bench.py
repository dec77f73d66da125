"""Reference timing for nn-bench's tutorial workload: TensorFlow's first tutorial model
(Flatten 28x28, Dense 128 relu, Dropout 0.2, Dense 10), Adam, SparseCCE from logits, on N synthetic
28x28 images, batch 32, in Keras on CPU. Prints the fit time per epoch and the final loss.

    /tmp/venv/bin/python scripts/keras_tutorial_bench.py [N] [EPOCHS]
"""
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

n = int(sys.argv[1]) if len(sys.argv) > 1 else 60000
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
rng = np.random.default_rng(0)
X = rng.random(size=(n, 28, 28)).astype("float32")
Y = X[:, 0, :10].argmax(axis=1).astype("int64")
tf.keras.utils.set_random_seed(0)
model = tf.keras.Sequential([
    tf.keras.Input(shape=(28, 28)), tf.keras.layers.Flatten(), tf.keras.layers.Dense(128, activation="relu"),
    tf.keras.layers.Dropout(0.2), tf.keras.layers.Dense(10)])
model.compile(loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True), optimizer="adam")
model.fit(X[:1280], Y[:1280], epochs=1, batch_size=32, verbose=0)  # warm-up / graph trace
start = time.time()
history = model.fit(X, Y, epochs=epochs, batch_size=32, verbose=0)
print(f"epoch_s {(time.time() - start) / epochs:.3f} loss {history.history['loss'][-1]:.4f} steps_per_epoch {(n + 31) // 32}")
