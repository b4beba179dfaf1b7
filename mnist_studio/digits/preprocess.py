"""``to_mnist``: any grayscale digit image -> what an MNIST model expects.

MNIST digits were size-normalised to fit a 20x20 box (aspect ratio kept, anti-aliased) and then
placed in a 28x28 field so that their centre of mass sits at the centre. We do the same, and we
also normalise the stroke width, so that a digit drawn tiny with a thick pen or huge with a thin
one ends up with MNIST's ~2 px strokes. Pure numpy + Pillow: no TensorFlow here.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from mnist_studio.digits.morphology import octagon

SIZE = 28
BOX = 20
WORK = 80  # intermediate resolution (4x the 20 px box) for stroke-width work
INK = 0.35  # a pixel counts as ink above this intensity
TARGET_STROKE = 2.2  # median 2*area/perimeter of MNIST training digits, in 28x28 pixels
STROKE_AT_WORK = 7.2  # the width at WORK scale that measures as TARGET_STROKE after downscaling
MIN_CONTRAST = 0.2  # max - min below this is a flat (blank) image
BLANK_INK_FRACTION = 0.0005  # less ink than this (fraction of the image) is a blank canvas


def _normalise(image) -> np.ndarray:
    arr = np.asarray(image)
    if arr.ndim != 2:
        raise ValueError(f"to_mnist expects a 2-D grayscale image, got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError("to_mnist got an empty image")
    if arr.dtype == np.bool_:
        return arr.astype(np.float32)
    if not np.issubdtype(arr.dtype, np.number):
        raise ValueError(f"to_mnist expects numbers, got dtype {arr.dtype}")
    out = arr.astype(np.float32)
    if not np.isfinite(out).all():
        raise ValueError("to_mnist got NaN or infinite pixels")
    if np.issubdtype(arr.dtype, np.integer) or out.max() > 1.0:
        top = 255.0 if out.max() <= 255 else float(out.max())
        out /= top
    return np.clip(out, 0.0, 1.0)


def _ink_on_black(img: np.ndarray) -> np.ndarray:
    """Dark-on-light images (detected from the border) are inverted."""
    border = np.concatenate([img[0], img[-1], img[1:-1, 0], img[1:-1, -1]])
    return 1.0 - img if border.mean() > 0.5 else img


def _bbox(mask: np.ndarray) -> tuple[int, int, int, int] | None:
    rows = np.flatnonzero(mask.any(axis=1))
    if rows.size == 0:
        return None
    cols = np.flatnonzero(mask.any(axis=0))
    return rows[0], rows[-1] + 1, cols[0], cols[-1] + 1


def _resize(img: np.ndarray, height: int, width: int) -> np.ndarray:
    pil = Image.fromarray(img.astype(np.float32), mode="F")
    return np.asarray(pil.resize((width, height), Image.Resampling.LANCZOS), dtype=np.float32)


def stroke_width(img: np.ndarray) -> float:
    """Mean stroke width in pixels: 2 * ink area / ink perimeter (exact for long strokes)."""
    mask = img > INK
    area = mask.sum()
    perimeter = (mask[1:] != mask[:-1]).sum() + (mask[:, 1:] != mask[:, :-1]).sum()
    perimeter += mask[0].sum() + mask[-1].sum() + mask[:, 0].sum() + mask[:, -1].sum()
    return float(2.0 * area / perimeter) if perimeter else 0.0


def _fit_box(img: np.ndarray, box: int) -> np.ndarray:
    h, w = img.shape
    scale = box / max(h, w)
    return _resize(img, max(1, round(h * scale)), max(1, round(w * scale)))


def to_mnist(image) -> np.ndarray | None:
    """A (28, 28) float32 image in [0, 1], white ink on black, or ``None`` for a blank image.

    ``image`` is a 2-D array of any size, uint8 or float (0..1 or 0..255), in either polarity.
    """
    img = _normalise(image)
    if float(img.max() - img.min()) < MIN_CONTRAST:  # a flat image holds no digit
        return None
    img = _ink_on_black(img)
    mask = img > INK
    if mask.sum() < max(1.0, BLANK_INK_FRACTION * img.size):
        return None
    top, bottom, left, right = _bbox(mask)
    crop = img[top:bottom, left:right]

    # Stroke width: judge it at 4x the final box size, where the pen's width is measurable.
    # Eroding (dilating) by r shrinks (grows) the box too, so solve w -+ 2r = t * (L -+ 2r);
    # line ends and joints make that inexact, so re-measure and correct at most twice more.
    work = np.clip(_fit_box(crop, WORK), 0.0, 1.0)
    t = STROKE_AT_WORK / WORK
    for _ in range(3):
        width, longest = stroke_width(work), max(work.shape)
        if width > 1.25 * t * longest:
            work = octagon(work, max(1, int((width - t * longest) / (2 * (1 - t)))), grow=False)
        elif 0 < width < 0.75 * t * longest:
            work = octagon(work, max(1, round((t * longest - width) / (2 * (1 - t)))), grow=True)
        else:
            break
        bbox = _bbox(work > INK)
        if bbox is None:
            return None
        work = np.clip(_fit_box(work[bbox[0] : bbox[1], bbox[2] : bbox[3]], WORK), 0.0, 1.0)

    digit = np.clip(_fit_box(work, BOX), 0.0, 1.0)
    total = digit.sum()
    if total <= 0:
        return None
    ys, xs = np.indices(digit.shape)
    cy, cx = (ys * digit).sum() / total, (xs * digit).sum() / total
    # Place so the centre of mass lands on (14, 14), cropping anything pushed off the field.
    oy, ox = int(round(SIZE / 2 - cy)), int(round(SIZE / 2 - cx))
    out = np.zeros((SIZE, SIZE), np.float32)
    h, w = digit.shape
    y0, x0 = max(0, oy), max(0, ox)
    y1, x1 = min(SIZE, oy + h), min(SIZE, ox + w)
    if y1 > y0 and x1 > x0:
        out[y0:y1, x0:x1] = digit[y0 - oy : y1 - oy, x0 - ox : x1 - ox]
    return out
