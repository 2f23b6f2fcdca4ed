#!/usr/bin/env python3
"""The data of src/bench/tsne_umap.sh, the same rows for Weka and for Python: "digits" is
scikit-learn's copy of the UCI 8 x 8 digits (python3-sklearn's digits.csv.gz, 1,797 images, 64 grey
levels 0..16), "fashion" the first rows of Fashion-MNIST's training images (fashion_data.py).

As a program it writes the digits as ARFF for the filters (Fashion-MNIST's ARFF is
fashion_to_arff.py's): tsne_umap_data.py <rows> <out.arff>
"""
import os
import sys

import numpy as np
from sklearn.datasets import load_digits

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fashion_data  # noqa: E402


def load(dataset, rows):
    """(rows, d) float64 pixels and their integer labels."""
    if dataset == "digits":
        x, y = load_digits(return_X_y=True)
        return x[:rows].astype(np.float64), y[:rows].astype(np.int64)
    x, y = fashion_data.load("train", rows)
    return x.astype(np.float64), y


def main():
    rows, path = int(sys.argv[1]), sys.argv[2]
    x, y = load("digits", rows)
    with open(path + ".tmp", "w") as out:
        out.write("% UCI optical recognition of handwritten digits, 8 x 8 (scikit-learn's copy)\n")
        out.write("@relation digits\n\n")
        for j in range(x.shape[1]):
            out.write(f"@attribute pixel{j} numeric\n")
        out.write("@attribute class {0,1,2,3,4,5,6,7,8,9}\n\n@data\n")
        for row, label in zip(x, y):
            out.write(",".join(str(int(v)) for v in row) + f",{label}\n")
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
