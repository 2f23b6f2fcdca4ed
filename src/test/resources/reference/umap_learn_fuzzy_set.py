#!/usr/bin/python3
"""Reference numbers for UmapReferenceTest from umap-learn itself (Debian's umap-learn 0.5.3).

Run from this folder: /usr/bin/python3 umap_learn_fuzzy_set.py > umap_learn_fuzzy_set.txt

15 points in 3-D (two of them duplicates, so that zero distances occur), their exact 5 nearest
neighbours (the point itself first, scikit-learn's NearestNeighbors), and what umap-learn computes
from them: rho and sigma of each point (smooth_knn_dist, Eqs. 5.12-5.13) for local connectivity 1
and 1.5, the symmetric fuzzy simplicial set (fuzzy_simplicial_set, Eq. 5.14) as a dense matrix, and
the membership curve's a and b (find_ab_params) for three (spread, min_dist) pairs.
"""
import numpy as np
from sklearn.neighbors import NearestNeighbors
from umap.umap_ import smooth_knn_dist, fuzzy_simplicial_set, find_ab_params
import umap

rng = np.random.default_rng(7)
x = np.round(rng.normal(size=(15, 3)) * 2, 3)
x[14] = x[3]  # a duplicate: distance 0
k = 5
nn = NearestNeighbors(n_neighbors=k).fit(x)
dists, idx = nn.kneighbors(x)
# the duplicate pair: make sure each lists itself first (ties at distance 0)
for i in range(len(x)):
    if idx[i][0] != i:
        j = list(idx[i]).index(i)
        idx[i][0], idx[i][j] = idx[i][j], idx[i][0]

def line(name, values):
    print(name + " " + " ".join(repr(float(v)) for v in np.ravel(values)))

print("# umap-learn " + umap.__version__)
print("n 15 d 3 k 5")
line("x", x)
line("knn_indices", idx)
line("knn_dists", dists)
for local in (1.0, 1.5):
    sigmas, rhos = smooth_knn_dist(dists.astype(np.float32), float(k), local_connectivity=local)
    line("rho_%g" % local, rhos)
    line("sigma_%g" % local, sigmas)
graph, _, _ = fuzzy_simplicial_set(x, k, None, "euclidean", knn_indices=idx, knn_dists=dists.astype(np.float32))
line("graph", graph.toarray())
for spread, min_dist in ((1.0, 0.1), (1.0, 0.5), (2.0, 0.05)):
    a, b = find_ab_params(spread, min_dist)
    line("ab_%g_%g" % (spread, min_dist), [a, b])
