#!/usr/bin/env python3
"""Quality of a 2-D embedding in src/bench/tsne_umap.sh, computed the same way for every scheme:
trustworthiness with k = 10 (sklearn.manifold.trustworthiness, Venna and Kaski 2001: how many of
each point's 10 nearest neighbours in the embedding are intruders from far away in the original
pixels) over all rows, and leave-one-out 5-NN accuracy in the embedding (each point's class
predicted by a majority vote of its 5 nearest other points, Euclidean; a tie goes to the smallest
label), as TsneTest measures the filter.

usage: embedding_quality.py <digits|fashion> <rows> <embedding.csv (label last)>
prints: trustworthiness accuracy
"""
import os
import sys

import numpy as np
from sklearn.manifold import trustworthiness
from sklearn.neighbors import NearestNeighbors

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tsne_umap_data import load  # noqa: E402


def main():
    dataset, rows = sys.argv[1], int(sys.argv[2])
    x, y = load(dataset, rows)
    data = np.loadtxt(sys.argv[3], delimiter=",")
    embedding, labels = data[:, :-1], data[:, -1].astype(np.int64)
    assert len(labels) == len(y) and (labels == y).all(), "rows out of order or missing"
    t = trustworthiness(x, embedding, n_neighbors=10)
    # 6 neighbours: the point itself (distance 0) and its 5 nearest others
    _, index = NearestNeighbors(n_neighbors=6).fit(embedding).kneighbors(embedding)
    others = np.array([row[row != i][:5] for i, row in enumerate(index)])
    votes = np.array([np.bincount(y[o], minlength=y.max() + 1) for o in others])
    accuracy = (votes.argmax(axis=1) == y).mean()
    print(f"{t:.4f} {accuracy:.4f}")


if __name__ == "__main__":
    main()
