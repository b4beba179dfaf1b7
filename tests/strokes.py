"""Turn MNIST images into pen strokes (skeleton polylines) and replay them as real Qt mouse events."""

from __future__ import annotations

import numpy as np


def thin(binary: np.ndarray) -> np.ndarray:
    """Zhang-Suen thinning of one small binary image (``mnist_studio.digits.skeleton.thin`` on a batch of one)."""
    from mnist_studio.digits.skeleton import thin as thin_batch

    return thin_batch(np.asarray(binary)[None])[0]


def polylines(skeleton: np.ndarray) -> list[list[tuple[int, int]]]:
    """Greedy walk over 8-connected skeleton pixels -> polylines of (y, x)."""
    remaining = {(int(y), int(x)) for y, x in zip(*np.nonzero(skeleton), strict=True)}

    def nbrs(p):
        y, x = p
        return [(y + dy, x + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                if (dy or dx) and (y + dy, x + dx) in remaining]

    lines = []
    while remaining:
        # start at an end point (one neighbour) when there is one
        start = min(remaining, key=lambda p: (len(nbrs(p)) != 1, p))
        line = [start]
        remaining.discard(start)
        while True:
            nxt = nbrs(line[-1])
            if not nxt:
                break
            y, x = line[-1]
            nxt.sort(key=lambda q: abs(q[0] - y) + abs(q[1] - x))  # prefer 4-neighbours
            line.append(nxt[0])
            remaining.discard(nxt[0])
        lines.append(line)
    return lines


def digit_strokes(image28: np.ndarray, up: int = 3, threshold: int = 128) -> list[list[tuple[float, float]]]:
    """Strokes in 0..1 image coordinates (x, y) tracing the digit's skeleton.

    The digit is upsampled first so that small loops (the eye of a 9) keep their hole when thinned.
    """
    from PIL import Image

    size = 28 * up
    big = np.asarray(Image.fromarray(np.asarray(image28, np.uint8)).resize((size, size), Image.Resampling.BILINEAR))
    skeleton = thin(big > threshold)
    out = []
    for line in polylines(skeleton):
        if len(line) >= 2 or len(skeleton.nonzero()[0]) == 1:
            out.append([((x + 0.5) / size, (y + 0.5) / size) for y, x in line[::up] + line[-1:]])
    return out


def replay(canvas, strokes, scale=1.0, offset=(0.0, 0.0), substeps=3):
    """Draw strokes on the canvas with real mouse events. ``scale``/``offset`` in canvas fractions."""
    from PySide6.QtCore import QPoint, QPointF, Qt  # here, so the numpy helpers work without Qt (JAX CI)
    from PySide6.QtTest import QTest

    side = min(canvas.width(), canvas.height())
    ox = (canvas.width() - side) / 2
    oy = (canvas.height() - side) / 2

    def to_widget(pt):
        x = 0.5 + (pt[0] - 0.5) * scale + offset[0]
        y = 0.5 + (pt[1] - 0.5) * scale + offset[1]
        return QPointF(ox + x * side, oy + y * side).toPoint()

    for stroke in strokes:
        points = [to_widget(p) for p in stroke]
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
        prev = points[0]
        for p in points[1:]:
            for k in range(1, substeps + 1):
                q = QPoint(prev.x() + (p.x() - prev.x()) * k // substeps, prev.y() + (p.y() - prev.y()) * k // substeps)
                QTest.mouseMove(canvas, q)
            prev = p
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])


def enclosed_background(image: np.ndarray, ink: float = 0.5) -> int:
    """Background pixels (below ``ink``) that cannot reach the border: the size of the image's holes."""
    bg = np.asarray(image) < ink
    seen = np.zeros_like(bg)
    h, w = bg.shape
    stack = [(y, x) for y in range(h) for x in (0, w - 1)] + [(y, x) for x in range(w) for y in (0, h - 1)]
    while stack:
        y, x = stack.pop()
        if 0 <= y < h and 0 <= x < w and bg[y, x] and not seen[y, x]:
            seen[y, x] = True
            stack += [(y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)]
    return int((bg & ~seen).sum())
