#!/usr/bin/env python3
"""Where a training step of the course's convnet goes in PyTorch (the network of
cnn_torch_fashion.py), the companion of CnnProfile.java: each module's forward timed by hooks,
each backward kernel from torch.profiler grouped by input shape (which names the layer), the Adam
step on its own, over a few hundred mini-batches of 64 Fashion-MNIST images.

usage: cnn_torch_profile.py [batches=300] [threads=2]"""
import sys
import time
from collections import defaultdict

import torch
import torch.nn as nn

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import numpy as np  # noqa: E402
from fashion_to_arff import read_idx  # noqa: E402

batches = int(sys.argv[1]) if len(sys.argv) > 1 else 300
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
warmup = 30
torch.set_num_threads(threads)
torch.manual_seed(1)
base = "/usr/share/datasets/fashion-mnist/"
n = (batches + warmup) * 64
shape, data = read_idx(base + "train-images-idx3-ubyte.gz")
x = np.frombuffer(data, dtype=np.uint8).reshape(shape)[:n].astype(np.float32)
shape, data = read_idx(base + "train-labels-idx1-ubyte.gz")
y = torch.from_numpy(np.frombuffer(data, dtype=np.uint8)[:n].astype(np.int64))
x = torch.from_numpy((x - x.mean()) / x.std()).reshape(-1, 1, 28, 28)


def block(n_in, n_out):
    return [nn.Conv2d(n_in, n_out, 3, padding=1), nn.BatchNorm2d(n_out), nn.ReLU(),
            nn.MaxPool2d(3, 2, padding=1)]


net = nn.Sequential(*block(1, 32), *block(32, 64), *block(64, 128), nn.Flatten(),
                    nn.Linear(128 * 4 * 4, 256), nn.BatchNorm1d(256), nn.ReLU(), nn.Linear(256, 10))
optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
forward = defaultdict(float)
started = {}


def pre(name):
    def hook(module, inputs):
        started[name] = time.perf_counter()
    return hook


def post(name):
    def hook(module, inputs, output):
        forward[name] += time.perf_counter() - started[name]
    return hook


names = [f"{i} {type(m).__name__}" for i, m in enumerate(net)]
for name, m in zip(names, net):
    m.register_forward_pre_hook(pre(name))
    m.register_forward_hook(post(name))

net.train()
step_s = back_s = adam_s = 0.0
for b in range(batches + warmup):
    if b == warmup:
        forward.clear()
    xb, yb = x[b * 64:(b + 1) * 64], y[b * 64:(b + 1) * 64]
    t0 = time.perf_counter()
    optimizer.zero_grad()
    loss = loss_fn(net(xb), yb)
    t1 = time.perf_counter()
    loss.backward()
    t2 = time.perf_counter()
    optimizer.step()
    t3 = time.perf_counter()
    if b >= warmup:
        step_s += t3 - t0
        back_s += t2 - t1
        adam_s += t3 - t2

# backward kernels by op and shape, on a few batches under the profiler
prof_batches = min(60, batches)
with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU],
                            record_shapes=True) as prof:
    for b in range(prof_batches):
        xb, yb = x[b * 64:(b + 1) * 64], y[b * 64:(b + 1) * 64]
        optimizer.zero_grad()
        loss_fn(net(xb), yb).backward()
        optimizer.step()

print(f"PyTorch {torch.__version__}, {batches} mini-batches of 64 (after {warmup} of warm-up), "
      f"{threads} threads\n")
print("| module | forward (ms / batch) |")
print("|---|---:|")
for name in names:
    print(f"| {name} | {1000 * forward[name] / batches:.2f} |")
print(f"| sum of forwards | {1000 * sum(forward.values()) / batches:.2f} |")
print(f"\nbackward (loss.backward): {1000 * back_s / batches:.2f} ms / batch")
print(f"Adam step: {1000 * adam_s / batches:.2f} ms / batch")
print(f"whole step: {1000 * step_s / batches:.2f} ms / batch "
      f"=> {step_s / batches * 938:.1f} s per 60,000-image epoch\n")
print(f"Kernels under torch.profiler ({prof_batches} batches; self CPU time per batch, by input shape):\n")
rows = prof.key_averages(group_by_input_shape=True)
rows = sorted(rows, key=lambda e: -e.self_cpu_time_total)
print("| op | input shapes | ms / batch |")
print("|---|---|---:|")
for e in rows[:30]:
    shapes = str([s for s in e.input_shapes if s][:2])
    print(f"| {e.key} | {shapes} | {e.self_cpu_time_total / 1000 / prof_batches:.2f} |")
