"""Grey-level morphology on the last two axes of an image or a batch of images (numpy only).

Dilation takes the largest value under the structuring element, erosion the smallest; pixels outside the
image are ignored (as if padded with the dtype's lowest value for a dilation, its highest for an erosion).
``cross`` is one 4-neighbour step (a 3x3 cross: training augmentation's stroke-width change); ``octagon``
grows or shrinks a stroke by a radius (preprocessing's pen-width normalisation).
"""

from __future__ import annotations

import numpy as np


def _fill(dtype, grow: bool):
    info = np.finfo(dtype) if np.issubdtype(dtype, np.floating) else np.iinfo(dtype)
    return info.min if grow else info.max


def cross(images: np.ndarray, grow: bool) -> np.ndarray:
    """Dilation (``grow``) or erosion with a 3x3 cross: each pixel and its four neighbours."""
    op = np.maximum if grow else np.minimum
    out = images.copy()
    op(out[..., 1:, :], images[..., :-1, :], out=out[..., 1:, :])
    op(out[..., :-1, :], images[..., 1:, :], out=out[..., :-1, :])
    op(out[..., :, 1:], images[..., :, :-1], out=out[..., :, 1:])
    op(out[..., :, :-1], images[..., :, 1:], out=out[..., :, :-1])
    return out


def _run(a: np.ndarray, half: int, axis: int, grow: bool) -> np.ndarray:
    """The max (min) over a 1-D window of ``2 * half + 1`` pixels along ``axis``."""
    if half <= 0:
        return a
    pad = [(0, 0)] * a.ndim
    pad[axis] = (half, half)
    padded = np.pad(a, pad, constant_values=_fill(a.dtype, grow))
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * half + 1, axis=axis)
    return (np.max if grow else np.min)(windows, axis=-1)


def octagon(images: np.ndarray, radius: int, grow: bool) -> np.ndarray:
    """Dilation (``grow``) or erosion with an octagon of the given radius (about a disk).

    An octagon is a square followed by a diamond, each separable into 1-D runs, so the cost grows with
    the radius, not its square: thick pens stay cheap on the live-drawing path."""
    if radius <= 0:
        return images
    square = max(1, int(round(radius * 0.6)))  # square half-width + diamond radius ~ a disk of `radius`
    out = _run(_run(images, square, -2, grow), square, -1, grow)
    for _ in range(radius - square):  # diamond: repeated 4-neighbour steps
        out = cross(out, grow)
    return out
