"""Colour scales for the Inside tab: numpy arrays -> QImage through lookup tables, and their legends."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from mnist_studio.ui.look.painted import RecordsPaintedText


def _lut(anchors: list[str], n: int = 256) -> np.ndarray:
    rgb = np.array([[QColor(a).red(), QColor(a).green(), QColor(a).blue()] for a in anchors], np.float32)
    pos = np.linspace(0, 1, len(anchors))
    t = np.linspace(0, 1, n)
    return np.stack([np.interp(t, pos, rgb[:, c]) for c in range(3)], axis=1).astype(np.uint8)


# Activations: 0 is black, the strongest is pale yellow (an inferno-like ramp, readable on a projector).
SEQUENTIAL = _lut(["#000004", "#3b0f70", "#8c2981", "#de4968", "#fe9f6d", "#fcfdbf"])
# Signed values (weights, saliency): blue below zero, white at zero, orange above (colour-blind safe pair).
DIVERGING = _lut(["#1b4f9c", "#5a9bd5", "#f4f4f4", "#f59a3c", "#b34700"])
POSITIVE = QColor("#ff8c1a")  # saliency: evidence for the digit
NEGATIVE = QColor("#2b8cff")  # saliency: evidence against it
SALIENCY = _lut(["#2b8cff", "#7a7a7a", "#ff8c1a"])  # against .. weak (the ink's grey) .. for
DIGIT_COLORS = [QColor(c) for c in ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")]


def rgb_image(rgb: np.ndarray) -> QImage:
    """(H, W, 3) uint8 -> an owned QImage."""
    rgb = np.ascontiguousarray(rgb, np.uint8)
    h, w = rgb.shape[:2]
    # RGB32 is what the backing store paints from without a per-paint conversion
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).convertToFormat(QImage.Format.Format_RGB32)


def sequential(a: np.ndarray, top: float) -> np.ndarray:
    idx = np.clip(np.asarray(a, np.float32) / (top if top > 0 else 1.0), 0, 1) * 255
    return SEQUENTIAL[idx.astype(np.uint8)]


def diverging(a: np.ndarray, scale: float) -> np.ndarray:
    idx = (np.clip(np.asarray(a, np.float32) / (scale if scale > 0 else 1.0), -1, 1) + 1) * 127.5
    return DIVERGING[idx.astype(np.uint8)]


def tile_grid(tiles: np.ndarray, cols: int, gap: int = 1, fill=60) -> np.ndarray:
    """(N, h, w, 3) -> one (rows*(h+gap)-gap, cols*(w+gap)-gap, 3) mosaic; ``fill`` (grey level or RGB)
    between tiles and in the unused cells of the last row."""
    n, h, w = tiles.shape[:3]
    rows = -(-n // cols)
    out = np.empty((rows * (h + gap) - gap, cols * (w + gap) - gap, 3), np.uint8)
    out[:] = fill
    for i in range(n):
        r, c = divmod(i, cols)
        out[r * (h + gap): r * (h + gap) + h, c * (w + gap): c * (w + gap) + w] = tiles[i]
    return out


def small_font(widget: QWidget, factor: float = 0.85) -> QFont:
    """A caption font: smaller than the app font, but never under 16 px when the app font is large
    (projector mode scales the app font)."""
    font = QFont(widget.font())
    base = QFontMetrics(QApplication.font()).height()
    px = int(round(base * factor))
    if base >= 20:
        px = max(px, 16 + 2)
    font.setPixelSize(max(px, 10))
    return font


class Legend(RecordsPaintedText, QWidget):
    """A colour bar with its end labels and a caption: ``sequential`` (0 .. max) or ``diverging`` (- 0 +)."""

    def __init__(self, kind: str = "sequential", parent=None, lut: np.ndarray | None = None):
        super().__init__(parent)
        self.kind = kind
        self.lut = lut if lut is not None else SEQUENTIAL if kind == "sequential" else DIVERGING
        self.low, self.high, self.caption = "", "", ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_text(self, low: str, high: str, caption: str = "") -> None:
        if (low, high, caption) != (self.low, self.high, self.caption):
            self.low, self.high, self.caption = low, high, caption
            self.updateGeometry()
            self.update()

    def sizeHint(self) -> QSize:
        fm = QFontMetrics(small_font(self))
        return QSize(200, fm.height() * 2 + 14)

    def minimumSizeHint(self) -> QSize:
        return QSize(80, self.sizeHint().height())

    def paintEvent(self, event):
        log = self.text_log
        log.begin()
        painter = QPainter(self)
        painter.setFont(small_font(self))
        fm = painter.fontMetrics()
        bar = rgb_image(np.repeat(self.lut[None], 2, axis=0))
        low_w = fm.horizontalAdvance(self.low) + 8
        high_w = fm.horizontalAdvance(self.high) + 8
        bar_rect = QRectF(low_w, 4, max(20, self.width() - low_w - high_w), fm.height() * 0.8)
        painter.drawImage(bar_rect, bar)
        painter.setPen(self.palette().windowText().color())
        log.draw(painter, QRectF(0, 0, low_w - 4, fm.height()), Qt.AlignmentFlag.AlignRight, self.low)
        log.draw(painter, QRectF(bar_rect.right() + 4, 0, high_w, fm.height()), Qt.AlignmentFlag.AlignLeft, self.high)
        log.draw(painter, QRectF(0, fm.height() + 6, self.width(), fm.height()), Qt.AlignmentFlag.AlignHCenter,
                         fm.elidedText(self.caption, Qt.TextElideMode.ElideRight, self.width()))
        painter.end()
