"""Writes examples/data/X.npy and y.npy in the shapes and dtypes of the Machine Learning
Specialization's week-1 digits assignment (X: 1000 x 400 float64, 20x20 images; y: 1000 x 1 uint8;
500 zeros then 500 ones), built from the real UCI handwritten digits that NNLab ships
(Sources/NNLang/Resources/digits.csv, CC BY 4.0; see data/README.md).

Each 8x8 digit is enlarged to 20x20 by bilinear interpolation and scaled to [0, 1]; to reach 500
examples per class, copies are shifted by up to one pixel with a little noise (fixed seed). The
images are stored column by column (Fortran order within each row), as the course's are.

    python3 scripts/make_course_data.py
"""
import os

import numpy as np

root = os.path.join(os.path.dirname(__file__), "..")
rows = np.loadtxt(os.path.join(root, "Sources", "NNLang", "Resources", "digits.csv"), delimiter=",")
images, labels = rows[:, :64].reshape(-1, 8, 8) / 16.0, rows[:, 64].astype(int)


def enlarge(image):
    coordinates = np.linspace(0, 7, 20)
    low = np.floor(coordinates).astype(int)
    high = np.minimum(low + 1, 7)
    weight = coordinates - low
    rows_interpolated = image[low, :] * (1 - weight)[:, None] + image[high, :] * weight[:, None]
    return rows_interpolated[:, low] * (1 - weight)[None, :] + rows_interpolated[:, high] * weight[None, :]


rng = np.random.default_rng(1234)
X, y = [], []
for digit in (0, 1):
    source = [enlarge(image) for image in images[labels == digit]]
    for i in range(500):
        picture = source[i % len(source)]
        if i >= len(source):
            picture = np.roll(picture, rng.integers(-1, 2, size=2), axis=(0, 1))
            picture = np.clip(picture + rng.normal(scale=0.02, size=picture.shape), 0, 1)
        X.append(picture.T.reshape(400))
        y.append(digit)
out = os.path.join(root, "examples", "data")
os.makedirs(out, exist_ok=True)
np.save(os.path.join(out, "X.npy"), np.array(X, dtype=np.float64))
np.save(os.path.join(out, "y.npy"), np.array(y, dtype=np.uint8).reshape(-1, 1))
print("wrote examples/data/X.npy", np.array(X).shape, "and y.npy", np.array(y).reshape(-1, 1).shape)
