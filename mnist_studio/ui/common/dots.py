"""Scatter maps painted by numpy: a background, one colour per digit, square dots stamped at pixel places.

Shared by the live learning map (ui/learning/plots.MapView) and the Inside tab's map (ui/inside/embedding_view)."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

from mnist_studio.ui.look.colors import DIGIT_COLORS

DIGIT_RGB = np.array([[c.red(), c.green(), c.blue()] for c in DIGIT_COLORS], np.uint8)  # (10, 3)


def filled_rgb(w: int, h: int, color: QColor) -> np.ndarray:
    """An (h, w, 3) uint8 picture of one colour."""
    rgb = np.empty((h, w, 3), np.uint8)
    rgb[:] = (color.red(), color.green(), color.blue())
    return rgb


def stamp_dots(rgb: np.ndarray, pts: np.ndarray, colours: np.ndarray, size: int) -> None:
    """Paint a ``size`` x ``size`` square of ``colours[i]`` with its top-left corner at ``pts[i]`` (x, y ints);
    a square that would not lie wholly inside ``rgb`` is left out."""
    h, w = rgb.shape[:2]
    pts = np.asarray(pts, int).reshape(-1, 2)
    keep = (pts[:, 0] >= 0) & (pts[:, 0] <= w - size) & (pts[:, 1] >= 0) & (pts[:, 1] <= h - size)
    pts, colours = pts[keep], colours[keep]
    for dy in range(size):
        for dx in range(size):
            rgb[pts[:, 1] + dy, pts[:, 0] + dx] = colours
