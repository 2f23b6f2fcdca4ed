#!/usr/bin/env python3
"""The course's convnet in PyTorch (Debian python3-torch), the same network as CNN's default:
three blocks conv 3x3 (padding 1) - BatchNorm - ReLU - MaxPool 3x3/2 (padding 1) with 32, 64, 128
filters, then Linear 256 - BatchNorm - ReLU - Linear 10; Adam (lr 0.001), mini-batches of 64,
cosine annealing over the epochs, pixels standardised with the training mean and deviation, as CNN
does. Reads the same IDX files as the ARFFs come from. Prints one line per epoch ("epoch e seconds s")
and "total <train seconds> accuracy <test %> parameters <n>".

usage: cnn_torch_fashion.py <epochs> <threads>
(FASHION_TRAIN_ROWS / FASHION_TEST_ROWS in the environment: only the first images)"""
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from fashion_to_arff import read_idx  # noqa: E402

epochs, threads = int(sys.argv[1]), int(sys.argv[2])
torch.set_num_threads(threads)
torch.manual_seed(1)
base = "/usr/share/datasets/fashion-mnist/"


def array(name):
    shape, data = read_idx(base + name)
    return np.frombuffer(data, dtype=np.uint8).reshape(shape)


# FASHION_TRAIN_ROWS / FASHION_TEST_ROWS: only the first images (the benchmarks' QUICK mode)
train_rows = int(os.environ.get("FASHION_TRAIN_ROWS", 60000))
test_rows = int(os.environ.get("FASHION_TEST_ROWS", 10000))
x_train = array("train-images-idx3-ubyte.gz")[:train_rows].astype(np.float32)
y_train = array("train-labels-idx1-ubyte.gz")[:train_rows].astype(np.int64)
x_test = array("t10k-images-idx3-ubyte.gz")[:test_rows].astype(np.float32)
y_test = array("t10k-labels-idx1-ubyte.gz")[:test_rows].astype(np.int64)
mean, std = x_train.mean(), x_train.std()
x_train = torch.from_numpy((x_train - mean) / std).reshape(-1, 1, 28, 28)
x_test = torch.from_numpy((x_test - mean) / std).reshape(-1, 1, 28, 28)
y_train, y_test = torch.from_numpy(y_train), torch.from_numpy(y_test)


def block(n_in, n_out):
    return [nn.Conv2d(n_in, n_out, 3, padding=1), nn.BatchNorm2d(n_out), nn.ReLU(),
            nn.MaxPool2d(3, 2, padding=1)]


net = nn.Sequential(*block(1, 32), *block(32, 64), *block(64, 128), nn.Flatten(),
                    nn.Linear(128 * 4 * 4, 256), nn.BatchNorm1d(256), nn.ReLU(), nn.Linear(256, 10))
parameters = sum(p.numel() for p in net.parameters())
optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs)
loss_fn = nn.CrossEntropyLoss()
generator = torch.Generator().manual_seed(1)
start = time.perf_counter()
for epoch in range(epochs):
    t = time.perf_counter()
    net.train()
    order = torch.randperm(len(y_train), generator=generator)
    for i in range(0, len(order), 64):
        batch = order[i:i + 64]
        optimizer.zero_grad()
        loss_fn(net(x_train[batch]), y_train[batch]).backward()
        optimizer.step()
    schedule.step()
    print(f"epoch {epoch + 1} seconds {time.perf_counter() - t:.2f}", flush=True)
seconds = time.perf_counter() - start
net.eval()
with torch.no_grad():
    predicted = torch.cat([net(x_test[i:i + 1000]).argmax(1) for i in range(0, len(y_test), 1000)])
accuracy = (predicted == y_test).float().mean().item() * 100
print(f"total {seconds:.1f} accuracy {accuracy:.2f} parameters {parameters}")
