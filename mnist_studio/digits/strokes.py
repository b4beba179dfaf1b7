"""Strokes -> the 28x28 image a model reads, at MNIST's geometry (the canvas path).

MNIST digits were scaled so their longer side fits a 20 px box, anti-aliased, and placed so their
centre of mass sits at the centre of a 28x28 field. Here the pen's *trajectory* is scaled that way
and then drawn at MNIST's own stroke width, so the result depends neither on the pen width the
student chose nor on how large they wrote: a thick pen can no longer fill a small loop.

Pure numpy: no Qt, no TensorFlow. ``render`` is the one source of truth for the canvas, the Inside
tab, My digits, the pen-data converter and the tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

SIZE = 28
BOX = 20.0  # MNIST: the longer side of the digit's box
STROKE_WIDTH = 2.2  # pen width in 28x28 pixels (MNIST's median 2*area/perimeter, see preprocess.py)
EDGE = 1.0  # width of the anti-aliased edge ramp, in 28x28 pixels
MIN_STEP = 0.35  # points closer than this (28x28 px) to the previous one add nothing


def as_polylines(strokes: Iterable) -> list[np.ndarray]:
    """Each stroke as an (N, 2) float64 array of x, y (y down); pressure columns are dropped.

    Accepts arrays or lists of (x, y) / (x, y, pressure) tuples. Non-finite points are refused.
    """
    out = []
    for stroke in strokes:
        arr = np.asarray(stroke, dtype=np.float64)
        if arr.size == 0:
            continue
        if arr.ndim != 2 or arr.shape[1] < 2:
            raise ValueError(f"a stroke must be an (N, 2) or (N, 3) array of points, got shape {arr.shape}")
        arr = arr[:, :2]
        if not np.isfinite(arr).all():
            raise ValueError("a stroke has NaN or infinite coordinates")
        out.append(arr)
    return out


def _simplify(points: np.ndarray, min_step: float) -> np.ndarray:
    """Thin a polyline to about one point per ``min_step`` of arc length (keeps the first and last).

    Vectorised: a point is kept where the running arc length enters a new ``min_step`` bin, so a
    pen trace with hundreds of points costs one numpy pass, not a Python loop.
    """
    if len(points) <= 2:
        return points
    step = np.sqrt(((points[1:] - points[:-1]) ** 2).sum(axis=1))
    arc = np.concatenate([[0.0], np.cumsum(step)])
    bins = np.floor(arc / min_step)
    keep = np.flatnonzero(np.diff(bins, prepend=-1.0) > 0)
    if keep[-1] != len(points) - 1:
        keep = np.append(keep, len(points) - 1)
    return points[keep]


def _segments(polylines: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    starts, ends = [], []
    for p in polylines:
        if len(p) == 1:
            starts.append(p)
            ends.append(p)
        else:
            starts.append(p[:-1])
            ends.append(p[1:])
    return np.concatenate(starts), np.concatenate(ends)


def _split(a: np.ndarray, b: np.ndarray, max_len: float) -> tuple[np.ndarray, np.ndarray]:
    """Cut segments longer than ``max_len`` into equal pieces, so each piece touches a small fixed window."""
    length = np.sqrt(((b - a) ** 2).sum(axis=1))
    parts = np.maximum(1, np.ceil(length / max_len)).astype(int)
    if parts.max() == 1:
        return a, b
    seg = np.repeat(np.arange(len(a)), parts)
    first = np.repeat(np.cumsum(parts) - parts, parts)
    k = (np.arange(len(seg)) - first).astype(np.float64)
    frac0 = (k / parts[seg])[:, None]
    frac1 = ((k + 1) / parts[seg])[:, None]
    d = b[seg] - a[seg]
    return a[seg] + frac0 * d, a[seg] + frac1 * d


_GRID = np.stack(np.meshgrid(np.arange(SIZE, dtype=np.float64), np.arange(SIZE, dtype=np.float64)),
                 axis=-1).reshape(-1, 2)  # pixel centres (x, y), index coordinates
PIECE = 1.5  # longest piece a segment is cut into (28x28 px): bounds each piece's window
_PAD = 8  # margin around the field so a window never needs clipping


def _draw(a: np.ndarray, b: np.ndarray, width: float, edge: float) -> np.ndarray:
    """Ink of round-capped segments a->b, width ``width``, with a linear anti-aliased edge.

    Each segment is cut into pieces no longer than ``PIECE``; each piece is evaluated only on the
    small fixed window of pixels it can reach (7x7 at MNIST's width), and the field keeps the
    strongest ink any piece gives a pixel (the same as the ink of the nearest segment).
    """
    a, b = _split(a, b, PIECE)
    reach = width / 2 + edge
    win = int(np.ceil(PIECE + 2 * reach)) + 1
    pad = max(_PAD, win + 1)
    lo = np.floor(np.minimum(a, b) - reach).astype(np.int64)  # (M, 2) window corners, x y
    # Pieces wholly outside the field add nothing; drop them (and keep windows inside the padding).
    inside = (lo > -pad + 1).all(axis=1) & (lo < SIZE + pad - win - 1).all(axis=1)
    a, b, lo = a[inside], b[inside], lo[inside]
    out = np.zeros((SIZE + 2 * pad) * (SIZE + 2 * pad), np.float64)
    if len(a) == 0:
        return out.reshape(SIZE + 2 * pad, -1)[pad:-pad, pad:-pad]
    oy, ox = np.divmod(np.arange(win * win), win)  # window offsets
    px = lo[:, None, 0] + ox[None, :]  # (M, K)
    py = lo[:, None, 1] + oy[None, :]
    d = b - a
    length2 = (d * d).sum(axis=1)
    safe = np.where(length2 > 0, length2, 1.0)
    rx = px - a[:, None, 0]
    ry = py - a[:, None, 1]
    t = ((rx * d[:, None, 0] + ry * d[:, None, 1]) / safe[:, None]).clip(0.0, 1.0)
    t *= (length2 > 0)[:, None]
    nx = rx - t * d[:, None, 0]
    ny = ry - t * d[:, None, 1]
    dist = np.sqrt(nx * nx + ny * ny)
    ink = np.clip((width / 2 - dist) / edge + 0.5, 0.0, 1.0)
    flat = (py + pad) * (SIZE + 2 * pad) + (px + pad)
    hit = ink > 0
    np.maximum.at(out, flat[hit], ink[hit])
    return out.reshape(SIZE + 2 * pad, -1)[pad:-pad, pad:-pad]


def render(strokes: Iterable, width: float = STROKE_WIDTH, edge: float = EDGE,
           min_extent: float = 0.0) -> np.ndarray | None:
    """A (28, 28) float32 image in [0, 1] (white ink on black) from pen strokes, or ``None`` if blank.

    ``strokes``: polylines in any units with y growing downward (screen coordinates). The longer
    side of their joint box is scaled to 20 px; ``min_extent`` (same units as the strokes) stops a
    dot or a tiny scribble from being blown up to full size: a box smaller than that is scaled as if
    it were that large.
    """
    lines = as_polylines(strokes)
    if not lines:
        return None
    every = np.concatenate(lines)
    lo, hi = every.min(axis=0), every.max(axis=0)
    scale, centre = _fit(lo, hi, width, min_extent)
    placed = [_simplify((p - centre) * scale + (SIZE / 2 - 0.5), MIN_STEP) for p in lines]
    return _render_placed(*_segments(placed), width, edge)


def render_segments(a: np.ndarray, b: np.ndarray, width: float = STROKE_WIDTH, edge: float = EDGE,
                    min_extent: float = 0.0) -> np.ndarray | None:
    """``render`` for loose segments a[i] -> b[i] ((M, 2) arrays, any units, y down), e.g. the links
    between neighbouring skeleton pixels: no polylines to build, one vectorised pass."""
    a, b = np.asarray(a, np.float64).reshape(-1, 2), np.asarray(b, np.float64).reshape(-1, 2)
    if len(a) == 0:
        return None
    every = np.concatenate([a, b])
    lo, hi = every.min(axis=0), every.max(axis=0)
    scale, centre = _fit(lo, hi, width, min_extent)
    return _render_placed((a - centre) * scale + (SIZE / 2 - 0.5), (b - centre) * scale + (SIZE / 2 - 0.5),
                          width, edge)


def _fit(lo: np.ndarray, hi: np.ndarray, width: float, min_extent: float) -> tuple[float, np.ndarray]:
    extent = float(max(hi[0] - lo[0], hi[1] - lo[1], min_extent))
    inner = BOX - width  # the box holds the ink, not just the pen's centre line
    return (inner / extent if extent > 0 else 1.0), (lo + hi) / 2


def _render_placed(a: np.ndarray, b: np.ndarray, width: float, edge: float) -> np.ndarray | None:
    image = _draw(a, b, width, edge)
    total = image.sum()
    if total <= 0:
        return None
    # Centre of mass onto the field's centre (pixel index 14, as preprocess.to_mnist does): move
    # the vectors, not the pixels, so the shift is exact and nothing is resampled.
    cy, cx = (_GRID[:, 1] * image.ravel()).sum() / total, (_GRID[:, 0] * image.ravel()).sum() / total
    shift = np.array([SIZE / 2 - cx, SIZE / 2 - cy])
    if np.abs(shift).max() > 0.05:
        image = _draw(a + shift, b + shift, width, edge)
    return image.astype(np.float32)
