"""Fashion-MNIST from the Debian package dataset-fashion-mnist as float32 arrays (grey levels 0..255),
for the Python side of the benchmarks (the IDX reading is fashion_to_arff.py's).

load_extended(rows) goes past the 70,000 images for the cost curves (src/bench/cost_curves.sh): the
60,000 training images, then the 10,000 test images, then all 70,000 again shifted by one pixel
right, left, down and up (the vacated edge column or row black), 350,000 images at most. A shift by
one pixel is the standard augmentation of MNIST-like images: every image stays a real photograph of
a garment, only placed one pixel off, so a shifted copy is near its original (among its neighbours) without duplicating it.
Its first 60,000 rows are the training images, so up to 60,000 rows the data are load("train", n).

As a program it writes those rows for the peers that are not Python (R's uwot):
fashion_data.py <rows> <out prefix> writes <prefix>.u8 (rows x 784 grey levels, one byte each, row
after row) and <prefix>.labels (one byte per row).
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fashion_to_arff import read_idx  # noqa: E402

ROOT = "/usr/share/datasets/fashion-mnist"


def _idx(name):
    shape, data = read_idx(os.path.join(ROOT, name + ".gz"))
    return np.frombuffer(data, dtype=np.uint8).reshape(shape)


def load(split, rows):
    """split 'train' or 't10k'; the first `rows` images as (n, 784) float32 and their labels."""
    images = _idx(f"{split}-images-idx3-ubyte")
    labels = _idx(f"{split}-labels-idx1-ubyte")
    return images[:rows].reshape(rows, -1).astype(np.float32), labels[:rows].astype(np.int64)


SHIFTS = [(0, 1), (0, -1), (1, 0), (-1, 0)]  # (rows down, columns right): right, left, down, up


def shifted(images, down, right):
    """(n, 28, 28) images moved by (down, right) pixels, the vacated rows and columns black."""
    out = np.zeros_like(images)
    h, w = images.shape[1:]
    out[:, max(down, 0):h + min(down, 0), max(right, 0):w + min(right, 0)] = \
        images[:, max(-down, 0):h + min(-down, 0), max(-right, 0):w + min(-right, 0)]
    return out


def load_extended(rows, dtype=np.float32):
    """The first `rows` of training, test, then both shifted right, left, down and up, as
    (rows, 784) arrays of `dtype` and their labels."""
    if rows <= 60000:
        x, y = load("train", rows)
        return x.astype(dtype), y
    base = np.concatenate([_idx("train-images-idx3-ubyte"), _idx("t10k-images-idx3-ubyte")])
    labels = np.concatenate([_idx("train-labels-idx1-ubyte"), _idx("t10k-labels-idx1-ubyte")])
    if rows > base.shape[0] * (1 + len(SHIFTS)):
        raise ValueError(f"at most {base.shape[0] * (1 + len(SHIFTS))} rows, not {rows}")
    parts, label_parts, have = [base], [labels], base.shape[0]
    for down, right in SHIFTS:
        if have >= rows:
            break
        parts.append(shifted(base, down, right))
        label_parts.append(labels)
        have += base.shape[0]
    x = np.concatenate(parts)[:rows].reshape(rows, -1)
    return x.astype(dtype), np.concatenate(label_parts)[:rows].astype(np.int64)


def main():
    rows, prefix = int(sys.argv[1]), sys.argv[2]
    x, y = load_extended(rows, np.uint8)
    for suffix, array in ((".u8", x), (".labels", y.astype(np.uint8))):
        array.tofile(prefix + suffix + ".tmp")
        os.replace(prefix + suffix + ".tmp", prefix + suffix)


if __name__ == "__main__":
    main()
