#!/usr/bin/env python3
"""Synthetic blobs for the DBSCAN benchmark: n points in [0, 1]^d (each dimension min-max scaled, so
that Weka's normalising distances see the same coordinates as everybody else), 10% uniform
background noise. Writes <out>/blobs-<d>d-<n>.arff and .csv. Usage: dbscan_data.py out n d [seed]"""
import os
import sys

import numpy as np

out, n, d = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
rng = np.random.default_rng(seed)
centres = rng.uniform(-10, 10, size=(8, d))
x = centres[rng.integers(0, 8, size=n)] + rng.normal(size=(n, d))
noise = rng.random(n) < 0.1
x[noise] = rng.uniform(-13, 13, size=(noise.sum(), d))
x = (x - x.min(axis=0)) / (x.max(axis=0) - x.min(axis=0))
os.makedirs(out, exist_ok=True)
name = os.path.join(out, f"blobs-{d}d-{n}")
np.savetxt(name + ".csv", x, delimiter=",", fmt="%.9f")
with open(name + ".arff", "w") as f:
    f.write(f"@relation blobs-{d}d-{n}\n")
    for j in range(d):
        f.write(f"@attribute x{j} numeric\n")
    f.write("@data\n")
    np.savetxt(f, x, delimiter=",", fmt="%.9f")
print(name)
