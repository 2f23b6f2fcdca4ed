#!/usr/bin/env python3
"""scikit-learn's PCA on the same Fashion-MNIST ARFF files, timed as PcaBenchmark.java times the
Weka filters: fit + transform of the training set, then transform of the test set (loading not
timed). n_components is an integer or a variance fraction. Prints: fit seconds, test transform
seconds, components, fraction of variance explained, peak resident memory (MB), the fit seconds of
a second, fresh PCA in the same process, and the solver used."""
import resource
import sys
import time

import numpy as np
from sklearn.decomposition import PCA


def load(path):
    rows = []
    with open(path) as f:
        in_data = False
        for line in f:
            if in_data:
                rows.append(np.array(line.rstrip("\n").split(",")[:-1], dtype=np.float64))
            elif line.lower().startswith("@data"):
                in_data = True
    return np.vstack(rows)


n_components = float(sys.argv[1]) if "." in sys.argv[1] else int(sys.argv[1])
x_train, x_test = load(sys.argv[2]), load(sys.argv[3])
start = time.perf_counter()
pca = PCA(n_components=n_components, random_state=1)
scores = pca.fit_transform(x_train)
fit_seconds = time.perf_counter() - start
start = time.perf_counter()
pca.transform(x_test)
transform_seconds = time.perf_counter() - start
explained = scores.var(axis=0, ddof=1).sum() / x_train.var(axis=0, ddof=1).sum()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
start = time.perf_counter()
PCA(n_components=n_components, random_state=1).fit_transform(x_train)
repeated_seconds = time.perf_counter() - start
print(f"{fit_seconds:.2f} {transform_seconds:.2f} {pca.n_components_} {explained:.5f} {peak} "
      f"{repeated_seconds:.2f} {pca._fit_svd_solver}")
