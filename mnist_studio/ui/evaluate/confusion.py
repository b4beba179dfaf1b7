"""ConfusionMatrixView: a 10x10 heatmap with counts; click a cell to see its samples."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget


class ConfusionMatrixView(QWidget):
    """Rows: true digit, columns: predicted digit. ``difference`` mode shows A - B in red/blue."""

    cellClicked = Signal(int, int)  # true digit, predicted digit

    def __init__(self, parent=None, object_name: str = "confusionMatrix"):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 240)
        self.setMouseTracking(True)
        self.matrix: np.ndarray | None = None
        self.difference = False
        self.selected: tuple[int, int] | None = None
        self._hover: tuple[int, int] | None = None
        self.row_label = "true digit"
        self.col_label = "predicted digit"

    def set_matrix(self, matrix, difference: bool = False) -> None:
        self.matrix = None if matrix is None else np.asarray(matrix, dtype=np.int64)
        self.difference = difference
        self.selected = None
        self.update()

    def set_axis_labels(self, rows: str, cols: str) -> None:
        self.row_label, self.col_label = rows, cols
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(460, 460)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    # -- geometry ---------------------------------------------------------------------------------
    def _layout(self):
        fm_h = self.fontMetrics().height()
        margin = fm_h * 2.6
        side = max(10.0, min(self.width() - margin, self.height() - margin))
        cell = side / 10
        left = margin + (self.width() - margin - side) / 2
        top = margin * 0.9
        return left, top, cell

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        left, top, cell = self._layout()
        col, row = int((x - left) // cell), int((y - top) // cell)
        if 0 <= row < 10 and 0 <= col < 10 and x >= left and y >= top:
            return row, col
        return None

    def cell_center(self, row: int, col: int):
        from PySide6.QtCore import QPoint

        left, top, cell = self._layout()
        return QPoint(int(left + (col + 0.5) * cell), int(top + (row + 0.5) * cell))

    # -- events -----------------------------------------------------------------------------------
    def mousePressEvent(self, event):
        hit = self.cell_at(event.position().x(), event.position().y())
        if hit is not None and self.matrix is not None:
            self.selected = hit
            self.update()
            self.cellClicked.emit(*hit)

    def mouseMoveEvent(self, event):
        hit = self.cell_at(event.position().x(), event.position().y())
        if hit != self._hover:
            self._hover = hit
            if hit is not None and self.matrix is not None:
                r, c = hit
                self.setToolTip(f"{self.row_label} {r} → {self.col_label} {c}: {int(self.matrix[r, c])}")
            self.update()

    def leaveEvent(self, event):
        self._hover = None
        self.update()

    # -- painting ---------------------------------------------------------------------------------
    def _color(self, value: int, row: int, col: int) -> QColor:
        m = self.matrix
        if self.difference:
            peak = max(1, int(np.abs(m).max()))
            t = min(1.0, abs(value) / peak)
            base = QColor("#2166ac") if value > 0 else QColor("#b2182b")
            return QColor.fromRgbF(1 - t * (1 - base.redF()), 1 - t * (1 - base.greenF()), 1 - t * (1 - base.blueF()))
        if row == col:
            peak = max(1, int(np.diag(m).max()))
            t = value / peak
            return QColor.fromRgbF(1 - 0.75 * t, 1 - 0.45 * t, 1 - 0.75 * t)  # greens: right answers
        off = m.copy()
        np.fill_diagonal(off, 0)
        peak = max(1, int(off.max()))
        t = (value / peak) ** 0.6 if value else 0.0
        return QColor.fromRgbF(1.0, 1 - 0.7 * t, 1 - 0.75 * t)  # oranges/reds: mistakes

    def paintEvent(self, event):
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        left, top, cell = self._layout()
        pal = self.palette()
        text_color = pal.windowText().color()
        font = QFont(self.font())
        painter.setFont(font)
        fm_h = self.fontMetrics().height()
        painter.setPen(text_color)
        painter.drawText(QRectF(left, 0, cell * 10, fm_h * 1.2), Qt.AlignmentFlag.AlignCenter, self.col_label)
        painter.save()
        painter.translate(fm_h * 0.2, top + cell * 5)
        painter.rotate(-90)
        painter.drawText(QRectF(-cell * 5, 0, cell * 10, fm_h * 1.2), Qt.AlignmentFlag.AlignCenter, self.row_label)
        painter.restore()
        for i in range(10):
            painter.drawText(QRectF(left + i * cell, top - fm_h * 1.2, cell, fm_h * 1.2),
                             Qt.AlignmentFlag.AlignCenter, str(i))
            painter.drawText(QRectF(left - fm_h * 1.3, top + i * cell, fm_h * 1.1, cell),
                             Qt.AlignmentFlag.AlignCenter, str(i))
        if self.matrix is None:
            painter.setPen(pal.placeholderText().color())
            painter.drawText(QRectF(left, top, cell * 10, cell * 10), Qt.AlignmentFlag.AlignCenter,
                             self.tr("Evaluate a model to see its confusion matrix"))
            painter.end()
            return
        count_font = QFont(font)
        count_font.setPixelSize(max(8, int(cell * 0.32)))
        painter.setFont(count_font)
        for r in range(10):
            for c in range(10):
                value = int(self.matrix[r, c])
                rect = QRectF(left + c * cell, top + r * cell, cell, cell)
                painter.fillRect(rect, self._color(value, r, c))
                painter.setPen(QColor("#111111"))
                if value or r == c:
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{value:+d}" if self.difference and value
                                     else str(value))
        painter.setPen(QColor(128, 128, 128, 90))
        for i in range(11):
            painter.drawLine(left, top + i * cell, left + 10 * cell, top + i * cell)
            painter.drawLine(left + i * cell, top, left + i * cell, top + 10 * cell)
        for spot, color, width in ((self._hover, pal.highlight().color(), 2), (self.selected, QColor("#000000"), 3)):
            if spot is not None:
                pen = painter.pen()
                pen.setColor(color)
                pen.setWidth(width)
                painter.setPen(pen)
                painter.drawRect(QRectF(left + spot[1] * cell, top + spot[0] * cell, cell, cell))
        painter.end()
