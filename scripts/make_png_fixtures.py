#!/usr/bin/env python3
"""Writes the small PNG files of Tests/NNLangTests/Fixtures/png and records what matplotlib's imread returns.

Run with a Python that has matplotlib (e.g. /tmp/venv-corpus/bin/python). The files are written by hand
(zlib + struct) so that every filter type, every colour type and bit depth, palettes with and without tRNS,
Adam7 interlacing and split IDAT chunks all appear; `imread.json` holds each file's shape and float32 values
as matplotlib gives them, which PNGImageTests compares with NNLab's decoder.
"""

import json
import os
import random
import struct
import sys
import zlib

import matplotlib.image as mpimg
import numpy as np

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "NNLangTests", "Fixtures", "png")
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def filtered(rows, bpp, rng):
    """Each row behind a filter byte, the filter chosen at random (all five appear in larger images)."""
    out = bytearray()
    previous = bytes(len(rows[0])) if rows else b""
    for row in rows:
        kind = rng.randrange(5)
        line = bytearray()
        for i, x in enumerate(row):
            a = row[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            predictor = [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]
            line.append((x - predictor) & 0xFF)
        out += bytes([kind]) + line
        previous = row
    return bytes(out)


def pack_row(samples, depth):
    """One scanline's bytes from its samples (grey, index or channel values) at `depth` bits."""
    if depth == 16:
        return b"".join(struct.pack(">H", s) for s in samples)
    if depth == 8:
        return bytes(samples)
    out, bits, acc = bytearray(), 0, 0
    for s in samples:
        acc = (acc << depth) | s
        bits += depth
        if bits == 8:
            out.append(acc)
            bits, acc = 0, 0
    if bits:
        out.append(acc << (8 - bits))
    return bytes(out)


def write(name, width, height, depth, colour, pixels, plte=None, trns=None, interlace=False, seed=0, split=1):
    """`pixels[y][x]` is a tuple of samples; the file is written into HERE."""
    rng = random.Random(seed)
    channels = CHANNELS[colour]
    bpp = max(1, channels * depth // 8)
    raw = b""
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    for x0, y0, dx, dy in passes:
        columns = list(range(x0, width, dx))
        rows = [pack_row([s for x in columns for s in pixels[y][x]], depth) for y in range(y0, height, dy)]
        if columns and rows:
            raw += filtered(rows, bpp, rng)
    data = zlib.compress(raw, 9)
    pieces = [data[i * len(data) // split:(i + 1) * len(data) // split] for i in range(split)]
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, int(interlace)))
    if plte is not None:
        png += chunk(b"PLTE", bytes(v for entry in plte for v in entry))
    if trns is not None:
        png += chunk(b"tRNS", trns)
    for piece in pieces:
        png += chunk(b"IDAT", piece)
    png += chunk(b"IEND", b"")
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(png)


def main():
    os.makedirs(HERE, exist_ok=True)
    rng = random.Random(11)

    def image(width, height, channels, top):
        return [[tuple(rng.randrange(top + 1) for _ in range(channels)) for _ in range(width)] for _ in range(height)]

    write("grey8.png", 7, 6, 8, 0, image(7, 6, 1, 255), seed=1)
    write("grey16.png", 5, 4, 16, 0, image(5, 4, 1, 65535), seed=2)
    write("grey1.png", 11, 3, 1, 0, image(11, 3, 1, 1), seed=3)
    write("grey2.png", 6, 3, 2, 0, image(6, 3, 1, 3), seed=4)
    write("grey4.png", 5, 3, 4, 0, image(5, 3, 1, 15), seed=5)
    write("grey8_trns.png", 4, 3, 8, 0, image(4, 3, 1, 255), trns=b"\x00\x10", seed=6)
    write("rgb8.png", 9, 8, 8, 2, image(9, 8, 3, 255), seed=7, split=3)
    write("rgb16.png", 4, 3, 16, 2, image(4, 3, 3, 65535), seed=8)
    write("rgb8_trns.png", 3, 3, 8, 2, image(3, 3, 3, 255), trns=b"\x00\x01\x00\x02\x00\x03", seed=9)
    palette = [tuple(rng.randrange(256) for _ in range(3)) for _ in range(16)]
    write("palette8_trns.png", 6, 5, 8, 3, image(6, 5, 1, 15), plte=palette, trns=bytes([0, 128, 255, 7]), seed=10)
    write("palette4.png", 7, 4, 4, 3, image(7, 4, 1, 15), plte=palette, seed=11)
    write("palette2.png", 5, 2, 2, 3, image(5, 2, 1, 3), plte=palette[:4], seed=12)
    write("palette1.png", 10, 2, 1, 3, image(10, 2, 1, 1), plte=palette[:2], seed=13)
    write("la8.png", 4, 4, 8, 4, image(4, 4, 2, 255), seed=14)
    write("la16.png", 3, 2, 16, 4, image(3, 2, 2, 65535), seed=15)
    write("rgba8.png", 5, 5, 8, 6, image(5, 5, 4, 255), seed=16)
    write("rgba16.png", 3, 3, 16, 6, image(3, 3, 4, 65535), seed=17)
    write("adam7_rgb8.png", 13, 11, 8, 2, image(13, 11, 3, 255), interlace=True, seed=18)
    write("adam7_grey2.png", 9, 10, 2, 0, image(9, 10, 1, 3), interlace=True, seed=19)
    write("adam7_tiny.png", 1, 1, 8, 6, image(1, 1, 4, 255), interlace=True, seed=20)

    recorded = {}
    for name in sorted(os.listdir(HERE)):
        if name.endswith(".png"):
            array = mpimg.imread(os.path.join(HERE, name))
            assert array.dtype == np.float32, (name, array.dtype)
            recorded[name] = {"shape": list(array.shape), "values": [float(v) for v in array.ravel()]}
    with open(os.path.join(HERE, "imread.json"), "w") as f:
        json.dump(recorded, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(recorded)} files into {HERE}", file=sys.stderr)


if __name__ == "__main__":
    main()
