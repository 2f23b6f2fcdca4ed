#!/usr/bin/python3
"""Reference numbers for HistogramOfGradientsReferenceTest from scikit-image's hog (Debian's
python3-skimage 0.19.3).

Run from this folder: /usr/bin/python3 skimage_hog.py > skimage_hog.csv

Images (rows "image,<name>,<channels>,<height>,<width>,<pixels, planar, row-major>"):
  fashion0..2   the first three Fashion-MNIST test images (src/data/idx/t10k-images-idx3-ubyte),
                grey levels 0..255
  fashion0s     fashion0 divided by 255 (values that are not integers)
  digit0..2     the first three rows of src/data/digits8x8-train.arff, 8 x 8, grey levels 0..16
  synthetic     a 20 x 30 grey picture: a disc, a ramp and a sine pattern (every orientation)
  colour        a 3-channel 16 x 18 picture (a different pattern per channel), channel_axis=-1

Cases (rows "hog,<image>,<orientations>,<cell rows>,<cell columns>,<block rows>,<block columns>,
<block_norm>,<transform_sqrt 0/1>,<features>"): skimage.feature.hog(image, orientations,
pixels_per_cell, cells_per_block, block_norm, transform_sqrt=...) on float64 images, the feature
vector printed with repr (17 significant digits).
"""
import os

import numpy as np
import skimage
from skimage.feature import hog

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "data")


def fashion(count):
    with open(os.path.join(DATA, "idx", "t10k-images-idx3-ubyte"), "rb") as f:
        raw = f.read()
    n, rows, cols = (int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(3))
    pixels = np.frombuffer(raw[16:], dtype=np.uint8).reshape(n, rows, cols)
    return [pixels[i].astype(np.float64) for i in range(count)]


def digits(count):
    images = []
    with open(os.path.join(DATA, "digits8x8-train.arff")) as f:
        in_data = False
        for line in f:
            line = line.strip()
            if not in_data:
                in_data = line.lower() == "@data"
                continue
            if line and not line.startswith("%"):
                images.append(np.array([float(v) for v in line.split(",")[:64]]).reshape(8, 8))
                if len(images) == count:
                    break
    return images


def synthetic():
    r, c = np.mgrid[0:20, 0:30].astype(np.float64)
    disc = 100.0 * ((r - 9.5) ** 2 + (c - 12.0) ** 2 < 36)
    return disc + 2.5 * c + 0.7 * r + 30 * np.sin(0.6 * r + 0.35 * c) + 50


def colour():
    r, c = np.mgrid[0:16, 0:18].astype(np.float64)
    red = 120 + 80 * np.sin(0.5 * r) * np.cos(0.4 * c)
    green = 3.0 * c + 2.0 * r
    blue = 200.0 * ((r - 8) ** 2 + (c - 9) ** 2 < 25)
    return np.stack([red, green, blue], axis=-1)


def image_row(name, image):
    planar = image if image.ndim == 2 else np.moveaxis(image, -1, 0)
    channels = 1 if image.ndim == 2 else image.shape[-1]
    print(",".join(["image", name, str(channels), str(image.shape[0]), str(image.shape[1])]
                   + [repr(float(v)) for v in planar.ravel()]))


def case(name, image, orientations, cell, block, norm, sqrt=False):
    features = hog(image, orientations=orientations, pixels_per_cell=cell, cells_per_block=block,
                   block_norm=norm, transform_sqrt=sqrt, feature_vector=True,
                   channel_axis=-1 if image.ndim == 3 else None)
    print(",".join(["hog", name, str(orientations), str(cell[0]), str(cell[1]), str(block[0]),
                    str(block[1]), norm, "1" if sqrt else "0"]
                   + [repr(float(v)) for v in features]))


print("# scikit-image " + skimage.__version__ + ", numpy " + np.__version__)
images = {}
for i, image in enumerate(fashion(3)):
    images["fashion%d" % i] = image
images["fashion0s"] = images["fashion0"] / 255.0
for i, image in enumerate(digits(3)):
    images["digit%d" % i] = image
images["synthetic"] = synthetic()
images["colour"] = colour()
for name, image in images.items():
    image_row(name, image)

for name in ("fashion0", "fashion1", "fashion2"):
    case(name, images[name], 9, (8, 8), (3, 3), "L2-Hys")
    case(name, images[name], 9, (4, 4), (2, 2), "L2-Hys")
    case(name, images[name], 8, (7, 7), (2, 2), "L1")
    case(name, images[name], 12, (4, 4), (3, 3), "L1-sqrt")
    case(name, images[name], 6, (5, 3), (2, 1), "L2")
case("fashion0", images["fashion0"], 9, (4, 4), (2, 2), "L2-Hys", sqrt=True)
case("fashion0s", images["fashion0s"], 9, (4, 4), (2, 2), "L2-Hys")
case("fashion0s", images["fashion0s"], 7, (6, 6), (2, 2), "L1")
for name in ("digit0", "digit1", "digit2"):
    case(name, images[name], 9, (4, 4), (2, 2), "L2-Hys")
    case(name, images[name], 8, (2, 2), (2, 2), "L2-Hys")
    case(name, images[name], 9, (3, 3), (1, 1), "L1")
    case(name, images[name], 4, (2, 2), (3, 3), "L2")
case("synthetic", images["synthetic"], 9, (5, 6), (2, 3), "L2-Hys")
case("synthetic", images["synthetic"], 7, (3, 4), (2, 2), "L1")
case("synthetic", images["synthetic"], 9, (4, 4), (3, 3), "L1-sqrt", sqrt=True)
case("synthetic", images["synthetic"], 16, (3, 3), (2, 2), "L2")
case("colour", images["colour"], 9, (4, 4), (2, 2), "L2-Hys")
case("colour", images["colour"], 8, (3, 5), (2, 2), "L1")
