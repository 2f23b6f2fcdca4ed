#!/usr/bin/env python3
"""Turns the PCA filter's output (numeric components, then the class) into the DBSCAN benchmark's
input: the components min-max scaled to [0, 1], written as <base>.csv and <base>.arff without the
class. Usage: fashion_embedding.py pca-output.arff base"""
import sys

import numpy as np

rows, in_data = [], False
with open(sys.argv[1]) as f:
    for line in f:
        if in_data:
            if line.strip():
                rows.append([float(v) for v in line.rstrip("\n").split(",")[:-1]])
        elif line.lower().startswith("@data"):
            in_data = True
x = np.array(rows)
x = (x - x.min(axis=0)) / (x.max(axis=0) - x.min(axis=0))
base = sys.argv[2]
np.savetxt(base + ".csv", x, delimiter=",", fmt="%.9f")
with open(base + ".arff", "w") as f:
    f.write("@relation fashion-pca\n")
    for j in range(x.shape[1]):
        f.write(f"@attribute pc{j + 1} numeric\n")
    f.write("@data\n")
    np.savetxt(f, x, delimiter=",", fmt="%.9f")
print(base)
