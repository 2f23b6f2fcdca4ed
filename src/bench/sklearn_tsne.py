#!/usr/bin/env python3
"""scikit-learn's TSNE as src/bench/tsne_umap.sh runs it: PCA to 50 components (as the TSNE
filter's -pca 50 does), then TSNE with perplexity 30, 2 components, random_state 1 and scikit-learn's
other defaults (Barnes-Hut, angle 0.5, 1,000 iterations, init "pca", learning rate "auto").
The time covers the PCA and the TSNE, not loading the data.

usage: sklearn_tsne.py <digits|fashion> <rows> <threads> <embedding.csv>
prints: seconds peak-resident-MB (the embedding goes to the CSV, the label last)
"""
import os
import resource
import sys
import time

import numpy as np
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tsne_umap_data import load  # noqa: E402


def main():
    dataset, rows, threads, path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    x, y = load(dataset, rows)
    start = time.perf_counter()
    reduced = PCA(n_components=min(50, x.shape[1]), random_state=1).fit_transform(x)
    embedding = TSNE(n_components=2, perplexity=30, random_state=1, n_jobs=threads,
                     init="pca", learning_rate="auto").fit_transform(reduced)
    seconds = time.perf_counter() - start
    np.savetxt(path, np.column_stack([embedding, y]), delimiter=",", fmt="%.9g")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{seconds:.2f} {peak}")


if __name__ == "__main__":
    main()
