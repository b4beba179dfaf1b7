"""ClassAccuracyBars: accuracy per digit as ten vertical bars."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from mnist_studio.ui.look import theme
from mnist_studio.ui.look.painted import TextLog, fitting_pixel_size


class ClassAccuracyBars(QWidget):
    """Each bar carries its accuracy in percent (the title says "%"); when the numbers do not fit side by side
    at a legible size they alternate between two heights, so neighbours never run together."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("classAccuracy")
        self.values: np.ndarray | None = None
        self.text_log = TextLog()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.refresh_minimum()

    def painted_texts(self):
        return list(self.text_log.items)

    def set_values(self, values) -> None:
        self.values = None if values is None else np.asarray(values, dtype=float)
        self.update()

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(theme.app_text_px())
        return font

    def refresh_minimum(self) -> None:
        self.setMinimumHeight(int(QFontMetricsF(self._font()).height() * 3.7))

    def sizeHint(self) -> QSize:
        return QSize(400, max(130, self.minimumHeight()))

    def paintEvent(self, event):
        log = self.text_log
        log.begin()
        painter = QPainter(self)
        pal = self.palette()
        font = self._font()
        painter.setFont(font)
        fm_h = QFontMetricsF(font).height()
        w = self.width() / 10
        texts = [f"{100 * v:.1f}" for v in self.values] if self.values is not None else []
        value_font = QFont(font)
        smallest = theme.min_text_px()
        px = fitting_pixel_size(font, texts, w * 0.96, fm_h * 2, theme.app_text_px(), smallest)
        value_font.setPixelSize(px)
        staggered = any(QFontMetricsF(value_font).horizontalAdvance(t) > w * 0.96 for t in texts)
        text_rows = 2 if staggered else 1
        plot_top = fm_h * (1.05 * text_rows)
        plot_h = max(4.0, self.height() - fm_h * 1.15 - plot_top)
        low = 0.9 if self.values is None else min(0.9, float(self.values.min()) - 0.02)
        center = Qt.AlignmentFlag.AlignCenter
        for d in range(10):
            x = d * w
            painter.setPen(pal.windowText().color())
            painter.setFont(font)
            log.draw(painter, QRectF(x, self.height() - fm_h * 1.1, w, fm_h * 1.1), center, str(d))
            if self.values is None:
                continue
            v = float(self.values[d])
            h = plot_h * max(0.0, (v - low) / (1 - low)) if low < 1 else 0
            rect = QRectF(x + w * 0.18, plot_top + plot_h - h, w * 0.64, h)
            painter.fillRect(rect, pal.highlight().color() if v >= 0.98 else pal.mid().color())
            painter.setFont(value_font)
            if staggered:  # even digits on the upper line, odd on the lower: each label gets two columns
                y = 0.0 if d % 2 == 0 else fm_h * 1.05
                box = QRectF(min(max(0.0, x - w / 2), self.width() - 2 * w), y, 2 * w, fm_h)
                log.draw(painter, box, center, texts[d])
            else:
                log.draw(painter, QRectF(x, 0, w, fm_h), center, texts[d])
        painter.end()
