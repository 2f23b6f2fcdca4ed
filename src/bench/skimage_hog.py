#!/usr/bin/env python3
"""scikit-image's hog on Fashion-MNIST, timed as HogBenchmark.java times the HOG filter: every
image of the training and test sets (float64 grey levels 0..255, read from the Debian package's
IDX files; loading not timed), one hog call per image. With threads > 1 the images are cut into
one chunk per thread and run by joblib's process pool (hog itself is single-threaded).

usage: skimage_hog.py threads train_rows test_rows orientations cell block norm
Prints: seconds, images, features per image, the sum of every feature."""
import os
import sys
import time

import numpy as np
from skimage.feature import hog

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fashion_data import load  # noqa: E402

threads, train_rows, test_rows, orientations, cell, block = (int(v) for v in sys.argv[1:7])
norm = sys.argv[7]
images = np.vstack([load("train", train_rows)[0], load("t10k", test_rows)[0]])
images = images.reshape(-1, 28, 28).astype(np.float64)


def features(chunk):
    return np.array([hog(image, orientations=orientations, pixels_per_cell=(cell, cell),
                         cells_per_block=(block, block), block_norm=norm) for image in chunk])


start = time.perf_counter()
if threads == 1:
    out = features(images)
else:
    from joblib import Parallel, delayed
    parts = Parallel(n_jobs=threads)(delayed(features)(c)
                                     for c in np.array_split(images, threads))
    out = np.vstack(parts)
seconds = time.perf_counter() - start
print("%.2f %d %d %.6f" % (seconds, out.shape[0], out.shape[1], out.sum()))
