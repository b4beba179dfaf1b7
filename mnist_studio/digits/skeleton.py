"""MNIST images -> pen-like strokes: thin each digit to its skeleton and draw it again as strokes.

Used to measure how the models read *drawn* versions of MNIST digits (benchmarks/pen_replay.py) and
to add such re-drawn digits to training (scripts/train_shipped_models.py). Pure numpy (Pillow for the
upsampling): Zhang-Suen thinning vectorised over a whole batch.
"""

from __future__ import annotations

import numpy as np

from mnist_studio.digits.pendigits import random_affine
from mnist_studio.digits.strokes import STROKE_WIDTH, render_segments


def upsample(images: np.ndarray, up: int = 3) -> np.ndarray:
    """(N, 28, 28) uint8 -> (N, 28*up, 28*up) uint8, bilinear: small loops keep their hole when thinned."""
    from PIL import Image

    size = images.shape[1] * up
    return np.stack([np.asarray(Image.fromarray(np.asarray(im, np.uint8)).resize((size, size),
                                                                               Image.Resampling.BILINEAR))
                     for im in images])


def thin(binary: np.ndarray) -> np.ndarray:
    """Zhang-Suen thinning (1984) of a batch of binary images (N, H, W) -> bool, all images at once."""
    img = np.pad(np.asarray(binary, bool), ((0, 0), (1, 1), (1, 1))).astype(np.uint8)
    while True:
        changed = False
        for step in (0, 1):
            c = img[:, 1:-1, 1:-1]
            p = [img[:, :-2, 1:-1], img[:, :-2, 2:], img[:, 1:-1, 2:], img[:, 2:, 2:],  # P2..P5: N NE E SE
                 img[:, 2:, 1:-1], img[:, 2:, :-2], img[:, 1:-1, :-2], img[:, :-2, :-2]]  # P6..P9: S SW W NW
            b = sum(q.astype(np.int8) for q in p)
            a = sum(((p[i] == 0) & (p[(i + 1) % 8] == 1)).astype(np.int8) for i in range(8))
            if step == 0:
                cond = ((p[0] & p[2] & p[4]) == 0) & ((p[2] & p[4] & p[6]) == 0)
            else:
                cond = ((p[0] & p[2] & p[6]) == 0) & ((p[0] & p[4] & p[6]) == 0)
            remove = (c == 1) & (b >= 2) & (b <= 6) & (a == 1) & cond
            if remove.any():
                c[remove] = 0
                changed = True
        if not changed:
            return img[:, 1:-1, 1:-1].astype(bool)


def links(skeleton: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Segments (x, y pixel centres) joining 8-neighbouring skeleton pixels, plus lone pixels as dots."""
    s = np.asarray(skeleton, bool)
    starts, ends = [], []
    for dy, dx in ((0, 1), (1, 0), (1, 1), (1, -1)):
        h, w = s.shape
        src = s[: h - dy, max(0, -dx): w - max(0, dx)]
        dst = s[dy:, max(0, dx): w - max(0, -dx) if dx < 0 else w]
        ys, xs = np.nonzero(src & dst)
        xs = xs + max(0, -dx)
        starts.append(np.stack([xs, ys], 1))
        ends.append(np.stack([xs + dx, ys + dy], 1))
    a, b = np.concatenate(starts).astype(np.float64), np.concatenate(ends).astype(np.float64)
    ys, xs = np.nonzero(s)
    if len(a) == 0 and len(xs):  # a single dot
        a = b = np.stack([xs, ys], 1).astype(np.float64)
    return a, b


def redraw(images: np.ndarray, up: int = 3, threshold: int = 128, width: float = STROKE_WIDTH,
           jitter: np.random.Generator | None = None) -> np.ndarray:
    """MNIST digits (N, 28, 28) uint8 re-drawn as strokes along their skeletons: (N, 28, 28) float32.

    ``jitter``: when given, each digit's skeleton gets a random rotation (up to 0.15 rad), slant (x-shear up to
    0.25) and aspect change (up to 12 %) before it is drawn, as a hand varies (for training data)."""
    skeletons = thin(upsample(images, up) > threshold)
    out = np.zeros((len(images), 28, 28), np.float32)
    for i, sk in enumerate(skeletons):
        a, b = links(sk)
        if jitter is not None and len(a):
            warp = random_affine(jitter, rotate=0.15, slant=0.25, stretch=0.12)
            a, b = a @ warp.T, b @ warp.T
        img = render_segments(a, b, width=width)
        if img is not None:
            out[i] = img
    return out

