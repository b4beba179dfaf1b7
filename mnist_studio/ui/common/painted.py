"""PaintedText: text a widget paints itself, drawn through one helper that also records it.

Every custom-painted widget draws its words with ``TextLog.draw`` and exposes ``painted_texts()``: what it
drew during its last paint, where (widget coordinates), the rectangle the text needed and the font's pixel
size. The legibility test reads these records the same way it reads a QLabel's font and geometry.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontInfo, QPainter


@dataclass(frozen=True)
class PaintedText:
    text: str
    rect: QRectF  # the box the text was given, in widget coordinates
    needed: QRectF  # the box the text needs with the flags used (wider/taller than ``rect`` = clipped)
    pixel_size: int


class TextLog:
    """Draws text and remembers it until the next ``begin``."""

    def __init__(self):
        self.items: list[PaintedText] = []

    def begin(self) -> None:
        self.items = []

    def draw(self, painter: QPainter, rect: QRectF, flags, text: str) -> None:
        painter.drawText(rect, flags, text)
        if not text:
            return
        needed = painter.boundingRect(rect, flags, text)
        transform = painter.transform()
        self.items.append(PaintedText(text, transform.mapRect(QRectF(rect)), transform.mapRect(needed),
                                      QFontInfo(painter.font()).pixelSize()))


def fitting_pixel_size(font, texts, width: float, height: float, largest: int, smallest: int) -> int:
    """The largest pixel size from ``largest`` down to ``smallest`` at which every text fits width x height."""
    from PySide6.QtGui import QFont, QFontMetricsF

    f = QFont(font)
    for px in range(int(largest), int(smallest) - 1, -1):
        f.setPixelSize(max(1, px))
        fm = QFontMetricsF(f)
        if fm.height() <= height and all(fm.horizontalAdvance(t) <= width for t in texts):
            return px
    return int(smallest)
