#!/usr/bin/python3
"""Reference numbers for PcaReferenceTest from scikit-learn (Debian's scikit-learn 1.2.1).

Run from this folder: /usr/bin/python3 sklearn_pca.py > sklearn_pca.txt

Two data sets with values rounded to 3 decimals: "tall", 40 rows x 5 columns of correlated
Gaussians around 10 whose last column is constant (7.5), and "wide", 6 rows x 8 columns (fewer
rows than columns). For each, PCA(svd_solver="full") gives explained_variance_ (the eigenvalues of
the covariance with the n - 1 denominator), components_ (axes, compared up to sign),
the scores of the first 4 rows, the whitened scores of the first 4 rows (PCA(whiten=True)), and the
reconstruction of the first 4 rows from 2 components (inverse_transform). For "tall", also the
eigenvalues of the correlation matrix (PCA of StandardScaler output with ddof 1 on the 4 varying
columns).
"""
import numpy as np
import sklearn
from sklearn.decomposition import PCA

rng = np.random.default_rng(518)
mix = rng.normal(size=(5, 5))
tall = np.round(10 + rng.normal(size=(40, 5)) @ mix * np.array([3, 1, 0.5, 0.2, 0.1]), 3)
tall[:, 4] = 7.5
wide = np.round(rng.normal(size=(6, 8)) * np.arange(1, 9), 3)

def line(name, values):
    print(name + " " + " ".join(repr(float(v)) for v in np.ravel(values)))

print("# scikit-learn " + sklearn.__version__)
for name, x in (("tall", tall), ("wide", wide)):
    line(name, x)
    pca = PCA(svd_solver="full").fit(x)
    line(name + "_explained_variance", pca.explained_variance_)
    line(name + "_components", pca.components_)
    line(name + "_scores", pca.transform(x[:4]))
    white = PCA(svd_solver="full", whiten=True).fit(x)
    k = int(np.sum(white.explained_variance_ > 1e-9 * white.explained_variance_[0]))
    line(name + "_whitened_scores", white.transform(x[:4])[:, :k])
    two = PCA(n_components=2, svd_solver="full").fit(x)
    line(name + "_reconstruction2", two.inverse_transform(two.transform(x[:4])))
varying = tall[:, :4]
z = (varying - varying.mean(axis=0)) / varying.std(axis=0, ddof=1)
line("tall_correlation_eigenvalues", PCA(svd_solver="full").fit(z).explained_variance_)
