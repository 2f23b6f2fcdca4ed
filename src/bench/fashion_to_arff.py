#!/usr/bin/env python3
"""Converts Fashion-MNIST (Debian package dataset-fashion-mnist, IDX files) to ARFF for Weka.

Writes <out>/fashion-train10k.arff (the first 10,000 training images), fashion-train60k.arff (all
60,000) and fashion-test.arff (the 10,000 test images): 784 numeric pixel attributes p<row>_<col>
with grey levels 0..255 and a nominal class of the ten clothing categories. With --subset N only
fashion-train<N>.arff (the first N training images), with --test-subset N only fashion-test<N>.arff
(the first N test images; the benchmarks' QUICK mode), with --extended N only fashion-extended<N>.arff
(the first N rows of fashion_data.py's load_extended: training, test, then both shifted by one
pixel, for sizes past 70,000 rows). A file that exists is kept; each is written
under a temporary name first, so that an interrupted run leaves no truncated ARFF behind.
"""
import argparse
import gzip
import os
import struct

import numpy as np

CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
           "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    shape = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return shape, data[4 + 4 * ndim:]


def write_arff(path, name, images, labels, count):
    (n, rows, cols), pixels = images
    _, label_bytes = labels
    width = rows * cols
    with open(path, "w") as out:
        out.write(f"% Fashion-MNIST (Zalando Research, MIT licence), {name}\n")
        out.write(f"@relation {name}\n\n")
        for r in range(rows):
            for c in range(cols):
                out.write(f"@attribute p{r}_{c} numeric\n")
        quoted = ",".join("'" + c + "'" for c in CLASSES)
        out.write("@attribute class {" + quoted + "}\n\n@data\n")
        for i in range(min(count, n)):
            row = pixels[i * width:(i + 1) * width]
            out.write(",".join(map(str, row)))
            out.write(",'" + CLASSES[label_bytes[i]] + "'\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--idx", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--out", required=True)
    parser.add_argument("--subset", type=int,
                        help="write only fashion-train<N>.arff, the first N training images")
    parser.add_argument("--test-subset", type=int,
                        help="write only fashion-test<N>.arff, the first N test images")
    parser.add_argument("--extended", type=int,
                        help="write only fashion-extended<N>.arff, the first N rows of training, "
                        "test and both shifted by one pixel (fashion_data.py's load_extended)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    if args.extended:
        from fashion_data import load_extended
        x, y = load_extended(args.extended, np.uint8)
        name = f"fashion-extended{args.extended}"
        path = os.path.join(args.out, name + ".arff")
        if not os.path.exists(path):
            write_arff(path + ".tmp", name, ((len(x), 28, 28), x.tobytes()),
                       ((len(y),), y.astype(np.uint8).tobytes()), len(x))
            os.replace(path + ".tmp", path)
            print("wrote", path)
        return
    train = read_idx(os.path.join(args.idx, "train-images-idx3-ubyte.gz"))
    train_labels = read_idx(os.path.join(args.idx, "train-labels-idx1-ubyte.gz"))
    test = read_idx(os.path.join(args.idx, "t10k-images-idx3-ubyte.gz"))
    test_labels = read_idx(os.path.join(args.idx, "t10k-labels-idx1-ubyte.gz"))
    files = [("fashion-train10k.arff", "fashion-train10k", train, train_labels, 10000),
             ("fashion-train60k.arff", "fashion-train60k", train, train_labels, 60000),
             ("fashion-test.arff", "fashion-test", test, test_labels, 10000)]
    if args.subset or args.test_subset:
        files = []
        if args.subset:
            name = f"fashion-train{args.subset}"
            files.append((name + ".arff", name, train, train_labels, args.subset))
        if args.test_subset:
            name = f"fashion-test{args.test_subset}"
            files.append((name + ".arff", name, test, test_labels, args.test_subset))
    for file, name, images, labels, count in files:
        path = os.path.join(args.out, file)
        if not os.path.exists(path):
            write_arff(path + ".tmp", name, images, labels, count)
            os.replace(path + ".tmp", path)
            print("wrote", path)


if __name__ == "__main__":
    main()
