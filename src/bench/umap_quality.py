#!/usr/bin/env python3
"""Quality of a Fashion-MNIST embedding, computed the same way for every scheme with scikit-learn:
5-NN accuracy of the test embedding (a KNeighborsClassifier fitted on the training embedding) and
trustworthiness (k = 10, sklearn.manifold.trustworthiness) of the first 5,000 training points and of
the first 5,000 test points against their pixels.

usage: umap_quality.py <train rows> <train-embedding.csv> <test-embedding.csv> [test rows, default 10000]
prints: accuracy trustworthiness_train trustworthiness_test
"""
import sys

import numpy as np
from sklearn.manifold import trustworthiness
from sklearn.neighbors import KNeighborsClassifier

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from fashion_data import load  # noqa: E402


def main():
    rows = int(sys.argv[1])
    train = np.loadtxt(sys.argv[2], delimiter=",")
    test = np.loadtxt(sys.argv[3], delimiter=",")
    x_train, y_train = load("train", rows)
    x_test, y_test = load("t10k", int(sys.argv[4]) if len(sys.argv) > 4 else 10000)
    assert (train[:, -1] == y_train).all() and (test[:, -1] == y_test).all(), "rows out of order"
    knn = KNeighborsClassifier(n_neighbors=5).fit(train[:, :-1], y_train)
    accuracy = knn.score(test[:, :-1], y_test)
    sample = 5000
    t_train = trustworthiness(x_train[:sample], train[:sample, :-1], n_neighbors=10)
    t_test = trustworthiness(x_test[:sample], test[:sample, :-1], n_neighbors=10)
    print(f"{accuracy:.4f} {t_train:.4f} {t_test:.4f}")


if __name__ == "__main__":
    main()
