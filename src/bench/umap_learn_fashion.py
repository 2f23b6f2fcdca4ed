#!/usr/bin/env python3
"""umap-learn (Debian package umap-learn) on Fashion-MNIST: fit on the training images, transform the
test images, with umap-learn's defaults (n_neighbors 15, min_dist 0.1, Euclidean on raw grey levels).

usage: umap_learn_fashion.py <train rows> <seed or 'none'> <train-embedding.csv> <test-embedding.csv>
       [test rows, default 10000]

The training rows are fashion_data.py's load_extended: the first training images up to 60,000, past
that the test images and shifted copies too (src/bench/cost_curves.sh's largest sizes; the test
images are then also among the training rows). UMAP_VERBOSE=1 passes verbose=True to umap-learn,
whose log (stdout, before the last line) gives the time of each stage.

Loading the IDX files is not timed. Prints one line: fit seconds (fit_transform of the training
images, including numba's compilation on first use, as a user meets it), transform seconds, peak
resident memory (MB). With a seed umap-learn runs single-threaded (its documented behaviour); with
'none' it uses as many threads as numba may (NUMBA_NUM_THREADS, set by the benchmark script).
"""
import os
import resource
import sys
import time

import numpy as np

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from fashion_data import load, load_extended  # noqa: E402


def main():
    rows, seed, train_csv, test_csv = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    test_rows = int(sys.argv[5]) if len(sys.argv) > 5 else 10000
    x_train, y_train = load_extended(rows)
    x_test, y_test = load("t10k", test_rows)
    import umap
    start = time.perf_counter()
    model = umap.UMAP(n_neighbors=15, min_dist=0.1,
                      random_state=None if seed == "none" else int(seed),
                      verbose=os.environ.get("UMAP_VERBOSE") == "1")
    train_embedding = model.fit_transform(x_train)
    fit = time.perf_counter() - start
    start = time.perf_counter()
    test_embedding = model.transform(x_test)
    transform = time.perf_counter() - start
    np.savetxt(train_csv, np.column_stack([train_embedding, y_train]), delimiter=",",
               fmt=["%.6f", "%.6f", "%d"])
    np.savetxt(test_csv, np.column_stack([test_embedding, y_test]), delimiter=",",
               fmt=["%.6f", "%.6f", "%d"])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{fit:.2f} {transform:.2f} {peak}")


if __name__ == "__main__":
    main()
