#!/usr/bin/python3
"""Reference numbers for NeighbourReferenceTest from scikit-learn (Debian's scikit-learn 1.2.1).

Run from this folder: /usr/bin/python3 sklearn_neighbours.py > sklearn_neighbours.txt

20 points in 5-D (values rounded to 3 decimals, so float32 reads them nearly exactly) and 6 query
points; the exact distances to the 4 nearest points (NearestNeighbors, brute force) under the
Minkowski distance for p = 1, 2, 3 and Chebyshev (p = inf); and the trustworthiness
(sklearn.manifold.trustworthiness) of two 2-D embeddings of the 20 points (the first two
coordinates, and a fixed random projection) for k = 1..5.
"""
import numpy as np
import sklearn
from sklearn.neighbors import NearestNeighbors
from sklearn.manifold import trustworthiness

rng = np.random.default_rng(18)
x = np.round(rng.normal(size=(20, 5)), 3)
q = np.round(rng.normal(size=(6, 5)), 3)
proj = np.round(rng.normal(size=(5, 2)), 3)
e1 = x[:, :2]
e2 = np.round(x @ proj, 3)

def line(name, values):
    print(name + " " + " ".join(repr(float(v)) for v in np.ravel(values)))

print("# scikit-learn " + sklearn.__version__)
line("x", x)
line("queries", q)
line("embedding_first_two", e1)
line("embedding_projected", e2)
for name, p in (("1", 1), ("2", 2), ("3", 3), ("inf", np.inf)):
    if p == np.inf:
        nn = NearestNeighbors(n_neighbors=4, algorithm="brute", metric="chebyshev").fit(x)
    else:
        nn = NearestNeighbors(n_neighbors=4, algorithm="brute", metric="minkowski", p=p).fit(x)
    d, _ = nn.kneighbors(q)
    line("query_dists_p" + name, d)
    d, _ = nn.kneighbors(x, n_neighbors=5)
    line("self_dists_p" + name, d)
for k in range(1, 6):
    print("trust_first_two_k%d %r" % (k, float(trustworthiness(x, e1, n_neighbors=k))))
    print("trust_projected_k%d %r" % (k, float(trustworthiness(x, e2, n_neighbors=k))))
