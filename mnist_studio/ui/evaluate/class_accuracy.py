"""ClassAccuracyBars: accuracy per digit as ten vertical bars."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget


class ClassAccuracyBars(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("classAccuracy")
        self.values: np.ndarray | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(90)

    def set_values(self, values) -> None:
        self.values = None if values is None else np.asarray(values, dtype=float)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(400, 130)

    def paintEvent(self, event):
        painter = QPainter(self)
        pal = self.palette()
        fm_h = self.fontMetrics().height()
        w = self.width() / 10
        plot_h = self.height() - 2.4 * fm_h
        low = 0.9 if self.values is None else min(0.9, float(self.values.min()) - 0.02)
        for d in range(10):
            x = d * w
            painter.setPen(pal.windowText().color())
            painter.drawText(QRectF(x, self.height() - fm_h * 1.2, w, fm_h * 1.2), Qt.AlignmentFlag.AlignCenter,
                             str(d))
            if self.values is None:
                continue
            v = float(self.values[d])
            h = plot_h * max(0.0, (v - low) / (1 - low)) if low < 1 else 0
            rect = QRectF(x + w * 0.18, fm_h * 1.1 + plot_h - h, w * 0.64, h)
            painter.fillRect(rect, pal.highlight().color() if v >= 0.98 else pal.mid().color())
            painter.drawText(QRectF(x, fm_h * 1.1 + plot_h - h - fm_h * 1.1, w, fm_h), Qt.AlignmentFlag.AlignCenter,
                             f"{v:.1%}")
        painter.end()
