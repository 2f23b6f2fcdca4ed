#!/usr/bin/env python3
"""The Transformer classifier's ViT in PyTorch (Debian python3-torch), the same model as
`Transformer -tokens patches -patch P -d-model 64 -heads 4 -blocks B -mlp 128` with the package's
other defaults: P x P patches linearly projected to 64 values, a learned CLS token in front,
sinusoidal positions added, B post-norm encoder blocks (nn.TransformerEncoderLayer: 4 heads, GELU
MLP of 128, layer norm after each residual sum; dropout on the embedding and inside the blocks as
PyTorch places it, 0.1 by default; the benchmark runs both without dropout, where the models are
the same), the CLS token's output to a linear softmax head; Adam (lr 0.003, the Transformer's default, or the
one given), mini-batches of 64, cosine
annealing over the epochs, pixels standardised with the training mean and deviation. Reads the same
IDX files as the ARFFs come from. Prints one line per epoch ("epoch e seconds s") and
"total <train seconds> accuracy <test %> parameters <n>".

usage: vit_torch_fashion.py <epochs> <threads> <patch> <blocks> [dropout, default 0.1]
       [pooling cls|mean, default cls] [pre-norm 0|1, default 0: with 1, norm_first blocks and a
       final LayerNorm before the head, as the Transformer's -pre-norm] [Adam's learning rate,
       default 0.003]
(FASHION_TRAIN_ROWS / FASHION_TEST_ROWS in the environment: only the first images)"""
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from fashion_to_arff import read_idx  # noqa: E402

epochs, threads, patch, blocks = (int(v) for v in sys.argv[1:5])
rate = float(sys.argv[5]) if len(sys.argv) > 5 else 0.1
pooling = sys.argv[6] if len(sys.argv) > 6 else "cls"
prenorm = len(sys.argv) > 7 and sys.argv[7] == "1"
lr = float(sys.argv[8]) if len(sys.argv) > 8 else 0.003
torch.set_num_threads(threads)
torch.manual_seed(1)
base = "/usr/share/datasets/fashion-mnist/"
d, heads, mlp = 64, 4, 128


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


def sinusoidal(length, width):
    table = torch.zeros(length, width)
    for pos in range(length):
        for i in range(0, width, 2):
            angle = pos / 10000 ** (i / width)
            table[pos, i] = math.sin(angle)
            if i + 1 < width:
                table[pos, i + 1] = math.cos(angle)
    return table


class ViT(nn.Module):
    def __init__(self):
        super().__init__()
        self.tokens = (28 // patch) ** 2
        self.embed = nn.Linear(patch * patch, d)
        first = 1 if pooling == "cls" else 0
        self.cls = nn.Parameter(torch.zeros(1, 1, d)) if first else None
        self.register_buffer("positions", sinusoidal(self.tokens + first, d))
        self.dropout = nn.Dropout(rate)
        layer = nn.TransformerEncoderLayer(d, heads, mlp, dropout=rate, activation="gelu",
                                           batch_first=True, norm_first=prenorm)
        self.encoder = nn.TransformerEncoder(layer, blocks)
        self.norm = nn.LayerNorm(d) if prenorm else nn.Identity()
        self.head = nn.Linear(d, 10)

    def forward(self, x):
        n = x.shape[0]
        # [N, 1, H, W] -> [N, tokens, P*P], patches row-major over the grid
        x = x.reshape(n, 28 // patch, patch, 28 // patch, patch).permute(0, 1, 3, 2, 4)
        x = self.embed(x.reshape(n, self.tokens, patch * patch))
        if pooling == "cls":
            x = torch.cat([self.cls.expand(n, 1, d), x], dim=1)
        x = x + self.positions
        x = self.encoder(self.dropout(x))
        # CLS token, or the mean of the patch tokens (the Transformer has no CLS token then)
        pooled = x[:, 0] if pooling == "cls" else x.mean(dim=1)
        return self.head(self.norm(pooled))


net = ViT()
parameters = sum(p.numel() for p in net.parameters())
optimizer = torch.optim.Adam(net.parameters(), lr=lr)
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
