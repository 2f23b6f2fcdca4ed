#!/usr/bin/python3
"""Reference numbers for UmapLearnStepsTest from umap-learn itself (Debian's umap-learn 0.5.3).

Run from this folder: /usr/bin/python3 umap_learn_layout.py > umap_learn_layout.txt

What each block is for:
- smooth_knn_dist on hand-made rows: local connectivity 0, 0.5 and 4.5 (more than the row's
  non-zero distances, so rho is the largest of them), rows whose neighbours are all at rho (the
  sigma floor of 1e-3 times the row's mean binds) and a row of zeros only (the floor of 1e-3 times
  the mean of all distances binds);
- fuzzy_simplicial_set of umap_learn_fuzzy_set.py's 15 points with set_op_mix_ratio 0 and 0.5
  (intersection and half-way mix, Eq. 5.14) and local connectivity 1.5;
- discrete_metric_simplicial_set_intersection (supervised UMAP; it ends with
  reset_local_connectivity) of that fuzzy set with classes that include unknowns (-1), for
  target_weight 0.5, 0.8 and 1 (far_dist as UMAP.fit computes it);
- make_epochs_per_sample, with a zero weight;
- optimize_layout_euclidean on a 6-vertex graph whose breadth-first order from vertex 0 is 0..5
  (so edges are visited in the same order as our per-vertex fit), with a negative sample rate so
  small that no negative sample is due within the epochs: the attraction steps exactly, for the
  default curve (6 epochs) and for a curve (a = 100, b = 1) on a start so small that a gradient is
  clipped at 4 (3 epochs);
- optimize_layout_euclidean as in transform (move_other False) with n_vertices = 1: every negative
  sample is tail vertex 0, so the random stream does not matter; gamma 1 and 50 (clipped), and a
  head vertex (index 1) that starts on tail vertex 0 (coincident points pushed by 4 alpha);
Embeddings are single precision there (umap-learn's rdist takes float32), so the layout numbers
hold to about 1e-5 only.
- spectral_layout of a connected 40-point fuzzy graph: the eigenvectors (up to sign).
"""
import numpy as np
import scipy.sparse
from sklearn.neighbors import NearestNeighbors
from umap.umap_ import (smooth_knn_dist, fuzzy_simplicial_set, find_ab_params,
                        discrete_metric_simplicial_set_intersection, make_epochs_per_sample)
from umap.layouts import optimize_layout_euclidean
from umap.spectral import spectral_layout
import umap


def line(name, values):
    print(name + " " + " ".join(repr(float(v)) for v in np.ravel(values)))


print("# umap-learn " + umap.__version__)

# smooth_knn_dist on hand-made rows (k = 5, the point itself first)
hand = np.array([[0.0, 0.5, 1.0, 2.0, 4.0],
                 [0.0, 1.0, 1.0, 1.0, 1.0],
                 [0.0, 0.0, 0.0, 3.0, 3.0],
                 [0.0, 0.0, 0.0, 0.0, 0.0],
                 [0.0, 0.25, 0.75, 3.0, 3.5]])
line("hand_dists", hand)
for local in (0.0, 0.5, 1.0, 4.5):
    sigmas, rhos = smooth_knn_dist(hand, 5.0, local_connectivity=local)
    line("hand_rho_%g" % local, rhos)
    line("hand_sigma_%g" % local, sigmas)

# the 15 points of umap_learn_fuzzy_set.py
rng = np.random.default_rng(7)
x = np.round(rng.normal(size=(15, 3)) * 2, 3)
x[14] = x[3]
k = 5
nn = NearestNeighbors(n_neighbors=k).fit(x)
dists, idx = nn.kneighbors(x)
for i in range(len(x)):
    if idx[i][0] != i:
        j = list(idx[i]).index(i)
        idx[i][0], idx[i][j] = idx[i][j], idx[i][0]
line("knn_indices", idx)
line("knn_dists", dists)
for mix in (0.0, 0.5):
    g, _, _ = fuzzy_simplicial_set(x, k, None, "euclidean", knn_indices=idx,
                                   knn_dists=dists.astype(np.float32), set_op_mix_ratio=mix)
    line("graph_mix_%g" % mix, g.toarray())
g, _, _ = fuzzy_simplicial_set(x, k, None, "euclidean", knn_indices=idx,
                               knn_dists=dists.astype(np.float32), local_connectivity=1.5)
