#!/usr/bin/env python3
"""scikit-learn's DBSCAN on a CSV of points: prints fit seconds, clusters, noise points, peak
resident memory (MB); writes the labels to <labels file>. Usage: sklearn_dbscan.py points.csv eps
min_samples labels.txt"""
import resource
import sys
import time

import numpy as np
from sklearn.cluster import DBSCAN

x = np.loadtxt(sys.argv[1], delimiter=",", ndmin=2)
start = time.perf_counter()
labels = DBSCAN(eps=float(sys.argv[2]), min_samples=int(sys.argv[3])).fit(x).labels_
seconds = time.perf_counter() - start
np.savetxt(sys.argv[4], labels, fmt="%d")
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"{seconds:.2f} {labels.max() + 1} {(labels == -1).sum()} {peak}")
