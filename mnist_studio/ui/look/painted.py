"""PaintedText: text a widget paints itself, drawn through one helper that also records it.

Every custom-painted widget draws its words with ``TextLog.draw`` and exposes ``painted_texts()``: what it
drew during its last paint, where (widget coordinates), the rectangle the text needed and the font's pixel
size. The legibility test reads these records the same way it reads a QLabel's font and geometry.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontInfo, QFontMetricsF, QPainter


@dataclass(frozen=True)
class PaintedText:
    text: str
    rect: QRectF  # the box the text was given, in widget coordinates
    needed: QRectF  # the box the text needs with the flags used (wider/taller than ``rect`` = clipped)
    pixel_size: int


class TextLog:
    """Draws text and remembers it until the next ``begin``.

    A paint only notes what it drew (the text, its box, the flags, the font's metrics on the painter's device,
    the painter's transform); ``items`` measures them when read. Measuring at every paint (a second layout of
    each text) cost the Draw tab's live update ~0.2 ms a mouse move on a 2-core laptop (its bars draw 20
    texts a paint), for records only the tests read."""

    def __init__(self):
        self._drawn: list[tuple] = []

    def begin(self) -> None:
        self._drawn = []

    def draw(self, painter: QPainter, rect: QRectF, flags, text: str) -> None:
        painter.drawText(rect, flags, text)
        self.note(painter, rect, flags, text)

    def note(self, painter: QPainter, rect: QRectF, flags, text: str) -> None:
        """Record a text drawn in another way (a cached layer, a QStaticText) as ``draw`` would have drawn it,
        with ``painter`` set up as for ``draw``."""
        self.note_many(painter, ((rect, flags, text),))

    def note_many(self, painter: QPainter, texts) -> None:
        """``note`` for many (rect, flags, text) drawn with the painter's current font and transform."""
        font = painter.font()
        last = self._drawn[-1] if self._drawn else None
        metrics = last[3] if last is not None and last[5] == font else QFontMetricsF(font, painter.device())
        transform = painter.transform()
        self._drawn.extend((text, QRectF(rect), flags, metrics, transform, font) for rect, flags, text in texts if text)

    @property
    def items(self) -> list[PaintedText]:
        """What the last paint drew, measured now."""
        out = []
        for text, rect, flags, metrics, transform, font in self._drawn:
            needed = metrics.boundingRect(rect, _int_flags(flags), text)
            out.append(PaintedText(text, transform.mapRect(rect), transform.mapRect(needed),
                                   QFontInfo(font).pixelSize()))
        return out


def _int_flags(flags) -> int:
    return flags if isinstance(flags, int) else int(getattr(flags, "value", flags))


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


class RecordsPaintedText:
    """Mixin for a widget that paints its own text: ``self.text_log`` (made on first use) and
    ``painted_texts()``; its paintEvent calls ``self.text_log.begin()`` and draws with ``self.text_log.draw``."""

    @property
    def text_log(self) -> TextLog:
        log = getattr(self, "_painted_text_log", None)
        if log is None:
            log = self._painted_text_log = TextLog()
        return log

    def painted_texts(self) -> list[PaintedText]:
        return list(self.text_log.items)


def fit_wrapped_font(painter: QPainter, rect: QRectF, flags, text: str, smallest: int) -> None:
    """Shrink the painter's font (never below ``smallest`` px) until ``text``, word-wrapped, fits ``rect``."""
    from PySide6.QtGui import QFont

    font = QFont(painter.font())
    px = QFontInfo(font).pixelSize()
    while px > smallest:
        needed = painter.boundingRect(QRectF(rect), flags, text)
        if needed.width() <= rect.width() + 0.5 and needed.height() <= rect.height() + 0.5:
            return
        px -= 1
        font.setPixelSize(px)
        painter.setFont(font)
