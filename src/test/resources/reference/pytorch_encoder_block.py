#!/usr/bin/python3
"""Reference numbers for PyTorchEncoderBlockTest from PyTorch (Debian's torch 1.13).

Run from this folder: /usr/bin/python3 pytorch_encoder_block.py > pytorch_encoder_block.txt

PyTorch's own torch.nn.TransformerEncoderLayer (batch_first, dropout 0, layer_norm_eps 1e-5) on
2 sequences of 3 tokens of d = 4 values, 2 heads, an MLP of width 5, the second sequence's last
token padded (src_key_padding_mask). Four cases: post-norm (norm_first=False) and pre-norm, each
with ReLU and with GELU in its tanh form (F.gelu(approximate="tanh")). In double precision, with
inputs and parameters rounded to single precision first (the Java kernel computes in single
precision). For each case: the inputs, the parameters, the outputs Y and, for the loss
L = sum(c * Y) with c = 0 on the padded token, the gradients of L with respect to the input and to
every parameter (autograd).

Everything is printed in EncoderBlockKernel's layout: token rows [N*T, d] row-major; weight
matrices [in, out] for x W + b (PyTorch's Linear stores [out, in]: transposed here); W_q, W_k, W_v
are the three blocks of PyTorch's in_proj_weight.
"""
import functools

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
N, T, D, H, M = 2, 3, 4, 2, 5


def single(t):
    return t.float().double()


def line(name, values):
    print(name + " " + " ".join(repr(float(v)) for v in values.detach().reshape(-1).tolist()))


def ours(layer, grad):
    """The 16 parameter arrays (or their gradients) in EncoderBlockKernel.Parameters' order."""
    get = (lambda p: p.grad) if grad else (lambda p: p)
    w = get(layer.self_attn.in_proj_weight)
    b = get(layer.self_attn.in_proj_bias)
    return [
        ("Wq", w[0:D].t()), ("bq", b[0:D]),
        ("Wk", w[D:2 * D].t()), ("bk", b[D:2 * D]),
        ("Wv", w[2 * D:3 * D].t()), ("bv", b[2 * D:3 * D]),
        ("Wo", get(layer.self_attn.out_proj.weight).t()), ("bo", get(layer.self_attn.out_proj.bias)),
        ("W1", get(layer.linear1.weight).t()), ("b1", get(layer.linear1.bias)),
        ("W2", get(layer.linear2.weight).t()), ("b2", get(layer.linear2.bias)),
        ("gain1", get(layer.norm1.weight)), ("bias1", get(layer.norm1.bias)),
        ("gain2", get(layer.norm2.weight)), ("bias2", get(layer.norm2.bias)),
    ]


def case(label, norm_first, gelu, seed):
    torch.manual_seed(seed)
    activation = functools.partial(F.gelu, approximate="tanh") if gelu else F.relu
    layer = torch.nn.TransformerEncoderLayer(D, H, dim_feedforward=M, dropout=0.0,
                                             activation=activation, layer_norm_eps=1e-5,
                                             batch_first=True, norm_first=norm_first)
    with torch.no_grad():
        for name, p in layer.named_parameters():
            if name.startswith("norm") and name.endswith("weight"):
                p.copy_(single(1 + 0.2 * torch.randn_like(p)))
            elif name.endswith("bias"):
                p.copy_(single(0.2 * torch.randn_like(p)))
            else:
                p.copy_(single(0.6 * torch.randn_like(p)))
    layer.train()  # dropout is 0; training mode keeps PyTorch off its inference fast path
    x = single(torch.randn(N, T, D)).requires_grad_(True)
    padding = torch.tensor([[False, False, False], [False, False, True]])
    c = single(torch.randn(N, T, D))
    c[padding] = 0
    y = layer(x, src_key_padding_mask=padding)
    (c * y).sum().backward()
    print("case %s %d %d" % (label, 1 if norm_first else 0, 1 if gelu else 0))
    line("x", x)
    line("mask", (~padding).double())
    line("c", c)
    for name, value in ours(layer, False):
        line(name, value)
    line("y", y)
    line("dx", x.grad)
    for name, value in ours(layer, True):
        line("d" + name, value)
    print("end")


print("# torch " + torch.__version__)
case("post-norm-relu", False, False, 11)
case("post-norm-gelu", False, True, 12)
case("pre-norm-relu", True, False, 13)
case("pre-norm-gelu", True, True, 14)