line("graph_local_1.5", g.toarray())

# supervised: classes with unknowns
graph, _, _ = fuzzy_simplicial_set(x, k, None, "euclidean", knn_indices=idx,
                                   knn_dists=dists.astype(np.float32))
line("graph", graph.toarray())
target = np.array([0, 1, 0, 2, 1, -1, 0, 2, 1, 0, -1, 2, 0, 1, 2])
line("target", target)
for weight in (0.5, 0.8, 1.0):
    far = 2.5 * (1.0 / (1.0 - weight)) if weight < 1.0 else 1.0e12
    s = discrete_metric_simplicial_set_intersection(graph.tocoo(), target, far_dist=far)
    line("target_graph_%g" % weight, s.toarray())

# epochs per sample
weights = np.array([1.0, 0.5, 0.25, 0.0, 0.8])
line("weights", weights)
line("epochs_per_sample", make_epochs_per_sample(weights, 200))

# the fitted layout's attraction steps
edges = [(0, 1, 1.0), (0, 2, 0.5), (1, 3, 0.8), (2, 3, 0.3), (2, 4, 0.65), (3, 5, 0.9), (4, 5, 0.4)]
w = scipy.sparse.lil_matrix((6, 6))
for i, j, v in edges:
    w[i, j] = v
    w[j, i] = v
w = w.tocsr().tocoo()
line("layout_head", w.row)
line("layout_tail", w.col)
line("layout_weight", w.data)
eps = make_epochs_per_sample(w.data, 15)
start = np.random.default_rng(3).uniform(0, 10, size=(6, 2)).astype(np.float32)
line("layout_start", start)
a, b = find_ab_params(1.0, 0.1)
line("layout_ab", [a, b])
# the clipped case starts 0.03 times as large, so that points come within about 0.1 of each other,
# where 2 a b d^(2b - 1) / (1 + a d^(2b)) exceeds 4, and runs 3 epochs
for name, (ca, cb), scale, epochs in (("default", (a, b), 1.0, 6), ("clipped", (100.0, 1.0), 0.03, 3)):
    y = (start * np.float32(scale)).astype(np.float32)
    line("layout_start_" + name, y)
    optimize_layout_euclidean(y, y, w.row.astype(np.int32), w.col.astype(np.int32), epochs, 6, eps,
                              ca, cb, np.array([1, 2, 3], dtype=np.int64), gamma=1.0,
                              initial_alpha=1.0, negative_sample_rate=0.01, move_other=True)
    line("layout_fit_" + name, y)

# transform: one new point, three tail vertices of which only vertex 0 is drawn as negative sample
tail_embedding = np.array([[1.0, 2.0], [1.5, 2.5], [0.5, 3.0]], dtype=np.float32)
head = np.zeros(3, dtype=np.int32)
tail = np.array([0, 1, 2], dtype=np.int32)
per = 1.0 / np.array([1.0, 0.6, 0.3])
line("transform_tail_embedding", tail_embedding)
line("transform_epochs_per_sample", per)
for gamma in (1.0, 50.0):
    y = np.array([[1.2, 2.1]], dtype=np.float32)
    optimize_layout_euclidean(y, tail_embedding, head, tail, 12, 1, per, a, b,
                              np.array([1, 2, 3], dtype=np.int64), gamma=gamma,
                              initial_alpha=0.25, negative_sample_rate=5.0, move_other=False)
    line("transform_gamma_%g" % gamma, y)
# head vertex 1 starting on tail vertex 0: the first negative sample is coincident
y = np.array([[9.0, 9.0], [1.0, 2.0]], dtype=np.float32)
optimize_layout_euclidean(y, tail_embedding, np.array([1], dtype=np.int32),
                          np.array([1], dtype=np.int32), 3, 1, np.array([1.0]), a, b,
                          np.array([1, 2, 3], dtype=np.int64), gamma=1.0, initial_alpha=0.25,
                          negative_sample_rate=2.0, move_other=False)
line("transform_coincident", y)

# spectral layout of a connected fuzzy graph
points = np.random.default_rng(11).normal(size=(40, 3))
sg, _, _ = fuzzy_simplicial_set(points, 8, 0, "euclidean")
n_comp, _ = scipy.sparse.csgraph.connected_components(sg)
assert n_comp == 1
line("spectral_graph", sg.toarray())
line("spectral_layout", spectral_layout(points, sg, 2, np.random.RandomState(0)))
