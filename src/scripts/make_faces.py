#!/usr/bin/env python3
"""Writes the synthetic face images of src/test/resources/images/faces (eigenfaces, course
section 5.1.5): 32 grey 40x40 PNGs, 16 smiling and 16 frowning faces (one sub-folder per class),
each an oval head with two eyes, a nose and a mouth whose sizes and positions vary, lit from a
random side, with a little noise. Deterministic (seed 7). Only numpy and the standard library."""
import os
import struct
import sys
import zlib

import numpy as np

SIZE = 40


def png(path, pixels):
    """An 8-bit greyscale PNG of a 2-D uint8 array."""
    h, w = pixels.shape
    raw = b"".join(b"\x00" + pixels[y].tobytes() for y in range(h))

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def face(rng, smiling):
    y, x = np.mgrid[0:SIZE, 0:SIZE].astype(float)
    cx = SIZE / 2 + rng.uniform(-2, 2)
    cy = SIZE / 2 + rng.uniform(-2, 2)
    rx = rng.uniform(12, 15)
    ry = rng.uniform(15, 18)
    image = np.full((SIZE, SIZE), 40.0)
    head = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1
    # light from one side: a gradient across the face
    side = rng.uniform(-1, 1)
    image[head] = 170 + 40 * side * (x[head] - cx) / rx
    eye_dx = rng.uniform(4.5, 6.5)
    eye_y = cy - rng.uniform(3, 6)
    eye_r = rng.uniform(1.5, 2.5)
    for ex in (cx - eye_dx, cx + eye_dx):
        image[(x - ex) ** 2 + (y - eye_y) ** 2 <= eye_r ** 2] = 30
    nose = (np.abs(x - cx) <= 1) & (y >= eye_y + 2) & (y <= cy + 3)
    image[nose] -= 50
    mouth_y = cy + rng.uniform(6, 8)
    half = rng.uniform(4, 6)
    bend = rng.uniform(2, 3.5) * (-1 if smiling else 1)  # y grows downwards: corners up
    for t in np.linspace(-1, 1, 60):
        mx = cx + half * t
        my = mouth_y + bend * (t * t - 0.5)
        image[(x - mx) ** 2 + (y - my) ** 2 <= 1.0] = 50
    image += rng.normal(0, 6, image.shape)
    return np.clip(image, 0, 255).astype(np.uint8)


def main(folder):
    rng = np.random.default_rng(7)
    for kind, smiling in (("frown", False), ("smile", True)):
        os.makedirs(os.path.join(folder, kind), exist_ok=True)
        for i in range(16):
            png(os.path.join(folder, kind, "%02d.png" % i), face(rng, smiling))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/images/faces")
