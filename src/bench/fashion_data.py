"""Fashion-MNIST from the Debian package dataset-fashion-mnist as float32 arrays (grey levels 0..255),
for the Python side of the benchmarks (the IDX reading is fashion_to_arff.py's)."""
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
