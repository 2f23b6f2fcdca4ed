"""Fashion-MNIST from the Debian package dataset-fashion-mnist as float32 arrays (grey levels 0..255),
for the Python side of the benchmarks."""
import gzip
import os
import struct

import numpy as np

ROOT = "/usr/share/datasets/fashion-mnist"


def _idx(path):
    for candidate in (path, path + ".gz"):
        if os.path.exists(candidate):
            opener = gzip.open if candidate.endswith(".gz") else open
            with opener(candidate, "rb") as f:
                data = f.read()
            _, _, ndim = struct.unpack(">HBB", data[:4])
            shape = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
            return np.frombuffer(data[4 + 4 * ndim:], dtype=np.uint8).reshape(shape)
    raise FileNotFoundError(path)


def load(split, rows):
    """split 'train' or 't10k'; the first `rows` images as (n, 784) float32 and their labels."""
    images = _idx(os.path.join(ROOT, f"{split}-images-idx3-ubyte"))
    labels = _idx(os.path.join(ROOT, f"{split}-labels-idx1-ubyte"))
    return images[:rows].reshape(rows, -1).astype(np.float32), labels[:rows].astype(np.int64)
