"""Training-time augmentation in plain numpy: the same on every Keras backend.

``augment_batch`` is called once per training batch by the training pipeline (a
``keras.utils.PyDataset`` over numpy arrays), so it must be fast for a batch of a few hundred 28x28
images and must not import any deep-learning framework.
"""

from __future__ import annotations

import numpy as np

from mnist_studio.digits.morphology import cross

SIZE = 28
CENTRE = (SIZE - 1) / 2
_YS, _XS = np.mgrid[0:SIZE, 0:SIZE].astype(np.float32)  # every output pixel's (y, x), made once
_GRID = np.stack([_XS.ravel(), _YS.ravel()])  # (2, 784)


def warp(images: np.ndarray, matrices: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Bilinear resampling: out[y, x] = in[M @ (x, y) + o] for each image (zero outside).

    ``images`` (N, 28, 28) float32; ``matrices`` (N, 2, 2) and ``offsets`` (N, 2) map output pixel
    coordinates (x, y) to input coordinates.
    """
    src = matrices.astype(np.float32) @ _GRID + offsets.astype(np.float32)[:, :, None]  # (N, 2, 784)
    return _sample(images, src[:, 0], src[:, 1])


def random_affine(images: np.ndarray, rng: np.random.Generator, rotate: float = 0.17,
                  zoom: float = 0.1, shift: float = 2.0, slant: float = 0.0,
                  stretch: float = 0.0) -> np.ndarray:
    """Random rotations (radians), zooms, shifts (pixels), slants (x-shear) and aspect changes.

    ``slant`` is the largest shear of x by y (0.3 leans a digit about 17 degrees), the way people
    slant their writing; ``stretch`` changes the width/height ratio by up to that fraction.
    """
    n = images.shape[0]
    angle = rng.uniform(-rotate, rotate, n)
    scale = rng.uniform(1 - zoom, 1 + zoom, n)
    aspect = rng.uniform(1 - stretch, 1 + stretch, n) if stretch else np.ones(n)
    shear = rng.uniform(-slant, slant, n) if slant else np.zeros(n)
    move = rng.uniform(-shift, shift, (n, 2))
    # forward map (input -> output): rotation @ shear @ scale; warp wants its inverse
    cos, sin = np.cos(angle), np.sin(angle)
    rot = np.stack([np.stack([cos, -sin], -1), np.stack([sin, cos], -1)], 1)
    shr = np.zeros((n, 2, 2))
    shr[:, 0, 0], shr[:, 0, 1], shr[:, 1, 1] = 1.0, shear, 1.0
    scl = np.zeros((n, 2, 2))
    scl[:, 0, 0], scl[:, 1, 1] = scale * aspect, scale / aspect
    m = np.linalg.inv(rot @ shr @ scl)  # output -> input
    c = np.full((n, 2), CENTRE)
    offsets = c - np.einsum("nij,nj->ni", m, c + move)
    return warp(images, m, offsets)


def elastic(images: np.ndarray, rng: np.random.Generator, alpha: float = 1.5, grid: int = 4) -> np.ndarray:
    """Smooth random displacement (Simard et al. 2003 in spirit): a coarse ``grid`` x ``grid`` field of
    random offsets (pixels, up to ``alpha``), bilinearly upsampled to 28x28 and applied per image.
    Cheap: no Gaussian filtering of full-size noise."""
    n = images.shape[0]
    coarse = rng.uniform(-alpha, alpha, (n, 2, grid, grid)).astype(np.float32)
    pos = np.linspace(0, grid - 1, SIZE, dtype=np.float32)
    i0 = np.minimum(pos.astype(np.int32), grid - 2)
    f = pos - i0
    # separable bilinear upsampling: rows then columns
    rows = coarse[:, :, i0, :] * (1 - f)[None, None, :, None] + coarse[:, :, i0 + 1, :] * f[None, None, :, None]
    field = rows[..., i0] * (1 - f) + rows[..., i0 + 1] * f  # (n, 2, 28, 28)
    sx = _XS[None] + field[:, 0]
    sy = _YS[None] + field[:, 1]
    return _sample(images, sx.reshape(n, -1), sy.reshape(n, -1))


def _sample(images: np.ndarray, sx: np.ndarray, sy: np.ndarray) -> np.ndarray:
    """Bilinear lookup of each image at (sx, sy) (N, 784), zero outside.

    The four corners are read with ``take`` on flat indices into one zero-padded copy of the batch: faster
    than 2-D fancy indexing, the same values bit for bit (``benchmarks/augment_speed.py`` prints a checksum)."""
    n = images.shape[0]
    x0, y0 = np.floor(sx), np.floor(sy)
    fx, fy = sx - x0, sy - y0
    gx, gy = 1 - fx, 1 - fy
    x0, y0 = x0.astype(np.int32), y0.astype(np.int32)
    side = SIZE + 2
    padded = np.zeros((n, side, side), np.float32)
    padded[:, 1:-1, 1:-1] = images
    flat = padded.ravel()
    left, right = np.clip(x0 + 1, 0, side - 1), np.clip(x0 + 2, 0, side - 1)
    base = (np.arange(n, dtype=np.int32) * (side * side))[:, None]
    top = np.clip(y0 + 1, 0, side - 1) * side + base
    bottom = np.clip(y0 + 2, 0, side - 1) * side + base
    out = (flat.take(top + left) * gx * gy + flat.take(top + right) * fx * gy
           + flat.take(bottom + left) * gx * fy + flat.take(bottom + right) * fx * fy)
    return out.reshape(n, SIZE, SIZE)


def stroke_width(images: np.ndarray, rng: np.random.Generator, p_thicker: float = 0.2,
                 p_thinner: float = 0.2) -> np.ndarray:
    """Vary the stroke width: grey dilation for some images, erosion for others, half-strength
    blends for a finer step. An erosion that would wipe a faint digit out is skipped."""
    u = rng.uniform(size=images.shape[0])
    mix = rng.uniform(0.5, 1.0, images.shape[0]).astype(np.float32)[:, None, None]
    out = images.copy()
    thick = u < p_thicker
    if thick.any():
        out[thick] = images[thick] + mix[thick] * (cross(images[thick], grow=True) - images[thick])
    thin = (u >= p_thicker) & (u < p_thicker + p_thinner)
    if thin.any():
        eroded = images[thin] + mix[thin] * (cross(images[thin], grow=False) - images[thin])
        keep = eroded.reshape(len(eroded), -1).sum(axis=1) > 0.4 * images[thin].reshape(len(eroded), -1).sum(axis=1)
        idx = np.flatnonzero(thin)[keep]
        out[idx] = eroded[keep]
    return out


def augment_batch(images: np.ndarray, rng: np.random.Generator, strength: float = 1.0) -> np.ndarray:
    """One training batch, float32 (N, 28, 28) in [0, 1] -> an augmented copy, same shape.

    What drawn digits do and MNIST rarely has: varied stroke width, slant, a wider range of
    rotations and proportions, wobbly (elastic) strokes, and placement a pixel or two off.
    ``strength`` scales every range (0 = identity); 1.0 is what the shipped models trained with.
    """
    x = np.asarray(images, np.float32)
    if strength <= 0 or len(x) == 0:
        return x.copy()
    x = stroke_width(x, rng, p_thicker=0.2 * strength, p_thinner=0.15 * strength)
    elastic_on = rng.uniform(size=len(x)) < 0.5 * min(strength, 1.0)
    if elastic_on.any():
        x[elastic_on] = elastic(x[elastic_on], rng, alpha=1.2 * strength)
    x = random_affine(x, rng, rotate=0.2 * strength, zoom=0.12 * strength, shift=1.5 * strength,
                      slant=0.3 * strength, stretch=0.15 * strength)
    return np.clip(x, 0.0, 1.0)
