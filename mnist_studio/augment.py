"""Training-time augmentation in plain numpy: the same on every Keras backend.

``augment_batch`` is called once per training batch by the training pipeline (a
``keras.utils.PyDataset`` over numpy arrays), so it must be fast for a batch of a few hundred 28x28
images and must not import any deep-learning framework.
"""

from __future__ import annotations

import numpy as np

SIZE = 28
CENTRE = (SIZE - 1) / 2


def warp(images: np.ndarray, matrices: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Bilinear resampling: out[y, x] = in[M @ (x, y) + o] for each image (zero outside).

    ``images`` (N, 28, 28) float32; ``matrices`` (N, 2, 2) and ``offsets`` (N, 2) map output pixel
    coordinates (x, y) to input coordinates.
    """
    n = images.shape[0]
    ys, xs = np.mgrid[0:SIZE, 0:SIZE].astype(np.float32)
    grid = np.stack([xs.ravel(), ys.ravel()])  # (2, 784)
    src = matrices.astype(np.float32) @ grid + offsets.astype(np.float32)[:, :, None]  # (N, 2, 784)
    sx, sy = src[:, 0], src[:, 1]
    x0, y0 = np.floor(sx), np.floor(sy)
    fx, fy = sx - x0, sy - y0
    x0, y0 = x0.astype(np.int32), y0.astype(np.int32)
    padded = np.zeros((n, SIZE + 2, SIZE + 2), np.float32)
    padded[:, 1:-1, 1:-1] = images
    flat = padded.reshape(n, -1)
    row = np.arange(n)[:, None]

    def at(yy, xx):
        yy = np.clip(yy + 1, 0, SIZE + 1)
        xx = np.clip(xx + 1, 0, SIZE + 1)
        return flat[row, yy * (SIZE + 2) + xx]

    out = (at(y0, x0) * (1 - fx) * (1 - fy) + at(y0, x0 + 1) * fx * (1 - fy)
           + at(y0 + 1, x0) * (1 - fx) * fy + at(y0 + 1, x0 + 1) * fx * fy)
    return out.reshape(n, SIZE, SIZE)


def random_affine(images: np.ndarray, rng: np.random.Generator, rotate: float = 0.17,
                  zoom: float = 0.1, shift: float = 2.0) -> np.ndarray:
    """Small random rotations (radians), zooms and shifts (pixels) about the image centre."""
    n = images.shape[0]
    angle = rng.uniform(-rotate, rotate, n)
    scale = rng.uniform(1 - zoom, 1 + zoom, n)
    move = rng.uniform(-shift, shift, (n, 2))
    cos, sin = np.cos(angle) / scale, np.sin(angle) / scale
    m = np.stack([np.stack([cos, -sin], -1), np.stack([sin, cos], -1)], 1)  # output -> input
    c = np.full((n, 2), CENTRE)
    offsets = c - np.einsum("nij,nj->ni", m, c + move)
    return warp(images, m, offsets)


def augment_batch(images: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One training batch, float32 (N, 28, 28) in [0, 1] -> an augmented copy, same shape."""
    return np.clip(random_affine(np.asarray(images, np.float32), rng), 0.0, 1.0)
