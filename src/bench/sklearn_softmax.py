#!/usr/bin/env python3
"""scikit-learn's multinomial LogisticRegression on the same Fashion-MNIST ARFF files, timed the
same way (training time only; inputs standardised with training statistics, as Weka's schemes do).
Prints: rows, seconds, test accuracy."""
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


def load(path):
    rows, labels, classes = [], [], None
    with open(path) as f:
        in_data = False
        for line in f:
            if in_data:
                *pixels, label = line.rstrip("\n").split(",")
                rows.append(np.array(pixels, dtype=np.float64))
                labels.append(label)
            elif line.lower().startswith("@data"):
                in_data = True
    return np.vstack(rows), np.array(labels)


train_path, test_path = sys.argv[1], sys.argv[2]
x_train, y_train = load(train_path)
x_test, y_test = load(test_path)
start = time.perf_counter()
scaler = StandardScaler().fit(x_train)
model = LogisticRegression(max_iter=1000).fit(scaler.transform(x_train), y_train)
seconds = time.perf_counter() - start
accuracy = (model.predict(scaler.transform(x_test)) == y_test).mean()
print(f"{len(y_train)} {seconds:.1f} {accuracy * 100:.2f}")
